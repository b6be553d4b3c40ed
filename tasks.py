#!/usr/bin/env python3
"""Build and test acia with nothing but Python 3.11+ and pip.

    python3 tasks.py build   installe l'outil dans .venv puis construit tout sur les données fournies
    python3 tasks.py test    installe l'outil et ses dépendances de test dans .venv, et Chromium s'il manque, puis lance ruff, mypy et les tests
    python3 tasks.py test --rapide   les mêmes contrôles et les tests unitaires seulement (sans navigateur ni construction de site)
    python3 tasks.py install installe l'outil et ses dépendances de test dans .venv, sans rien lancer (CI)
    python3 tasks.py lock    régénère requirements/constraints.txt (versions exactes)
    python3 tasks.py bench   lance toutes les mesures de benchmarks/ et écrit build/bench/resultats.json et resultats.md
    python3 tasks.py bench --sans-suite   les mêmes, sans chronométrer la suite de tests

Every install goes through requirements/constraints.txt, so a fresh machine
gets exactly the versions the tests ran with. This file replaces a Makefile
so that the two README commands also work where `make` is absent.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
# The programme instances shipped in this repository, and the moment their data
# stands for: the Corse 2023 follow-up (data/suivi/) is a snapshot taken in the
# middle of step 3, so meetings after it are still "planned". Real instances use
# today's date (no ACIA_MAINTENANT).
INSTANCES = {".": "2023-12-12T18:00:00+01:00", "examples/idf-2021": None}
# Commands of an installed Chromium (or Chrome) the browser tests can drive.
CHROMIUM_COMMANDS = ("chromium", "chromium-browser", "google-chrome")


def _venv_bin(name: str) -> Path:
    folder = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    return VENV / folder / f"{name}{suffix}"


def _run(*command: str | Path, env: dict | None = None, cwd: Path = ROOT) -> None:
    printable = " ".join(str(part) for part in command)
    print(f"→ {printable}", flush=True)
    completed = subprocess.run([str(part) for part in command], cwd=cwd, env=env)
    if completed.returncode != 0:
        sys.exit(completed.returncode)


def _pip_env() -> dict:
    env = dict(os.environ)
    # Applies the pins to build dependencies too (setuptools in pip's isolated build).
    env["PIP_CONSTRAINT"] = str(CONSTRAINTS)
    env.setdefault("PIP_DISABLE_PIP_VERSION_CHECK", "1")
    return env


def install(extras: str = "") -> None:
    """Create .venv if needed and install acia into it, skipping when nothing changed."""
    if not _venv_bin("python").exists():
        print(f"→ création de l'environnement virtuel {VENV.name}", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    stamp_source = b"".join(path.read_bytes() for path in (ROOT / "pyproject.toml", CONSTRAINTS)) + extras.encode()
    digest = hashlib.sha256(stamp_source).hexdigest()
    stamp = VENV / f".acia-installed{extras.replace('[', '-').replace(']', '')}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    target = f".{extras}" if extras else "."
    _run(_venv_bin("python"), "-m", "pip", "install", "--quiet", "-c", CONSTRAINTS, "-e", target, env=_pip_env())
    stamp.write_text(digest)


def _executable(path: str | Path | None) -> str | None:
    """The path if it is a file we may run: a stale ACIA_CHROMIUM or a dangling link is skipped."""
    return str(path) if path and os.path.isfile(path) and os.access(path, os.X_OK) else None


def _playwright_chromium(python: str | Path) -> str | None:
    """Playwright's own downloaded Chromium, if present: its path depends on Playwright's version, so ask Playwright."""
    code = "from playwright.sync_api import sync_playwright\nwith sync_playwright() as p: print(p.chromium.executable_path)"
    try:
        asked = subprocess.run([str(python), "-c", code], capture_output=True, text=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return _executable(asked.stdout.strip()) if asked.returncode == 0 else None


def find_chromium(python: str | Path = sys.executable) -> str | None:
    """An installed Chromium for the browser tests, or None: ACIA_CHROMIUM, Debian's, the PATH, then Playwright's download.

    ``python`` has Playwright installed. tests/test_browser.py uses this function too, so pytest run by hand finds the same browser.
    """
    for candidate in (os.environ.get("ACIA_CHROMIUM"), "/usr/bin/chromium", *(shutil.which(name) for name in CHROMIUM_COMMANDS)):
        if found := _executable(candidate):
            return found
    return _playwright_chromium(python)


def _attempt(*command: str | Path, timeout: int, quiet: bool = False) -> bool:
    """Run a command that may fail (download, system install) without stopping; True when it succeeded."""
    print(f"→ {' '.join(str(part) for part in command)}", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        completed = subprocess.run([str(part) for part in command], cwd=ROOT, env=env, timeout=timeout, capture_output=quiet, text=True, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        print(f"  échec : {error}", flush=True)
        return False
    if completed.returncode != 0:
        reason = next((line.strip() for line in (completed.stderr or "").splitlines() if "Error" in line), f"code de sortie {completed.returncode}")
        print(f"  échec : {reason}", flush=True)
    return completed.returncode == 0


def ensure_chromium() -> str:
    """The Chromium the browser tests drive: found, else downloaded by Playwright, else apt-get install chromium (root on Debian/Ubuntu)."""
    python = _venv_bin("python")
    print("→ recherche de Chromium pour les tests dans le navigateur", flush=True)
    if os.environ.get("ACIA_CHROMIUM") and not _executable(os.environ["ACIA_CHROMIUM"]):
        print(f"  ACIA_CHROMIUM={os.environ['ACIA_CHROMIUM']} n'est pas un exécutable : ignoré", flush=True)
    if found := find_chromium(python):
        print(f"→ Chromium trouvé : {found}", flush=True)
        return found
    print("→ Chromium absent : téléchargement par Playwright", flush=True)
    if _attempt(python, "-m", "playwright", "install", "chromium", timeout=300, quiet=True) and (found := find_chromium(python)):
        print(f"→ Chromium téléchargé par Playwright : {found}", flush=True)
        return found
    if getattr(os, "geteuid", lambda: -1)() == 0 and shutil.which("apt-get"):
        print("→ installation du paquet chromium avec apt-get", flush=True)
        if _attempt("apt-get", "update", timeout=600) and _attempt("apt-get", "install", "-y", "chromium", timeout=1800) and (found := find_chromium(python)):
            print(f"→ Chromium installé : {found}", flush=True)
            return found
    sys.exit(
        "Chromium est introuvable et n'a pas pu être installé ; les tests dans le navigateur en ont besoin. Installez-le puis relancez « python3 tasks.py test » :\n"
        "  Debian ou Ubuntu : sudo apt-get install chromium\n"
        f"  ailleurs : {python} -m playwright install --with-deps chromium\n"
        "  ou, pour un Chromium ou un Chrome déjà installé ailleurs : ACIA_CHROMIUM=/chemin/vers/chromium python3 tasks.py test"
    )


def build() -> None:
    install()
    for instance, snapshot in INSTANCES.items():
        env = dict(os.environ)
        if snapshot:
            env["ACIA_MAINTENANT"] = snapshot
            print(f"→ données de {instance} lues à la date du {snapshot} (ACIA_MAINTENANT)", flush=True)
        for command in ("valider", "matrice", "construire", "courriers"):
            _run(_venv_bin("acia"), command, "--racine", instance, env=env)
    print("Construction terminée : programmes valides ; matrices (build/selection/), sites (build/<public>/site/) et documents (build/documents/) de chaque programme.")


def lint() -> None:
    """ruff (lint and format check) and mypy (the modules listed in pyproject.toml), before any test."""
    _run(_venv_bin("ruff"), "check", "scripts", "tests", "benchmarks", "tasks.py")
    _run(_venv_bin("ruff"), "format", "--check", "scripts", "tests", "benchmarks", "tasks.py")
    _run(_venv_bin("mypy"))


def test(arguments: list[str]) -> None:
    install("[test]")
    lint()
    # One test process per core (pytest-xdist), unless the caller chose otherwise.
    parallel = [] if any(argument.startswith(("-n", "--numprocesses")) for argument in arguments) else ["-n", "auto", "--dist", "worksteal"]
    if "--rapide" in arguments:
        # The unit tests only: no browser, no site or document build.
        rest = [argument for argument in arguments if argument != "--rapide"]
        _run(_venv_bin("python"), "-m", "pytest", *parallel, "-m", "not acceptance", *rest)
        return
    env = {**os.environ, "ACIA_CHROMIUM": ensure_chromium()}
    _run(_venv_bin("python"), "-m", "pytest", *parallel, *arguments, env=env)


# Every benchmark of benchmarks/: its script, its arguments, the heading of its figures.
BENCHMARKS = (
    ("validate.py", ["--n", "1000", "10000"], "Validation"),
    ("selection.py", ["--n", "200", "1000"], "Sélection"),
    ("site.py", ["--n", "200", "1000"], "Site"),
    ("documents.py", ["--n", "50"], "Courriers"),
    ("suivi.py", [], "Suivi"),
)


def bench(arguments: list[str]) -> None:
    """Run every benchmark (each writes its figures as JSON), time the test suite, gather all in build/bench/."""
    import json
    import time

    install("[test,comparaison]")  # MkDocs too: benchmarks/site.py compares it with Zensical
    folder = ROOT / "build" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict] = {}
    for script, script_arguments, title in BENCHMARKS:
        record = folder / f"{Path(script).stem}.json"
        _run(_venv_bin("python"), script, *script_arguments, "--json", record, env={**os.environ, "PYTHONPATH": str(ROOT / "benchmarks")}, cwd=ROOT / "benchmarks")
        results[title] = json.loads(record.read_text(encoding="utf-8"))
    if "--sans-suite" not in arguments:
        env = {**os.environ, "ACIA_CHROMIUM": ensure_chromium()}
        suite: dict[str, dict] = {"mesures": {}, "rapports": {}, "libelles": {}}
        for name, selection in (("suite_unitaire_s", ["-m", "not acceptance"]), ("suite_complete_s", [])):
            start = time.perf_counter()
            _run(_venv_bin("python"), "-m", "pytest", "-q", "-n", "auto", "--dist", "worksteal", *selection, env=env)
            suite["mesures"][name] = time.perf_counter() - start
        suite["rapports"]["suite_complete_sur_3_minutes"] = suite["mesures"]["suite_complete_s"] / 180
        suite["rapports"]["suite_unitaire_sur_1_minute"] = suite["mesures"]["suite_unitaire_s"] / 60
        suite["libelles"] = {
            "suite_unitaire_s": "tests unitaires (tasks.py test --rapide)",
            "suite_complete_s": "suite complète",
            "suite_complete_sur_3_minutes": "suite complète ÷ 3 minutes",
            "suite_unitaire_sur_1_minute": "tests unitaires ÷ 1 minute",
        }
        results["Suite de tests"] = suite
    machine = {"coeurs": os.cpu_count(), "python": sys.version.split()[0]}
    (folder / "resultats.json").write_text(json.dumps({"machine": machine, "mesures": results}, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    table = _bench_table(machine, results)
    (folder / "resultats.md").write_text(table, encoding="utf-8")
    print(table)


def _bench_table(machine: dict, results: dict[str, dict]) -> str:
    """The French table of the figures: ratios first, then times (seconds) and sizes."""

    def shown(value: float | int | None, name: str) -> str:
        if value is None:
            return "—"
        if name.endswith("_s"):
            return f"{value:.2f} s".replace(".", ",")
        if name.endswith("_mo"):
            return f"{value:.0f} Mo"
        if isinstance(value, int):
            return str(value)
        return f"{value:.2f}".replace(".", ",")

    lines = [f"# Mesures d'acia ({machine['coeurs']} cœurs, Python {machine['python']})", ""]
    for title, record in results.items():
        labels = record.get("libelles", {})
        lines += [f"## {title}", "", "| Mesure | Valeur |", "|---|---|"]
        lines += [f"| {labels.get(name, name)} | {shown(value, name)} |" for name, value in sorted(record["rapports"].items())]
        lines += [f"| {labels.get(name, name)} | {shown(value, name)} |" for name, value in sorted(record["mesures"].items())]
        lines.append("")
    return "\n".join(lines)


def lock() -> None:
    """Resolve the newest allowed versions in a scratch venv and pin them all."""
    with tempfile.TemporaryDirectory() as scratch:
        scratch_venv = Path(scratch) / "venv"
        venv.EnvBuilder(with_pip=True).create(scratch_venv)
        python = scratch_venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
        _run(python, "-m", "pip", "install", "--quiet", ".[test,comparaison]")
        frozen = subprocess.run([str(python), "-m", "pip", "freeze", "--exclude-editable"], capture_output=True, text=True, check=True).stdout
        # setuptools builds acia in pip's isolated environment: pin the newest one
        # that satisfies pyproject's build-system requirement.
        wheels = Path(scratch) / "wheels"
        _run(python, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:", "-d", wheels, "setuptools>=68")
        setuptools_version = next(wheels.glob("setuptools-*.whl")).name.split("-")[1]
    lines = [line for line in frozen.splitlines() if line and not line.startswith(("acia", "-e", "setuptools=="))]
    lines.append(f"setuptools=={setuptools_version}")
    header = [
        "# Exact versions of every Python package acia installs, used by every install",
        "# path (tasks.py, .ci/run, CI workflow) through pip's -c / PIP_CONSTRAINT.",
        "# Regenerate: python3 tasks.py lock",
    ]
    CONSTRAINTS.write_text("\n".join(header + sorted(lines, key=str.lower)) + "\n")
    print(f"{CONSTRAINTS.relative_to(ROOT)} régénéré.")


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in ("build", "test", "lock", "install", "bench"):
        print(__doc__)
        sys.exit(2)
    if sys.version_info < (3, 11):  # noqa: UP036 - tasks.py must say it in French on an older Python too
        sys.exit("acia demande Python 3.11 ou plus récent.")
    command, rest = argv[0], argv[1:]
    if command == "build":
        build()
    elif command == "test":
        test(rest)
    elif command == "install":
        install("[test]")
    elif command == "bench":
        bench(rest)
    else:
        lock()


if __name__ == "__main__":
    main(sys.argv[1:])
