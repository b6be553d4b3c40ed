"""The ``acia`` command line: thin, French, and never a traceback for bad input.

argparse is used with its messages translated to French (see ``_FRENCH``),
because users of this tool are civil servants, not developers.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from acia import __version__, french
from acia.paths import REFERENCE_PAGE

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


@contextlib.contextmanager
def _french_argparse() -> Iterator[None]:
    """argparse's own messages in French, only while acia parses its arguments.

    argparse translates through its module-level ``_`` (gettext): it is swapped
    here and put back afterwards, so that importing acia changes nothing for
    other programs in the same process (pytest, for one).
    """
    english = argparse._  # type: ignore[attr-defined]
    argparse._ = lambda message: _FRENCH.get(message, message)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = english  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # noqa: D401 - argparse API
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog} : erreur : {message}\n")


def _add_root(command: argparse.ArgumentParser) -> None:
    command.add_argument("--root", default=".", metavar="DOSSIER", help="dossier du programme (par défaut : le dossier courant)")


def _add_now(command: argparse.ArgumentParser) -> None:
    command.add_argument("--maintenant", metavar="DATE", help="date du jour pour les contrôles de dates (voir acia validate)")


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
    _add_root(validate)
    validate.add_argument(
        "--format",
        default="text",
        choices=["text", "json", "github", "markdown"],
        help="présentation : text (par défaut), json, github (annotations de pull request, et résumé en français dans le fichier GITHUB_STEP_SUMMARY s'il est défini) ou markdown (ce résumé)",
    )
    validate.add_argument(
        "--maintenant",
        metavar="DATE",
        help="date du jour à utiliser pour les contrôles de dates (AAAA-MM-JJ ou date et heure ISO) ; sinon ACIA_MAINTENANT ou la date réelle",
    )
    validate.add_argument(
        "fichiers",
        nargs="*",
        metavar="FICHIER",
        help="ne signaler que les problèmes de ces fichiers, et ceux des contrôles qui comparent les fichiers entre eux (tous les fichiers sont lus) ; un fichier qui n'est pas un fichier de données est ignoré",
    )

    matrix = commands.add_parser(
        "matrix",
        help="calcule la matrice de sélection et la proposition",
        description="Calcule l'éligibilité, les scores et la meilleure sélection respectant les limites du programme, explique chaque choix et écrit les fichiers dans <dossier>/build/selection/.",
    )
    _add_root(matrix)
    matrix.add_argument("--format", default="text", choices=["text", "json", "csv"], help="affichage : text (par défaut), json ou csv")
    _add_now(matrix)

    build = commands.add_parser(
        "build",
        help="construit le site centre de ressources",
        description="Génère les pages du site à partir des données puis le construit avec MkDocs, pour chaque public : public (sans données personnelles), interne (tout), structure:<identifiant> (le dossier complet d'une structure). Résultat : <dossier>/build/<public>/site/.",
    )
    _add_root(build)
    build.add_argument("--audience", action="append", metavar="PUBLIC", help="public, interne ou structure:<identifiant> ; répétable (par défaut : public, interne et une structure retenue)")
    _add_now(build)

    serve = commands.add_parser(
        "serve",
        help="aperçu du site, mis à jour à chaque modification",
        description="Construit le site d'un public et l'affiche sur http://127.0.0.1:8000/ ; chaque modification d'un fichier de données régénère les pages et recharge le navigateur.",
    )
    _add_root(serve)
    serve.add_argument("--audience", default="interne", metavar="PUBLIC", help="public, interne (par défaut) ou structure:<identifiant>")
    serve.add_argument("--adresse", default="127.0.0.1:8000", metavar="HÔTE:PORT", help="adresse d'écoute (par défaut 127.0.0.1:8000)")

    documents = commands.add_parser(
        "documents",
        help="produit les courriers (DOCX, ODT, PDF)",
        description="Produit, pour chaque candidature, l'accusé de réception, la notification de la décision du comité et, pour les structures retenues, la lettre d'engagement, dans <dossier>/build/documents/<identifiant>/.",
    )
    _add_root(documents)
    documents.add_argument("--only", metavar="IDENTIFIANT", help="seulement les documents de cette candidature")
    documents.add_argument("--format", default="docx,odt,pdf", metavar="FORMATS", help="formats séparés par des virgules parmi docx, odt, pdf (par défaut : les trois)")
    _add_now(documents)

    new = commands.add_parser(
        "new",
        help="crée une candidature : import d'une fiche Annexe 1 reçue, ou modèle à remplir",
        description="Crée data/applications/<identifiant>.yml : avec --from, lit une fiche Annexe 1 remplie (Word .docx ou LibreOffice .odt) reçue par courriel et dit ce qui a été reconnu, ce qui manque et ce qui est à vérifier ; sans --from, écrit un modèle commenté de tous les champs. N'écrase jamais un fichier existant.",
    )
    new.add_argument("type", choices=["application"], metavar="TYPE", help="application (une candidature)")
    _add_root(new)
    new.add_argument("--from", dest="source", metavar="FICHE", help="fiche Annexe 1 remplie, au format .docx ou .odt")
    new.add_argument("--id", dest="identifier", metavar="IDENTIFIANT", help="identifiant de la candidature (nom du fichier) ; par défaut, déduit du département et de la raison sociale")
    new.add_argument("--recu-le", dest="received", metavar="DATE", help="date et heure de réception du courriel, par exemple 2023-06-12T10:24 (heure du programme) ; demandée si absente")
    _add_now(new)

    layout = commands.add_parser(
        "format",
        help="vérifie la mise en forme des fichiers YAML et Markdown",
        description="Vérifie la mise en forme du texte des fichiers de données YAML et Markdown : espaces en fin de ligne, tabulations et indentation YAML, fins de ligne Windows, fin du fichier (codes ACIA601 à ACIA606). Sans --corriger, aucun fichier n'est modifié.",
    )
    layout.add_argument("--root", default=".", metavar="DOSSIER", help="dossier du programme dont vérifier les fichiers de données si aucun FICHIER n'est donné (par défaut : le dossier courant)")
    layout.add_argument("--corriger", action="store_true", help="corrige ce qui est sans risque (espaces en fin de ligne, fins de ligne Windows, fin du fichier) et dit ce qui a été modifié ; tabulations et indentation restent à corriger à la main")
    layout.add_argument("--espaces-seulement", action="store_true", help="ne vérifie que les espaces en fin de ligne, dans tout fichier texte (code, gabarits…)")
    layout.add_argument("fichiers", nargs="*", metavar="FICHIER", help="fichiers ou dossiers à vérifier (par défaut : les fichiers de données du programme)")

    catalogue = commands.add_parser("catalogue", help="liste les contrôles", description="Affiche la référence des contrôles (codes, exemples, corrections).")
    catalogue.add_argument("--format", default="markdown", choices=["markdown", "json"], help="markdown (par défaut) ou json")
    catalogue.add_argument("--sortie", metavar="FICHIER", help="écrit la référence dans ce fichier au lieu de l'afficher")

    guide = commands.add_parser(
        "guide",
        help="affiche le guide des contributeurs",
        description="Affiche le guide des contributeurs (ajouter ou corriger une candidature, enregistrer la décision du comité, ajouter un compte rendu, comprendre les contrôles), celui de la page Contribuer du site. À régénérer après une modification du gabarit ou des contrôles : acia guide --sortie CONTRIBUTING.md",
    )
    guide.add_argument("--cible", default="depot", choices=["depot", "site"], help="depot (par défaut : liens vers les fichiers du dépôt, pour CONTRIBUTING.md) ou site (liens entre les pages du site)")
    guide.add_argument("--sortie", metavar="FICHIER", help="écrit le guide dans ce fichier au lieu de l'afficher")
    return parser


def main(argv: list[str] | None = None) -> int:
    with _french_argparse():
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
    if arguments.command == "new":
        from acia.forms.new import new_application

        root, now = _root_and_now(arguments)
        try:
            return new_application(root, now, arguments.source, arguments.identifier, arguments.received)
        except ValueError as error:
            raise _UsageError(str(error)) from None
    if arguments.command == "format":
        return _format(arguments)
    if arguments.command == "guide":
        return _guide(arguments)
    return _catalogue(arguments)


def _fail(message: str) -> int:
    print(f"acia : erreur : {message}", file=sys.stderr)
    return EXIT_USAGE


class _UsageError(Exception):
    """A command-line problem, reported in French with exit code 2."""


def _root_and_now(arguments):
    """The instance folder and "now" every data command starts from."""
    from acia.check import default_now, parse_now

    root = Path(arguments.root)
    if not root.is_dir():
        raise _UsageError(f"le dossier du programme « {arguments.root} » n'existe pas (option --root)")
    try:
        return root, parse_now(arguments.maintenant) if getattr(arguments, "maintenant", None) else default_now()
    except ValueError as error:
        raise _UsageError(f"--maintenant : {error}") from None


def _validate(arguments) -> int:
    from acia import reporters
    from acia.check import validate

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
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_file:  # GitHub shows this file on the run's page: the job summary
            try:
                with open(summary_file, "a", encoding="utf-8") as summary:
                    summary.write(_markdown_summary(report, display, root) + "\n")
            except OSError as error:
                print(f"acia : le résumé n'a pas pu être écrit dans « {summary_file} » (GITHUB_STEP_SUMMARY) : {error.strerror or error}", file=sys.stderr)
    elif arguments.format == "markdown":
        output = _markdown_summary(report, display, root)
    else:
        output = reporters.text(report, display, colour=sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    sys.stdout.write(output)
    return EXIT_OK if report.ok else EXIT_FINDINGS


def _markdown_summary(report, display, root: Path) -> str:
    """The French Markdown summary; on GitHub Actions, files, lines and codes link to the checked-out commit."""
    from urllib.parse import quote

    from acia import reporters

    heading = "Contrôle des données" if root.resolve() == Path.cwd().resolve() else f"Contrôle des données de `{os.path.relpath(root)}`"
    reference_page = REFERENCE_PAGE
    server, repository, sha = (os.environ.get(name) for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"))
    if not (server and repository and sha):
        reference = os.path.relpath(reference_page) if reference_page.is_file() else "docs/reference-controles.md"
        return reporters.markdown_summary(report, display, reference=Path(reference).as_posix(), heading=heading)
    base = f"{server}/{repository}/blob/{sha}"
    workspace = Path(os.environ.get("GITHUB_WORKSPACE") or ".").resolve()

    def source(path: str, line: int | None) -> str | None:
        in_repository = Path(os.path.relpath(Path(path).resolve(), workspace)).as_posix()
        if in_repository.startswith("../"):
            return None  # not a file of the checked-out repository
        return f"{base}/{quote(in_repository)}" + (f"#L{line}" if line else "")

    return reporters.markdown_summary(report, display, reference=f"{base}/docs/reference-controles.md", source=source, heading=heading)


def _matrix(arguments) -> int:
    from acia import reporters
    from acia.check import validate
    from acia.exports import matrix
    from acia.model.selection import proposal_for

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
    from acia import reporters
    from acia.check import validate
    from acia.site.pages import Audience, SiteError, build

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
    from acia.site.pages import Audience, SiteError
    from acia.site.serve import serve

    root, _ = _root_and_now(arguments)
    try:
        audience = Audience.parse(arguments.audience)
        return serve(root, audience, arguments.adresse)
    except SiteError as error:
        return _fail(str(error))


def _documents(arguments) -> int:
    from acia import reporters
    from acia.check import validate
    from acia.letters import documents

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
    print(f"{french.plural(len(written), 'document')} {french.agree(len(written), 'écrit')} dans {os.path.relpath(root / 'build' / 'documents')}")
    return EXIT_OK


def _first_retained(context) -> str | None:
    """The structure whose dossier the default build shows as an example: the first retained, else the first received."""
    decisions = [document.data["decisions"] for document in context.of_kind("selection")]
    for item in decisions[0] if decisions else []:
        if item["decision"] == "retenue":
            return item["candidature"]
    applications = sorted(document.data["id"] for document in context.applications)
    return applications[0] if applications else None


def _format(arguments) -> int:
    import shlex

    from acia import format as layout

    root = Path(arguments.root)
    if not root.is_dir():
        raise _UsageError(f"le dossier du programme « {arguments.root} » n'existe pas (option --root)")
    paths, missing = layout.expand(arguments.fichiers) if arguments.fichiers else (layout.data_files(root), [])
    for name in missing:
        print(f"acia : « {name} » introuvable : ignoré", file=sys.stderr)
    checked = [result for path in paths if (result := layout.check(path, os.path.relpath(path), arguments.espaces_seulement)) is not None]
    if arguments.corriger:
        for result in checked:
            if result.fixed is None:
                continue
            try:
                layout.fix(result)
            except OSError as error:
                return _fail(f"impossible de corriger « {os.path.relpath(result.path)} » ({error.strerror or error})")
            print(f"corrigé : {os.path.relpath(result.path)} : {' ; '.join(result.changes)}")
    findings = sorted(finding for result in checked for finding in (result.remaining if arguments.corriger else result.findings))
    sys.stdout.write(layout.render(findings, len(checked), colour=sys.stdout.isatty() and "NO_COLOR" not in os.environ))
    fixable = [finding for finding in findings if finding.rule in layout.FIXABLE]
    if fixable:
        option = " --espaces-seulement" if arguments.espaces_seulement else ""
        files = " ".join(shlex.quote(shown) for shown in dict.fromkeys(finding.file for finding in fixable))
        codes = ", ".join(sorted({finding.rule for finding in fixable}))
        print(f"Pour corriger automatiquement {codes} (espaces invisibles, fins de ligne, fin du fichier) : .venv/bin/acia format --corriger{option} {files}")
    return EXIT_FINDINGS if findings else EXIT_OK


def _catalogue(arguments) -> int:
    import json

    from acia.check.catalogue import as_data, render_markdown

    content = render_markdown() if arguments.format == "markdown" else json.dumps(as_data(), ensure_ascii=False, indent=2) + "\n"
    return _emit(content, arguments.sortie)


def _emit(content: str, target: str | None) -> int:
    """Write a generated page to ``target`` (--sortie), or print it."""
    if target:
        try:
            Path(target).write_text(content, encoding="utf-8")
        except OSError as error:
            return _fail(f"impossible d'écrire « {target} » ({error.strerror or error})")
        return EXIT_OK
    sys.stdout.write(content)
    return EXIT_OK


def _guide(arguments) -> int:
    from acia.site import guide

    try:
        content = guide.render(arguments.cible)
    except guide.GuideError as error:
        return _fail(str(error))
    return _emit(content, arguments.sortie)
