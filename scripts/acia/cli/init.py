"""``acia init``: a new programme repository from a few answers (asked on a terminal, or --depuis a file)."""

from __future__ import annotations

import sys
from pathlib import Path

from acia.cli import EXIT_FINDINGS, EXIT_OK, UsageError, add_command, add_now

COMMAND = "init"


def register(commands) -> None:
    command = add_command(
        commands,
        COMMAND,
        help="crée le dépôt d'un nouveau programme à partir de quelques réponses",
        description=(
            "Crée dans DOSSIER un dépôt de programme complet et valide : data/programme.yml commenté (organisations, axes, calendrier, étapes, instances, "
            "rôles et RACI donnés par les réponses ; « À COMPLÉTER » ailleurs, signalé par acia valider sans bloquer), data/applications/, docs/, mkdocs.yml, "
            "la CI (.github/), les contrôles avant commit (.pre-commit-config.yaml), un README, requirements.txt et la copie des schémas pour les éditeurs. "
            "Les questions sont posées dans le terminal, ou lues dans un fichier avec --depuis (modèle : acia init --modele). "
            "Ne remplace jamais un fichier existant : refuse si l'un des fichiers à écrire existe déjà."
        ),
    )
    command.add_argument("dossier", nargs="?", metavar="DOSSIER", help="dossier du nouveau programme (créé s'il n'existe pas)")
    command.add_argument("--depuis", metavar="FICHIER", help="lit les réponses dans ce fichier YAML au lieu de les demander (format : acia init --modele)")
    command.add_argument("--modele", action="store_true", help="affiche un fichier de réponses commenté, à copier et remplir (acia init --modele > reponses.yml)")
    command.add_argument(
        "--mettre-a-jour",
        dest="refresh",
        action="store_true",
        help="dans le programme DOSSIER existant, recopie seulement les fichiers fournis par l'outil installé (schemas/, docs/reference-controles.md), après un changement de version d'acia",
    )
    add_now(command)


def run(arguments) -> int:
    from acia.check import default_now, parse_now
    from acia.init import answers, create, files

    if arguments.modele:
        sys.stdout.write(files.model_answers())
        return EXIT_OK
    if not arguments.dossier:
        raise UsageError("indiquez le dossier du programme (ex. acia init acia-normandie-2025 --depuis reponses.yml)")
    target = Path(arguments.dossier)
    try:
        if arguments.refresh:
            return create.refresh(target)
        try:
            now = parse_now(arguments.maintenant) if arguments.maintenant else default_now()
        except ValueError as error:
            raise UsageError(f"--maintenant : {error}") from None
        if arguments.depuis:
            given = answers.read_file(Path(arguments.depuis))
            return create.create(target, given, now)
        if not answers.on_terminal():
            raise UsageError("pas de terminal pour poser les questions : donnez les réponses dans un fichier avec --depuis (modèle : acia init --modele > reponses.yml)")
        return _interactive(target, now)
    except answers.AnswersError as error:
        print("Réponses à corriger ; rien n'a été écrit :", file=sys.stderr)
        for problem in error.problems:
            print(f"  - {problem}", file=sys.stderr)
        return EXIT_FINDINGS
    except create.InitError as error:
        raise UsageError(str(error)) from None


def _interactive(target: Path, now) -> int:
    """Ask, then create; answers that do not make a programme are kept in a file, to correct and pass to --depuis."""
    from acia.init import answers, create, files

    create.refuse_existing(target, files.names())  # before any question: the files to write do not depend on the answers
    raw = answers.ask_all()
    try:
        code = create.create(target, answers.parse(raw), now)
    except answers.AnswersError:
        _keep(raw, target)
        raise
    if code != EXIT_OK:
        _keep(raw, target)
    return code


def _keep(raw: dict, target: Path) -> None:
    import yaml

    kept = Path("reponses-acia-init.yml")
    if kept.exists():
        return  # never written over: the answers are still on the screen
    kept.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    print(f"Vos réponses sont gardées dans {kept} : corrigez-les, puis relancez « acia init {target} --depuis {kept} ».", file=sys.stderr)
