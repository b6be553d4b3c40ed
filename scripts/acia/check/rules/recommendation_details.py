"""A recommendation comes from a declared working group, inside the programme, and an answer has its justification."""

from __future__ import annotations

from acia import french
from acia.findings import Rule, Severity
from acia.model.followup import ANSWER_LABELS
from acia.model.programme import parse_date

RULE = Rule(
    id="ACIA509",
    title="Recommandation mal rattachée ou réponse sans justification",
    severity=Severity.ERROR,
    hint="Rattachez chaque recommandation à un groupe de « groupes_travail » (reunions.yml du même dossier), datez-la pendant le programme et justifiez toute réponse.",
    example="- texte: Former les équipes de nuit\n  groupe_travail: gt-nuit\n  date: \"2023-10-05\"\n  reponse: refusee",
    fix="- texte: Former les équipes de nuit\n  groupe_travail: gt-transmissions\n  date: \"2023-10-05\"\n  reponse: refusee\n  justification: Formation déjà prévue au plan de développement des compétences.",
    scope="instance",
)


def check(ctx):
    programme = ctx.programme
    groups_by_folder = {document.folder: {group["id"] for group in document.data.get("groupes_travail", [])} for document in ctx.of_kind("reunions")}
    for document in ctx.of_kind("recommandations"):
        groups = groups_by_folder.get(document.folder, set())
        for index, item in enumerate(document.data["recommandations"]):
            base = ("recommandations", index)
            if item["groupe_travail"] not in groups:
                yield document.finding(RULE, base + ("groupe_travail",), f"le groupe de travail « {item['groupe_travail']} » n'est pas déclaré dans data/suivi/{document.folder}/reunions.yml", f"Groupes déclarés : {', '.join(sorted(groups)) or '(aucun : ajoutez « groupes_travail » à reunions.yml)'}.")
            if "reponse" in item and "justification" not in item:
                yield document.finding(RULE, base + ("reponse",), f"la réponse « {ANSWER_LABELS[item['reponse']]} » n'a pas de justification", "Ajoutez « justification: … » : pourquoi la recommandation est acceptée, refusée ou reportée.")
            if "justification" in item and "reponse" not in item:
                yield document.finding(RULE, base + ("justification",), "une justification est donnée sans réponse", "Ajoutez « reponse: acceptee », « refusee » ou « reportee ».")
            if programme is not None:
                day = parse_date(item["date"])
                period = programme.programme_period
                if not period.contains(day):
                    yield document.finding(RULE, base + ("date",), f"la recommandation est datée du {french.short_date(day)}, hors de la période du programme (du {french.short_date(period.start)} au {french.short_date(period.end)})")
