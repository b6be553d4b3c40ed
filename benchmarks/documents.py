#!/usr/bin/env python3
"""Time the commitment letters of N selected organismes gestionnaires in DOCX, ODT and PDF.

    .venv/bin/python benchmarks/documents.py [--n 50] [--json FICHIER]

Generates N applications (Corse 2023 programme), records a committee decision
retaining all of them (the programme's limit is lifted for the measure), then
times the production of their commitment letters in the three formats, in
process, after one warm-up document: wall time and CPU time (this process and
the pandoc processes it waited for), first with an empty cache of converted
documents, then again with every letter found in ``build/.cache/documents``.
Figures, not a pass/fail test.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from record import Record, seconds, times
from validate import generate  # benchmarks/validate.py

from acia.check import check_instance, parse_now
from acia.letters import conversions, documents


def main() -> None:
    parser = argparse.ArgumentParser(description="Mesure de acia courriers")
    parser.add_argument("--n", type=int, default=50, help="nombre d'organismes gestionnaires retenus (50 par défaut)")
    parser.add_argument("--json", type=Path, help="écrire aussi les mesures dans ce fichier JSON")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        files = generate(root, arguments.n)
        programme = root / "data" / "programme.yml"
        programme.write_text(re.sub(r"organismes_gestionnaires: \{max: 4\}", f"organismes_gestionnaires: {{max: {arguments.n}}}", programme.read_text(encoding="utf-8")), encoding="utf-8")
        decisions = "".join(f"  - candidature: {path.stem}\n    decision: retenue\n    motif: Mesure de performance.\n" for path in files)
        (root / "data" / "selection.yml").write_text(
            f'# yaml-language-server: $schema=../schemas/selection.schema.json\ncomite:\n  date: "2023-07-11"\n  membres_presents: [aract, grades, ars]\ndecisions:\n{decisions}',
            encoding="utf-8",
        )
        context = check_instance(root, now=parse_now("2023-08-01")).context
        letters = [document for document in documents.prepare(context, root=root) if document.name == "lettre-engagement"]
        conversions.write_all(root, letters[:1], documents.FORMATS)  # warm-up: imports, typst fonts
        shutil.rmtree(root / conversions.FOLDER)
        conversions._memory.clear()
        start, before = time.perf_counter(), os.times()
        written = conversions.write_all(root, letters, documents.FORMATS)
        elapsed, after = time.perf_counter() - start, os.times()
        cpu = (after.user - before.user) + (after.system - before.system) + (after.children_user - before.children_user) + (after.children_system - before.children_system)
        conversions._memory.clear()
        start = time.perf_counter()
        conversions.write_all(root, letters, documents.FORMATS)
        cached = time.perf_counter() - start
    print(f"lettres d'engagement : {len(letters)} organismes gestionnaires × {len(documents.FORMATS)} formats = {len(written)} fichiers, sur {os.cpu_count()} cœurs")
    print(f"première production : {seconds(elapsed)} ({1000 * elapsed / len(written):.0f} ms par fichier), temps de calcul {seconds(cpu)} (×{times(cpu / elapsed)} le temps écoulé)")
    print(f"production suivante, courriers inchangés (cache) : {seconds(cached)}")
    record = Record()
    record.measure("courriers_fichiers", "courriers : fichiers produits", len(written))
    record.measure("coeurs", "cœurs de la machine", os.cpu_count())
    record.measure("courriers_premiere_s", f"courriers : {len(written)} fichiers, première production", elapsed)
    record.measure("courriers_calcul_s", "courriers : temps de calcul de la première production", cpu)
    record.measure("courriers_cache_s", "courriers : production suivante, courriers inchangés", cached)
    record.ratio("courriers_calcul_sur_ecoule", "courriers : temps de calcul ÷ temps écoulé", cpu / elapsed)
    record.ratio("courriers_premiere_sur_cache", "courriers : première production ÷ production suivante", elapsed / cached)
    record.write(arguments.json)


if __name__ == "__main__":
    main()
