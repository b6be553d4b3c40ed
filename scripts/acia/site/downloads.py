"""Files a site offers to download, generated into its tree at each build.

The blank form (every audience), a structure's own letters (its site and the
programme team's), the report to the comité de suivi and the selection matrix
(the programme team's): each is produced from the data by the same code as
``acia courriers`` and ``acia matrice``, never copied from ``build/documents``,
which may be stale. Conversions go through the instance's cache of converted
documents (``letters.conversions``): a letter is converted once, on every core,
until its content changes, whatever audience or command asks for it.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from acia import cache
from acia.check.context import Context
from acia.exports import matrix
from acia.letters import conversions, documents
from acia.model.programme import Programme
from acia.model.selection import Proposal
from acia.site import escape

BLANK_FOLDER = "telechargements"
LETTERS_FOLDER = "courriers"
SELECTION_FOLDER = "selection"
FORMAT_LABELS = {"pdf": "PDF", "docx": "Word (DOCX)", "odt": "OpenDocument (ODT)"}
FORMATS = ("pdf", "docx", "odt")  # in the order the pages offer them
LETTER_TITLES = {
    "accuse-reception": "Accusé de réception de la candidature",
    "notification": "Notification de la décision du comité",
    "lettre-engagement": "Lettre d'engagement",
    "rapport-comite-suivi": "Rapport de suivi",
}
MATRIX_FILES = (
    ("matrice.ods", "Matrice de sélection (OpenDocument, ODS)"),
    ("matrice.xlsx", "Matrice de sélection (Excel, XLSX)"),
    ("matrice.csv", "Matrice de sélection (CSV)"),
    ("scores.svg", "Graphique des scores (SVG)"),
    ("proposition.json", "Proposition calculée (JSON)"),
)


@dataclass(frozen=True)
class Download:
    """One document offered in several formats: its title and the site path of each format's file."""

    title: str
    files: tuple[tuple[str, Markup], ...]  # (format label, path relative to the docs tree)


def _offered(converter: conversions.Converter, letters: list[tuple[documents.Letter, str, str]]) -> list[tuple[Download, dict[str, bytes]]]:
    """Each (letter, folder, title) in every format, converted together: its download entry and its files."""
    wanted = [(letter, output_format) for letter, _, _ in letters for output_format in FORMATS]
    contents = iter(converter.convert_all(wanted))
    offered = []
    for letter, folder, title in letters:
        paths = [f"{folder}/{letter.name}.{output_format}" for output_format in FORMATS]
        files = {path: next(contents) for path in paths}
        # Paths made of identifiers and fixed names: emitted as they are in the pages' links.
        offered.append((Download(title, tuple((FORMAT_LABELS[output_format], escape.trusted(path)) for output_format, path in zip(FORMATS, paths, strict=True))), files))
    return offered


def blank_form(context: Context, root: Path, converter: conversions.Converter) -> tuple[Download, dict[str, bytes]]:
    """The blank application form in every format, under ``telechargements/``."""
    return _offered(converter, [(documents.blank_form(context, root), BLANK_FOLDER, context.programme.form_title)])[0]


def letters(context: Context, root: Path, application_ids: list[str], converter: conversions.Converter) -> dict[str, tuple[list[Download], dict[str, bytes]]]:
    """The letters of each application (acknowledgement, notification, letter of engagement once its signatory is known), under ``courriers/<id>/``."""
    prepared = [
        (letter, f"{LETTERS_FOLDER}/{application_id}", LETTER_TITLES.get(letter.name, letter.name))
        for application_id in application_ids
        for letter in documents.prepare(context, application_id, root, unsigned=True)
    ]
    made: dict[str, tuple[list[Download], dict[str, bytes]]] = {application_id: ([], {}) for application_id in application_ids}
    for (letter, _, _), (download, files) in zip(prepared, _offered(converter, prepared), strict=True):
        made[letter.application][0].append(download)
        made[letter.application][1].update(files)
    return made


def followup_report(context: Context, root: Path, converter: conversions.Converter) -> tuple[Download | None, dict[str, bytes]]:
    """The report to the comité de suivi, under ``courriers/`` (programme team only)."""
    report = documents.followup_report(context, root)
    if report is None:
        return None, {}
    return _offered(converter, [(report, LETTERS_FOLDER, LETTER_TITLES["rapport-comite-suivi"])])[0]


def matrix_files(proposal: Proposal, programme: Programme, root: Path) -> dict[str, bytes]:
    """The files ``acia matrice`` writes (matrix, chart, proposal), under ``selection/``, through the instance's cache."""
    with tempfile.TemporaryDirectory() as scratch:
        written = matrix.write_outputs(Path(scratch), proposal, programme, cache.ContentCache.of(root, "selection"))
        produced = {path.name: path.read_bytes() for path in written}
    return {f"{SELECTION_FOLDER}/{name}": produced[name] for name, _ in MATRIX_FILES}
