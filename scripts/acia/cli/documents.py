"""``acia courriers``: the letters of each application (DOCX, ODT, PDF), in <dossier>/build/documents/<identifiant>/."""

from __future__ import annotations

import os
import sys

from acia.cli import EXIT_FINDINGS, EXIT_OK, add_command, add_now, add_option, add_root, fail, root_and_now

COMMAND = "courriers"  # as typed: « acia courriers »
ALIAS = "documents"  # the former English name, still accepted


def register(commands) -> None:
    command = add_command(
        commands,
        COMMAND,
        ALIAS,
        help="produit les courriers (DOCX, ODT, PDF)",
        description="Produit, pour chaque candidature, l'accusé de réception, la notification de la décision du comité et, pour les structures retenues, la lettre d'engagement, dans <dossier>/build/documents/<identifiant>/. Les conversions sont faites sur tous les cœurs et gardées dans <dossier>/build/.cache/documents/ : un courrier inchangé n'est pas converti de nouveau.",
    )
    add_root(command)
    add_option(command, "--seulement", "--only", dest="only", metavar="IDENTIFIANT", help="seulement les courriers de cette candidature")
    command.add_argument("--format", default="docx,odt,pdf", metavar="FORMATS", help="formats séparés par des virgules parmi docx, odt, pdf (par défaut : les trois)")
    add_now(command)


def run(arguments) -> int:
    from acia import french, reporters
    from acia.check import check_instance
    from acia.letters import conversions, documents

    root, now = root_and_now(arguments)
    formats = tuple(part.strip() for part in arguments.format.split(",") if part.strip())
    unknown = [part for part in formats if part not in documents.FORMATS]
    if unknown or not formats:
        return fail(f"--format : format(s) inconnu(s) {', '.join(unknown) or '(aucun)'} ; choisissez parmi {', '.join(documents.FORMATS)}")
    checked = check_instance(root, now=now)
    if not checked.report.ok:
        sys.stdout.write(reporters.text(checked.report, lambda rel: rel))
        print("acia : les documents ne sont pas produits tant que les données ont des erreurs.", file=sys.stderr)
        return EXIT_FINDINGS
    interactive = sys.stderr.isatty() and not os.environ.get("CI")

    def progress(done: int, total: int) -> None:
        if interactive:
            filled = int(30 * done / total)
            print(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} documents", end="" if done < total else "\n", file=sys.stderr, flush=True)

    try:
        prepared = documents.prepare(checked.context, arguments.only, root)
        written = conversions.write_all(root, prepared, formats, progress)
    except documents.DocumentError as error:
        print(f"acia : erreur : {error}", file=sys.stderr)
        return EXIT_FINDINGS
    model = checked.context.model
    removed = documents.remove_stale(root, written, formats, {application.id for application in model.applications}, arguments.only) if model is not None else []
    if removed:
        print(f"{french.plural(len(removed), 'document')} {french.agree(len(removed), 'périmé')} {french.agree(len(removed), 'supprimé')} (candidature retirée ou document qui n'a plus lieu d'être)")
    print(f"{french.plural(len(written), 'document')} {french.agree(len(written), 'écrit')} dans {os.path.relpath(root / 'build' / 'documents')}")
    return EXIT_OK
