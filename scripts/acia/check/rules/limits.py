"""Limits of the programme are coherent: a minimum never exceeds its maximum."""

from __future__ import annotations

from acia.findings import Rule, Severity

RULE = Rule(
    id="ACIA406",
    title="Limites incohérentes",
    severity=Severity.ERROR,
    hint="Vérifiez les nombres : le minimum doit être inférieur ou égal au maximum.",
    example="organismes_gestionnaires: {min: 8, max: 4}",
    fix="organismes_gestionnaires: {min: 4, max: 8}",
)


def check(ctx):
    document = ctx.programme_document
    if document is None:
        return
    data = document.data
    bounds = [(("limites", key), value) for key, value in data.get("limites", {}).items() if isinstance(value, dict)]
    if "effectif" in data["equipe_projet"]:
        bounds.append((("equipe_projet", "effectif"), data["equipe_projet"]["effectif"]))
    for path, value in bounds:
        if "min" in value and "max" in value and value["min"] > value["max"]:
            yield document.finding(RULE, path + ("min",), f"« {path[-1]} » : le minimum ({value['min']}) dépasse le maximum ({value['max']})")
    limits = data.get("limites", {})
    og_max = limits.get("organismes_gestionnaires", {}).get("max")
    for index, item in enumerate(limits.get("financements_minimum", [])):
        if og_max is not None and item["organismes_gestionnaires_min"] > og_max:
            yield document.finding(
                RULE,
                ("limites", "financements_minimum", index, "organismes_gestionnaires_min"),
                f"il faudrait {item['organismes_gestionnaires_min']} OG sous « {item['financement']} » alors que {og_max} OG au plus sont retenus",
            )
