"""``acia new application``: a new data/applications/<identifiant>.yml, imported from a filled Annexe 1 form (--from) or as a template."""

from __future__ import annotations

from acia.cli import UsageError, add_now, add_root, root_and_now


def register(commands) -> None:
    command = commands.add_parser(
        "new",
        help="crée une candidature : import d'une fiche Annexe 1 reçue, ou modèle à remplir",
        description="Crée data/applications/<identifiant>.yml : avec --from, lit une fiche Annexe 1 remplie (Word .docx ou LibreOffice .odt) reçue par courriel, ou les fiches des établissements d'un même organisme gestionnaire et dit ce qui a été reconnu, ce qui manque et ce qui est à vérifier ; sans --from, écrit un modèle commenté de tous les champs. N'écrase jamais un fichier existant.",
    )
    command.add_argument("type", choices=["application"], metavar="TYPE", help="application (une candidature)")
    add_root(command)
    command.add_argument(
        "--from",
        dest="source",
        action="append",
        metavar="FICHE",
        help="fiche Annexe 1 remplie, au format .docx ou .odt ; quand le programme demande une fiche par établissement, répétez --from pour chaque fiche d'un même organisme gestionnaire : elles forment une seule candidature",
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
