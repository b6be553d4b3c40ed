"""A structure's deliverables are the ones the programme expects for its axe, each listed once."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA510",
    title="Livrable inconnu ou en double",
    severity=Severity.ERROR,
    hint="Reprenez les identifiants des livrables attendus pour l'axe de la structure (« suivi.livrables » de data/programme.yml), une fois chacun.",
    example="livrables:\n  - livrable: diagnostic      # structure de l'axe 2\n    statut: en_cours",
    fix="livrables:\n  - livrable: cahier-des-charges\n    statut: en_cours",
    scope="instance",
)


def check(ctx: Context) -> Iterator[Finding]:
    programme = ctx.programme
    if programme is None or ctx.model is None or ctx.followup is None:  # both are None exactly when the programme is
        return
    axes = {application.id: application.axe for application in ctx.model.applications if ctx.model.programme.axe(application.axe) is not None}  # an unknown axe is ACIA301's one finding
    expected = {item.id: item for item in (programme.followup.deliverables if programme.followup is not None else ())}
    for folder in ctx.followup.folders.values():
        if folder.deliverables_file is None:
            continue
        axe = axes.get(folder.id)
        own = sorted(item_id for item_id, item in expected.items() if axe is None or item.axe == axe)
        seen: set[str] = set()
        for record in folder.deliverables_file.records:
            source = record.source.at("livrable")
            target = expected.get(record.deliverable)
            if target is None:
                yield source.finding(
                    RULE,
                    f"le livrable « {record.deliverable} » n'est pas attendu par le programme",
                    f"Livrables de l'axe « {axe} » : {', '.join(own) or '(aucun)'}." if axe else f"Livrables : {', '.join(own) or '(aucun)'}.",
                )
                continue
            if axe is not None and target.axe != axe:
                yield source.finding(
                    RULE,
                    f"le livrable « {target.label} » est attendu des structures de l'axe « {target.axe} », pas de l'axe « {axe} »",
                    f"Livrables de l'axe « {axe} » : {', '.join(own) or '(aucun)'}.",
                )
            if record.deliverable in seen:
                yield source.finding(RULE, f"le livrable « {target.label} » est déjà listé plus haut", "Gardez une seule entrée par livrable, avec son état actuel.")
            seen.add(record.deliverable)
            dimensions = {dimension.id for dimension in target.dimensions}
            for dimension_index, dimension in enumerate(record.dimensions):
                if dimension not in dimensions:
                    yield record.source.at("dimensions", dimension_index).finding(
                        RULE, f"« {dimension} » n'est pas une dimension du livrable « {target.label} »", f"Dimensions : {', '.join(sorted(dimensions)) or '(aucune)'}."
                    )
