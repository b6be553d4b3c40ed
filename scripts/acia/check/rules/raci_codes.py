"""RACI cells use the programme's roles (columns) and codes (R, C, I, R/C…)."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA404",
    title="Case du RACI invalide",
    severity=Severity.ERROR,
    hint="Utilisez une colonne de « raci.roles » et un code de « raci.valeurs » ; laissez la case absente si elle est vide dans l'annexe.",
    example="roles: {aract: R, pilote: X, direction: I}",
    fix="roles: {aract: R, pilote: C}",
)


def check(ctx: Context) -> Iterator[Finding]:
    programme, source = ctx.programme, ctx.programme_source
    if programme is None or source is None or programme.raci is None:
        return
    raci_roles = [role.id for role in programme.raci.roles]
    raci_values = [value.id for value in programme.raci.values]
    for row in programme.raci_rows:
        for role, code in row.roles.items():
            path = ("raci", "lignes", row.index, "roles", role)
            if role not in raci_roles:
                yield source.at(*path).finding(RULE, f"« {row.action} » : la colonne « {role} » n'existe pas dans le RACI", f"Colonnes : {', '.join(raci_roles)}.", at_key=True)
            elif code not in raci_values:
                yield source.at(*path).finding(RULE, f"« {row.action} » : le code « {code} » pour {role} n'est pas un code du RACI", f"Codes admis : {', '.join(raci_values)}.")
