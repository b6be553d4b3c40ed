"""Every manual criterion of an evaluated application has a score from each evaluator."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.check.rules.evaluation_scores import manual_criteria
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA313",
    title="Critère non noté",
    severity=Severity.WARNING,
    hint="Un critère sans note compte pour 0 dans le score : complétez l'évaluation avant le comité.",
    example="notes:\n  commun-qualite-candidature: 2   # axe1-dui-impact non noté",
    fix="notes:\n  commun-qualite-candidature: 2\n  axe1-dui-impact: 3",
    scope="instance",
)


def check(ctx: Context) -> Iterator[Finding]:
    model = ctx.model
    if model is None:
        return
    axes = {application.id: application.axe for application in model.applications}
    for evaluation in model.evaluations:
        axe = axes.get(evaluation.application)
        if axe is None:
            continue
        expected = manual_criteria(model.programme, axe)
        for score in evaluation.scores:
            missing = [criterion for criterion in expected if criterion not in score.notes]
            if missing:
                yield score.source.at("notes").finding(RULE, f"l'évaluation de « {score.evaluator} » ne note pas : {', '.join(missing)}", at_key=True)
