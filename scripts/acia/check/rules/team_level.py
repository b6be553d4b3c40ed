"""The project teams sit where the programme forms them: in each établissement, or once for the organisme gestionnaire.

« equipe_projet.niveau » of the programme says which. The Corse call forms a
team and a pilot in each ESMS, the pilots of one OG meeting in its COPIL; the
Île-de-France call forms one trinôme per structure.
"""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA314",
    title="Équipe projet au mauvais niveau",
    severity=Severity.ERROR,
    hint="Décrivez l'équipe projet là où le programme la constitue (clé « equipe_projet.niveau » de data/programme.yml) : sous chaque établissement (« etablissement ») ou une seule fois en tête de la candidature (« organisme_gestionnaire »).",
    example="# programme : equipe_projet.niveau: etablissement\netablissements:\n  - raison_sociale: EHPAD A\nequipe_projet:\n  - nom: Nom A\n    pilote: true",
    fix="etablissements:\n  - raison_sociale: EHPAD A\n    equipe_projet:\n      - nom: Nom A\n        pilote: true",
)

PER_ETABLISSEMENT_HINT = (
    "Le programme constitue une équipe projet et un pilote dans chaque établissement : déplacez ces membres sous « equipe_projet » "
    "de leur établissement (dans « etablissements », au même niveau que « directeur »), chaque équipe avec son pilote."
)
PER_OG_HINT = (
    "Le programme constitue une seule équipe projet pour l'organisme gestionnaire : déplacez ces membres sous « equipe_projet » "
    "en tête de la candidature (au même niveau que « numerique »), avec un seul pilote."
)


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.model is None:
        return
    per_etablissement = ctx.model.programme.team.per_etablissement
    for application in ctx.model.applications:
        og_team = application.og_team
        if per_etablissement:
            if og_team is not None:
                yield og_team.source.finding(
                    RULE, "l'équipe projet est décrite pour tout l'organisme gestionnaire, alors que le programme en constitue une par établissement", PER_ETABLISSEMENT_HINT, at_key=True
                )
            for etablissement in application.etablissements:
                if application.team_of(etablissement) is None:
                    yield etablissement.source.at("raison_sociale").finding(
                        RULE,
                        f"l'établissement « {etablissement.name} » n'a pas d'équipe projet",
                        "Ajoutez « equipe_projet: » sous cet établissement (au même niveau que « directeur ») : ses membres, dont son pilote (« pilote: true »)."
                        + (" Les membres décrits en tête de la candidature vont dans l'équipe de leur établissement." if og_team is not None else ""),
                        at_key=True,
                    )
        else:
            for team in application.teams:
                if team.etablissement is not None:
                    yield team.source.finding(RULE, f"{team.label} est décrite à part, alors que le programme constitue une seule équipe pour l'organisme gestionnaire", PER_OG_HINT, at_key=True)
            if og_team is None and not application.teams:
                yield application.source.at("id").finding(
                    RULE,
                    "la candidature n'a pas d'équipe projet",
                    "Ajoutez « equipe_projet: » en tête de la candidature (au même niveau que « numerique ») : ses membres, dont le pilote (« pilote: true »).",
                    at_key=True,
                )
        coordination = application.coordination
        if coordination is None:
            continue
        if not per_etablissement:
            yield coordination.source.finding(
                RULE,
                "« coordination_pilotes » réunit les pilotes des établissements, alors que le programme constitue une seule équipe et un seul pilote",
                "Supprimez « coordination_pilotes ».",
                at_key=True,
            )
        elif len(application.etablissements) < 2:
            yield coordination.source.finding(
                RULE,
                "« coordination_pilotes » sert quand plusieurs établissements de l'organisme gestionnaire participent ; cette candidature n'en engage qu'un",
                "Supprimez « coordination_pilotes », ou ajoutez les autres établissements engagés.",
                at_key=True,
                severity=Severity.WARNING,
            )
