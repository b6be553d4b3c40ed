"""Shared helpers: build throw-away instances and run the CLI in-process."""

from __future__ import annotations

import io
import shutil
from contextlib import redirect_stderr, redirect_stdout
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from acia import cli

REPO = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "cases"
BASE = CASES / "_base"
# A fixed "now" for every test: after the Corse 2023 selection, before nothing else matters.
NOW = datetime(2023, 8, 1, 12, 0, tzinfo=ZoneInfo("Europe/Paris"))
CONTROL_FILES = {"attendu.txt", "supprimer.txt", "maintenant.txt", "LISEZMOI.md"}


def build_instance(target: Path, overlay: Path | None = None, base: Path = BASE) -> Path:
    """Copy the base instance and the schemas into ``target``, then apply ``overlay``."""
    shutil.copytree(base, target, dirs_exist_ok=True)
    shutil.copytree(REPO / "schemas", target / "schemas", dirs_exist_ok=True)
    if overlay is not None:
        removals = overlay / "supprimer.txt"
        if removals.exists():
            for line in removals.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    doomed = target / line.strip()
                    shutil.rmtree(doomed) if doomed.is_dir() else doomed.unlink()
        for source in sorted(overlay.rglob("*")):
            if source.is_file() and source.name not in CONTROL_FILES:
                destination = target / source.relative_to(overlay)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, destination)
    return target


def run_cli(*arguments: str) -> tuple[int, str, str]:
    """Run ``acia`` in-process; return (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = cli.main(list(arguments))
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 2
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def instance(tmp_path: Path) -> Path:
    """A valid copy of the base instance, to modify in a test."""
    return build_instance(tmp_path / "instance")
