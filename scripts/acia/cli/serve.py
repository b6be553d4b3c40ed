"""``acia apercu``: preview one audience's site, regenerated at each data change (see acia.site.serve)."""

from __future__ import annotations

from acia.cli import add_command, add_option, add_root, fail, root_and_now

COMMAND = "apercu"  # as typed: « acia apercu »
ALIAS = "serve"  # the former English name, still accepted


def register(commands) -> None:
    command = add_command(
        commands,
        COMMAND,
        ALIAS,
        help="aperçu du site, mis à jour à chaque modification",
        description=(
            "Construit le site d'un public (par défaut le site public, sans données personnelles) et l'affiche sur http://127.0.0.1:8000/ ; "
            "chaque modification d'un fichier de données régénère les pages et recharge le navigateur. "
            "L'aperçu ne répond qu'aux requêtes adressées à son adresse (en-tête Host) ; une adresse autre que 127.0.0.1 ou localhost "
            "le rend lisible depuis les autres machines du réseau : acia apercu le signale."
        ),
    )
    add_root(command)
    add_option(command, "--public", "--audience", dest="audience", default="public", metavar="PUBLIC", help="public (par défaut), interne (toutes les données internes) ou structure:<identifiant>")
    command.add_argument("--adresse", default="127.0.0.1:8000", metavar="HÔTE:PORT", help="adresse d'écoute (par défaut 127.0.0.1:8000, cette machine seulement ; 0.0.0.0 expose l'aperçu au réseau)")


def run(arguments) -> int:
    from acia.site.pages import Audience, SiteError
    from acia.site.serve import serve

    root, _ = root_and_now(arguments)  # "now" is read again at each regeneration: checked here once
    try:
        audience = Audience.parse(arguments.audience)
        return serve(root, audience, arguments.adresse)
    except SiteError as error:
        return fail(str(error))
