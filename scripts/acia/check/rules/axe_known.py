"""The axe chosen by an application is one of the programme's axes."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA301",
    title="Axe inconnu du programme",
    severity=Severity.ERROR,
    hint="Choisissez un axe défini dans data/programme.yml (clé « axes »).",
    example="axe: axe-3",
    fix="axe: axe-1",
)


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.model is None:
        return
    programme = ctx.model.programme
    for application in ctx.model.applications:
        if application.axe not in programme.axe_ids:
            choices = ", ou ".join(f"« axe: {axe.id} » pour {axe.short_title}" for axe in programme.axes)
            yield application.source.at("axe").finding(RULE, f"l'axe « {application.axe} » n'existe pas dans le programme", f"Écrivez {choices}.")
