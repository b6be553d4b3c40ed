"""Each project team has exactly one pilot (its Aract contact): one per établissement when the programme forms a team per établissement."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA303",
    title="Pilote de projet absent ou multiple",
    severity=Severity.ERROR,
    hint="Mettez « pilote: true » sur un seul membre de chaque équipe projet : c'est l'interlocuteur direct de l'Aract pour son établissement.",
    example="etablissements:\n  - raison_sociale: EHPAD A\n    equipe_projet:\n      - nom: Nom A\n        pilote: true\n      - nom: Nom B\n        pilote: true",
    fix="etablissements:\n  - raison_sociale: EHPAD A\n    equipe_projet:\n      - nom: Nom A\n        pilote: true\n      - nom: Nom B",
)


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.model is None:
        return
    required = ctx.model.programme.pilot_required
    for application in ctx.model.applications:
        for team in application.teams:
            pilots = team.pilots
            if len(pilots) > 1:
                for member in pilots[1:]:
                    yield member.source.at("pilote").finding(
                        RULE,
                        f"{team.label} désigne {len(pilots)} pilotes ; il en faut un seul",
                        "Gardez « pilote: true » sur un seul membre de cette équipe ; les autres pilotes de l'organisme gestionnaire sont ceux des équipes de ses autres établissements.",
                    )
            elif not pilots and required:
                yield team.source.finding(RULE, f"{team.label} n'a pas de pilote (« pilote: true » sur un de ses membres)", at_key=True)
