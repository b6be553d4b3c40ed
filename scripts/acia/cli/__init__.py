"""The ``acia`` command line: thin, French, and never a traceback for bad input.

Each command is a module of this package (``acia.cli.validate``,
``acia.cli.matrix``…, listed in ``COMMANDS``) with two functions:
``register(commands)`` adds its sub-parser, ``run(arguments)`` calls the
stages and returns the exit code. Commands and options are typed in French
(« acia valider --racine … »): the module's ``COMMAND`` is its French name and
``ALIAS`` its former English one, kept as a hidden alias (like ``--root`` for
``--racine``) so that scripts, CI jobs and hooks written before keep working.
This module holds what they share: ``main``, the --racine and --maintenant
options, the usage error and the exit codes.

argparse's own messages are translated to French (see ``_FRENCH``), because
users of this tool are civil servants, not developers; only while acia reads
its own arguments (``french_messages``), so that importing acia changes
nothing for other programs that use argparse (pytest…).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from acia import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

# The commands, in the order of ``acia --help``: each is the module acia.cli.<command>.
COMMANDS = ("init", "validate", "matrix", "build", "serve", "publish", "access", "documents", "new", "format", "catalogue", "guide", "purge", "extract")

_FRENCH = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "affiche cette aide et quitte",
    "show program's version number and exit": "affiche la version et quitte",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (valeurs possibles : %(choices)s)",
    "expected one argument": "une valeur est attendue",
    "invalid %(type)s value: %(value)r": "valeur invalide : %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s peut désigner %(matches)s",
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "ignored explicit argument %r": "valeur %r ignorée",
}


@contextlib.contextmanager
def french_messages() -> Iterator[None]:
    """argparse's own messages (usage, help, errors) in French, for the time of the ``with`` block only.

    argparse translates through its module-level ``_`` (gettext): it is swapped
    here and put back afterwards, so that importing acia changes nothing for
    other programs in the same process (pytest, for one).
    """
    original = argparse._  # type: ignore[attr-defined]
    argparse._ = lambda message: _FRENCH.get(message, message)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = original  # type: ignore[attr-defined]


class UsageError(Exception):
    """A command-line problem, reported in French with exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # noqa: D401 - argparse API
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog} : erreur : {message}\n")


def add_command(commands, name: str, alias: str | None = None, **settings) -> argparse.ArgumentParser:
    """The sub-parser of a command typed under its French ``name``; ``alias`` (its English name) works too but is not listed."""
    command = commands.add_parser(name, **settings)
    if alias:
        commands._name_parser_map[alias] = command  # a hidden alias: argparse lists only names given help
    return command


def add_option(command: argparse.ArgumentParser, french: str, english: str, *, dest: str, **settings) -> None:
    """An option typed in French (``--racine``), with its English spelling (``--root``) as a hidden alias."""
    command.add_argument(french, dest=dest, **settings)
    hidden = {key: value for key, value in settings.items() if key in ("action", "metavar", "type", "choices", "nargs")}
    command.add_argument(english, dest=dest, default=argparse.SUPPRESS, help=argparse.SUPPRESS, **hidden)


def add_root(command: argparse.ArgumentParser, help: str = "dossier du programme (par défaut : le dossier courant)") -> None:
    add_option(command, "--racine", "--root", dest="root", default=".", metavar="DOSSIER", help=help)


def add_now(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--maintenant", metavar="DATE", help="date du jour pour les contrôles de dates : AAAA-MM-JJ ou JJ/MM/AAAA, avec l'heure si besoin (JJ/MM/AAAA HH:MM) ; sinon ACIA_MAINTENANT ou la date réelle"
    )


def root_folder(arguments: argparse.Namespace) -> Path:
    """The instance folder (--racine); a UsageError when it does not exist."""
    root = Path(arguments.root)
    if not root.is_dir():
        raise UsageError(f"le dossier du programme « {arguments.root} » n'existe pas (option --racine)")
    return root


def root_and_now(arguments: argparse.Namespace) -> tuple[Path, datetime]:
    """The instance folder and "now" (--maintenant, else ACIA_MAINTENANT, else today) every data command starts from."""
    from acia.check import default_now, parse_now

    root = root_folder(arguments)
    try:
        return root, parse_now(arguments.maintenant) if getattr(arguments, "maintenant", None) else default_now()
    except ValueError as error:
        raise UsageError(f"--maintenant : {error}") from None


def fail(message: str) -> int:
    print(f"acia : erreur : {message}", file=sys.stderr)
    return EXIT_USAGE


def emit(content: str, target: str | None) -> int:
    """Write a generated page to ``target`` (--sortie), or print it."""
    if target:
        try:
            Path(target).write_text(content, encoding="utf-8")
        except OSError as error:
            return fail(f"impossible d'écrire « {target} » ({error.strerror or error})")
        return EXIT_OK
    sys.stdout.write(content)
    return EXIT_OK


def _parser(commands: dict) -> argparse.ArgumentParser:
    parser = _Parser(prog="acia", description="Outils du programme ACIA : contrôle, matrice, site et documents à partir des fichiers du dépôt.")
    parser.add_argument("--version", action="version", version=f"acia {__version__}", help="affiche la version et quitte")
    subparsers = parser.add_subparsers(title="commandes", metavar="COMMANDE", dest="command", parser_class=_Parser)
    subparsers.required = True
    for module in commands.values():
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    # acia builds hundreds of thousands of small objects that hold no cycles
    # (parsed files, positions, findings): at Python's default threshold the
    # collector would scan them again every 700 allocations, 15 % of a
    # validation of 1,000 applications. Cycles are still collected, less often.
    gc.set_threshold(50_000, 20, 100)
    modules = [importlib.import_module(f"{__name__}.{name}") for name in COMMANDS]
    commands = {module.COMMAND: module for module in modules}
    typed = commands | {module.ALIAS: module for module in modules if getattr(module, "ALIAS", None)}
    with french_messages():
        arguments = _parser(commands).parse_args(argv)
    try:
        return typed[arguments.command].run(arguments)
    except UsageError as error:
        return fail(str(error))
