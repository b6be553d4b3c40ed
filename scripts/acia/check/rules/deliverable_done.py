"""A deliverable marked done has its file (or link), and covers every dimension the programme asks for."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from acia import safe_files
from acia.check.context import Context
from acia.findings import Finding, Rule, Severity
from acia.load.documents import DELIVERABLES_FOLDER

RULE = Rule(
    id="ACIA511",
    title="Livrable « fait » sans son fichier",
    severity=Severity.ERROR,
    hint="Un livrable « fait » donne son fichier (rangé dans le dossier livrables/ du suivi de la structure) ou un lien https, et couvre toutes ses dimensions.",
    example="- livrable: fiche-cadrage\n  statut: fait",
    fix='- livrable: fiche-cadrage\n  statut: fait\n  fichier: livrables/fiche-cadrage.md\n  date: "2023-07-25"',
    scope="instance",
)


def check(ctx: Context) -> Iterator[Finding]:
    programme = ctx.programme
    expected = {item.id: item for item in (programme.followup.deliverables if programme is not None and programme.followup is not None else ())}
    files = ctx.followup_files
    for structure in files.folders.values():
        if structure.deliverables_file is None:
            continue
        for record in structure.deliverables_file.records:
            if record.status == "fait" and record.file is None and record.link is None:
                label = expected[record.deliverable].label if record.deliverable in expected else record.deliverable
                yield record.source.at("statut").finding(
                    RULE, f"le livrable « {label} » est marqué fait, sans fichier ni lien", "Ajoutez « fichier: livrables/<nom du fichier> » (fichier déposé dans ce dossier) ou « lien: https://… »."
                )
            if record.file is not None and ctx.root is not None:
                relative = f"{PurePosixPath(structure.deliverables_file.source.file).parent}/{record.file}"
                target = ctx.root / relative
                how = f"Déposez le fichier dans data/suivi/{structure.id}/{DELIVERABLES_FOLDER}/, puis écrivez son chemin depuis data/suivi/{structure.id}/ (ex. {DELIVERABLES_FOLDER}/diagnostic.md)."
                outside = safe_files.outside_reason(ctx.root, relative)
                parts = PurePosixPath(record.file.replace("\\", "/")).parts
                if parts[:1] != (DELIVERABLES_FOLDER,) or len(parts) < 2 or ".." in parts:
                    yield record.source.at("fichier").finding(RULE, f"le fichier « {record.file} » n'est pas rangé dans le dossier {DELIVERABLES_FOLDER}/ de la structure", how)
                elif outside is not None:
                    yield record.source.at("fichier").finding(RULE, f"le fichier « {record.file} » est refusé : {outside}", how)
                elif not target.is_file():
                    yield record.source.at("fichier").finding(RULE, f"le fichier « {record.file} » est introuvable dans data/suivi/{structure.id}/", how)
            target_item = expected.get(record.deliverable)
            if record.status == "fait" and target_item is not None:
                missing = [dimension.label for dimension in target_item.dimensions if dimension.id not in record.dimensions]
                if missing:
                    yield record.source.at("statut").finding(
                        RULE,
                        f"le livrable « {target_item.label} » est marqué fait sans couvrir : {', '.join(missing)}",
                        f"Complétez le livrable, puis listez ses dimensions : dimensions: [{', '.join(dimension.id for dimension in target_item.dimensions)}].",
                    )
