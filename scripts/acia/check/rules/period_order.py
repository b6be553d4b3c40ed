"""Every period of the programme ends on or after the day it starts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from acia import french
from acia.check.context import Context
from acia.findings import Finding, Rule, Severity
from acia.load.yamlsource import Path as DataPath
from acia.model.programme import Programme

RULE = Rule(
    id="ACIA401",
    title="Période qui finit avant de commencer",
    severity=Severity.ERROR,
    hint="Vérifiez le jour et surtout le mois des deux dates (une faute de frappe sur le mois est fréquente), puis consignez la correction dans « errata ».",
    example='- id: analyse\n  debut: "2023-06-30"\n  fin: "2023-06-10"',
    fix='- id: analyse\n  debut: "2023-06-30"\n  fin: "2023-07-10"',
)


def periods(programme: Programme) -> Iterator[tuple[DataPath, str, date, date]]:
    """(path of the period, its label (empty when it has none), start, end) for every dated period of a programme."""
    period = programme.programme_period
    yield ("calendrier", "periode_programme"), period.source_text, period.start, period.end
    for event in programme.events:
        yield ("calendrier", event.calendar, event.index), event.label or event.source_text, event.start, event.end
    for step in programme.steps:
        yield ("etapes", step.index, "periode"), step.period.source_text, step.period.start, step.period.end


def check(ctx: Context) -> Iterator[Finding]:
    programme, source = ctx.programme, ctx.programme_source
    if programme is None or source is None:
        return
    for path, label, start, end in periods(programme):
        if end < start:  # an event without « fin » ends the day it starts
            label = label or ".".join(str(part) for part in path)
            yield source.at(*path, "fin").finding(
                RULE,
                f"« {label} » finit le {french.short_date(end)}, avant de commencer le {french.short_date(start)}",
            )
