#!/usr/bin/env python3
"""Time `acia valider` on N generated applications, against check-jsonschema and the raw YAML loader.

    .venv/bin/python benchmarks/validate.py [--n 1000 10000] [--repeat 3] [--json FICHIER]

All run cold (a new process each time, and for acia no ``build/.cache``) on
the same instance: the Corse 2023 programme plus N applications generated from
a shipped one, each with its own valid identifiers. acia also runs warm, as in
a pre-commit hook: its cache of parsed files filled, one application edited
before each run. acia runs the schema AND every semantic rule;
check-jsonschema runs the application schema only; the floor is a bare Python
process reading the same files with PyYAML's C loader (libyaml), no check at
all. Prints the median of ``--repeat`` runs for each (check-jsonschema, about
a minute at 1,000, runs once and is left out above 1,000), the ratios, and
acia's peak memory. Figures, not a pass/fail test.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import re
import shutil
import sys
import tempfile
from pathlib import Path

from record import Record, median_run, seconds, times
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


def _edit(path: Path, rounds: itertools.count) -> None:
    """Change one application, as someone does before a commit: the name of its organisme gestionnaire."""
    round_number = next(rounds)
    text = path.read_text(encoding="utf-8")
    edited = re.sub(r"(?m)^(  raison_sociale: )(.*)$", lambda found: f"{found.group(1)}{found.group(2).split(' — version')[0]} — version {round_number}", text, count=1)
    assert edited != text
    path.write_text(edited, encoding="utf-8")


FLOOR = "import pathlib, sys, yaml\nfor path in sorted(pathlib.Path(sys.argv[1]).rglob('*.yml')):\n    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)\n"


def main() -> None:
    parser = argparse.ArgumentParser(description="Mesure de acia valider face à check-jsonschema et à la simple lecture YAML")
    parser.add_argument("--n", type=int, nargs="+", default=[1000], help="nombres de candidatures générées (1000 par défaut)")
    parser.add_argument("--repeat", type=int, default=3, help="nombre de mesures, la médiane est gardée (3 par défaut)")
    parser.add_argument("--json", type=Path, help="écrire aussi les mesures dans ce fichier JSON")
    arguments = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    record = Record()
    for count in arguments.n:
        with tempfile.TemporaryDirectory() as scratch:
            root = Path(scratch)
            files = generate(root, count)
            command = [str(bin_dir / "acia"), "valider", "--racine", str(root), "--maintenant", "2023-08-01"]
            cached = root / "build" / ".cache"
            acia = median_run(command, arguments.repeat, root, before=functools.partial(shutil.rmtree, cached, ignore_errors=True))
            warm = median_run(command, arguments.repeat, root, before=functools.partial(_edit, files[0], itertools.count()))
            floor = median_run([sys.executable, "-c", FLOOR, str(root / "data")], arguments.repeat, root)
            check = (
                median_run([str(bin_dir / "check-jsonschema"), "--schemafile", str(root / "schemas" / "application.schema.json"), *map(str, files)], 1, root) if count <= 1000 else None
            )  # about a minute a run: once
        print(f"{count} candidatures générées :")
        print(f"  acia valider (schéma + toutes les règles, à froid) : {seconds(acia.seconds)} (code de sortie {acia.code}), mémoire maximale {acia.peak_mb:.0f} Mo")
        print(f"  lecture seule des mêmes fichiers (libyaml, à froid) : {seconds(floor.seconds)} ; acia valider en prend {times(acia.seconds / floor.seconds)} fois le temps")
        print(
            f"  acia valider après la modification d'une candidature (fichiers déjà lus gardés dans build/.cache) : {seconds(warm.seconds)}, {times(acia.seconds / warm.seconds)} fois plus rapide qu'à froid"
        )
        record.measure(f"acia_valider_{count}_s", f"acia valider, {count} candidatures, à froid", acia.seconds)
        record.measure(f"acia_valider_{count}_memoire_mo", f"acia valider, {count} candidatures : mémoire maximale", acia.peak_mb)
        record.measure(f"acia_valider_{count}_une_modifiee_s", f"acia valider, {count} candidatures, après la modification d'une seule", warm.seconds)
        record.measure(f"lecture_libyaml_{count}_s", f"lecture seule des mêmes fichiers par libyaml, {count} candidatures", floor.seconds)
        record.ratio(f"acia_valider_sur_lecture_libyaml_{count}", f"acia valider ÷ lecture par libyaml, {count} candidatures", acia.seconds / floor.seconds)
        record.ratio(f"acia_valider_froid_sur_une_modifiee_{count}", f"acia valider à froid ÷ après une modification, {count} candidatures", acia.seconds / warm.seconds)
        if check is not None:
            print(f"  check-jsonschema (schéma seul, à froid)              : {seconds(check.seconds)} (code de sortie {check.code}) ; acia est {times(check.seconds / acia.seconds)} fois plus rapide")
            record.measure(f"check_jsonschema_{count}_s", f"check-jsonschema, schéma seul, {count} candidatures", check.seconds)
            record.ratio(f"check_jsonschema_sur_acia_valider_{count}", f"check-jsonschema ÷ acia valider, {count} candidatures", check.seconds / acia.seconds)
    record.write(arguments.json)


if __name__ == "__main__":
    main()
