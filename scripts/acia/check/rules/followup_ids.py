"""Meeting and working-group identifiers are unique in their folder: they name minutes and calendar events."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity
from acia.model.followup import Meeting, WorkingGroup

RULE = Rule(
    id="ACIA515",
    title="Identifiant de réunion ou de groupe en double",
    severity=Severity.ERROR,
    hint="Donnez à chaque réunion et à chaque groupe de travail un identifiant unique dans son dossier de suivi (il nomme le compte rendu et l'événement d'agenda).",
    example="- id: copil-2\n  …\n- id: copil-2",
    fix="- id: copil-2\n  …\n- id: copil-3",
)


def check(ctx: Context) -> Iterator[Finding]:
    files = ctx.followup_files
    for folder in files.folders.values():
        lists: tuple[tuple[str, Sequence[WorkingGroup | Meeting]], ...] = (("groupes_travail", folder.working_groups), ("reunions", folder.meetings))
        for key, items in lists:
            seen: dict[str, int] = {}
            for index, item in enumerate(items):
                if item.id in seen:
                    yield item.source.at("id").finding(RULE, f"l'identifiant « {item.id} » est déjà pris par l'élément n° {seen[item.id] + 1} de « {key} »")
                else:
                    seen[item.id] = index
