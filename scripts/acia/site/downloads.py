"""Files a site offers to download, generated into its tree at each build.

The blank form (every audience), a structure's own letters (its site and the
programme team's), the report to the comité de suivi and the selection matrix
(the programme team's): each is produced from the data by the same code as
``acia courriers`` and ``acia matrice``, never copied from ``build/``, which
may be stale. Conversions are kept in memory, by content, for the rest of the
process: the blank form is converted once for every audience, a structure's
letters once for its site and the internal one.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from acia.check.context import Context
from acia.exports import matrix
from acia.letters import documents
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
_CACHE_LIMIT = 512
_converted: dict[str, bytes] = {}


@dataclass(frozen=True)
class Download:
    """One document offered in several formats: its title and the site path of each format's file."""

    title: str
    files: tuple[tuple[str, Markup], ...]  # (format label, path relative to the docs tree)


def converted(letter: documents.Letter, output_format: str) -> bytes:
    """The file of ``letter`` in ``output_format``, converted once per content."""
    digest = hashlib.sha256()
    for part in (output_format, letter.name, letter.day.isoformat(), letter.markdown):
        digest.update(part.encode("utf-8") + b"\0")
    for name, content in letter.resources:
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(content).digest())
    key = digest.hexdigest()
    if key not in _converted:
        if len(_converted) >= _CACHE_LIMIT:
            _converted.clear()
        with tempfile.TemporaryDirectory() as scratch:
            target = Path(scratch) / f"document.{output_format}"
            documents.convert(letter, output_format, target)
            _converted[key] = target.read_bytes()
    return _converted[key]


def _files(letter: documents.Letter, folder: str, title: str) -> tuple[Download, dict[str, bytes]]:
    files = {f"{folder}/{letter.name}.{output_format}": converted(letter, output_format) for output_format in FORMATS}
    # Paths made of identifiers and fixed names: emitted as they are in the pages' links.
    return Download(title, tuple((FORMAT_LABELS[output_format], escape.trusted(f"{folder}/{letter.name}.{output_format}")) for output_format in FORMATS)), files


def blank_form(context: Context, root: Path) -> tuple[Download, dict[str, bytes]]:
    """The blank application form in every format, under ``telechargements/``."""
    return _files(documents.blank_form(context, root), BLANK_FOLDER, context.programme.form_title)


def letters(context: Context, root: Path, application_id: str) -> tuple[list[Download], dict[str, bytes]]:
    """The letters of one application (acknowledgement, notification, letter of engagement once its signatory is known), under ``courriers/<id>/``."""
    made: list[Download] = []
    files: dict[str, bytes] = {}
    for letter in documents.prepare(context, application_id, root, unsigned=True):
        download, produced = _files(letter, f"{LETTERS_FOLDER}/{application_id}", LETTER_TITLES.get(letter.name, letter.name))
        made.append(download)
        files.update(produced)
    return made, files


def followup_report(context: Context, root: Path) -> tuple[Download | None, dict[str, bytes]]:
    """The report to the comité de suivi, under ``courriers/`` (programme team only)."""
    report = documents.followup_report(context, root)
    if report is None:
        return None, {}
    return _files(report, LETTERS_FOLDER, LETTER_TITLES["rapport-comite-suivi"])


def matrix_files(proposal: Proposal, programme: Programme) -> dict[str, bytes]:
    """The files ``acia matrice`` writes (matrix, chart, proposal), under ``selection/``."""
    with tempfile.TemporaryDirectory() as scratch:
        written = matrix.write_outputs(Path(scratch), proposal, programme)
        produced = {path.name: path.read_bytes() for path in written}
    return {f"{SELECTION_FOLDER}/{name}": produced[name] for name, _ in MATRIX_FILES}
