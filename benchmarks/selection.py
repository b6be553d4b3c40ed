#!/usr/bin/env python3
"""Time `acia matrice` (validation, scores, exact proposal, all exports) on N generated applications.

    .venv/bin/python benchmarks/selection.py [--n 200] [--repeat 3]

The instance is the Corse 2023 programme with N applications generated from
the shipped ones (valid identifiers, both axes) and an evaluation by two
evaluators for each, with notes drawn from a fixed seed. Prints the best of
``--repeat`` cold runs. Figures, not a pass/fail test.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
    parser.add_argument("--n", type=int, default=200, help="nombre de candidatures générées (200 par défaut)")
    parser.add_argument("--repeat", type=int, default=3, help="nombre de mesures, la meilleure est gardée (3 par défaut)")
    arguments = parser.parse_args()
    acia = Path(sys.executable).parent / "acia"
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        files = generate(root, arguments.n)
        add_evaluations(root, files)
        times = []
        for _ in range(arguments.repeat):
            start = time.perf_counter()
            completed = subprocess.run([str(acia), "matrice", "--racine", str(root), "--maintenant", "2023-08-01"], capture_output=True, text=True)
            times.append(time.perf_counter() - start)
        outputs = sorted(path.name for path in (root / "build" / "selection").iterdir())
    print(f"candidatures générées : {arguments.n} (avec 2 évaluations chacune)")
    print(f"acia matrice (validation, scores, proposition exacte, CSV/ODS/XLSX/JSON/SVG, à froid) : {min(times):.3f} s (code de sortie {completed.returncode})")
    print(f"fichiers écrits : {', '.join(outputs)}")
    if completed.returncode != 0:
        print(completed.stderr)


if __name__ == "__main__":
    main()
