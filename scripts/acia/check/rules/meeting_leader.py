"""Each meeting is led by whom the programme names for its body (the Aract leads the COPIL)."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA504",
    title="Réunion animée par une autre personne que prévu",
    severity=Severity.ERROR,
    hint="Indiquez dans « animee_par » l'animateur prévu par le programme pour ce type de réunion (clé « anime_par » de l'instance dans data/programme.yml).",
    example="- id: copil-2\n  instance: copil\n  animee_par: pilote",
    fix="- id: copil-2\n  instance: copil\n  animee_par: aract",
    scope="instance",
)


def check(ctx: Context) -> Iterator[Finding]:
    programme = ctx.programme
    if programme is None or ctx.followup is None:  # ctx.followup is None exactly when the programme is
        return
    for meeting in ctx.followup.meetings:
        body = programme.body(meeting.body)
        if body is None:
            continue
        allowed = list(body.led_by) or list(body.members) + list(body.optional_members)
        if allowed and meeting.leader not in allowed:
            shown = ", ".join(organisation.acronym if (organisation := programme.organisation(item)) is not None else item for item in allowed)
            yield meeting.source.at("animee_par").finding(
                RULE,
                f"« {meeting.id} » ({body.name}) est animée par « {meeting.leader} », alors que le programme la confie à : {shown}",
                f"Écrivez « animee_par: {allowed[0]} »{' (ou une autre valeur de la liste)' if len(allowed) > 1 else ''}.",
            )
