"""``acia purger``: erase the personal data kept past its retention period; a dry run unless --appliquer.

The output never shows a personal value in full (only its initials, in text)
and the JSON none at all: the listing can be pasted in a ticket or kept in a
CI log. Only --liste-remplacements writes the erased values, to a file outside
the instance, for the history rewrite the controller may decide.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from acia.cli import EXIT_OK, add_command, add_root, fail, root_and_now

if TYPE_CHECKING:  # the command's heavy imports wait for run()
    from acia.privacy.purge import Entry, Plan


def _format(value: str) -> str:
    """--format: « text » or « json » (« texte » is taken for « text »)."""
    return "text" if value == "texte" else value


COMMAND = "purger"  # as typed: « acia purger »


def register(commands: Any) -> None:
    command = add_command(
        commands,
        COMMAND,
        help="efface les données personnelles gardées au-delà de leur durée de conservation",
        description=(
            "Efface les données personnelles (noms, prénoms, e-mails, téléphones) des fichiers dont la durée de conservation, "
            "déclarée dans data/programme.yml (« donnees_personnelles.conservation »), est passée : un champ obligatoire est remplacé "
            "par un pseudonyme (« [personne 2] », « [effacé] », « personne-2@example.org »), un champ facultatif est retiré, et les "
            "mentions de ces personnes dans les textes sont remplacées. Sans --appliquer, rien n'est modifié : la commande dit ce qui "
            "serait effacé. Les valeurs elles-mêmes ne sont jamais affichées en entier (seulement leurs initiales), ni écrites en JSON."
        ),
    )
    add_root(command)
    command.add_argument(
        "--maintenant",
        metavar="DATE",
        help="date à laquelle comparer les échéances (AAAA-MM-JJ ou date et heure ISO) ; sinon ACIA_MAINTENANT ou la date réelle",
    )
    command.add_argument("--appliquer", action="store_true", help="modifie les fichiers (sinon, la commande montre seulement ce qu'elle ferait)")
    command.add_argument("--format", default="text", type=_format, choices=["text", "json"], help="affichage : text (par défaut) ou json")
    command.add_argument(
        "--liste-remplacements",
        metavar="FICHIER",
        help="écrit dans FICHIER, hors du dossier du programme, la liste des valeurs effacées et de leur remplacement, au format de « git filter-repo --replace-text »",
    )


def run(arguments: argparse.Namespace) -> int:
    from acia.privacy import purge
    from acia.privacy.source import SourceError

    root, now = root_and_now(arguments)
    try:
        planned = purge.plan(root, now)
    except (purge.PurgeError, SourceError) as error:
        return fail(str(error))
    if arguments.liste_remplacements:
        code = _write_list(root, Path(arguments.liste_remplacements), planned, quiet=arguments.format == "json")
        if code != EXIT_OK:
            return code
    applied = False
    if arguments.appliquer and planned.contents:
        try:
            purge.apply(root, planned)
        except SourceError as error:
            return fail(f"{error} ; relancez « acia purger --appliquer » : les fichiers déjà réécrits ne seront pas touchés à nouveau")
        applied = True
        from acia import cache

        cache.clear(root)  # the kept parses and letters held the erased values
    if arguments.format == "json":
        data = planned.as_dict(applied)
        data["historique_git"] = purge.HISTORY
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(_text(planned, root, applied, arguments))
    return EXIT_OK


def _display(root: Path) -> Any:
    if root.resolve() == Path.cwd().resolve():
        return lambda rel: rel
    return lambda rel: os.path.relpath(root / rel)


def _initials(text: str) -> str:
    """« S… M… »: enough for the team to recognise a name, not enough to read it; one character of an e-mail or a phone."""
    if any(character.isdigit() or character == "@" for character in text):
        return f"{text.strip()[:1]}…"
    return " ".join(f"{word[0]}…" for word in text.split()[:3])


def _text(planned: Plan, root: Path, applied: bool, arguments: argparse.Namespace) -> str:
    from acia import french
    from acia.privacy import purge

    display = _display(root)
    day = french.short_date(planned.today)
    if not planned.entries:
        lines = [f"Aucune donnée personnelle à effacer au {day} : aucun fichier ne garde de donnée personnelle au-delà de sa durée de conservation."]
        if planned.next_due is not None:
            due, label = planned.next_due
            lines.append(f"Prochaine échéance : le {french.short_date(due)} ({label.lower()}).")
        return "\n".join(lines) + "\n"
    lines = [f"Données personnelles {'effacées' if applied else 'à effacer'} au {day}, d'après les durées de conservation de data/programme.yml :", ""]
    current = ""
    for entry in planned.entries:
        if entry.rel != current:
            if current:
                lines.append("")
            current = entry.rel
            lines.append(f"{display(entry.rel)} ({entry.category_label.lower()}, à effacer depuis le {french.short_date(entry.due)}) :")
        lines.append(_line(entry, display))
    lines.append("")
    values, files = planned.values, len(planned.files)
    counted = f"{french.plural(values, 'donnée personnelle', 'données personnelles')} dans {french.plural(files, 'fichier')}"
    mentions = f", et {french.plural(planned.mentions, 'mention')} dans les textes" if planned.mentions else ""
    if applied:
        lines.append(f"{counted}{mentions} : {french.agree(values + planned.mentions, 'effacée')} (remplacées par un pseudonyme ou retirées).")
        lines.append("Les copies de travail de build/.cache/ (fichiers lus et courriers convertis) ont été effacées elles aussi.")
        lines.append("Vérifiez avec « acia valider », puis enregistrez la modification (git add data, git commit).")
    else:
        lines.append(f"{counted} {french.agree(values, 'est', 'sont')} à effacer{mentions}. Aucun fichier n'a été modifié.")
        again = f" --maintenant {arguments.maintenant}" if arguments.maintenant else ""
        lines.append(f"Pour les effacer : acia purger --appliquer{again}")
    lines += ["", purge.HISTORY]
    return "\n".join(lines) + "\n"


def _line(entry: Entry, display: Any) -> str:
    """« fichier:ligne:colonne: Nom (equipe_projet[0].nom) « S… » : remplacé par « [personne 1] » »."""
    where = f" ({entry.path})" if entry.path else ""
    what = f"{entry.label}{where}" + (", mention" if entry.nature == "texte" else "")
    return f"  {display(entry.rel)}:{entry.line}:{entry.column}: {what} « {_initials(entry.original)} » : {entry.action}"


def _write_list(root: Path, target: Path, planned: Plan, quiet: bool) -> int:
    from acia.privacy import purge

    resolved = target.expanduser().resolve()
    instance = root.resolve()
    # The repository that holds the instance, if any: the list must not land in any of its folders either.
    repository = next((folder for folder in (instance, *instance.parents) if (folder / ".git").exists()), instance)
    if resolved == repository or repository in resolved.parents:
        return fail(
            f"« {target} » est dans le dépôt du programme : écrivez la liste hors du dépôt (par exemple ../remplacements-rgpd.txt), "
            "car elle contient les valeurs effacées et ne doit jamais être enregistrée dans Git"
        )
    if not planned.history:
        print("acia : rien à effacer, la liste des remplacements n'a pas été écrite.", file=sys.stderr)
        return EXIT_OK
    try:
        descriptor = os.open(resolved, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(purge.history_file(planned))
    except OSError as error:
        return fail(f"impossible d'écrire « {target} » ({error.strerror or error})")
    from acia import french

    message = (
        f"Liste des remplacements pour git filter-repo écrite dans {target} ({french.plural(len(planned.history), 'ligne')}) : "
        "relisez-la avant de l'utiliser, chaque ligne remplace ce texte dans tous les fichiers de tout l'historique."
    )
    print(message, file=sys.stderr if quiet else sys.stdout)
    return EXIT_OK
