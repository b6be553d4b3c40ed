"""An evaluation file is named after an existing application, and its evaluators are known organisations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA311",
    title="Évaluation d'une candidature inconnue",
    severity=Severity.ERROR,
    hint="Nommez le fichier d'évaluation comme la candidature (data/evaluations/<id>.yml), avec « candidature: <id> », et un évaluateur parmi les organisations du programme.",
    example="# data/evaluations/og-inconnu.yml\ncandidature: og-inconnu",
    fix="# data/evaluations/og-exemple.yml\ncandidature: og-exemple",
    scope="instance",
)


def check(ctx: Context) -> Iterator[Finding]:
    model = ctx.model
    if model is not None:
        applications, evaluations = model.applications, model.evaluations
    else:  # without a valid programme there is no model: what needs none is still checked
        applications = ctx.records.applications
        evaluations = ctx.records.evaluations
    known = {application.id for application in applications}
    organisations = {organisation.id for organisation in ctx.programme.organisations} if ctx.programme else set()
    for evaluation in evaluations:
        target = evaluation.application
        stem = PurePosixPath(evaluation.source.file).stem
        if target != stem:
            yield evaluation.source.at("candidature").finding(RULE, f"l'évaluation vise « {target} » mais le fichier s'appelle « {stem}.yml »", f"Renommez le fichier en {target}.yml.")
        if target not in known:
            yield evaluation.source.at("candidature").finding(RULE, f"aucune candidature « {target} » dans data/applications/")
        if ctx.programme is None:
            continue
        for score in evaluation.scores:
            if score.evaluator not in organisations:
                yield score.source.at("evaluateur").finding(
                    RULE,
                    f"l'évaluateur « {score.evaluator} » n'est pas une organisation du programme",
                    f"Organisations : {', '.join(sorted(organisations))}.",
                )
