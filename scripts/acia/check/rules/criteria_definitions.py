"""Each priorisation criterion is defined the way its mode needs, with known references."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA407",
    title="Critère de priorisation mal défini",
    severity=Severity.ERROR,
    hint="Un critère « manuel » a une échelle (min < max) et pas de calcul ; un critère « automatique » a un calcul ; un critère « ensemble » a « couverture_secteurs ».",
    example="- id: commun-qualite\n  mode: manuel\n  calcul: {dans_les_delais: true}",
    fix="- id: commun-qualite\n  mode: manuel\n  echelle: {min: 0, max: 3}",
)


def check(ctx: Context) -> Iterator[Finding]:
    programme, source = ctx.programme, ctx.programme_source
    if programme is None or source is None:
        return
    fundings = {funding.id for funding in programme.fundings}
    sectors = {sector.id for sector in programme.sectors}
    for index, criterion in enumerate(programme.criteria):
        at = source.at("criteres_priorisation", index)
        mode, calcul, scale = criterion.mode, criterion.computation, criterion.scale
        name = criterion.id
        if mode == "manuel":
            if scale is None:
                yield at.at("mode").finding(RULE, f"le critère manuel « {name} » n'a pas d'échelle", "Ajoutez « echelle: {min: 0, max: 3} ».")
            elif scale[0] >= scale[1]:
                yield at.at("echelle").finding(RULE, f"l'échelle du critère « {name} » va de {scale[0]} à {scale[1]} : le minimum doit être inférieur au maximum")
            if calcul is not None:
                yield at.at("calcul").finding(RULE, f"le critère manuel « {name} » a un calcul : il serait ignoré", at_key=True)
        elif mode == "automatique":
            if calcul is None or "couverture_secteurs" in calcul:
                yield at.at("mode").finding(RULE, f"le critère automatique « {name} » n'a pas de calcul applicable à une candidature")
        elif calcul is None or "couverture_secteurs" not in calcul:
            yield at.at("mode").finding(RULE, f"le critère d'ensemble « {name} » doit définir « calcul: {{couverture_secteurs: [...]}} »")
        if calcul is None:
            continue
        for position, funding in enumerate(calcul.get("financement_parmi", [])):
            if funding not in fundings:
                yield at.at("calcul", "financement_parmi", position).finding(RULE, f"le financement « {funding} » n'existe pas dans le programme")
        for position, sector in enumerate(calcul.get("couverture_secteurs", [])):
            if sector not in sectors:
                yield at.at("calcul", "couverture_secteurs", position).finding(RULE, f"le secteur « {sector} » n'existe pas dans le programme")
    for index, eligibility in enumerate(programme.eligibility):
        if eligibility.control is not None and "couverture_secteurs" in eligibility.control:
            yield source.at("eligibilite", index, "controle").finding(RULE, "un contrôle d'éligibilité porte sur une candidature, pas sur la sélection entière")
