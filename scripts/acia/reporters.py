"""Render a validation report as French text, JSON or GitHub workflow annotations.

Reporters only format; they receive the findings and a function that turns
a file path relative to the instance into the path to show (relative to the
current directory, so that terminals and GitHub can link to it).
"""

from __future__ import annotations

import json
from collections.abc import Callable

from .catalogue import by_id
from .check import Report

_COLOURS = {"erreur": "\033[31m", "avertissement": "\033[33m"}
_RESET = "\033[0m"
_DIM = "\033[2m"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}"


def text(report: Report, display: Callable[[str], str], colour: bool = False) -> str:
    lines = []
    for finding in report.findings:
        severity = finding.severity
        if colour:
            severity = f"{_COLOURS[finding.severity]}{severity}{_RESET}"
        field = f" ({finding.field})" if finding.field else ""
        lines.append(f"{display(finding.file)}:{finding.line}:{finding.column}: {severity} [{finding.rule}] {finding.message}{field}")
        hint = f"  → {finding.hint}"
        lines.append(f"{_DIM}{hint}{_RESET}" if colour else hint)
    if report.rules_skipped:
        shown = ", ".join(display(rel) for rel in report.rules_skipped)
        lines.append(f"Règles métier non appliquées à {shown} : corrigez d'abord les erreurs de schéma ci-dessus, puis relancez.")
    verdict = "valide" if report.ok else "invalide"
    lines.append(
        f"{_plural(report.files, 'fichier')} vérifié{'s' if report.files > 1 else ''} : "
        f"{_plural(report.errors, 'erreur')}, {_plural(report.warnings, 'avertissement')} — {verdict}."
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
    lines = []
    for finding in report.findings:
        command = "error" if finding.is_error else "warning"
        title = f"{finding.rule} {by_id(finding.rule).title}"
        properties = f"file={_escape_property(display(finding.file))},line={finding.line},col={finding.column},title={_escape_property(title)}"
        lines.append(f"::{command} {properties}::{_escape_data(finding.message + '. ' + finding.hint)}")
    lines.append(
        f"{_plural(report.files, 'fichier')} vérifié{'s' if report.files > 1 else ''} : {_plural(report.errors, 'erreur')}, {_plural(report.warnings, 'avertissement')}."
    )
    return "\n".join(lines) + "\n"
