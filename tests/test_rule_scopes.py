"""A rule of the file scope finds in a file what that file and the programme hold, nothing else.

``acia valider`` keeps their findings per file between runs
(``acia.check.kept``) and, after an edit, runs them on the programme and the
changed files only: that is right only if each such rule, run on the
programme and one file, finds in that file exactly what it finds there on the
whole instance. Checked here on every case of ``tests/cases`` and on the
shipped instances, rule by rule.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from conftest import CASES, NOW, REPO, SNAPSHOT, build_instance, copy_shipped

from acia.check import check_instance, parse_now, rules
from acia.check.context import Context

PER_FILE = [module for module in rules.MODULES if rules.per_file(module)]


def _instances():
    yield pytest.param(None, REPO, SNAPSHOT, id="corse")
    yield pytest.param(None, REPO / "examples" / "idf-2021", NOW, id="idf")
    for folder in sorted(CASES.glob("ACIA*/*")):
        if folder.is_dir():
            now = parse_now((folder / "maintenant.txt").read_text(encoding="utf-8")) if (folder / "maintenant.txt").exists() else NOW
            yield pytest.param(folder, None, now, id=f"{folder.parent.name}-{folder.name}")


def _root(tmp_path: Path, case: Path | None, shipped: Path | None) -> Path:
    return build_instance(tmp_path / "instance", case) if case is not None else copy_shipped(tmp_path, shipped)


@pytest.mark.parametrize(("case", "shipped", "now"), list(_instances()))
def test_each_file_rule_finds_the_same_on_one_file_as_on_the_whole_instance(tmp_path, case, shipped, now):
    context = check_instance(_root(tmp_path, case, shipped), now=now, use_cache=False).context
    programme = [document for document in context.documents if document.kind == "programme"]
    others = [document for document in context.documents if document.kind != "programme"]
    alone = [Context(documents=programme + [document], programme=context.programme, now=context.now, root=context.root, schemas=context.schemas) for document in others]
    programme_only = Context(documents=programme, programme=context.programme, now=context.now, root=context.root, schemas=context.schemas)
    rels = {document.rel for document in context.documents}
    for module in PER_FILE:
        whole = sorted(module.check(context))
        assert {finding.file for finding in whole} <= rels, f"{module.RULE.id} signale un fichier qui n'est pas lu"
        one_by_one = [finding for finding in module.check(programme_only) if finding.file in {document.rel for document in programme}]
        for document, partial in zip(others, alone, strict=True):
            one_by_one += [finding for finding in module.check(partial) if finding.file == document.rel]
        assert sorted(one_by_one) == whole, f"{module.RULE.id} ({module.__name__}) lit d'autres fichiers que le sien et le programme : portée « instance » ?"


def test_a_rule_that_reads_the_date_of_the_run_or_the_decision_is_not_kept_per_file():
    for module in PER_FILE:
        source = inspect.getsource(module)
        for reading in ("ctx.now", "ctx.followup.", "ctx.followup ", "ctx.proposal", "ctx.model.selection"):
            assert reading not in source, f"{module.RULE.id} lit {reading} : READS_NOW = True ou portée « instance »"
    assert not rules.per_file(rules.MODULES[rules.NAMES.index("future_dates")])
