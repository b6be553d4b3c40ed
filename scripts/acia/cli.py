"""The ``acia`` command line: thin, French, and never a traceback for bad input.

argparse is used with its messages translated to French (see ``_FRENCH``),
because users of this tool are civil servants, not developers.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

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
argparse._ = lambda message: _FRENCH.get(message, message)  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # noqa: D401 - argparse API
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog} : erreur : {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="acia", description="Outils du programme ACIA : contrôle, matrice, site et documents à partir des fichiers du dépôt.")
    parser.add_argument("--version", action="version", version=f"acia {__version__}", help="affiche la version et quitte")
    commands = parser.add_subparsers(title="commandes", metavar="COMMANDE", dest="command", parser_class=_Parser)
    commands.required = True

    validate = commands.add_parser(
        "validate",
        help="vérifie tous les fichiers d'un programme",
        description="Vérifie chaque fichier de données du programme (schéma et règles métier) et signale chaque problème avec son fichier, sa ligne et la manière de le corriger.",
    )
    validate.add_argument("--root", default=".", metavar="DOSSIER", help="dossier du programme (par défaut : le dossier courant)")
    validate.add_argument("--format", default="text", choices=["text", "json", "github"], help="présentation : text (par défaut), json, ou github (annotations de pull request)")
    validate.add_argument(
        "--maintenant",
        metavar="DATE",
        help="date du jour à utiliser pour les contrôles de dates (AAAA-MM-JJ ou date et heure ISO) ; sinon ACIA_MAINTENANT ou la date réelle",
    )
    validate.add_argument("fichiers", nargs="*", metavar="FICHIER", help="ne vérifier que ces fichiers (avec le programme dont ils dépendent)")

    matrix = commands.add_parser(
        "matrix",
        help="calcule la matrice de sélection et la proposition",
        description="Calcule l'éligibilité, les scores et la meilleure sélection respectant les limites du programme, explique chaque choix et écrit les fichiers dans <dossier>/build/selection/.",
    )
    matrix.add_argument("--root", default=".", metavar="DOSSIER", help="dossier du programme (par défaut : le dossier courant)")
    matrix.add_argument("--format", default="text", choices=["text", "json", "csv"], help="affichage : text (par défaut), json ou csv")
    matrix.add_argument("--maintenant", metavar="DATE", help="date du jour pour les contrôles de dates (voir acia validate)")

    build = commands.add_parser(
        "build",
        help="construit le site centre de ressources",
        description="Génère les pages du site à partir des données puis le construit avec MkDocs, pour chaque public : public (sans données personnelles), interne (tout), structure:<identifiant> (le dossier complet d'une structure). Résultat : <dossier>/build/<public>/site/.",
    )
    build.add_argument("--root", default=".", metavar="DOSSIER", help="dossier du programme (par défaut : le dossier courant)")
    build.add_argument("--audience", action="append", metavar="PUBLIC", help="public, interne ou structure:<identifiant> ; répétable (par défaut : public, interne et une structure retenue)")
    build.add_argument("--maintenant", metavar="DATE", help="date du jour pour les contrôles de dates (voir acia validate)")

    serve = commands.add_parser(
        "serve",
        help="aperçu du site, mis à jour à chaque modification",
        description="Construit le site d'un public et l'affiche sur http://127.0.0.1:8000/ ; chaque modification d'un fichier de données régénère les pages et recharge le navigateur.",
    )
    serve.add_argument("--root", default=".", metavar="DOSSIER", help="dossier du programme (par défaut : le dossier courant)")
    serve.add_argument("--audience", default="interne", metavar="PUBLIC", help="public, interne (par défaut) ou structure:<identifiant>")
    serve.add_argument("--adresse", default="127.0.0.1:8000", metavar="HÔTE:PORT", help="adresse d'écoute (par défaut 127.0.0.1:8000)")

    documents = commands.add_parser(
        "documents",
        help="produit les courriers (DOCX, ODT, PDF)",
        description="Produit, pour chaque candidature, l'accusé de réception, la notification de la décision du comité et, pour les structures retenues, la lettre d'engagement, dans <dossier>/build/documents/<identifiant>/.",
    )
    documents.add_argument("--root", default=".", metavar="DOSSIER", help="dossier du programme (par défaut : le dossier courant)")
    documents.add_argument("--only", metavar="IDENTIFIANT", help="seulement les documents de cette candidature")
    documents.add_argument("--format", default="docx,odt,pdf", metavar="FORMATS", help="formats séparés par des virgules parmi docx, odt, pdf (par défaut : les trois)")
    documents.add_argument("--maintenant", metavar="DATE", help="date du jour pour les contrôles de dates (voir acia validate)")

    catalogue = commands.add_parser("catalogue", help="liste les contrôles", description="Affiche la référence des contrôles (codes, exemples, corrections).")
    catalogue.add_argument("--format", default="markdown", choices=["markdown", "json"], help="markdown (par défaut) ou json")
    catalogue.add_argument("--sortie", metavar="FICHIER", help="écrit la référence dans ce fichier au lieu de l'afficher")
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    try:
        return _dispatch(arguments)
    except _UsageError as error:
        return _fail(str(error))


def _dispatch(arguments) -> int:
    if arguments.command == "validate":
        return _validate(arguments)
    if arguments.command == "matrix":
        return _matrix(arguments)
    if arguments.command == "build":
        return _build(arguments)
    if arguments.command == "serve":
        return _serve(arguments)
    if arguments.command == "documents":
        return _documents(arguments)
    return _catalogue(arguments)


def _fail(message: str) -> int:
    print(f"acia : erreur : {message}", file=sys.stderr)
    return EXIT_USAGE


class _UsageError(Exception):
    """A command-line problem, reported in French with exit code 2."""


def _root_and_now(arguments):
    """The instance folder and "now" every data command starts from."""
    from .check import default_now, parse_now

    root = Path(arguments.root)
    if not root.is_dir():
        raise _UsageError(f"le dossier du programme « {arguments.root} » n'existe pas (option --root)")
    try:
        return root, parse_now(arguments.maintenant) if getattr(arguments, "maintenant", None) else default_now()
    except ValueError as error:
        raise _UsageError(f"--maintenant : {error}") from None


def _validate(arguments) -> int:
    from . import reporters
    from .check import validate

    root, now = _root_and_now(arguments)
    only = None
    if arguments.fichiers:
        only = []
        for name in arguments.fichiers:
            path = Path(name).resolve()
            try:
                only.append(path.relative_to(root.resolve()).as_posix())
            except ValueError:
                raise _UsageError(f"le fichier « {name} » n'est pas dans le dossier du programme « {arguments.root} »") from None
    report = validate(root, now=now, only=only)

    def display(rel: str) -> str:
        return os.path.relpath(root / rel) if root.resolve() != Path.cwd().resolve() else rel

    if arguments.format == "json":
        output = reporters.as_json(report)
    elif arguments.format == "github":
        output = reporters.github(report, display)
    else:
        output = reporters.text(report, display, colour=sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    sys.stdout.write(output)
    return EXIT_OK if report.ok else EXIT_FINDINGS


def _matrix(arguments) -> int:
    from . import matrix, reporters
    from .check import validate
    from .selection import proposal_for

    root, now = _root_and_now(arguments)
    report, context = validate(root, now=now, with_context=True)
    if context.programme is None:
        sys.stdout.write(reporters.text(report, lambda rel: rel))
        print("acia : la matrice ne peut pas être calculée tant que data/programme.yml est invalide.", file=sys.stderr)
        return EXIT_FINDINGS
    proposal = proposal_for(context.programme, report.findings, context.documents)
    written = matrix.write_outputs(root, proposal, context.programme)
    if arguments.format == "json":
        sys.stdout.write(matrix.as_json(proposal))
    elif arguments.format == "csv":
        sys.stdout.write(matrix.as_csv(proposal, context.programme))
    else:
        sys.stdout.write(matrix.as_text(proposal, context.programme))
        print("", file=sys.stderr)
        for path in written:
            print(f"écrit : {os.path.relpath(path)}", file=sys.stderr)
    if not report.ok:
        print(f"acia : {report.errors} erreur(s) de validation ; les candidatures concernées sont inéligibles (voir acia validate).", file=sys.stderr)
    return EXIT_OK


def _build(arguments) -> int:
    from . import reporters
    from .check import validate
    from .site import Audience, SiteError, build

    root, now = _root_and_now(arguments)
    try:
        audiences = [Audience.parse(text) for text in arguments.audience or []]
    except SiteError as error:
        return _fail(str(error))
    report, context = validate(root, now=now, with_context=True)
    if not report.ok:
        sys.stdout.write(reporters.text(report, lambda rel: rel))
        print("acia : le site n'est pas construit tant que les données ont des erreurs.", file=sys.stderr)
        return EXIT_FINDINGS
    if not audiences:
        audiences = [Audience("public"), Audience("interne")]
        retained = _first_retained(context)
        if retained:
            audiences.append(Audience("structure", retained))
    for audience in audiences:
        try:
            site = build(root, audience, report, context)
        except SiteError as error:
            return _fail(str(error))
        print(f"site « {audience.folder} » : {os.path.relpath(site)}")
    return EXIT_OK


def _serve(arguments) -> int:
    from .serve import serve
    from .site import Audience, SiteError

    root, _ = _root_and_now(arguments)
    try:
        audience = Audience.parse(arguments.audience)
        return serve(root, audience, arguments.adresse)
    except SiteError as error:
        return _fail(str(error))


def _documents(arguments) -> int:
    from . import documents, reporters
    from .check import validate

    root, now = _root_and_now(arguments)
    formats = tuple(part.strip() for part in arguments.format.split(",") if part.strip())
    unknown = [part for part in formats if part not in documents.FORMATS]
    if unknown or not formats:
        return _fail(f"--format : format(s) inconnu(s) {', '.join(unknown) or '(aucun)'} ; choisissez parmi {', '.join(documents.FORMATS)}")
    report, context = validate(root, now=now, with_context=True)
    if not report.ok:
        sys.stdout.write(reporters.text(report, lambda rel: rel))
        print("acia : les documents ne sont pas produits tant que les données ont des erreurs.", file=sys.stderr)
        return EXIT_FINDINGS
    interactive = sys.stderr.isatty() and not os.environ.get("CI")

    def progress(done: int, total: int) -> None:
        if interactive:
            filled = int(30 * done / total)
            print(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} documents", end="" if done < total else "\n", file=sys.stderr, flush=True)

    try:
        prepared = documents.prepare(context, arguments.only, root)
        written = documents.write_all(root, prepared, formats, progress)
    except documents.DocumentError as error:
        print(f"acia : erreur : {error}", file=sys.stderr)
        return EXIT_FINDINGS
    print(f"{len(written)} document{'s' if len(written) > 1 else ''} écrit{'s' if len(written) > 1 else ''} dans {os.path.relpath(root / 'build' / 'documents')}")
    return EXIT_OK


def _first_retained(context) -> str | None:
    """The structure whose dossier the default build shows as an example: the first retained, else the first received."""
    decisions = [document.data["decisions"] for document in context.of_kind("selection")]
    for item in decisions[0] if decisions else []:
        if item["decision"] == "retenue":
            return item["candidature"]
    applications = sorted(document.data["id"] for document in context.applications)
    return applications[0] if applications else None


def _catalogue(arguments) -> int:
    import json

    from .catalogue import as_data, render_markdown

    content = render_markdown() if arguments.format == "markdown" else json.dumps(as_data(), ensure_ascii=False, indent=2) + "\n"
    if arguments.sortie:
        try:
            Path(arguments.sortie).write_text(content, encoding="utf-8")
        except OSError as error:
            return _fail(f"impossible d'écrire « {arguments.sortie} » ({error.strerror or error})")
        return EXIT_OK
    sys.stdout.write(content)
    return EXIT_OK
