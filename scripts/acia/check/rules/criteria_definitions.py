"""Each priorisation criterion is defined the way its mode needs, with known references."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity
from acia.load.documents import Source
from acia.model.programme import SelectionCriterion
from acia.model.selection import coverage_criterion

RULE = Rule(
    id="ACIA407",
    title="Critère de priorisation mal défini",
    severity=Severity.ERROR,
    hint=(
        "Un critère « manuel » a une échelle (min < max) et pas de calcul ; un critère « automatique » a un calcul ; "
        "le critère « ensemble » (un seul) a « couverture_secteurs » et dit dans « couverture » comment elle compte, sans « poids »."
    ),
    example="- id: commun-qualite\n  mode: manuel\n  calcul: {dans_les_delais: true}",
    fix="- id: commun-qualite\n  mode: manuel\n  echelle: {min: 0, max: 3}",
)


def check(ctx: Context) -> Iterator[Finding]:
    programme, source = ctx.programme, ctx.programme_source
    if programme is None or source is None:
        return
    fundings = {funding.id for funding in programme.fundings}
    sectors = {sector.id for sector in programme.sectors}
    used = coverage_criterion(programme)  # the one the proposal counts
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
        if mode == "ensemble":
            yield from _coverage(at, criterion, second=used is not None and criterion is not used and calcul is not None and "couverture_secteurs" in calcul)
        elif criterion.coverage is not None:
            yield at.at("couverture").finding(RULE, f"le critère {mode} « {name} » a une « couverture » : elle ne vaut que pour un critère d'ensemble, elle serait ignorée", at_key=True)
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


_DECLARE = "Ajoutez par exemple « couverture: {mode: points, points_par_secteur: 10} » ou « couverture: {mode: lexicographique, rang: avant_score} »."


def _coverage(at: Source, criterion: SelectionCriterion, second: bool) -> Iterator[Finding]:
    """The « ensemble » criterion declares how coverage counts, with the keys of its mode, and no weight."""
    name, declared = criterion.id, criterion.coverage
    if second:
        yield at.at("mode").finding(
            RULE,
            f"« {name} » est un second critère d'ensemble : la proposition ne compte la couverture des secteurs qu'une fois, selon le premier ; celui-ci serait ignoré",
            "Réunissez les secteurs dans un seul critère d'ensemble.",
        )
    if at.at("poids").path in at.document.positions:
        yield at.at("poids").finding(
            RULE, f"le critère d'ensemble « {name} » a un poids : il serait ignoré, la couverture compte selon « couverture »", "Supprimez « poids » et réglez « couverture ».", at_key=True
        )
    if declared is None:
        yield at.at("mode").finding(RULE, f"le critère d'ensemble « {name} » ne dit pas comment la couverture des secteurs compte dans la proposition", _DECLARE)
        return
    place = at.at("couverture")
    if declared.mode == "points":
        if declared.points_per_sector is None:
            yield place.finding(
                RULE,
                f"la couverture du critère « {name} » compte en points mais sans « points_par_secteur »",
                "Ajoutez « points_par_secteur: 10 » (points ajoutés au total des scores, sur 100 par candidature, pour chaque secteur couvert).",
            )
        if declared.rank is not None:
            yield place.at("rang").finding(
                RULE, f"la couverture du critère « {name} » compte en points : son « rang » serait ignoré", "Supprimez « rang », qui ne vaut qu'en mode « lexicographique ».", at_key=True
            )
    else:
        if declared.rank is None:
            yield place.finding(
                RULE,
                f"la couverture du critère « {name} » est lexicographique mais sans « rang »",
                "Ajoutez « rang: avant_score » (la couverture passe avant le total des scores) ou « rang: apres_score » (elle départage deux totaux égaux).",
            )
        if declared.points_per_sector is not None:
            yield place.at("points_par_secteur").finding(
                RULE,
                f"la couverture du critère « {name} » est lexicographique : ses « points_par_secteur » seraient ignorés",
                "Supprimez « points_par_secteur », ou passez en « mode: points ».",
                at_key=True,
            )
