"""Exactly one member of the team is the project pilot (the Aract's single contact)."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA303",
    title="Pilote de projet absent ou multiple",
    severity=Severity.ERROR,
    hint="Mettez « pilote: true » sur un seul membre de l'équipe projet : c'est l'interlocuteur direct de l'Aract.",
    example="equipe_projet:\n  - nom: Nom A\n    pilote: true\n  - nom: Nom B\n    pilote: true",
    fix="equipe_projet:\n  - nom: Nom A\n    pilote: true\n  - nom: Nom B\n    pilote: false",
)


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.model is None:
        return
    for application in ctx.model.applications:
        pilots = application.pilots
        if len(pilots) > 1:
            for member in pilots[1:]:
                yield member.source.at("pilote").finding(
                    RULE,
                    f"{len(pilots)} membres sont désignés pilote ; il en faut un seul",
                )
        elif not pilots and ctx.model.programme.pilot_required:
            yield application.source.at("equipe_projet").finding(RULE, "aucun membre de l'équipe projet n'est désigné pilote (« pilote: true »)", at_key=True)
