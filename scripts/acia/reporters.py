"""Render a validation report as French text, JSON, GitHub workflow annotations, a GitLab Code Quality report or a Markdown summary.

Reporters only format; they receive the findings and a function that turns
a file path relative to the instance into the path to show (relative to the
current directory, so that terminals and GitHub can link to it).

Values quoted in findings come from the data: the text reporter shows their
control characters and line breaks as escapes (``\\n``, ``\\x1b``…, see
``visible``), the GitHub reporter encodes them as GitHub's workflow commands
require (``%25``, ``%0D``, ``%0A``, and ``%3A``, ``%2C`` in properties).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable

from acia import anchors, french
from acia.findings import Report

_COLOURS = {"erreur": "\033[31m", "avertissement": "\033[33m"}
_RESET = "\033[0m"
_DIM = "\033[2m"


# C0 and C1 controls, DEL, line and paragraph separators, bidirectional controls.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(value: object) -> str:
    """A value on one line, every control character shown as an escape: ``\\n``, ``\\r``, ``\\t``, ``\\x1b``, ``\\u202e``.

    Messages quote the data; printed raw, a newline in a value would let it
    start a line of its own, such as a GitHub workflow command (``::error …``)
    read from the output of ``tasks.py build`` or the pre-commit hook, and an
    escape sequence would drive the terminal. The escape is for display only.
    """

    def shown(match: re.Match) -> str:
        character = match.group(0)
        if character in _NAMED:
            return _NAMED[character]
        return f"\\x{ord(character):02x}" if ord(character) < 0x100 else f"\\u{ord(character):04x}"

    return _UNPRINTABLE.sub(shown, str(value))


def text(report: Report, display: Callable[[str], str], colour: bool = False) -> str:
    """One line per finding and one for its hint; every value goes through ``visible`` (no raw control character or line break)."""
    lines = []
    for finding in report.findings:
        severity = finding.severity
        if colour:
            severity = f"{_COLOURS[finding.severity]}{severity}{_RESET}"
        field = f" ({visible(finding.field)})" if finding.field else ""
        lines.append(f"{visible(display(finding.file))}:{finding.line}:{finding.column}: {severity} [{visible(finding.rule)}] {visible(finding.message)}{field}")
        hint = f"  → {visible(finding.hint)}"
        lines.append(f"{_DIM}{hint}{_RESET}" if colour else hint)
    if report.rules_skipped:
        shown = ", ".join(visible(display(rel)) for rel in report.rules_skipped)
        lines.append(f"Règles métier non appliquées à {shown} : corrigez d'abord les erreurs de schéma ci-dessus, puis relancez.")
    verdict = "valide" if report.ok else "invalide"
    lines.append(
        f"{french.plural(report.files, 'fichier')} {french.agree(report.files, 'vérifié')} : {french.plural(report.errors, 'erreur')}, {french.plural(report.warnings, 'avertissement')} — {verdict}."
    )
    return "\n".join(lines) + "\n"


def as_json(report: Report) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(report: Report, display: Callable[[str], str]) -> str:
    """Workflow commands: GitHub shows each one on the faulty line of the pull request."""
    from acia.check.catalogue import by_id  # the catalogue loads every rule: only reporters that print titles need it

    lines = []
    for finding in report.findings:
        command = "error" if finding.is_error else "warning"
        title = f"{finding.rule} {by_id(finding.rule).title}"
        properties = f"file={_escape_property(display(finding.file))},line={finding.line},col={finding.column},title={_escape_property(title)}"
        lines.append(f"::{command} {properties}::{_escape_data(finding.message + '. ' + finding.hint)}")
    lines.append(f"{french.plural(report.files, 'fichier')} {french.agree(report.files, 'vérifié')} : {french.plural(report.errors, 'erreur')}, {french.plural(report.warnings, 'avertissement')}.")
    return "\n".join(lines) + "\n"


# GitLab shows a Code Quality finding with one of these severities.
_CODE_QUALITY_SEVERITY = {"erreur": "major", "avertissement": "minor"}


def code_quality(report: Report, display: Callable[[str], str]) -> str:
    """GitLab's Code Quality report (a subset of Code Climate's issue format): each finding shown in the merge request, on its line.

    The fingerprint identifies a finding across runs (rule, file, field and
    message, not the line: a line added above it does not make it new).
    """
    import hashlib

    issues = []
    for finding in report.findings:
        identity = "\0".join((finding.rule, finding.file, finding.field, finding.message))
        issues.append(
            {
                "description": f"{finding.rule} : {finding.message}. {finding.hint}",
                "check_name": finding.rule,
                "fingerprint": hashlib.sha256(identity.encode("utf-8")).hexdigest(),
                "severity": _CODE_QUALITY_SEVERITY.get(finding.severity, "major"),
                "location": {"path": display(finding.file), "lines": {"begin": finding.line}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


# Characters that would make a table cell's text do something in GitHub Markdown:
# emphasis, code, links, table columns, strikethrough, maths ($…$), escapes.
_CELL_SPECIALS = re.compile(r"([\\`*_\[\]|~$])")


def _cell(value: str) -> str:
    """Inert text for one table cell: HTML and Markdown escaped, line breaks as <br>."""
    lines = str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(_CELL_SPECIALS.sub(r"\\\1", html.escape(line, quote=False)) for line in lines)


def _linked(text: str, address: str | None) -> str:
    """A Markdown link, or the text alone; an address with spaces or brackets is written between < >."""
    if not address:
        return text
    return f"[{text}](<{address}>)" if re.search(r"[\s()]", address) else f"[{text}]({address})"


def markdown_summary(
    report: Report,
    display: Callable[[str], str],
    reference: str = "docs/reference-controles.md",
    source: Callable[[str, int | None], str | None] | None = None,
    heading: str = "Contrôle des données",
    limit: int = 500,
) -> str:
    """A French summary in GitHub Markdown (job summary of a pull request): verdict, counts, one table per file.

    Each problem shows its line, code, message and how to fix it; the code
    links to its section of the reference page at ``reference`` (GitHub
    anchors). With ``source`` (displayed path, line → address or None), files
    and lines link to the repository. Every value from a finding is escaped, so
    data quoted in a message cannot break the table.
    """
    from acia.check.catalogue import heading as rule_heading  # the catalogue loads every rule: only reporters that print titles need it

    if report.errors:
        title = f"## ❌ {heading} : à corriger"
        verdict = (
            f"**{french.plural(report.errors, 'erreur')} à corriger** avant de pouvoir fusionner la demande ; "
            f"{french.plural(report.warnings, 'avertissement')} (ne {french.agree(report.warnings, 'bloque', 'bloquent')} pas la fusion)."
        )
    elif report.warnings:
        title = f"## ✅ {heading} : valide"
        verdict = f"**Valide**, avec {french.plural(report.warnings, 'avertissement')} : la demande peut être fusionnée ; lisez-{french.agree(report.warnings, 'le', 'les')} quand même."
    else:
        title = f"## ✅ {heading} : valide"
        verdict = "**Valide** : aucun problème."
    checked = f"{french.plural(report.files, 'fichier')} {french.agree(report.files, 'vérifié')}."
    lines = [title, "", f"{verdict} {checked}", ""]
    shown = report.findings[:limit]
    for file in dict.fromkeys(finding.file for finding in shown):
        path = display(file)
        name = _cell(path)
        lines += [f"### {_linked(name, source(path, None) if source else None)}", ""]
        lines += ["| Ligne | Gravité | Contrôle | Problème | Comment corriger |", "| ---: | --- | --- | --- | --- |"]
        for finding in (finding for finding in shown if finding.file == file):
            line = _linked(str(finding.line), source(path, finding.line) if source else None)
            severity = "❌ erreur" if finding.is_error else "⚠️ avertissement"
            heading_text = rule_heading(finding.rule)
            rule = f"{_linked(finding.rule, f'{reference}#{anchors.github(heading_text)}')} {_cell(heading_text.split(' — ', 1)[1])}"
            problem = _cell(finding.message) + (f"<br>(champ {_cell(finding.field)})" if finding.field else "")
            lines.append(f"| {line} | {severity} | {rule} | {problem} | {_cell(finding.hint)} |")
        lines.append("")
    if len(report.findings) > len(shown):
        hidden = len(report.findings) - len(shown)
        lines += [f"… et {hidden} {french.agree(hidden, 'autre')} {french.agree(hidden, 'problème')}, non {french.agree(hidden, 'affiché')} ici : lancez `acia valider` pour la liste complète.", ""]
    if report.rules_skipped:
        skipped = ", ".join(_cell(display(rel)) for rel in report.rules_skipped)
        lines += [f"Règles métier non appliquées à {skipped} : corrigez d'abord les erreurs de schéma ci-dessus, puis les contrôles seront relancés.", ""]
    if report.findings:
        lines += [
            "Pour corriger : dans la demande de fusion, onglet « Files changed », ouvrez le menu « … » du fichier puis "
            "« Edit file », modifiez la ligne indiquée et enregistrez avec « Commit changes » sur la même branche : "
            "les contrôles sont relancés. Les mêmes messages sont affichés sur les lignes concernées (annotations). "
            f"Chaque code renvoie à sa fiche dans la {_linked('référence des contrôles', reference)}, avec un exemple fautif et sa correction.",
            "",
        ]
    return "\n".join(lines)
