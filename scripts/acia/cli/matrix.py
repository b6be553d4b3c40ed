"""``acia matrice``: the selection matrix and proposal, printed and written to <dossier>/build/selection/."""

from __future__ import annotations

import os
import sys

from acia.cli import EXIT_FINDINGS, EXIT_OK, add_command, add_now, add_root, root_and_now

COMMAND = "matrice"  # as typed: « acia matrice »
ALIAS = "matrix"  # the former English name, still accepted


def register(commands) -> None:
    command = add_command(
        commands,
        COMMAND,
        ALIAS,
        help="calcule la matrice de sélection et la proposition",
        description="Calcule l'éligibilité, les scores et la meilleure sélection respectant les limites du programme, explique chaque choix et écrit les fichiers dans <dossier>/build/selection/.",
    )
    add_root(command)
    command.add_argument("--format", default="text", choices=["text", "json", "csv"], help="affichage : text (par défaut), json ou csv")
    add_now(command)


def run(arguments) -> int:
    from acia import reporters
    from acia.check import check_instance
    from acia.exports import matrix

    root, now = root_and_now(arguments)
    checked = check_instance(root, now=now)
    report, programme = checked.report, checked.context.programme
    if programme is None:
        sys.stdout.write(reporters.text(report, lambda rel: rel))
        print("acia : la matrice ne peut pas être calculée tant que data/programme.yml est invalide.", file=sys.stderr)
        return EXIT_FINDINGS
    proposal = checked.proposal
    written = matrix.write_outputs(root, proposal, programme)
    if arguments.format == "json":
        sys.stdout.write(matrix.as_json(proposal))
    elif arguments.format == "csv":
        sys.stdout.write(matrix.as_csv(proposal, programme))
    else:
        sys.stdout.write(matrix.as_text(proposal, programme))
        print("", file=sys.stderr)
        for path in written:
            print(f"écrit : {os.path.relpath(path)}", file=sys.stderr)
    if not report.ok:
        print(f"acia : {report.errors} erreur(s) de validation ; les candidatures concernées sont inéligibles (voir acia valider).", file=sys.stderr)
    return EXIT_OK
