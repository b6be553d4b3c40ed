"""Limits of the programme are coherent: a minimum never exceeds its maximum."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA406",
    title="Limites incohérentes",
    severity=Severity.ERROR,
    hint="Vérifiez les nombres : le minimum doit être inférieur ou égal au maximum.",
    example="organismes_gestionnaires: {min: 8, max: 4}",
    fix="organismes_gestionnaires: {min: 4, max: 8}",
)


def check(ctx: Context) -> Iterator[Finding]:
    programme, source = ctx.programme, ctx.programme_source
    if programme is None or source is None:
        return
    limits = programme.limits
    bounds = [
        (("limites", "organismes_gestionnaires"), limits.organismes_gestionnaires),
        (("limites", "etablissements"), limits.etablissements),
        (("limites", "etablissements_par_og"), limits.etablissements_per_og),
        (("equipe_projet", "effectif"), programme.team.size),
    ]
    for path, value in bounds:
        if value.minimum is not None and value.maximum is not None and value.minimum > value.maximum:
            yield source.at(*path, "min").finding(RULE, f"« {path[-1]} » : le minimum ({value.minimum}) dépasse le maximum ({value.maximum})")
    og_max = limits.organismes_gestionnaires.maximum
    for index, item in enumerate(limits.funding_minimums):
        if og_max is not None and item.minimum > og_max:
            yield source.at("limites", "financements_minimum", index, "organismes_gestionnaires_min").finding(
                RULE, f"il faudrait {item.minimum} OG sous « {item.funding} » alors que {og_max} OG au plus sont retenus"
            )
