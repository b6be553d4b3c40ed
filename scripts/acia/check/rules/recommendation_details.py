"""A recommendation comes from a declared working group, inside the programme, and an answer has its justification."""

from __future__ import annotations

from collections.abc import Iterator

from acia import french
from acia.check.context import Context
from acia.findings import Finding, Rule, Severity
from acia.model.followup import ANSWER_LABELS

RULE = Rule(
    id="ACIA509",
    title="Recommandation mal rattachée ou réponse sans justification",
    severity=Severity.ERROR,
    hint="Rattachez chaque recommandation à un groupe de « groupes_travail » (reunions.yml du même dossier), datez-la pendant le programme et justifiez toute réponse.",
    example='- texte: Former les équipes de nuit\n  groupe_travail: gt-nuit\n  date: "2023-10-05"\n  reponse: refusee',
    fix='- texte: Former les équipes de nuit\n  groupe_travail: gt-transmissions\n  date: "2023-10-05"\n  reponse: refusee\n  justification: Formation déjà prévue au plan de développement des compétences.',
    scope="instance",
)


def check(ctx: Context) -> Iterator[Finding]:
    programme = ctx.programme
    files = ctx.followup_files
    for folder in files.folders.values():
        groups = folder.group_ids
        for item in folder.recommendations:
            if item.group not in groups:
                yield item.source.at("groupe_travail").finding(
                    RULE,
                    f"le groupe de travail « {item.group} » n'est pas déclaré dans data/suivi/{folder.id}/reunions.yml",
                    f"Groupes déclarés : {', '.join(sorted(groups)) or '(aucun : ajoutez « groupes_travail » à reunions.yml)'}.",
                )
            if item.answer is not None and item.justification is None:
                yield item.source.at("reponse").finding(
                    RULE, f"la réponse « {ANSWER_LABELS[item.answer]} » n'a pas de justification", "Ajoutez « justification: … » : pourquoi la recommandation est acceptée, refusée ou reportée."
                )
            if item.justification is not None and item.answer is None:
                yield item.source.at("justification").finding(RULE, "une justification est donnée sans réponse", "Ajoutez « reponse: acceptee », « refusee » ou « reportee ».")
            if programme is not None:
                period = programme.programme_period
                if not period.contains(item.day):
                    yield item.source.at("date").finding(
                        RULE, f"la recommandation est datée du {french.short_date(item.day)}, hors de la période du programme (du {french.short_date(period.start)} au {french.short_date(period.end)})"
                    )
