#!/usr/bin/env python3
"""Time `acia matrice` (validation, scores, exact proposal, all exports) on N generated applications.

    .venv/bin/python benchmarks/selection.py [--n 200 1000] [--repeat 3] [--json FICHIER]

The instance is the Corse 2023 programme with N applications generated from
the shipped ones (valid identifiers, both axes) and an evaluation by two
evaluators for each, with notes drawn from a fixed seed. Prints the median of
``--repeat`` cold runs, and the time of validation alone on the same files. Figures, not a pass/fail test.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

from record import Record, median_run, seconds, times
from validate import generate  # benchmarks/validate.py

REPO = Path(__file__).resolve().parents[1]
MANUAL = {
    "axe-1": ("axe1-dui-impact", "axe1-implication-salaries", "axe1-organisation-souple", "commun-qualite-candidature"),
    "axe-2": ("axe2-pouvoir-agir", "commun-qualite-candidature"),
}


def add_evaluations(root: Path, files: list[Path], seed: int = 2023) -> None:
    chooser = random.Random(seed)
    folder = root / "data" / "evaluations"
    folder.mkdir(parents=True, exist_ok=True)
    for index, path in enumerate(files):
        axe = "axe-1" if index % 2 == 0 else "axe-2"
        text = path.read_text(encoding="utf-8").replace("axe: axe-1", f"axe: {axe}", 1)
        if index % 3 == 0:  # a third of the OG funded by the Assurance maladie
            text = text.replace("financement:\n  - conseil_departemental", "financement:\n  - assurance_maladie", 1)
        path.write_text(text, encoding="utf-8")
        lines = ["# yaml-language-server: $schema=../../schemas/evaluation.schema.json", f"candidature: {path.stem}", "evaluations:"]
        for evaluator in ("aract", "ars"):
            lines += [f"  - evaluateur: {evaluator}", '    date: "2023-07-05"', "    notes:"]
            lines += [f"      {criterion}: {chooser.randint(0, 3)}" for criterion in MANUAL[axe]]
        (folder / path.name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="Mesure de acia matrice")
    parser.add_argument("--n", type=int, nargs="+", default=[200, 1000], help="nombres de candidatures générées (200 et 1000 par défaut)")
    parser.add_argument("--repeat", type=int, default=3, help="nombre de mesures, la médiane est gardée (3 par défaut)")
    parser.add_argument("--json", type=Path, help="écrire aussi les mesures dans ce fichier JSON")
    arguments = parser.parse_args()
    acia = Path(sys.executable).parent / "acia"
    record = Record()
    for count in arguments.n:
        with tempfile.TemporaryDirectory() as scratch:
            root = Path(scratch)
            files = generate(root, count)
            add_evaluations(root, files)
            matrix = median_run([str(acia), "matrice", "--racine", str(root), "--maintenant", "2023-08-01"], arguments.repeat, root)
            validation = median_run([str(acia), "valider", "--racine", str(root), "--maintenant", "2023-08-01"], arguments.repeat, root)
            outputs = sorted(path.name for path in (root / "build" / "selection").iterdir())
        print(f"{count} candidatures générées (avec 2 évaluations chacune) :")
        print(f"  acia matrice (validation, scores, proposition exacte, CSV/ODS/XLSX/JSON/SVG, à froid) : {seconds(matrix.seconds)} (code de sortie {matrix.code})")
        print(f"  dont validation seule (acia valider sur les mêmes fichiers) : {seconds(validation.seconds)} ; matrice ÷ validation : {times(matrix.seconds / validation.seconds)}")
        print(f"  fichiers écrits : {', '.join(outputs)}")
        record.measure(f"acia_matrice_{count}_s", f"acia matrice, {count} candidatures, à froid", matrix.seconds)
        record.measure(f"acia_valider_{count}_s", f"acia valider sur les mêmes {count} candidatures", validation.seconds)
        record.ratio(f"acia_matrice_sur_acia_valider_{count}", f"acia matrice ÷ acia valider, {count} candidatures", matrix.seconds / validation.seconds)
    record.write(arguments.json)


if __name__ == "__main__":
    main()
