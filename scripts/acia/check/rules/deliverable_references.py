"""A structure's deliverables are the ones the programme expects for its axe, each listed once."""

from __future__ import annotations

from acia.findings import Rule, Severity

RULE = Rule(
    id="ACIA510",
    title="Livrable inconnu ou en double",
    severity=Severity.ERROR,
    hint="Reprenez les identifiants des livrables attendus pour l'axe de la structure (« suivi.livrables » de data/programme.yml), une fois chacun.",
    example="livrables:\n  - livrable: diagnostic      # structure de l'axe 2\n    statut: en_cours",
    fix="livrables:\n  - livrable: cahier-des-charges\n    statut: en_cours",
    scope="instance",
)


def check(ctx):
    programme = ctx.programme
    if programme is None:
        return
    axes = {document.data["id"]: document.data["axe"] for document in ctx.applications}
    expected = {item["id"]: item for item in programme.raw.get("suivi", {}).get("livrables", [])}
    for document in ctx.of_kind("livrables"):
        axe = axes.get(document.folder)
        own = sorted(item_id for item_id, item in expected.items() if axe is None or item["axe"] == axe)
        seen: set[str] = set()
        for index, item in enumerate(document.data["livrables"]):
            base = ("livrables", index)
            target = expected.get(item["livrable"])
            if target is None:
                yield document.finding(RULE, base + ("livrable",), f"le livrable « {item['livrable']} » n'est pas attendu par le programme", f"Livrables de l'axe « {axe} » : {', '.join(own) or '(aucun)'}." if axe else f"Livrables : {', '.join(own) or '(aucun)'}.")
                continue
            if axe is not None and target["axe"] != axe:
                yield document.finding(RULE, base + ("livrable",), f"le livrable « {target['libelle']} » est attendu des structures de l'axe « {target['axe']} », pas de l'axe « {axe} »", f"Livrables de l'axe « {axe} » : {', '.join(own) or '(aucun)'}.")
            if item["livrable"] in seen:
                yield document.finding(RULE, base + ("livrable",), f"le livrable « {target['libelle']} » est déjà listé plus haut", "Gardez une seule entrée par livrable, avec son état actuel.")
            seen.add(item["livrable"])
            dimensions = {dimension["id"] for dimension in target.get("dimensions", [])}
            for dimension_index, dimension in enumerate(item.get("dimensions", [])):
                if dimension not in dimensions:
                    yield document.finding(RULE, base + ("dimensions", dimension_index), f"« {dimension} » n'est pas une dimension du livrable « {target['libelle']} »", f"Dimensions : {', '.join(sorted(dimensions)) or '(aucune)'}.")
