#!/usr/bin/env python3
"""Time `acia construire` on the shipped data and on N generated applications, Zensical vs MkDocs.

    .venv/bin/python benchmarks/site.py [--n 200 1000]

For each case it prints the total time of one audience's build with each site
generator, and how it splits between validation, our page generation
(proposal, Markdown pages, calendar files, writing the tree), the generator
turning that same tree into HTML (Zensical, then MkDocs, the fallback), and
our passes over the built site (link check, clean-up, typography, policy).
The first case pays the one-off imports (matplotlib for the calendar). The
generated cases use the internal audience, which has one dossier page per
application. Figures, not a pass/fail test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from selection import add_evaluations  # benchmarks/selection.py
from validate import generate  # benchmarks/validate.py

from acia.check import check_instance, parse_now
from acia.site import engine
from acia.site import pages as site

REPO = Path(__file__).resolve().parents[1]
NOW = parse_now("2023-08-01")


def measure(root: Path, audience: str) -> tuple[float, float, dict[str, tuple[float, float]], int]:
    """Validation, our generation, and per generator (its own build, our passes after it); the number of pages."""
    start = time.perf_counter()
    result = check_instance(root, now=NOW)
    checked = time.perf_counter() - start
    chosen = site.Audience.parse(audience)
    start = time.perf_counter()
    site.build(root, chosen, result.report, result.context, run_builder=False, proposal=result.proposal)
    ours = time.perf_counter() - start
    target = root / "build" / chosen.folder
    stamp = datetime.combine(result.context.programme.programme_period.start, datetime.min.time(), tzinfo=UTC)
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(int(stamp.timestamp())), NO_COLOR="1")
    generators = {}
    for name in engine.ENGINES:
        shutil.rmtree(target / "site", ignore_errors=True)
        start = time.perf_counter()
        subprocess.run(engine.command(name, target / "mkdocs.yml"), cwd=target, env=env, check=True, capture_output=True)
        theirs = time.perf_counter() - start
        shutil.rmtree(target / engine.CACHE, ignore_errors=True)
        start = time.perf_counter()
        assert engine.broken_links(target / "site") == []
        site.finish(target, name)
        after = time.perf_counter() - start
        generators[name] = (theirs, after)
    pages = sum(1 for _ in (target / "site").rglob("index.html"))
    return checked, ours, generators, pages


def report(label: str, checked: float, ours: float, generators: dict[str, tuple[float, float]], pages: int) -> None:
    print(f"{label} ({pages} pages) : validation {checked:.2f} s, génération des pages par acia {ours:.2f} s")
    for name, (theirs, after) in generators.items():
        total = checked + ours + theirs + after
        print(f"    {name:8} : total {total:6.2f} s — générateur {theirs:6.2f} s, passes d'acia sur le site construit {after:5.2f} s, génération par acia {100 * ours / total:.0f} % du total")


def main() -> None:
    parser = argparse.ArgumentParser(description="Mesure de acia construire, Zensical et MkDocs")
    parser.add_argument("--n", type=int, nargs="+", default=[200, 1000], help="nombres de candidatures générées (200 et 1000 par défaut)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        shipped = Path(scratch) / "corse"
        for name in ("data", "docs"):
            shutil.copytree(REPO / name, shipped / name)
        shutil.copyfile(REPO / "mkdocs.yml", shipped / "mkdocs.yml")
        for audience in ("public", "interne"):
            report(f"Corse 2023, données livrées, public « {audience} »", *measure(shipped, audience))
        for count in arguments.n:
            generated = Path(scratch) / f"genere-{count}"
            files = generate(generated, count)
            add_evaluations(generated, files)
            shutil.copyfile(REPO / "mkdocs.yml", generated / "mkdocs.yml")
            report(f"{count} candidatures générées, public « interne »", *measure(generated, "interne"))


if __name__ == "__main__":
    main()
