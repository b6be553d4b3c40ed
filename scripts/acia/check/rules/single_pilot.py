"""Exactly one member of the team is the project pilot (the Aract's single contact)."""

from __future__ import annotations

from acia.findings import Rule, Severity

RULE = Rule(
    id="ACIA303",
    title="Pilote de projet absent ou multiple",
    severity=Severity.ERROR,
    hint="Mettez « pilote: true » sur un seul membre de l'équipe projet : c'est l'interlocuteur direct de l'Aract.",
    example="equipe_projet:\n  - nom: Nom A\n    pilote: true\n  - nom: Nom B\n    pilote: true",
    fix="equipe_projet:\n  - nom: Nom A\n    pilote: true\n  - nom: Nom B\n    pilote: false",
)


def check(ctx):
    if ctx.programme is None:
        return
    for document in ctx.applications:
        pilots = [index for index, member in enumerate(document.data["equipe_projet"]) if member.get("pilote") is True]
        if len(pilots) > 1:
            for index in pilots[1:]:
                yield document.finding(
                    RULE,
                    ("equipe_projet", index, "pilote"),
                    f"{len(pilots)} membres sont désignés pilote ; il en faut un seul",
                )
        elif not pilots and ctx.programme.pilot_required:
            yield document.finding(RULE, ("equipe_projet",), "aucun membre de l'équipe projet n'est désigné pilote (« pilote: true »)", at_key=True)
