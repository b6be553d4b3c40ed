"""Each retained structure records its bilan during the last step."""

from __future__ import annotations

from acia import french
from acia.findings import Rule, Severity
from acia.model.programme import parse_date

RULE = Rule(
    id="ACIA513",
    title="Bilan manquant ou hors de la dernière étape",
    severity=Severity.WARNING,
    hint="Enregistrez le bilan du comité de pilotage (forces, faiblesses, acteurs ressources) dans data/suivi/<structure>/bilan.yml, daté pendant la dernière étape du programme.",
    example='date: "2023-09-10"   # étape 3 : du 01/12/2023 au 29/02/2024',
    fix='date: "2024-02-12"\nforces:\n  - …\nfaiblesses:\n  - …\nacteurs_ressources:\n  - nom: GRADeS de Corse\n    apport: …',
    scope="instance",
)


def check(ctx):
    programme = ctx.programme
    if programme is None or not programme.steps or ctx.followup is None:
        return
    last = max(programme.steps, key=lambda step: step.period.end)
    for document in ctx.of_kind("bilan"):
        day = parse_date(document.data["date"])
        if not last.period.contains(day):
            yield document.finding(RULE, ("date",), f"le bilan est daté du {french.short_date(day)}, hors de l'étape {last.number} ({french.short_date(last.period.start)} au {french.short_date(last.period.end)})")
    if ctx.now.date() <= last.period.end:
        return
    selection = next(iter(ctx.of_kind("selection")), None)
    for structure in ctx.followup.structures.values():
        if structure.bilan is None and selection is not None:
            # The file to create does not exist yet: point at the decision that retained the structure.
            index = next(index for index, item in enumerate(selection.data["decisions"]) if item["candidature"] == structure.id)
            yield selection.finding(
                RULE,
                ("decisions", index, "candidature"),
                f"l'étape {last.number} est finie depuis le {french.short_date(last.period.end)} et la structure retenue « {structure.id} » n'a pas de bilan",
                f"Créez data/suivi/{structure.id}/bilan.yml (date, forces, faiblesses, acteurs ressources).",
            )
