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
    command.add_argument("structure", metavar="STRUCTURE", nargs="?", help="identifiant de la candidature : le nom de son fichier dans data/applications/, sans « .yml »")
    command.add_argument(
        "--equipe",
        action="store_true",
        help="donne plutôt la phrase de passe de l'équipe projet, qui ouvre le site interne quand il est publié chiffré (site.publication.site_interne : zone_protegee)",
    )
    add_root(command)
    add_now(command)
    command.add_argument("--message", action="store_true", help="ajoute, après la phrase de passe, un message prêt à envoyer à la structure (ou à l'équipe)")


def run(arguments: argparse.Namespace) -> int:
    from acia import reporters
    from acia.check import check_instance
    from acia.publish import keys

    root, now = root_and_now(arguments)
    if arguments.equipe == (arguments.structure is not None):
        return fail("donnez soit l'identifiant d'une structure (acia acces og-…), soit --equipe pour la phrase de passe de l'équipe projet")
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
    if arguments.equipe:
        phrase = keys.passphrase(secret, programme.id, keys.TEAM)
        print(phrase)
        if programme.site.internal_publication != "zone_protegee":
            print(
                "acia : le site interne n'est pas publié chiffré (site.publication.site_interne vaut « artefact ») : cette phrase de passe n'ouvre rien pour l'instant.",
                file=sys.stderr,
            )
        if arguments.message:
            print()
            print(_team_message(phrase, programme))
        return EXIT_OK
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
            "(candidature, suivi, comptes rendus, livrables et courriers) se consulte sur le site du programme, "
            f"{_where(programme)}. "
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


def _where(programme: Programme) -> str:
    """Where the reader's page is: its address when the site has one, else its name in the menu."""
    from acia.site.pages import READER_PAGE

    if programme.site.address:
        return f"à l'adresse {programme.site.address}{READER_PAGE.removesuffix('.md')}/"
    return "à la page « Votre dossier »"


def _team_message(phrase: str, programme: Programme) -> str:
    """The note that gives the project team the internal site's passphrase."""
    return "\n".join(
        (
            f"Objet : accès au site interne du programme « {programme.title} »",
            "",
            f"Le site interne (toutes les candidatures, la sélection, le suivi et les courriers) se consulte sur le site du programme, {_where(programme)}, avec la phrase de passe suivante :",
            "",
            f"    {phrase}",
            "",
            "Elle ouvre toutes les données personnelles du programme : ne la transmettez qu'aux membres de l'équipe projet. "
            "Si elle a circulé au-delà, changez le secret ACIA_SECRET : toutes les phrases de passe changent, celles des structures comprises.",
        )
    )
