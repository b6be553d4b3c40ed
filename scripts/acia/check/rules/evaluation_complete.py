"""Every manual criterion of an evaluated application has a score from each evaluator."""

from __future__ import annotations

from acia.check.rules.evaluation_scores import manual_criteria
from acia.findings import Rule, Severity

RULE = Rule(
    id="ACIA313",
    title="Critère non noté",
    severity=Severity.WARNING,
    hint="Un critère sans note compte pour 0 dans le score : complétez l'évaluation avant le comité.",
    example="notes:\n  commun-qualite-candidature: 2   # axe1-dui-impact non noté",
    fix="notes:\n  commun-qualite-candidature: 2\n  axe1-dui-impact: 3",
    scope="instance",
)


def check(ctx):
    if ctx.programme is None:
        return
    axes = {document.data["id"]: document.data["axe"] for document in ctx.applications}
    for document in ctx.of_kind("evaluation"):
        axe = axes.get(document.data["candidature"])
        if axe is None:
            continue
        expected = manual_criteria(ctx.programme.raw, axe)
        for index, evaluation in enumerate(document.data["evaluations"]):
            missing = [criterion for criterion in expected if criterion not in evaluation["notes"]]
            if missing:
                yield document.finding(
                    RULE,
                    ("evaluations", index, "notes"),
                    f"l'évaluation de « {evaluation['evaluateur']} » ne note pas : {', '.join(missing)}",
                    at_key=True,
                )
