"""A deliverable marked done has its file (or link), and covers every dimension the programme asks for."""

from __future__ import annotations

from acia.findings import Rule, Severity
from acia.load.documents import DELIVERABLES_FOLDER

RULE = Rule(
    id="ACIA511",
    title="Livrable « fait » sans son fichier",
    severity=Severity.ERROR,
    hint="Un livrable « fait » donne son fichier (rangé dans le dossier livrables/ du suivi de la structure) ou un lien https, et couvre toutes ses dimensions.",
    example="- livrable: fiche-cadrage\n  statut: fait",
    fix="- livrable: fiche-cadrage\n  statut: fait\n  fichier: livrables/fiche-cadrage.md\n  date: \"2023-07-25\"",
    scope="instance",
)


def check(ctx):
    programme = ctx.programme
    expected = {item["id"]: item for item in (programme.raw.get("suivi", {}).get("livrables", []) if programme else [])}
    for document in ctx.of_kind("livrables"):
        folder = (ctx.root / document.rel).parent if ctx.root is not None else None
        for index, item in enumerate(document.data["livrables"]):
            base = ("livrables", index)
            if item["statut"] == "fait" and "fichier" not in item and "lien" not in item:
                label = expected.get(item["livrable"], {}).get("libelle", item["livrable"])
                yield document.finding(RULE, base + ("statut",), f"le livrable « {label} » est marqué fait, sans fichier ni lien", "Ajoutez « fichier: livrables/<nom du fichier> » (fichier déposé dans ce dossier) ou « lien: https://… ».")
            if "fichier" in item and folder is not None:
                deliverables = (folder / DELIVERABLES_FOLDER).resolve()
                target = (folder / item["fichier"]).resolve()
                how = f"Déposez le fichier dans data/suivi/{document.folder}/{DELIVERABLES_FOLDER}/, puis écrivez son chemin depuis data/suivi/{document.folder}/ (ex. {DELIVERABLES_FOLDER}/diagnostic.md)."
                if deliverables not in target.parents:
                    yield document.finding(RULE, base + ("fichier",), f"le fichier « {item['fichier']} » n'est pas rangé dans le dossier {DELIVERABLES_FOLDER}/ de la structure", how)
                elif not target.is_file():
                    yield document.finding(RULE, base + ("fichier",), f"le fichier « {item['fichier']} » est introuvable dans data/suivi/{document.folder}/", how)
            target_item = expected.get(item["livrable"])
            if item["statut"] == "fait" and target_item is not None:
                missing = [dimension["libelle"] for dimension in target_item.get("dimensions", []) if dimension["id"] not in item.get("dimensions", [])]
                if missing:
                    yield document.finding(RULE, base + ("statut",), f"le livrable « {target_item['libelle']} » est marqué fait sans couvrir : {', '.join(missing)}", f"Complétez le livrable, puis listez ses dimensions : dimensions: [{', '.join(dimension['id'] for dimension in target_item['dimensions'])}].")
