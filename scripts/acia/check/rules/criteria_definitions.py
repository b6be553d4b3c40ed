"""Each priorisation criterion is defined the way its mode needs, with known references."""

from __future__ import annotations

from acia.findings import Rule, Severity

RULE = Rule(
    id="ACIA407",
    title="Critère de priorisation mal défini",
    severity=Severity.ERROR,
    hint="Un critère « manuel » a une échelle (min < max) et pas de calcul ; un critère « automatique » a un calcul ; un critère « ensemble » a « couverture_secteurs ».",
    example="- id: commun-qualite\n  mode: manuel\n  calcul: {dans_les_delais: true}",
    fix="- id: commun-qualite\n  mode: manuel\n  echelle: {min: 0, max: 3}",
)


def check(ctx):
    document = ctx.programme_document
    if document is None:
        return
    data = document.data
    fundings = {item["id"] for item in data["financements"]}
    sectors = {item["id"] for item in data["secteurs"]}
    for index, criterion in enumerate(data.get("criteres_priorisation", [])):
        path = ("criteres_priorisation", index)
        mode, calcul, scale = criterion["mode"], criterion.get("calcul"), criterion.get("echelle")
        name = criterion["id"]
        if mode == "manuel":
            if scale is None:
                yield document.finding(RULE, path + ("mode",), f"le critère manuel « {name} » n'a pas d'échelle", "Ajoutez « echelle: {min: 0, max: 3} ».")
            elif scale["min"] >= scale["max"]:
                yield document.finding(RULE, path + ("echelle",), f"l'échelle du critère « {name} » va de {scale['min']} à {scale['max']} : le minimum doit être inférieur au maximum")
            if calcul is not None:
                yield document.finding(RULE, path + ("calcul",), f"le critère manuel « {name} » a un calcul : il serait ignoré", at_key=True)
        elif mode == "automatique":
            if calcul is None or "couverture_secteurs" in calcul:
                yield document.finding(RULE, path + ("mode",), f"le critère automatique « {name} » n'a pas de calcul applicable à une candidature")
        elif calcul is None or "couverture_secteurs" not in calcul:
            yield document.finding(RULE, path + ("mode",), f"le critère d'ensemble « {name} » doit définir « calcul: {{couverture_secteurs: [...]}} »")
        if calcul is None:
            continue
        for position, funding in enumerate(calcul.get("financement_parmi", [])):
            if funding not in fundings:
                yield document.finding(RULE, path + ("calcul", "financement_parmi", position), f"le financement « {funding} » n'existe pas dans le programme")
        for position, sector in enumerate(calcul.get("couverture_secteurs", [])):
            if sector not in sectors:
                yield document.finding(RULE, path + ("calcul", "couverture_secteurs", position), f"le secteur « {sector} » n'existe pas dans le programme")
    for index, criterion in enumerate(data["eligibilite"]):
        check = criterion.get("controle", {})
        if "couverture_secteurs" in check:
            yield document.finding(RULE, ("eligibilite", index, "controle"), "un contrôle d'éligibilité porte sur une candidature, pas sur la sélection entière")
