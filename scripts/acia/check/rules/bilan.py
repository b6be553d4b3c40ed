"""Each retained structure records its bilan during the last step."""

from __future__ import annotations

from collections.abc import Iterator

from acia import french
from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA513",
    title="Bilan manquant ou hors de la dernière étape",
    severity=Severity.WARNING,
    hint="Enregistrez le bilan de l'accompagnement (forces, faiblesses, acteurs ressources) dans data/suivi/<structure>/bilan.yml, daté pendant la dernière étape du programme.",
    example='date: "2023-09-10"   # étape 3 : du 01/12/2023 au 29/02/2024',
    fix='date: "2024-02-12"\nforces:\n  - …\nfaiblesses:\n  - …\nacteurs_ressources:\n  - nom: Groupement régional d\'appui à la e-santé\n    apport: …',
    scope="instance",
)


def check(ctx: Context) -> Iterator[Finding]:
    programme = ctx.programme
    if programme is None or not programme.steps or ctx.followup is None or ctx.model is None:
        return
    last = max(programme.steps, key=lambda step: step.period.end)
    for folder in ctx.followup.folders.values():
        bilan = folder.bilan
        if bilan is not None and not last.period.contains(bilan.day):
            yield bilan.source.at("date").finding(
                RULE, f"le bilan est daté du {french.short_date(bilan.day)}, hors de l'étape {last.number} ({french.short_date(last.period.start)} au {french.short_date(last.period.end)})"
            )
    if ctx.now.date() <= last.period.end:
        return
    selection = ctx.model.selection
    for structure in ctx.followup.structures.values():
        decision = selection.decision_for(structure.id) if selection is not None else None
        if structure.bilan is None and decision is not None:
            # The file to create does not exist yet: point at the decision that retained the structure.
            yield decision.source.at("candidature").finding(
                RULE,
                f"l'étape {last.number} est finie depuis le {french.short_date(last.period.end)} et la structure retenue « {structure.id} » n'a pas de bilan",
                f"Créez data/suivi/{structure.id}/bilan.yml (date, forces, faiblesses, acteurs ressources).",
            )
