#!/usr/bin/env python3
"""Time the follow-up: validation and site build for 4 structures × 40 meetings.

    .venv/bin/python benchmarks/suivi.py [--reunions 40] [--json FICHIER]

Starts from the shipped Corse data, replaces data/suivi/ with generated
follow-up files (each retained structure gets its COPILs from the RACI, then
working-group meetings up to the count, every held meeting with minutes and
lessons, twenty recommendations and its deliverables), then prints the time
of `validate` (schemas and every rule), of our page generation (with the ICS
calendars), of Zensical, and of the comité de suivi report in PDF. Figures, not
a pass/fail test.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from record import Record, seconds

from acia.check import check_instance
from acia.letters import documents
from acia.site import pages as site

REPO = Path(__file__).resolve().parents[1]
PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2024, 1, 15, 12, 0, tzinfo=PARIS)
HEADER = "# yaml-language-server: $schema=../../../schemas/{}.schema.json\n"


def _dump(path: Path, kind: str, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER.format(kind) + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _slots(start: date, end: date, count: int) -> list[date]:
    """``count`` working days spread evenly over a period."""
    span = (end - start).days
    found = []
    for index in range(count):
        day = start + timedelta(days=(index * span) // max(count, 1))
        while day.weekday() >= 5:
            day += timedelta(days=1)
        found.append(day)
    return found


def generate(root: Path, per_structure: int) -> int:
    """Write data/suivi/ for every retained structure; return the number of meetings."""
    programme = yaml.safe_load((root / "data" / "programme.yml").read_text(encoding="utf-8"))
    selection = yaml.safe_load((root / "data" / "selection.yml").read_text(encoding="utf-8"))
    retained = [item["candidature"] for item in selection["decisions"] if item["decision"] == "retenue"]
    steps = {step["id"]: (date.fromisoformat(step["periode"]["debut"]), date.fromisoformat(step["periode"]["fin"])) for step in programme["etapes"]}
    themes = [theme["id"] for theme in programme["suivi"]["themes"]]
    shutil.rmtree(root / "data" / "suivi", ignore_errors=True)
    total = 0
    for structure in retained:
        application = yaml.safe_load((root / "data" / "applications" / f"{structure}.yml").read_text(encoding="utf-8"))
        axe = application["axe"]
        copils = [row for row in programme["raci"]["lignes"] if row["axe"] == axe and row.get("instance") == "copil"]
        meetings = []
        for step_id, (start, end) in steps.items():
            in_step = [row for row in copils if row["etape"] == step_id]
            for row, day in zip(in_step, _slots(start + timedelta(days=2), end - timedelta(days=2), len(in_step)), strict=False):
                meetings.append({"id": row["id"].split("-", 1)[1], "instance": "copil", "actions": [row["id"]], "debut": day, "duree_heures": row["charge"]["heures"], "animee_par": "aract"})
        groups = [{"id": f"gt-{number}", "intitule": f"Groupe de travail {number}"} for number in (1, 2, 3)]
        remaining = per_structure - len(meetings)
        for index, day in enumerate(_slots(steps["etape-2"][0], steps["etape-3"][1] - timedelta(days=3), remaining)):
            step = "etape-2" if day <= steps["etape-2"][1] else "etape-3"
            meetings.append(
                {
                    "id": f"gt-{index + 1:02d}",
                    "instance": "groupe-travail",
                    "etape": step,
                    "groupe_travail": groups[index % 3]["id"],
                    "debut": day,
                    "duree_heures": 2,
                    "animee_par": "pilote" if index % 2 else "aract",
                }
            )
        for item in meetings:
            moment = datetime.combine(item["debut"], datetime.min.time().replace(hour=9, minute=30), tzinfo=PARIS)
            item["debut"] = moment.isoformat()
            item["participants"] = [{"role": "aract"}, {"role": "direction"}, {"role": "pilote"}]
            if moment + timedelta(hours=item["duree_heures"]) <= NOW:
                lesson = {
                    "nature": ("obstacle", "levier", "outil")[total % 3],
                    "theme": themes[total % len(themes)],
                    "texte": f"Enseignement n° {total} tiré de la réunion {item['id']}.",
                    "partageable": total % 4 != 0,
                }
                minutes = root / "data" / "suivi" / structure / "comptes-rendus" / f"{item['id']}.md"
                minutes.parent.mkdir(parents=True, exist_ok=True)
                minutes.write_text(
                    "---\n"
                    + yaml.safe_dump({"redige_par": "aract", "enseignements": [lesson]}, allow_unicode=True, sort_keys=False)
                    + "---\n# Compte rendu\n\n"
                    + "Points abordés, décisions et travaux d'intersession.\n" * 20,
                    encoding="utf-8",
                )
            total += 1
        _dump(root / "data" / "suivi" / structure / "reunions.yml", "reunions", {"groupes_travail": groups, "reunions": meetings})
        recommendations = [
            {
                "texte": f"Recommandation {number}",
                "groupe_travail": groups[number % 3]["id"],
                "date": "2023-10-05",
                **({"reponse": "acceptee", "justification": "Retenue au plan d'action."} if number % 2 else {}),
            }
            for number in range(20)
        ]
        _dump(root / "data" / "suivi" / structure / "recommandations.yml", "recommandations", {"recommandations": recommendations})
        expected = [item for item in programme["suivi"]["livrables"] if item["axe"] == axe]
        _dump(root / "data" / "suivi" / structure / "livrables.yml", "livrables", {"livrables": [{"livrable": item["id"], "statut": "en_cours"} for item in expected]})
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description="Mesure du suivi : validation et construction du site")
    parser.add_argument("--reunions", type=int, default=40, help="réunions par structure (40 par défaut)")
    parser.add_argument("--json", type=Path, help="écrire aussi les mesures dans ce fichier JSON")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "corse"
        for name in ("data", "docs", "schemas"):
            shutil.copytree(REPO / name, root / name)
        shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
        meetings = generate(root, arguments.reunions)
        start = time.perf_counter()
        result = check_instance(root, now=NOW)
        report, context = result.report, result.context
        checked = time.perf_counter() - start
        errors = [finding for finding in report.findings if finding.is_error]
        assert not errors, errors[:5]
        print(f"{len(context.followup.structures)} structures, {meetings} réunions, {sum(1 for _ in (root / 'data' / 'suivi').rglob('*.md'))} comptes rendus")
        print(f"validation (schémas et toutes les règles) : {seconds(checked)} pour {report.files} fichiers")
        audience = site.Audience.parse("interne")
        start = time.perf_counter()
        site.build(root, audience, report, context, run_builder=False, proposal=result.proposal)
        ours = time.perf_counter() - start
        start = time.perf_counter()
        site._run_generator(root / "build" / audience.folder, context)
        theirs = time.perf_counter() - start
        pages = sum(1 for _ in (root / "build" / audience.folder / "site").rglob("index.html"))
        print(f"site interne : {seconds(ours + theirs)} pour {pages} pages — génération par acia (avec les agendas .ics) {seconds(ours)}, Zensical et passes d'acia {seconds(theirs)}")
        start = time.perf_counter()
        made = documents.followup_report(context, root)
        documents.convert(made, "pdf", root / "build" / "documents" / "rapport-comite-suivi.pdf")
        report_time = time.perf_counter() - start
        print(f"rapport au comité de suivi (PDF) : {seconds(report_time)}")
    record = Record()
    record.measure("suivi_validation_s", "suivi : validation", checked)
    record.measure("suivi_generation_s", "suivi : génération du site interne par acia", ours)
    record.measure("suivi_zensical_et_passes_s", "suivi : Zensical et passes d'acia", theirs)
    record.measure("suivi_rapport_pdf_s", "suivi : rapport au comité de suivi (PDF)", report_time)
    record.measure("suivi_pages", "suivi : pages du site interne", pages)
    record.ratio("suivi_part_generation", "suivi : part de la génération par acia", ours / (ours + theirs))
    record.write(arguments.json)


if __name__ == "__main__":
    main()
