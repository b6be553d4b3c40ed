"""``acia acces``: a structure's passphrase, for whoever holds ``ACIA_SECRET``, and the message that sends it."""

from __future__ import annotations

import argparse
import difflib
import sys
from typing import TYPE_CHECKING, Any

from acia.cli import EXIT_FINDINGS, EXIT_OK, add_command, add_now, add_root, fail, root_and_now

COMMAND = "acces"  # as typed: « acia acces »
ALIAS = "access"

if TYPE_CHECKING:
    from acia.model.application import Application
    from acia.model.programme import Programme


def register(commands: Any) -> None:
    command = add_command(
        commands,
        COMMAND,
        ALIAS,
        help="donne la phrase de passe du dossier d'une structure",
        description=(
            "Affiche en première ligne la phrase de passe qui ouvre le dossier d'une structure sur le site publié, "
            "tirée du secret ACIA_SECRET (variable d'environnement, gardée par la CI et l'équipe projet, jamais dans le dépôt). "
            "Changer le secret change toutes les phrases de passe."
        ),
    )
    command.add_argument("structure", metavar="STRUCTURE", help="identifiant de la candidature : le nom de son fichier dans data/applications/, sans « .yml »")
    add_root(command)
    add_now(command)
    command.add_argument("--message", action="store_true", help="ajoute, après la phrase de passe, un message prêt à envoyer à la structure")


def run(arguments: argparse.Namespace) -> int:
    from acia import reporters
    from acia.check import check_instance
    from acia.publish import keys

    root, now = root_and_now(arguments)
    try:
        secret = keys.secret_from()
    except keys.SecretError as error:
        return fail(str(error))
    checked = check_instance(root, now=now)
    programme = checked.context.programme
    if programme is None:
        sys.stdout.write(reporters.text(checked.report, lambda rel: rel))
        print("acia : data/programme.yml doit être valide pour tirer les phrases de passe de son identifiant.", file=sys.stderr)
        return EXIT_FINDINGS
    applications = {application.id: application for application in checked.context.records.applications}
    application = applications.get(arguments.structure)
    if application is None:
        close = difflib.get_close_matches(arguments.structure, sorted(applications), n=1)
        suggestion = f" ; voulez-vous dire « {close[0]} » ?" if close else f" ; les identifiants sont les noms des fichiers de data/applications/ sans « .yml » ({len(applications)} candidatures)"
        return fail(f"aucune candidature « {arguments.structure} »{suggestion}")
    phrase = keys.passphrase(secret, programme.id, application.id)
    print(phrase)
    if arguments.message:
        print()
        print(_message(phrase, programme, application))
    return EXIT_OK


def _message(phrase: str, programme: Programme, application: Application) -> str:
    """The message that gives a structure its passphrase, signed by the organisations that sign the programme's letters."""
    from acia import french

    signing = [organisation for organisation in programme.organisations if organisation.signatory is not None] or list(programme.organisations[:1])
    team = french.capitalise(french.enumerate_names([french.the(organisation.acronym or organisation.name, organisation.article) for organisation in signing]))
    return "\n".join(
        (
            f"Objet : accès au dossier {french.of(application.og.name, application.og.article)}",
            "",
            "Madame, Monsieur,",
            "",
            f"Le dossier {french.of(application.og.name, application.og.article)} dans le programme « {programme.title} » "
            "(candidature, suivi, comptes rendus, livrables et courriers) se consulte sur le site du programme, à la page « Votre dossier ». "
            "Il s'ouvre avec la phrase de passe suivante, propre à votre structure :",
            "",
            f"    {phrase}",
            "",
            "Les accents et les majuscules sont facultatifs. Ne la transmettez qu'aux personnes de votre structure qui suivent le dossier ; "
            "si elle a été communiquée à d'autres, dites-le-nous : nous la changerons.",
            "",
            "Nous restons à votre disposition pour toute question.",
            "",
            team,
        )
    )
