"""``acia publier``: the tree a host serves, the public site and each structure's dossier sealed under its passphrase."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from acia.cli import EXIT_FINDINGS, EXIT_OK, add_command, add_now, add_root, fail, root_and_now

COMMAND = "publier"  # as typed: « acia publier »
ALIAS = "publish"


def register(commands: Any) -> None:
    command = add_command(
        commands,
        COMMAND,
        ALIAS,
        help="prépare le site à mettre en ligne",
        description=(
            "Construit le site public et, si le secret ACIA_SECRET est défini, le dossier complet de chaque structure, "
            "chiffré avec sa phrase de passe (acia acces), puis écrit dans un dossier exactement ce qu'un hébergeur doit servir. "
            "Le site interne n'y est jamais."
        ),
    )
    add_root(command)
    command.add_argument("--dossier", required=True, metavar="SORTIE", help="dossier où écrire le site à publier (vide, nouveau, ou écrit par une publication précédente)")
    add_now(command)


def run(arguments: argparse.Namespace) -> int:
    from acia import french, reporters
    from acia.check import check_instance
    from acia.publish import area, keys, tree
    from acia.site.pages import Audience, SiteError, build

    root, now = root_and_now(arguments)
    target = Path(arguments.dossier)
    try:
        secret = keys.optional_secret()  # unset: the public site only; set but too short: a mistake to correct
    except keys.SecretError as error:
        return fail(str(error))
    checked = check_instance(root, now=now)
    if not checked.report.ok:
        sys.stdout.write(reporters.text(checked.report, lambda rel: rel))
        print("acia : rien n'est publié tant que les données ont des erreurs.", file=sys.stderr)
        return EXIT_FINDINGS
    context = checked.context
    assert context.programme is not None and context.model is not None  # a valid instance
    try:
        public_site = build(root, Audience("public"), checked.report, context, proposal=lambda: checked.proposal)
        areas: dict[str, dict[str, bytes]] = {}
        if secret is not None:
            applications = sorted(context.model.applications, key=lambda application: application.id)
            for number, application in enumerate(applications, start=1):
                print(f"Dossier protégé {number} sur {len(applications)}…", flush=True)  # no name: CI logs are read by others
                structure_site = build(root, Audience("structure", application.id), checked.report, context, proposal=lambda: checked.proposal)
                opened = keys.area_keys(keys.passphrase(secret, context.programme.id, application.id), context.programme.id)
                areas[opened.address] = area.seal_area(opened, area.entries(public_site, structure_site))
        written = tree.assemble(target, public_site, areas)
    except (SiteError, area.AreaError, tree.PublishError) as error:
        return fail(str(error))
    if secret is None:
        print(
            f"{keys.VARIABLE} n'est pas défini : aucun dossier protégé n'est publié, seulement le site public. Définissez ce secret (celui de la CI) pour publier le dossier de chaque structure.",
            file=sys.stderr,
        )
    protected = f" et {french.plural(len(areas), 'dossier protégé', 'dossiers protégés')}" if areas else ""
    print(f"Site à publier écrit dans {target} : {french.plural(written, 'fichier')}, le site public{protected}.")
    return EXIT_OK
