"""Findings are plain data: what is wrong, where, and how to fix it.

Every check (loader, schema, semantic rule) produces ``Finding`` values and
never prints; reporters decide how they look. Every finding names a ``Rule``
from the catalogue, whose id is stable so that users, CI logs and the
"Référence des contrôles" page all speak of the same thing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "erreur"
    WARNING = "avertissement"


FILE_SCOPE = "fichier"  # a rule that reads one file (and the programme) at a time
INSTANCE_SCOPE = "instance"  # a rule that compares files


@dataclass(frozen=True)
class Rule:
    """A catalogue entry: one kind of problem the validator can report."""

    id: str
    title: str
    severity: Severity
    hint: str
    example: str
    fix: str
    # "fichier": looks at one file at a time; "instance": compares files;
    # "mise_en_forme": text layout, checked by ``acia format`` only (format.py).
    scope: str = FILE_SCOPE

    def finding(
        self,
        file: str,
        line: int,
        column: int,
        field: str,
        message: str,
        hint: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        return Finding(
            rule=self.id,
            severity=(severity or self.severity).value,
            file=file,
            line=line,
            column=column,
            field=field,
            message=message,
            hint=hint if hint is not None else self.hint,
        )


@dataclass(frozen=True, order=True)
class Finding:
    """One problem, located in a file; ``severity`` is "erreur" or "avertissement"."""

    file: str
    line: int
    column: int
    rule: str
    severity: str
    field: str
    message: str
    hint: str

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR.value

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        return {key: data[key] for key in ("rule", "severity", "file", "line", "column", "field", "message", "hint")}


@dataclass
class Report:
    findings: list[Finding]
    files: int
    # Files that failed their schema: semantic rules were not applied to them.
    rules_skipped: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for finding in self.findings if finding.is_error)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    @property
    def ok(self) -> bool:
        return self.errors == 0

    def as_dict(self) -> dict[str, object]:
        return {
            "findings": [finding.as_dict() for finding in self.findings],
            "summary": {"files": self.files, "errors": self.errors, "warnings": self.warnings, "valid": self.ok, "rules_skipped": self.rules_skipped},
        }


def format_path(path: tuple[str | int, ...]) -> str:
    """Render a data path the way users read it: ``etablissements[0].siret``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
