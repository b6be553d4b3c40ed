#!/usr/bin/env python3
"""Time `acia construire` on the shipped data and on N generated applications: our share and Zensical's.

    .venv/bin/python benchmarks/site.py [--n 200 1000] [--json FICHIER]

For each case and audience (public, interne) it prints how one build splits
between validation, our page generation (pages, calendar, downloads), Zensical
turning that same tree into HTML, and our passes over the built site (link
check, clean-up, typography, security policy). The first build of an instance
converts every letter, renders and passes every page; a rebuild of unchanged
data finds them in ``build/.cache`` (letters, passed pages, Zensical's own
cache): both figures are shown. Then our share of a rebuild
(generation and passes, as a part of generation, Zensical and passes) and,
when MkDocs is installed (``pip install -e .[comparaison]``), MkDocs' time on
the same tree. Last, what ``acia apercu`` takes to show a change: one phone
number of one application edited, the site rebuilt (validation, pages,
Zensical, passes), as the preview does at each change.
Figures, not a pass/fail test. The one-off imports (matplotlib for the
calendar, Jinja2 templates) are paid before the first measure.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from record import Record
from selection import add_evaluations  # benchmarks/selection.py
from validate import generate  # benchmarks/validate.py

from acia.check import check_instance, parse_now
from acia.check.pipeline import NOW_VARIABLE
from acia.letters import conversions
from acia.site import engine, serve
from acia.site import pages as site

REPO = Path(__file__).resolve().parents[1]
NOW = parse_now("2023-08-01")


@dataclass
class Measure:
    case: str
    audience: str
    pages: int
    validation: float
    generation_cold: float  # letters converted (empty cache)
    generation: float  # letters found in the cache: what every later build pays
    zensical_cold: float  # Zensical from an empty cache
    zensical: float  # with its cache
    passes_cold: float  # every page passed (empty cache)
    passes: float  # pages found in the cache
    mkdocs: float | None
    preview: float  # acia apercu: rebuild after one field of one application changed

    @property
    def total(self) -> float:
        return self.validation + self.generation + self.zensical + self.passes

    @property
    def share(self) -> float:
        """Our generation and passes, as a part of a rebuild (validation left out: benchmarks/validate.py)."""
        return (self.generation + self.passes) / (self.generation + self.passes + self.zensical)

    @property
    def share_cold(self) -> float:
        """The same for the first build, every letter converted and every page passed."""
        return (self.generation_cold + self.passes_cold) / (self.generation_cold + self.passes_cold + self.zensical_cold)

    @property
    def total_cold(self) -> float:
        return self.validation + self.generation_cold + self.zensical_cold + self.passes_cold


def _generate(root: Path, audience: site.Audience, checked) -> float:
    start = time.perf_counter()
    site.build(root, audience, checked.report, checked.context, run_builder=False, proposal=checked.proposal)
    return time.perf_counter() - start


def measure(case: str, root: Path, audience_name: str) -> Measure:
    start = time.perf_counter()
    checked = check_instance(root, now=NOW)
    validation = time.perf_counter() - start
    audience = site.Audience.parse(audience_name)
    shutil.rmtree(root / "build" / ".cache", ignore_errors=True)
    conversions._memory.clear()
    cold = _generate(root, audience, checked)
    conversions._memory.clear()
    warm = min(_generate(root, audience, checked) for _ in range(2))
    target = root / "build" / audience.folder
    stamp = datetime.combine(checked.context.programme.programme_period.start, datetime.min.time(), tzinfo=UTC)
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(int(stamp.timestamp())), NO_COLOR="1")
    shutil.rmtree(target / engine.CACHE, ignore_errors=True)
    zensical_runs = []
    for _ in range(3):  # the first from an empty cache; the next with Zensical's cache (what engine.run lends it)
        shutil.rmtree(target / "site", ignore_errors=True)
        start = time.perf_counter()
        subprocess.run(engine.command(target / "mkdocs.yml"), cwd=target, env=env, check=True, capture_output=True)
        zensical_runs.append(time.perf_counter() - start)
    zensical_cold, zensical = zensical_runs[0], min(zensical_runs[1:])
    shutil.rmtree(target / engine.CACHE, ignore_errors=True)
    shutil.copytree(target / "site", target / "site-zensical")
    timings = []
    for _ in range(3):  # the first passes every page; the next find them in build/.cache/pages
        shutil.rmtree(target / "site")
        shutil.copytree(target / "site-zensical", target / "site")
        start = time.perf_counter()
        assert engine.broken_links(target / "site") == []
        site.finish(target, root)  # our passes, on every core, through build/.cache/pages
        timings.append(time.perf_counter() - start)
    shutil.rmtree(target / "site-zensical")
    passes_cold, passes = timings[0], min(timings[1:])
    pages = sum(1 for _ in (target / "site").rglob("index.html"))
    mkdocs = None
    if importlib.util.find_spec("mkdocs") is not None:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(target / "mkdocs.yml"), "-d", str(target / "site-mkdocs")], cwd=target, env=env, check=True, capture_output=True)
        mkdocs = time.perf_counter() - start
        shutil.rmtree(target / "site-mkdocs", ignore_errors=True)
    return Measure(case, audience_name, pages, validation, cold, warm, zensical_cold, zensical, passes_cold, passes, mkdocs, _preview(root, audience))


def _preview(root: Path, audience: site.Audience) -> float:
    """The median time ``acia apercu`` takes to rebuild the site after one phone number of one application changed."""
    application = sorted((root / "data" / "applications").glob("*.yml"))[len(list((root / "data" / "applications").glob("*.yml"))) // 2]
    os.environ[NOW_VARIABLE] = NOW.isoformat()
    with contextlib.redirect_stdout(io.StringIO()):
        serve.regenerate(root, audience)  # as acia apercu starts: the site built once
        runs = []
        for _ in range(3):
            text = application.read_text(encoding="utf-8")
            edited = re.sub(r'(telephone: "[^"]*)(\d)"', lambda found: f'{found.group(1)}{(int(found.group(2)) + 1) % 10}"', text, count=1)
            assert edited != text
            application.write_text(edited, encoding="utf-8")
            start = time.perf_counter()
            assert serve.regenerate(root, audience)
            runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def _seconds(value: float) -> str:
    return f"{value:.2f} s".replace(".", ",")


def report(measure: Measure) -> None:
    compared = f", MkDocs {_seconds(measure.mkdocs)}" if measure.mkdocs is not None else ", MkDocs non installé"
    print(
        f"{measure.case}, public « {measure.audience} » ({measure.pages} pages) : reconstruction {_seconds(measure.total)} — "
        f"validation {_seconds(measure.validation)}, génération par acia {_seconds(measure.generation)}, Zensical {_seconds(measure.zensical)}, "
        f"passes d'acia sur le site {_seconds(measure.passes)} ; part d'acia {100 * measure.share:.0f} %{compared} ; "
        f"première construction {_seconds(measure.total_cold)} : génération {_seconds(measure.generation_cold)} (courriers convertis), "
        f"Zensical {_seconds(measure.zensical_cold)}, passes {_seconds(measure.passes_cold)}, part d'acia {100 * measure.share_cold:.0f} % ; "
        f"acia apercu après la modification d'un numéro de téléphone d'une candidature : {_seconds(measure.preview)}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Mesure de acia construire : part d'acia, part de Zensical (et MkDocs, s'il est installé)")
    parser.add_argument("--n", type=int, nargs="+", default=[200, 1000], help="nombres de candidatures générées (200 et 1000 par défaut)")
    parser.add_argument("--json", type=Path, help="écrire aussi les mesures dans ce fichier JSON")
    arguments = parser.parse_args()
    measures = []
    with tempfile.TemporaryDirectory() as scratch:
        shipped = Path(scratch) / "corse"
        for name in ("data", "docs", "schemas"):
            shutil.copytree(REPO / name, shipped / name)
        shutil.copyfile(REPO / "mkdocs.yml", shipped / "mkdocs.yml")
        _generate(shipped, site.Audience.parse("public"), check_instance(shipped, now=NOW))  # one-off imports
        for audience in ("public", "interne"):
            measures.append(measure("Corse 2023, données livrées", shipped, audience))
            report(measures[-1])
        for count in arguments.n:
            generated = Path(scratch) / f"genere-{count}"
            files = generate(generated, count)
            add_evaluations(generated, files)
            shutil.copyfile(REPO / "mkdocs.yml", generated / "mkdocs.yml")
            for audience in ("public", "interne"):
                measures.append(measure(f"{count} candidatures générées", generated, audience))
                report(measures[-1])
    sizes = {(item.case, item.audience): item for item in measures}
    if len(arguments.n) >= 2:
        small, large = sorted(arguments.n)[:1] + sorted(arguments.n)[-1:]
        for audience in ("public", "interne"):
            first, last = sizes[(f"{small} candidatures générées", audience)], sizes[(f"{large} candidatures générées", audience)]
            print(
                f"croissance « {audience} » de {small} à {large} candidatures (×{large / small:.0f}) : reconstruction ×{last.total / first.total:.1f}, génération par acia ×{last.generation / first.generation:.1f}, passes ×{last.passes_cold / first.passes_cold:.1f}, Zensical ×{last.zensical_cold / first.zensical_cold:.1f}"
            )
    record = Record()
    for item in measures:
        name = ("livre" if item.case.startswith("Corse") else item.case.split()[0]) + "_" + item.audience
        case = f"{item.case}, public « {item.audience} »"
        record.measure(f"site_{name}_reconstruction_s", f"{case} : reconstruction", item.total)
        record.measure(f"site_{name}_premiere_s", f"{case} : première construction", item.total_cold)
        record.measure(f"site_{name}_zensical_s", f"{case} : Zensical", item.zensical)
        record.measure(f"site_{name}_apercu_s", f"{case} : acia apercu après la modification d'une candidature", item.preview)
        record.measure(f"site_{name}_pages", f"{case} : pages", item.pages)
        if item.mkdocs is not None:
            record.measure(f"site_{name}_mkdocs_s", f"{case} : MkDocs sur la même arborescence", item.mkdocs)
        record.ratio(f"site_{name}_part_acia", f"{case} : part d'acia dans la reconstruction", item.share)
        record.ratio(f"site_{name}_part_acia_premiere", f"{case} : part d'acia dans la première construction", item.share_cold)
    record.write(arguments.json)


if __name__ == "__main__":
    main()
