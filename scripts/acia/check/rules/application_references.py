"""Sectors and fundings named in an application are those the programme defines."""

from __future__ import annotations

from acia.findings import Rule, Severity

RULE = Rule(
    id="ACIA309",
    title="Secteur ou financement inconnu du programme",
    severity=Severity.ERROR,
    hint="Utilisez un code défini dans data/programme.yml (clés « secteurs » et « financements »).",
    example="financement: [cpam]",
    fix="financement: [assurance_maladie]",
)


def check(ctx):
    programme = ctx.programme
    if programme is None:
        return
    for document in ctx.applications:
        for index, funding in enumerate(document.data["financement"]):
            if funding not in {item.id for item in programme.fundings}:
                yield document.finding(
                    RULE, ("financement", index), f"le financement « {funding} » n'existe pas dans le programme", f"Financements possibles : {', '.join(item.id for item in programme.fundings)}."
                )
        for index, etablissement in enumerate(document.data["etablissements"]):
            sector = etablissement["secteur"]
            if programme.sector(sector) is None:
                yield document.finding(
                    RULE,
                    ("etablissements", index, "secteur"),
                    f"le secteur « {sector} » n'est pas prévu par ce programme",
                    f"Secteurs possibles : {', '.join(item.id for item in programme.sectors)}.",
                )
