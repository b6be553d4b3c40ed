"""An evaluation file is named after an existing application, and its evaluators are known organisations."""

from __future__ import annotations

from pathlib import PurePosixPath

from acia.findings import Rule, Severity

RULE = Rule(
    id="ACIA311",
    title="Évaluation d'une candidature inconnue",
    severity=Severity.ERROR,
    hint="Nommez le fichier d'évaluation comme la candidature (data/evaluations/<id>.yml), avec « candidature: <id> », et un évaluateur parmi les organisations du programme.",
    example="# data/evaluations/og-inconnu.yml\ncandidature: og-inconnu",
    fix="# data/evaluations/og-exemple.yml\ncandidature: og-exemple",
    scope="instance",
)


def check(ctx):
    applications = {document.data["id"] for document in ctx.applications}
    organisations = {organisation.id for organisation in ctx.programme.organisations} if ctx.programme else set()
    for document in ctx.of_kind("evaluation"):
        target = document.data["candidature"]
        stem = PurePosixPath(document.rel).stem
        if target != stem:
            yield document.finding(RULE, ("candidature",), f"l'évaluation vise « {target} » mais le fichier s'appelle « {stem}.yml »", f"Renommez le fichier en {target}.yml.")
        if target not in applications:
            yield document.finding(RULE, ("candidature",), f"aucune candidature « {target} » dans data/applications/")
        if ctx.programme is None:
            continue
        for index, evaluation in enumerate(document.data["evaluations"]):
            if evaluation["evaluateur"] not in organisations:
                yield document.finding(
                    RULE,
                    ("evaluations", index, "evaluateur"),
                    f"l'évaluateur « {evaluation['evaluateur']} » n'est pas une organisation du programme",
                    f"Organisations : {', '.join(sorted(organisations))}.",
                )
