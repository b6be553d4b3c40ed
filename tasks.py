#!/usr/bin/env python3
"""Build and test acia with nothing but Python 3.11+ and pip.

    python3 tasks.py build   installe l'outil dans .venv puis construit tout sur les données fournies
    python3 tasks.py test    installe l'outil et ses dépendances de test dans .venv puis lance les tests
    python3 tasks.py install installe l'outil et ses dépendances de test dans .venv, sans rien lancer (CI)
    python3 tasks.py lock    régénère requirements/constraints.txt (versions exactes)

Every install goes through requirements/constraints.txt, so a fresh machine
gets exactly the versions the tests ran with. This file replaces a Makefile
so that the two README commands also work where `make` is absent.
"""

from __future__ import annotations

import hashlib
import os
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


def _venv_bin(name: str) -> Path:
    folder = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    return VENV / folder / f"{name}{suffix}"


def _run(*command: str | Path, env: dict | None = None) -> None:
    printable = " ".join(str(part) for part in command)
    print(f"→ {printable}", flush=True)
    completed = subprocess.run([str(part) for part in command], cwd=ROOT, env=env)
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


def build() -> None:
    install()
    for instance, snapshot in INSTANCES.items():
        env = dict(os.environ)
        if snapshot:
            env["ACIA_MAINTENANT"] = snapshot
            print(f"→ données de {instance} lues à la date du {snapshot} (ACIA_MAINTENANT)", flush=True)
        for command in ("validate", "matrix", "build", "documents"):
            _run(_venv_bin("acia"), command, "--root", instance, env=env)
    print("Construction terminée : programmes valides ; matrices (build/selection/), sites (build/<public>/site/) et documents (build/documents/) de chaque programme.")


def test(arguments: list[str]) -> None:
    install("[test]")
    _run(_venv_bin("python"), "-m", "pytest", *arguments)


def lock() -> None:
    """Resolve the newest allowed versions in a scratch venv and pin them all."""
    with tempfile.TemporaryDirectory() as scratch:
        scratch_venv = Path(scratch) / "venv"
        venv.EnvBuilder(with_pip=True).create(scratch_venv)
        python = scratch_venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
        _run(python, "-m", "pip", "install", "--quiet", ".[test]")
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
    if not argv or argv[0] not in ("build", "test", "lock", "install"):
        print(__doc__)
        sys.exit(2)
    if sys.version_info < (3, 11):
        sys.exit("acia demande Python 3.11 ou plus récent.")
    command, rest = argv[0], argv[1:]
    if command == "build":
        build()
    elif command == "test":
        test(rest)
    elif command == "install":
        install("[test]")
    else:
        lock()


if __name__ == "__main__":
    main(sys.argv[1:])
