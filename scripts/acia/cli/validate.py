"""``acia valider``: check every data file and report each problem (text, json, github or markdown)."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from acia.cli import EXIT_FINDINGS, EXIT_OK, UsageError, add_command, add_root, root_and_now
from acia.paths import REFERENCE_PAGE

COMMAND = "valider"  # as typed: « acia valider »
ALIAS = "validate"  # the former English name, still accepted


def register(commands) -> None:
    command = add_command(
        commands,
        COMMAND,
        ALIAS,
        help="vérifie tous les fichiers d'un programme",
        description="Vérifie chaque fichier de données du programme (schéma et règles métier) et signale chaque problème avec son fichier, sa ligne et la manière de le corriger.",
    )
    add_root(command)
    command.add_argument(
        "--format",
        default="text",
        choices=["text", "json", "github", "codequality", "markdown"],
        help=(
            "présentation : text (par défaut), json, github (annotations de pull request, et résumé en français dans le fichier GITHUB_STEP_SUMMARY s'il est défini), "
            "codequality (rapport Code Quality de GitLab, affiché dans les demandes de fusion) ou markdown (ce résumé)"
        ),
    )
    command.add_argument(
        "--maintenant",
        metavar="DATE",
        help="date du jour à utiliser pour les contrôles de dates (AAAA-MM-JJ ou date et heure ISO) ; sinon ACIA_MAINTENANT ou la date réelle",
    )
    command.add_argument(
        "fichiers",
        nargs="*",
        metavar="FICHIER",
        help="ne signaler que les problèmes de ces fichiers, et ceux des contrôles qui comparent les fichiers entre eux (tous les fichiers sont lus) ; un fichier qui n'est pas un fichier de données est ignoré",
    )


def run(arguments) -> int:
    from acia import reporters
    from acia.check import validate

    root, now = root_and_now(arguments)
    only = None
    if arguments.fichiers:
        only = []
        for name in arguments.fichiers:
            path = Path(name).resolve()
            try:
                only.append(path.relative_to(root.resolve()).as_posix())
            except ValueError:
                raise UsageError(f"le fichier « {name} » n'est pas dans le dossier du programme « {arguments.root} »") from None
    # A validation lasts a second or two, and its hundreds of thousands of
    # objects (parsed files, positions, findings) hold almost no cycle: the
    # cycle collector would only scan them again and again (a tenth of a run
    # after one edited file). Memory is freed as usual, by reference counts.
    collecting = gc.isenabled()
    gc.disable()
    try:
        report = validate(root, now=now, only=only)
    finally:
        if collecting:
            gc.enable()

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
    elif arguments.format == "codequality":
        output = reporters.code_quality(report, display)
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
    # The programme's own copy of the page (acia init writes it), else the acia repository's.
    reference_page = next((page for page in (root / "docs" / "reference-controles.md", REFERENCE_PAGE) if page is not None and page.is_file()), None)
    server, repository, sha = (os.environ.get(name) for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"))
    if not (server and repository and sha):
        reference = os.path.relpath(reference_page) if reference_page is not None else "docs/reference-controles.md"
        return reporters.markdown_summary(report, display, reference=Path(reference).as_posix(), heading=heading)
    base = f"{server}/{repository}/blob/{sha}"
    workspace = Path(os.environ.get("GITHUB_WORKSPACE") or ".").resolve()

    def source(path: str, line: int | None) -> str | None:
        in_repository = Path(os.path.relpath(Path(path).resolve(), workspace)).as_posix()
        if in_repository.startswith("../"):
            return None  # not a file of the checked-out repository
        return f"{base}/{quote(in_repository)}" + (f"#L{line}" if line else "")

    return reporters.markdown_summary(report, display, reference=f"{base}/docs/reference-controles.md", source=source, heading=heading)
