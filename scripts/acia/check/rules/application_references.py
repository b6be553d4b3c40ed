"""Sectors and fundings named in an application are those the programme defines."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA309",
    title="Secteur ou financement inconnu du programme",
    severity=Severity.ERROR,
    hint="Utilisez un code défini dans data/programme.yml (clés « secteurs » et « financements »).",
    example="financement: [cpam]",
    fix="financement: [assurance_maladie]",
)


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.model is None:
        return
    programme = ctx.model.programme
    for application in ctx.model.applications:
        for index, funding in enumerate(application.fundings):
            if programme.funding(funding) is None:
                yield application.source.at("financement", index).finding(
                    RULE, f"le financement « {funding} » n'existe pas dans le programme", f"Financements possibles : {', '.join(item.id for item in programme.fundings)}."
                )
        for etablissement in application.etablissements:
            if programme.sector(etablissement.sector) is None:
                yield etablissement.source.at("secteur").finding(
                    RULE,
                    f"le secteur « {etablissement.sector} » n'est pas prévu par ce programme",
                    f"Secteurs possibles : {', '.join(item.id for item in programme.sectors)}.",
                )
