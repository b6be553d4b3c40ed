"""``acia extraire``: every file and line that holds one person's data, to answer a request of access.

Nothing found is an answer too (exit 0): the message says so, and how to
search differently.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from acia.cli import EXIT_OK, add_command, add_root, fail, root_folder

COMMAND = "extraire"  # as typed: « acia extraire »


def register(commands: Any) -> None:
    command = add_command(
        commands,
        COMMAND,
        help="liste toutes les données d'une personne (droit d'accès)",
        description=(
            "Liste chaque fichier et chaque ligne qui contient des données d'une personne (droit d'accès, article 15 du RGPD) : "
            "ses champs (nom, prénom, e-mail, téléphone, et fonction, rôle et mission dans une équipe projet) et les mentions de son nom, "
            "de son e-mail ou de son téléphone dans les textes et les comptes rendus. La sortie contient ces données : "
            "transmettez-la à la personne seule, jamais dans un ticket ou une demande de fusion."
        ),
    )
    add_root(command)
    command.add_argument(
        "--personne",
        required=True,
        metavar="E-MAIL_OU_NOM",
        help="adresse e-mail, ou nom : « Prénom Nom », « Nom Prénom » ou nom de famille seul (majuscules et accents indifférents)",
    )
    command.add_argument("--format", default="text", type=lambda value: "text" if value == "texte" else value, choices=["text", "json"], help="affichage : text (par défaut) ou json")


def run(arguments: argparse.Namespace) -> int:
    from acia import french
    from acia.privacy.extract import ExtractError, extract

    root = root_folder(arguments)
    try:
        found = extract(root, arguments.personne)
    except ExtractError as error:
        return fail(str(error))
    if arguments.format == "json":
        data = {"personne": arguments.personne, "occurrences": [occurrence.as_dict() for occurrence in found]}
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    if not found:
        print(f"Aucune donnée de « {arguments.personne} » dans les fichiers du programme. Vérifiez l'orthographe, ou cherchez par l'adresse e-mail, par « Prénom Nom » ou par le nom de famille seul.")
        return EXIT_OK

    def display(rel: str) -> str:
        return rel if root.resolve() == Path.cwd().resolve() else os.path.relpath(root / rel)

    files = len({occurrence.rel for occurrence in found})
    lines = [f"Données de « {arguments.personne} » : {french.plural(len(found), 'occurrence')} dans {french.plural(files, 'fichier')}.", ""]
    for occurrence in found:
        where = f" ({occurrence.path})" if occurrence.path else ""
        nature = ", mention dans le texte" if occurrence.nature == "texte" else ""
        lines.append(f"{display(occurrence.rel)}:{occurrence.line}:{occurrence.column}: {occurrence.label}{where}{nature} : « {occurrence.value} »")
    lines += ["", "Cette liste contient des données personnelles : transmettez-la à la personne seule, par un moyen sûr, et ne la collez ni dans un ticket ni dans une demande de fusion."]
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK
