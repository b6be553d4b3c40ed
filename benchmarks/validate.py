#!/usr/bin/env python3
"""Time `acia valider` on N generated applications, against check-jsonschema on the same files.

    .venv/bin/python benchmarks/validate.py [--n 1000] [--repeat 3]

Both tools run cold (a new process each time) on the same instance: the Corse
2023 programme plus N applications generated from a shipped one, each with its
own valid identifiers. acia runs the schema AND every semantic rule;
check-jsonschema runs the application schema only. Prints the best of
``--repeat`` runs for each, and the ratio. Figures, not a pass/fail test.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from stdnum import luhn

REPO = Path(__file__).resolve().parents[1]


def _siret(index: int) -> tuple[str, str]:
    base = f"{40000000 + index:08d}"
    siren = base + luhn.calc_check_digit(base)
    nic = "0001"
    return siren, siren + nic + luhn.calc_check_digit(siren + nic)


def _finess(index: int, offset: int) -> str:
    digits = f"{offset + index:06d}"
    return "2A" + digits + luhn.calc_check_digit("19" + digits)


def generate(target: Path, count: int) -> list[Path]:
    shutil.copytree(REPO / "schemas", target / "schemas")
    (target / "data" / "applications").mkdir(parents=True)
    shutil.copyfile(REPO / "data" / "programme.yml", target / "data" / "programme.yml")
    template_path = sorted((REPO / "data" / "applications").glob("*.yml"))[0]
    template = template_path.read_text(encoding="utf-8")
    template_id = re.search(r"^id: (\S+)$", template, re.M).group(1)
    files = []
    for index in range(count):
        identifier = f"og-bench-{index:05d}"
        text = template.replace(template_id, identifier)
        siret_og = None
        for line in re.findall(r'siret: "(\d{14})"', template):
            _, siret = _siret(index)
            text = text.replace(f'siret: "{line}"', f'siret: "{siret}"', 1)
            siret_og = siret_og or siret
        for position, finess in enumerate(re.findall(r'finess_(?:juridique|geographique): "(\w{9})"', template)):
            text = text.replace(f'"{finess}"', f'"{_finess(index, 100000 * (position + 1))}"', 1)
        path = target / "data" / "applications" / f"{identifier}.yml"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def best_of(command: list[str], repeat: int, cwd: Path) -> tuple[float, int]:
    times, code = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        completed = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - start)
        code = completed.returncode
    return min(times), code


def main() -> None:
    parser = argparse.ArgumentParser(description="Mesure de acia valider face à check-jsonschema")
    parser.add_argument("--n", type=int, default=1000, help="nombre de candidatures générées (1000 par défaut)")
    parser.add_argument("--repeat", type=int, default=3, help="nombre de mesures, la meilleure est gardée (3 par défaut)")
    arguments = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        files = generate(root, arguments.n)
        acia_time, acia_code = best_of([str(bin_dir / "acia"), "valider", "--racine", str(root), "--maintenant", "2023-08-01"], arguments.repeat, root)
        check_time, check_code = best_of([str(bin_dir / "check-jsonschema"), "--schemafile", str(root / "schemas" / "application.schema.json"), *map(str, files)], arguments.repeat, root)
    print(f"candidatures générées : {arguments.n}")
    print(f"acia valider (schéma + toutes les règles, à froid) : {acia_time:.3f} s (code de sortie {acia_code})")
    print(f"check-jsonschema (schéma seul, à froid)              : {check_time:.3f} s (code de sortie {check_code})")
    print(f"rapport : acia est {check_time / acia_time:.1f} fois plus rapide")


if __name__ == "__main__":
    main()
