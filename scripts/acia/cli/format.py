"""``acia format``: check, and with --corriger fix, the text layout of the YAML and Markdown data files (ACIA601 to ACIA606)."""

from __future__ import annotations

import os
import sys

from acia.cli import EXIT_FINDINGS, EXIT_OK, add_command, add_root, fail, root_folder

COMMAND = "format"


def register(commands) -> None:
    command = add_command(
        commands,
        COMMAND,
        help="vérifie la mise en forme des fichiers YAML et Markdown",
        description="Vérifie la mise en forme du texte des fichiers de données YAML et Markdown : espaces en fin de ligne, tabulations et indentation YAML, fins de ligne Windows, fin du fichier (codes ACIA601 à ACIA606). Sans --corriger, aucun fichier n'est modifié.",
    )
    add_root(command, help="dossier du programme dont vérifier les fichiers de données si aucun FICHIER n'est donné (par défaut : le dossier courant)")
    command.add_argument(
        "--corriger",
        action="store_true",
        help="corrige ce qui est sans risque (espaces en fin de ligne, fins de ligne Windows, fin du fichier) et dit ce qui a été modifié ; tabulations et indentation restent à corriger à la main",
    )
    command.add_argument("--espaces-seulement", action="store_true", help="ne vérifie que les espaces en fin de ligne, dans tout fichier texte (code, gabarits…)")
    command.add_argument("fichiers", nargs="*", metavar="FICHIER", help="fichiers ou dossiers à vérifier (par défaut : les fichiers de données du programme)")


def run(arguments) -> int:
    import shlex

    from acia import format as layout

    root = root_folder(arguments)
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
                return fail(f"impossible de corriger « {os.path.relpath(result.path)} » ({error.strerror or error})")
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
