"""A meeting falls inside the period of its step (programme-level bodies: inside the programme)."""

from __future__ import annotations

from collections.abc import Iterator

from acia import french
from acia.check.context import Context
from acia.findings import Finding, Rule, Severity
from acia.model import followup

RULE = Rule(
    id="ACIA507",
    title="Réunion hors de la période de son étape",
    severity=Severity.ERROR,
    hint="Placez la réunion dans la période de son étape (data/programme.yml, « etapes »), ou rattachez-la à l'action du RACI de l'étape où elle a lieu.",
    example='- id: copil-2\n  actions: [axe1-reunion-2]          # étape 2 : 01/08 au 30/11/2023\n  debut: "2023-12-14T09:30:00+01:00"',
    fix='- id: copil-2\n  actions: [axe1-reunion-2]\n  debut: "2023-11-14T09:30:00+01:00"',
    scope="instance",
)


def check(ctx: Context) -> Iterator[Finding]:
    programme = ctx.programme
    if programme is None or ctx.followup is None:  # ctx.followup is None exactly when the programme is
        return
    steps = {step.id: step for step in programme.steps}
    for meeting in ctx.followup.meetings:
        day = meeting.start.date()
        source = meeting.source.at("debut")
        if meeting.level == "programme" and not meeting.actions:
            period = programme.programme_period
            if not period.contains(day):
                yield source.finding(
                    RULE,
                    f"{followup.describe(programme, meeting)} tombe hors de la période du programme (du {french.short_date(period.start)} au {french.short_date(period.end)})",
                    "Corrigez la date, ou la période du programme (calendrier.periode_programme de data/programme.yml).",
                )
            continue
        step = steps.get(meeting.step) if meeting.step else None
        if step is None:
            if meeting.step is None and programme.steps:
                yield source.finding(
                    RULE,
                    f"{followup.describe(programme, meeting)} ne tombe dans aucune étape du programme",
                    "Corrigez la date, ou indiquez son étape (« etape ») ou l'action du RACI qu'elle réalise (« actions »).",
                )
            continue
        if not step.period.contains(day):
            yield source.finding(
                RULE,
                f"{followup.describe(programme, meeting)} relève de l'étape {step.number} ({step.title}), qui va du {french.short_date(step.period.start)} au {french.short_date(step.period.end)}",
            )
