"""``acia nouvelle candidature``: a new data/applications/<identifiant>.yml, imported from a filled Annexe 1 form (--depuis) or as a template."""

from __future__ import annotations

from acia.cli import UsageError, add_command, add_now, add_option, add_root, root_and_now

COMMAND = "nouvelle"  # as typed: « acia nouvelle »
ALIAS = "new"  # the former English name, still accepted


def register(commands) -> None:
    command = add_command(
        commands,
        COMMAND,
        ALIAS,
        help="« acia nouvelle candidature » : importe une fiche Annexe 1 reçue, ou écrit un modèle à remplir",
        description="Crée data/applications/<identifiant>.yml : avec --depuis, lit une fiche Annexe 1 remplie (Word .docx ou LibreOffice .odt) reçue par courriel, ou les fiches des établissements d'un même organisme gestionnaire, et dit ce qui a été reconnu, ce qui manque et ce qui est à vérifier ; sans --depuis, écrit un modèle commenté de tous les champs. N'écrase jamais un fichier existant.",
    )
    command.add_argument("type", choices=["candidature", "application"], metavar="candidature", help="ce qui est créé : une candidature")
    add_root(command)
    add_option(
        command,
        "--depuis",
        "--from",
        dest="source",
        action="append",
        metavar="FICHE",
        help="fiche Annexe 1 remplie, au format .docx ou .odt ; quand le programme demande une fiche par établissement, répétez --depuis pour chaque fiche d'un même organisme gestionnaire : elles forment une seule candidature",
    )
    command.add_argument("--id", dest="identifier", metavar="IDENTIFIANT", help="identifiant de la candidature (nom du fichier) ; par défaut, déduit du département et de la raison sociale")
    command.add_argument("--recu-le", dest="received", metavar="DATE", help="date et heure de réception du courriel, par exemple 2023-06-12T10:24 (heure du programme) ; demandée si absente")
    add_now(command)


def run(arguments) -> int:
    from acia.forms.new import new_application

    root, now = root_and_now(arguments)
    try:
        return new_application(root, now, arguments.source, arguments.identifier, arguments.received)
    except ValueError as error:
        raise UsageError(str(error)) from None
