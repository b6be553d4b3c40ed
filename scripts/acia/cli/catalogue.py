"""``acia catalogue``: the reference of every check (codes, examples, fixes), in Markdown or JSON."""

from __future__ import annotations

from acia.cli import add_command, emit

COMMAND = "catalogue"


def register(commands) -> None:
    command = add_command(commands, COMMAND, help="liste les contrôles", description="Affiche la référence des contrôles (codes, exemples, corrections).")
    command.add_argument("--format", default="markdown", choices=["markdown", "json"], help="markdown (par défaut) ou json")
    command.add_argument("--sortie", metavar="FICHIER", help="écrit la référence dans ce fichier au lieu de l'afficher")


def run(arguments) -> int:
    import json

    from acia.check.catalogue import as_data, render_markdown

    content = render_markdown() if arguments.format == "markdown" else json.dumps(as_data(), ensure_ascii=False, indent=2) + "\n"
    return emit(content, arguments.sortie)
