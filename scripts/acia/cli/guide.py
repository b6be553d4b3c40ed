"""``acia guide``: the contributors' guide, for CONTRIBUTING.md (--cible depot) or the site (--cible site)."""

from __future__ import annotations

from pathlib import Path

from acia.cli import add_command, add_root, emit, fail

COMMAND = "guide"


def register(commands) -> None:
    command = add_command(
        commands,
        COMMAND,
        help="affiche le guide des contributeurs",
        description="Affiche le guide des contributeurs (ajouter ou corriger une candidature, enregistrer la décision du comité, ajouter un compte rendu, comprendre les contrôles), celui de la page Contribuer du site. À régénérer après une modification du gabarit ou des contrôles : acia guide --sortie CONTRIBUTING.md",
    )
    command.add_argument(
        "--cible", default="depot", choices=["depot", "site"], help="depot (par défaut : liens vers les fichiers du dépôt, pour CONTRIBUTING.md) ou site (liens entre les pages du site)"
    )
    add_root(command)  # the programme whose data gives the guide's examples
    command.add_argument("--sortie", metavar="FICHIER", help="écrit le guide dans ce fichier au lieu de l'afficher")


def run(arguments) -> int:
    from acia.site import guide

    try:
        content = guide.render(arguments.cible, root=Path(arguments.root))
    except guide.GuideError as error:
        return fail(str(error))
    return emit(content, arguments.sortie)
