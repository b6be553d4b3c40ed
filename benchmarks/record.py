"""What every benchmark shares: medians of several runs, a child's time and peak memory, the JSON record.

Each script of ``benchmarks/`` prints its figures in French and, given
``--json FICHIER``, writes them as ``{"mesures": {...}, "rapports": {...},
"libelles": {...}}`` (seconds, megabytes, ratios, and the French label of
each key), which ``python3 tasks.py bench`` gathers into
``build/bench/resultats.json`` and its French table. Ratios are computed from runs of the same
process, one after the other, never from figures of two different runs.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    """One run of a command in a new process: wall time, peak memory, exit code."""

    seconds: float
    peak_mb: float
    code: int


def run(command: list[str], cwd: Path | None = None) -> Run:
    """Run ``command`` and measure it (its own peak memory, read from the kernel's accounting of that child)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return Run(time.perf_counter() - start, usage.ru_maxrss / 1024, child.returncode)


def median_run(command: list[str], repeat: int, cwd: Path | None = None, before=None) -> Run:
    """The median time of ``repeat`` runs (and the highest peak memory, the last exit code); ``before()`` runs, untimed, before each."""
    runs = []
    for _ in range(repeat):
        if before is not None:
            before()
        runs.append(run(command, cwd))
    return Run(statistics.median(item.seconds for item in runs), max(item.peak_mb for item in runs), runs[-1].code)


def median_of(measure, repeat: int) -> float:
    """The median of ``repeat`` calls of ``measure()``, each returning seconds."""
    return statistics.median(measure() for _ in range(repeat))


def seconds(value: float) -> str:
    """« 1,23 s », as the French tables print it."""
    return f"{value:.2f} s".replace(".", ",")


def times(value: float) -> str:
    """« 4,7 », a ratio as the French tables print it."""
    return f"{value:.1f}".replace(".", ",")


class Record:
    """The figures of one benchmark: each under a key (for the JSON) and a French label (for the table)."""

    def __init__(self) -> None:
        self.measures: dict[str, float | int | None] = {}
        self.ratios: dict[str, float] = {}
        self.labels: dict[str, str] = {}

    def measure(self, key: str, label: str, value: float | int | None) -> None:
        self.measures[key] = value
        self.labels[key] = label

    def ratio(self, key: str, label: str, value: float) -> None:
        self.ratios[key] = value
        self.labels[key] = label

    def write(self, path: Path | None) -> None:
        """Write the record (nothing without ``--json``)."""
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        content = {"mesures": self.measures, "rapports": self.ratios, "libelles": self.labels}
        path.write_text(json.dumps(content, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
