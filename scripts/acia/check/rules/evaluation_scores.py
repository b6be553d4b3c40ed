"""Scores are given to the application's manual criteria, within each criterion's scale."""

from __future__ import annotations

from acia.findings import Rule, Severity

RULE = Rule(
    id="ACIA312",
    title="Note invalide",
    severity=Severity.ERROR,
    hint="Notez seulement les critères « manuel » de l'axe de la candidature et des critères communs, dans leur échelle (clé « echelle » du critère dans data/programme.yml).",
    example="notes:\n  axe2-pouvoir-agir: 5   # candidature sur l'axe 1, échelle 0 à 3",
    fix="notes:\n  axe1-implication-salaries: 3",
    scope="instance",
)


def manual_criteria(programme_data: dict, axe: str | None) -> dict[str, dict]:
    return {
        criterion["id"]: criterion
        for criterion in programme_data.get("criteres_priorisation", [])
        if criterion["mode"] == "manuel" and criterion.get("axe", axe) == axe
    }


def check(ctx):
    if ctx.programme is None:
        return
    criteria = {criterion["id"]: criterion for criterion in ctx.programme.raw.get("criteres_priorisation", [])}
    axes = {document.data["id"]: document.data["axe"] for document in ctx.applications}
    for document in ctx.of_kind("evaluation"):
        axe = axes.get(document.data["candidature"])
        for index, evaluation in enumerate(document.data["evaluations"]):
            for criterion_id, note in evaluation["notes"].items():
                path = ("evaluations", index, "notes", criterion_id)
                criterion = criteria.get(criterion_id)
                if criterion is None:
                    manual = ", ".join(sorted(manual_criteria(ctx.programme.raw, axe))) or "(aucun)"
                    yield document.finding(RULE, path, f"le critère « {criterion_id} » n'existe pas dans le programme", f"Critères notés à la main pour cette candidature : {manual}.", at_key=True)
                    continue
                if criterion["mode"] != "manuel":
                    yield document.finding(RULE, path, f"le critère « {criterion_id} » est {criterion['mode']} : il est calculé, pas noté", at_key=True)
                    continue
                if axe is not None and criterion.get("axe", axe) != axe:
                    yield document.finding(RULE, path, f"le critère « {criterion_id} » concerne l'{criterion['axe']}, pas l'{axe} choisi par la candidature", at_key=True)
                    continue
                scale = criterion["echelle"]
                if not scale["min"] <= note <= scale["max"]:
                    yield document.finding(RULE, path, f"la note {note} sort de l'échelle du critère « {criterion_id} » ({scale['min']} à {scale['max']})")
