#!/usr/bin/env python3
"""Time `acia construire` on the shipped data and on N generated applications.

    .venv/bin/python benchmarks/site.py [--n 200]

For each case it prints the total time of one audience's build and how it
splits between validation, our page generation (proposal, Markdown pages,
calendar files, writing the tree) and MkDocs turning that tree into HTML.
The first case pays the one-off imports (matplotlib for the calendar). The generated
case uses the internal audience, which has one dossier page per application.
Figures, not a pass/fail test.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from selection import add_evaluations  # benchmarks/selection.py
from validate import generate  # benchmarks/validate.py

from acia.check import check_instance, parse_now
from acia.site import pages as site

REPO = Path(__file__).resolve().parents[1]
NOW = parse_now("2023-08-01")


def measure(root: Path, audience: str) -> tuple[float, float, float, int]:
    start = time.perf_counter()
    result = check_instance(root, now=NOW)
    checked = time.perf_counter() - start
    chosen = site.Audience.parse(audience)
    start = time.perf_counter()
    site.build(root, chosen, result.report, result.context, run_builder=False, proposal=result.proposal)
    ours = time.perf_counter() - start
    start = time.perf_counter()
    site._run_mkdocs(root / "build" / chosen.folder, result.context)
    theirs = time.perf_counter() - start
    pages = sum(1 for _ in (root / "build" / chosen.folder / "site").rglob("index.html"))
    return checked, ours, theirs, pages


def report(label: str, checked: float, ours: float, theirs: float, pages: int) -> None:
    total = checked + ours + theirs
    print(
        f"{label} : {total:.2f} s pour {pages} pages — validation {checked:.2f} s, "
        f"génération des pages par acia {ours:.2f} s ({100 * ours / total:.0f} %), MkDocs {theirs:.2f} s ({100 * theirs / total:.0f} %)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Mesure de acia construire")
    parser.add_argument("--n", type=int, default=200, help="nombre de candidatures générées (200 par défaut)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        shipped = Path(scratch) / "corse"
        for name in ("data", "docs"):
            shutil.copytree(REPO / name, shipped / name)
        shutil.copyfile(REPO / "mkdocs.yml", shipped / "mkdocs.yml")
        for audience in ("public", "interne"):
            report(f"Corse 2023, données livrées, public « {audience} »", *measure(shipped, audience))
        generated = Path(scratch) / "genere"
        files = generate(generated, arguments.n)
        add_evaluations(generated, files)
        shutil.copyfile(REPO / "mkdocs.yml", generated / "mkdocs.yml")
        report(f"{arguments.n} candidatures générées, public « interne »", *measure(generated, "interne"))


if __name__ == "__main__":
    main()
