"""The validation pipeline: load, check against schemas, apply semantic rules.

``validate(...)`` is the Python API behind ``acia valider`` (``--format json``
prints exactly ``validate(...).as_dict()``); ``check_instance(...)`` adds the
context and the selection proposal, for the commands that build on validated
data (``acia matrice``, ``build``, ``serve``, ``documents``, ``new``).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from acia import forking, moments
from acia.check import rules
from acia.check.context import Context
from acia.check.kept import KeptFindings
from acia.check.schema import SchemaSet, check_documents
from acia.findings import Finding, Report
from acia.load.documents import KINDS, MISSING_FILE, Document, Loaded, kind_of, load_instance
from acia.model import selection
from acia.model.programme import read_programme
from acia.model.selection import Proposal

NOW_VARIABLE = "ACIA_MAINTENANT"
_PARIS = ZoneInfo("Europe/Paris")


def parse_now(text: str) -> datetime:
    """Read a "now" given as a date (end of that day, Paris time) or a date and time (see acia.moments).

    Raises ValueError with a French message.
    """
    moment, timed = moments.read(text)
    if not timed:
        return datetime.combine(moment.date(), time(23, 59, 59), tzinfo=_PARIS)
    return moment if moment.tzinfo else moment.replace(tzinfo=_PARIS)


def default_now() -> datetime:
    configured = os.environ.get(NOW_VARIABLE)
    if configured:
        return parse_now(configured)
    return datetime.now(UTC)


@dataclass(frozen=True)
class Checked:
    """What the stages that build on validated data start from (``acia matrice``, ``build``, ``documents``…).

    ``proposal`` is computed once, on first use: the decision rules' own when
    they ran, else computed then. It is not computed beforehand, because the
    commands that stop on invalid data never need it, and a programme with
    errors may not allow computing it.
    """

    report: Report  # narrowed to ``only`` when given
    context: Context  # the schema-valid documents and programme
    _findings: list[Finding] = field(repr=False, compare=False)  # every finding, on every file

    @functools.cached_property
    def proposal(self) -> Proposal | None:
        """The selection proposal; None without a schema-valid programme."""
        if self.context.proposal is None and self.context.model is not None:
            self.context.proposal = selection.proposal_for(self.context.model, self._findings)
        return self.context.proposal


def validate(root: Path, now: datetime | None = None, schemas: SchemaSet | None = None, only: list[str] | None = None, use_cache: bool = True) -> Report:
    """Check every data file of the instance at ``root``; never raises for bad input.

    ``only`` (paths relative to ``root``, as the pre-commit hook passes the
    changed files) narrows the report, not the reading: every data file is
    still read and checked, so that the rules that compare files (scope
    "instance": duplicate identifiers, derogations, decisions…) see the whole
    instance and report wherever they find something; reading, schema and
    single-file findings are kept for the given files only. Given paths that
    are not data files (README.md, a deleted file) are ignored. ``use_cache``
    False reads and checks every file anew, ignoring ``build/.cache``.
    """
    return _check(root, now, schemas, only, use_cache)[0]


def check_instance(root: Path, now: datetime | None = None, schemas: SchemaSet | None = None, only: list[str] | None = None, use_cache: bool = True) -> Checked:
    """``validate``, plus the context and the selection proposal, for the stages that build on validated data.

    ``only`` narrows the report as in ``validate``; the proposal is always
    computed from the findings on every file.
    """
    return Checked(*_check(root, now, schemas, only, use_cache))


def _check(root: Path, now: datetime | None, schemas: SchemaSet | None, only: list[str] | None, use_cache: bool = True) -> tuple[Report, Context, list[Finding]]:
    """The report (narrowed to ``only``), the context, and every finding, sorted.

    What the schema and the rules of one file found in a file unchanged since
    the last run is read from ``build/.cache`` (``acia.check.kept``); the other
    files are checked, and the rules that compare files always run on all.
    """
    root = Path(root)
    loaded = load_instance(root, use_cache=use_cache)
    schemas = schemas or SchemaSet()
    programme_documents = [document for document in loaded.documents if document.kind == "programme"]
    kept = KeptFindings.of(root, schemas, programme_documents[0] if programme_documents else None) if use_cache else None
    found = {document.rel: kept.get(document) if kept is not None else None for document in loaded.documents}
    fresh = [document for document in loaded.documents if found[document.rel] is None]
    schema_findings, failed = check_documents(schemas, fresh)
    for entry in found.values():
        if entry is not None:
            schema_findings += entry[1]
    failed |= {rel for rel, entry in found.items() if entry is not None and entry[0]}
    valid = [document for document in loaded.documents if document.rel not in failed]
    programme_documents = [document for document in valid if document.kind == "programme"]
    programme = read_programme(programme_documents[0]) if programme_documents else None
    context = Context(documents=valid, programme=programme, now=now or default_now(), root=root, schemas=schemas)
    file_findings = _file_rules(context, fresh, len(fresh) == len(loaded.documents), programme_documents, schema_findings, failed, kept)
    for entry in found.values():
        if entry is not None:
            file_findings += entry[2]
    findings = sorted(set(loaded.findings + schema_findings + file_findings + rules.run(context, kept=False)))
    if kept is not None:
        kept.save()
    if context.model is not None and context.model.selection is not None and not _has_errors(findings, DECISION_INPUTS, loaded):
        # The decision rules compare the decision with the proposal, which
        # depends on the findings of every other rule: it is computed here,
        # once, and kept in the context for the stages after validation.
        context.proposal = selection.proposal_for(context.model, findings)
        findings = sorted(set(findings + rules.run(context, proposal_rules=True)))
    report = Report(findings, loaded.files_seen, sorted(failed))
    if only is not None:
        report = _narrow(report, root, set(only), programme_usable=programme is not None)
    return report, context, findings


PARALLEL_FROM = 200  # files to check from which sharing them between cores pays for forking


def _run_file_rules(context: Context) -> list[Finding]:
    return rules.run(context, kept=True)


def _file_rules(
    context: Context, fresh: list[Document], everything_fresh: bool, programme: list[Document], schema_findings: list[Finding], failed: set[str], kept: KeptFindings | None
) -> list[Finding]:
    """The findings of the rules of one file in the ``fresh`` files (not found in the cache), which are then kept.

    Those rules read a file and the programme only: they run on a context
    of the programme and the fresh files, the same findings in those files
    as on the whole instance (``tests/test_rule_scopes.py``).
    """
    if not fresh:
        return []
    rels = {document.rel for document in fresh}
    programme_files = {document.rel for document in programme}
    checked = [document for document in context.documents if document.rel in rels and document.rel not in programme_files]
    shares = min(forking.cores(), len(checked) // (PARALLEL_FROM // 2))
    if shares >= 2 and forking.can_fork():
        # Many files to check (a first run): a share of them on each core,
        # each with the programme, whose own findings come from the first share only.
        contexts = [Context(documents=programme + checked[start::shares], programme=context.programme, now=context.now, root=context.root, schemas=context.schemas) for start in range(shares)]
        found = forking.map_shares(_run_file_rules, contexts)
        findings = [finding for index, share in enumerate(found) for finding in share if finding.file in rels and (index == 0 or finding.file not in programme_files)]
    elif everything_fresh:
        findings = rules.run(context, kept=True)  # a first run: no smaller context to build
    else:
        documents = [document for document in context.documents if document.rel in rels or document.rel in programme_files]
        partial = Context(documents=documents, programme=context.programme, now=context.now, root=context.root, schemas=context.schemas)
        findings = [finding for finding in rules.run(partial, kept=True) if finding.file in rels]
    if kept is not None:
        by_file: dict[str, tuple[list[Finding], list[Finding]]] = {rel: ([], []) for rel in rels}
        for finding in schema_findings:
            if finding.file in by_file:
                by_file[finding.file][0].append(finding)
        for finding in findings:
            if finding.file in by_file:
                by_file[finding.file][1].append(finding)
        for document in fresh:
            schema, local = by_file[document.rel]
            kept.put(document, (document.rel in failed, schema, local))
    return findings


def _narrow(report: Report, root: Path, wanted: set[str], programme_usable: bool) -> Report:
    """The report on the ``wanted`` files, plus every finding of the rules that compare files.

    When the programme cannot be used (missing, unreadable or invalid), its
    findings are kept too: no rule could check the given files against it.
    """
    from acia.check.catalogue import by_id

    shown = set(wanted)
    if not programme_usable:
        shown.add(str(KINDS["programme"]["pattern"]))

    def kept(finding: Finding) -> bool:
        if finding.file in shown or finding.rule == MISSING_FILE.id:
            return True
        try:
            return by_id(finding.rule).scope == "instance"
        except KeyError:
            return True  # a finding of an unknown rule is never hidden

    return Report(
        [finding for finding in report.findings if kept(finding)],
        sum(1 for rel in wanted if kind_of(rel) is not None and (root / rel).is_file()),
        [rel for rel in report.rules_skipped if rel in shown],
    )


# The files the proposal is computed from. While one of them has an error, the
# proposal says nothing reliable, and comparing the decision with it would
# only repeat that error as findings on data/selection.yml (a cascade): the
# decision rules wait until those files are fixed.
DECISION_INPUTS = ("programme", "derogations", "application", "evaluation", "selection")


def _has_errors(findings: list[Finding], kinds: tuple[str, ...], loaded: Loaded) -> bool:
    """Whether files of these kinds have errors: then the decision cannot be compared."""
    files = {document.rel for document in loaded.documents if document.kind in kinds}
    return any(finding.is_error and finding.file in files for finding in findings)
