"""Scores are given to the application's manual criteria, within each criterion's scale."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity
from acia.model.programme import Programme, SelectionCriterion

RULE = Rule(
    id="ACIA312",
    title="Note invalide",
    severity=Severity.ERROR,
    hint="Notez seulement les critères « manuel » de l'axe de la candidature et des critères communs, dans leur échelle (clé « echelle » du critère dans data/programme.yml).",
    example="notes:\n  axe2-pouvoir-agir: 5   # candidature sur l'axe 1, échelle 0 à 3",
    fix="notes:\n  axe1-implication-salaries: 3",
    scope="instance",
)


def manual_criteria(programme: Programme, axe: str | None) -> dict[str, SelectionCriterion]:
    """The criteria the committee scores by hand on an application of this axe, by id."""
    return {criterion.id: criterion for criterion in programme.criteria if criterion.mode == "manuel" and (criterion.axe is None or criterion.axe == axe)}


def check(ctx: Context) -> Iterator[Finding]:
    model = ctx.model
    if model is None:
        return
    criteria = {criterion.id: criterion for criterion in model.programme.criteria}
    axes = {application.id: application.axe for application in model.applications if model.programme.axe(application.axe) is not None}  # an unknown axe is ACIA301's one finding
    for evaluation in model.evaluations:
        axe = axes.get(evaluation.application)
        for score in evaluation.scores:
            for criterion_id, note in score.notes.items():
                at = score.source.at("notes", criterion_id)
                criterion = criteria.get(criterion_id)
                if criterion is None:
                    manual = ", ".join(sorted(manual_criteria(model.programme, axe))) or "(aucun)"
                    yield at.finding(RULE, f"le critère « {criterion_id} » n'existe pas dans le programme", f"Critères notés à la main pour cette candidature : {manual}.", at_key=True)
                    continue
                if criterion.mode != "manuel":
                    yield at.finding(RULE, f"le critère « {criterion_id} » est {criterion.mode} : il est calculé, pas noté", at_key=True)
                    continue
                if axe is not None and criterion.axe is not None and criterion.axe != axe:
                    yield at.finding(RULE, f"le critère « {criterion_id} » concerne l'{criterion.axe}, pas l'{axe} choisi par la candidature", at_key=True)
                    continue
                if criterion.scale is None:
                    continue  # ACIA407 reports the criterion without a scale
                low, high = criterion.scale
                if not low <= note <= high:
                    yield at.finding(RULE, f"la note {note} sort de l'échelle du critère « {criterion_id} » ({low} à {high})")
