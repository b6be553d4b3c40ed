"""Each erratum's « champ » designates data that exists in the programme, so that a mark cannot drift away from what it describes."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA409",
    title="Erratum qui ne désigne aucune donnée",
    severity=Severity.ERROR,
    hint=(
        "Écrivez dans « champ » le chemin de la donnée concernée : des clés séparées par des points, un élément de liste "
        "entre crochets par son identifiant ou sa position (ex. « raci.lignes[a1-arbitrage].charge.heures »), plusieurs chemins "
        "séparés par « et ». Si la donnée a été retirée, mettez l'erratum à jour ou retirez-le."
    ),
    example="errata:\n  - id: arbitrage-duree\n    champ: raci.lignes[a1-arbitrage].duree",
    fix="errata:\n  - id: arbitrage-duree\n    champ: raci.lignes[a1-arbitrage].charge.heures",
)


def check(ctx: Context) -> Iterator[Finding]:
    programme, source = ctx.programme, ctx.programme_source
    if programme is None or source is None:
        return
    for index, erratum in enumerate(programme.errata):
        for why in erratum.unresolved:
            yield source.at("errata", index, "champ").finding(RULE, f"l'erratum « {erratum.id} » désigne une donnée absente : {why}")
