"""``acia construire``: the resource-centre site of each audience, in <dossier>/build/<public>/site/."""

from __future__ import annotations

import os
import shutil
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from acia.cli import EXIT_FINDINGS, EXIT_OK, add_command, add_now, add_option, add_root, fail, root_and_now

if TYPE_CHECKING:  # the command's heavy imports wait for run(): acia format stays light
    from acia.check.context import Context

COMMAND = "construire"  # as typed: « acia construire »
ALIAS = "build"  # the former English name, still accepted


def register(commands) -> None:
    command = add_command(
        commands,
        COMMAND,
        ALIAS,
        help="construit le site centre de ressources",
        description="Génère les pages du site à partir des données puis le construit avec Zensical, pour chaque public : public (sans données personnelles), interne (tout), structure:<identifiant> (le dossier complet d'une structure). Résultat : <dossier>/build/<public>/site/.",
    )
    add_root(command)
    add_option(
        command,
        "--public",
        "--audience",
        dest="audience",
        action="append",
        metavar="PUBLIC",
        help="public, interne ou structure:<identifiant> ; répétable (par défaut : public, interne et une structure retenue)",
    )
    add_now(command)


def run(arguments) -> int:
    from acia import reporters
    from acia.check import check_instance
    from acia.site.pages import Audience, SiteError, build

    root, now = root_and_now(arguments)
    try:
        audiences = [Audience.parse(text) for text in arguments.audience or []]
    except SiteError as error:
        return fail(str(error))
    checked = check_instance(root, now=now)
    report, context = checked.report, checked.context
    if not report.ok:
        sys.stdout.write(reporters.text(report, lambda rel: rel))
        print("acia : le site n'est pas construit tant que les données ont des erreurs.", file=sys.stderr)
        return EXIT_FINDINGS
    if not audiences:
        audiences = [Audience("public"), Audience("interne")]
        retained = _first_retained(context)
        if retained:
            audiences.append(Audience("structure", retained))
    for folder in withdrawn_sites(root, context):
        shutil.rmtree(folder)
        print(f"site « {folder.name} » supprimé : sa candidature n'est plus dans data/applications/")
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _interrupt) if main_thread else None  # a stopped build cleans its scratch folder
    try:
        for audience in audiences:
            try:
                site = build(root, audience, report, context, proposal=lambda: checked.proposal)  # computed once, if a page needs it
            except SiteError as error:
                return fail(str(error))
            print(f"site « {audience.folder} » : {os.path.relpath(site)}")
    except KeyboardInterrupt:
        fail("construction interrompue : chaque site est resté tel qu'il était avant ou a été entièrement reconstruit")
        return EXIT_INTERRUPTED
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)
    return EXIT_OK


EXIT_INTERRUPTED = 130


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def withdrawn_sites(root: Path, context: Context) -> list[Path]:
    """The structure sites acia built for an application that is no longer in the data."""
    build_folder = root / "build"
    if not build_folder.is_dir() or context.model is None:
        return []
    current = {application.id for application in context.model.applications}
    return [
        folder
        for folder in sorted(build_folder.glob("structure-*"))
        if folder.is_dir() and not folder.is_symlink() and (folder / "mkdocs.yml").is_file() and folder.name.removeprefix("structure-") not in current
    ]


def _first_retained(context: Context) -> str | None:
    """The structure whose dossier the default build shows as an example: the first retained, else the first received."""
    records = context.records
    retained = records.selection.retained if records.selection is not None else ()
    if retained:
        return retained[0]
    return records.applications[0].id if records.applications else None
