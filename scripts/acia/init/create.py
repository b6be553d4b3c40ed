"""Write a new programme repository, or refresh the files the tool provides in an existing one.

``create`` never replaces anything: it refuses as soon as one of the files it
would write exists (and says which), and it writes only once the programme
the answers describe passes ``acia valider`` (checked first in a scratch
folder). Each file is created with ``O_EXCL``, so a file that appears in the
meantime is not overwritten either.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from acia import __version__, french, reporters
from acia.check import validate
from acia.findings import Report
from acia.init import files
from acia.init.answers import Answers, default_requirement
from acia.model import placeholders

EXIT_OK, EXIT_FINDINGS = 0, 1
PLACEHOLDER_RULE = "ACIA408"


class InitError(Exception):
    """A folder or a file that ``acia init`` cannot use (French message; nothing was written)."""


def existing(target: Path, planned: Iterable[str]) -> list[str]:
    """The files ``create`` would write that already exist in ``target``."""
    return [rel for rel in planned if (target / rel).exists() or (target / rel).is_symlink()]


def refuse_existing(target: Path, planned: Iterable[str]) -> None:
    """InitError, naming them, when any of the files to write exists (or ``target`` is not a folder)."""
    if target.exists() and not target.is_dir():
        raise InitError(f"« {target} » existe et n'est pas un dossier")
    clashes = existing(target, planned)
    if clashes:
        listed = "\n".join(f"  - {rel}" for rel in clashes)
        raise InitError(f"rien n'a été écrit : le dossier « {target} » contient déjà {french.plural(len(clashes), 'fichier')} qu'acia init écrirait, et ne les remplace jamais :\n{listed}")


def _write_tree(target: Path, planned: dict[str, bytes], replace: bool = False) -> None:
    for rel, content in planned.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0) | (os.O_TRUNC if replace else os.O_EXCL)
        descriptor = os.open(path, flags, 0o666)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)


def check_planned(planned: dict[str, bytes], now: datetime) -> Report:
    """``acia valider`` on the planned files, written in a scratch folder."""
    with tempfile.TemporaryDirectory(prefix="acia-init-") as scratch:
        _write_tree(Path(scratch), planned)
        return validate(Path(scratch), now=now)


def create(target: Path, answers: Answers, now: datetime) -> int:
    planned = files.repository_files(answers, now.date())
    refuse_existing(target, planned)
    report = check_planned(planned, now)
    if not report.ok:
        print("Le programme décrit par ces réponses ne serait pas valide ; rien n'a été écrit. Corrigez les réponses :", file=sys.stderr)
        report.findings = [finding for finding in report.findings if finding.is_error]
        sys.stderr.write(reporters.text(report, lambda rel: rel))
        return EXIT_FINDINGS
    try:
        _write_tree(target, planned)
    except FileExistsError as error:
        raise InitError(f"« {error.filename} » est apparu pendant l'écriture et n'a pas été remplacé ; les fichiers écrits avant lui sont restés") from None
    except OSError as error:
        raise InitError(f"impossible d'écrire dans « {target} » ({error.strerror or error})") from None
    _summary(target, planned, report, answers)
    return EXIT_OK


def _summary(target: Path, planned: dict[str, bytes], report: Report, answers: Answers) -> None:
    to_complete = sum(1 for finding in report.findings if finding.rule == PLACEHOLDER_RULE)
    others = report.warnings - to_complete
    print(f"Programme « {answers.titre} » créé dans {target}/ ({french.plural(len(planned), 'fichier')}).")
    line = f"Contrôle (acia valider) : aucune erreur ; {french.plural(to_complete, 'valeur')} « {placeholders.MARKER} » à remplacer dans {files.PROGRAMME}"
    print(line + (f", et {french.plural(others, 'autre avertissement')}." if others else "."))
    print("Ensuite :")
    print(f"  cd {target}")
    print('  git init && git add . && git commit -m "Programme créé par acia init"')
    print(f"  acia valider              # liste chaque valeur à compléter ({PLACEHOLDER_RULE})")
    print('  acia nouvelle candidature --depuis fiche.docx --recu-le "JJ/MM/AAAA HH:MM"')
    if answers.acia == default_requirement():
        print(
            f"requirements.txt installe « {answers.acia} » : si acia n'est pas publié sur l'index de paquets que pip consulte, remplacez cette ligne par l'adresse du fichier wheel ou du dépôt Git de l'outil (la CI l'installe de là)."
        )


def refresh(target: Path) -> int:
    """Rewrite the files the tool provides (schemas, reference of the checks) in an existing programme."""
    if not (target / files.PROGRAMME).is_file():
        raise InitError(f"« {target} » n'est pas le dossier d'un programme : {files.PROGRAMME} est introuvable")
    provided = files.tool_files()
    changed = {rel: content for rel, content in provided.items() if not (target / rel).is_file() or (target / rel).is_symlink() or (target / rel).read_bytes() != content}
    for rel in changed:
        if (target / rel).is_symlink():
            raise InitError(f"« {rel} » est un lien symbolique : remplacez-le par un fichier ordinaire, puis relancez")
    try:
        _write_tree(target, changed, replace=True)
    except OSError as error:
        raise InitError(f"impossible d'écrire dans « {target} » ({error.strerror or error})") from None
    if not changed:
        print(f"Les fichiers fournis par acia (schemas/, {files.REFERENCE}) sont à jour.")
        return EXIT_OK
    print(f"Recopiés depuis acia {__version__} ({french.plural(len(changed), 'fichier')}) :")
    for rel in changed:
        print(f"  - {rel}")
    return EXIT_OK
