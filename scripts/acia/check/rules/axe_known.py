"""The axe chosen by an application is one of the programme's axes."""

from __future__ import annotations

from acia.findings import Rule, Severity

RULE = Rule(
    id="ACIA301",
    title="Axe inconnu du programme",
    severity=Severity.ERROR,
    hint="Choisissez un axe défini dans data/programme.yml (clé « axes »).",
    example="axe: axe-3",
    fix="axe: axe-1",
)


def check(ctx):
    if ctx.programme is None:
        return
    for document in ctx.applications:
        axe = document.data["axe"]
        if axe not in ctx.programme.axe_ids:
            yield document.finding(
                RULE, ("axe",), f"l'axe « {axe} » n'existe pas dans le programme", f"Axes possibles : {', '.join(ctx.programme.axe_ids)}."
            )
