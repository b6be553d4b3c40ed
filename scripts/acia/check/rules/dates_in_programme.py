"""Regional dates and steps fall inside the programme's period."""

from __future__ import annotations

from collections.abc import Iterator

from acia import french
from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA403",
    title="Date hors de la période du programme",
    severity=Severity.ERROR,
    hint="Élargissez « calendrier.periode_programme » si le programme dure plus longtemps, ou corrigez la date.",
    example='periode_programme: {debut: "2023-06-01", fin: "2023-12-31"}\n# étape 3 jusqu\'au "2024-02-29"',
    fix='periode_programme: {debut: "2023-06-01", fin: "2024-02-29"}',
)


def check(ctx: Context) -> Iterator[Finding]:
    programme, source = ctx.programme, ctx.programme_source
    if programme is None or source is None:
        return
    period = programme.programme_period
    span = f"du {french.short_date(period.start)} au {french.short_date(period.end)}"
    for event in programme.events:
        if event.calendar != "regional":
            continue
        for day, key in ((event.start, "debut"), (event.end, "fin")):
            if not period.contains(day):
                yield source.at("calendrier", "regional", event.index, key).finding(
                    RULE,
                    f"« {event.label} » ({french.short_date(day)}) tombe hors de la période du programme ({span})",
                )
                break
    for step in programme.steps:
        for day, key in ((step.period.start, "debut"), (step.period.end, "fin")):
            if not period.contains(day):
                yield source.at("etapes", step.index, "periode", key).finding(
                    RULE,
                    f"l'étape « {step.title} » ({french.short_date(day)}) déborde de la période du programme ({span})",
                )
                break
