"""A received .docx or .odt as a flat list of paragraphs, headings and tables.

The document goes through pandoc's document model (``pandoc -t json``), the
same for Word and LibreOffice. Tables become full grids: a merged cell is
repeated in every row and column it covers, a missing cell is an empty one,
so that a column keeps its meaning whatever the applicant did to the table.
A file that is not a reasonable document (a « zip bomb », an encrypted or
damaged file, another format) is refused before pandoc reads it, with a
French message naming it.
"""

from __future__ import annotations

import json
import stat
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from acia import french

SUFFIXES = {".docx": "docx", ".odt": "odt"}
# What a filled Annexe 1 may weigh: a few hundred KB in practice, a few MB with images.
MAX_ARCHIVE_BYTES = 50 * 1024 * 1024  # the file itself
MAX_UNCOMPRESSED = 50 * 1024 * 1024  # all its entries once expanded
MAX_ENTRIES = 2000
MAX_RATIO = 100  # expanded size / file size, beyond RATIO_FLOOR
RATIO_FLOOR = 5 * 1024 * 1024
PANDOC_MEMORY = "512m"  # pandoc's heap cap (RTS option -M)
PANDOC_MEMORY_LABEL = "512 Mo"
# Word saves a password-protected document (and a .doc of Word 97-2003) as an OLE compound file, not a zip archive.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class FormError(Exception):
    """The form cannot be read reliably; ``problems`` says why, in French."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Block:
    kind: str  # "paragraphe", "titre" or "tableau"
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)


def _unreadable(path: Path) -> FormError:
    return FormError(
        [f"« {path.name} » est illisible : ce n'est pas un document {path.suffix.lstrip('.').upper()} valide (fichier abîmé ou d'un autre format). Demandez à la structure de renvoyer sa fiche."]
    )


def _protected(path: Path) -> FormError:
    return FormError(
        [
            f"« {path.name} » est protégé par un mot de passe (chiffré) ou enregistré dans un ancien format : il ne peut pas être lu. "
            "Demandez à la structure de renvoyer sa fiche sans mot de passe, enregistrée au format Word (.docx) ou LibreOffice (.odt)."
        ]
    )


def check_archive(path: Path) -> None:
    """Refuse a file that is not a reasonable .docx/.odt archive, before pandoc opens it.

    A DOCX or ODT is a zip archive. Its central directory gives the number of
    entries and their uncompressed sizes: too many entries, too much text once
    expanded, or an expansion out of proportion with the file's size are the
    marks of a « zip bomb ». The declared sizes may lie, so the entries are then
    expanded by zipfile (which checks sizes and checksums) and counted, stopping
    at the limit. An encrypted document (Word's OLE container, a zip with a
    password, an ODT whose manifest declares encrypted parts) is refused too.
    """
    try:
        status = path.stat()
    except OSError as error:
        raise FormError([f"« {path.name} » n'a pas pu être lu ({error.strerror or error})"]) from None
    if not stat.S_ISREG(status.st_mode):
        raise FormError([f"« {path.name} » n'est pas un fichier ordinaire (dossier, tube nommé ou périphérique) : enregistrez la fiche comme fichier .docx ou .odt"])
    if status.st_size == 0:
        raise FormError([f"« {path.name} » est vide (0 octet) : demandez à la structure de renvoyer sa fiche"])
    if status.st_size > MAX_ARCHIVE_BYTES:
        raise FormError(
            [f"« {path.name} » fait {french.megabytes(status.st_size)} (au plus {french.megabytes(MAX_ARCHIVE_BYTES)}) : une fiche projet est bien plus légère ; demandez-la sans images lourdes"]
        )
    try:
        with path.open("rb") as handle:
            if handle.read(len(_OLE)) == _OLE:
                raise _protected(path)
    except OSError as error:
        raise FormError([f"« {path.name} » n'a pas pu être lu ({error.strerror or error})"]) from None
    too_big = [
        f"« {path.name} » est refusé : une fois décompressé, il serait démesuré (une fiche projet fait quelques centaines de Ko). Demandez à la structure de renvoyer sa fiche enregistrée normalement depuis Word ou LibreOffice."
    ]
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES:
                raise FormError([f"« {path.name} » est refusé : l'archive contient {french.plural(len(entries), 'élément')} (au plus {MAX_ENTRIES}) ; ce n'est pas une fiche projet ordinaire"])
            if any(entry.flag_bits & 0x1 for entry in entries):
                raise _protected(path)
            declared = sum(entry.file_size for entry in entries)
            if declared > MAX_UNCOMPRESSED or (declared > RATIO_FLOOR and declared > MAX_RATIO * max(status.st_size, 1)):
                raise FormError(too_big)
            expanded = 0
            manifest = b""
            for entry in entries:
                with archive.open(entry) as member:
                    while chunk := member.read(1024 * 1024):
                        expanded += len(chunk)
                        if expanded > MAX_UNCOMPRESSED:
                            raise FormError(too_big)
                        if entry.filename == "META-INF/manifest.xml":
                            manifest += chunk
            if b"encryption-data" in manifest:  # LibreOffice's « Enregistrer avec mot de passe »
                raise _protected(path)
    except FormError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError, ValueError, RuntimeError):
        raise _unreadable(path) from None


def read_blocks(path: Path) -> list[Block]:
    """The paragraphs, headings and tables of a .docx or .odt file, in order."""
    from acia.letters.documents import pandoc_path

    source_format = SUFFIXES.get(path.suffix.lower())
    if source_format is None:
        raise FormError([f"« {path.name} » n'est pas un fichier .docx ni .odt : enregistrez la fiche au format Word (.docx) ou LibreOffice (.odt)"])
    check_archive(path)
    try:
        # The RTS option caps pandoc's heap: a document that needs more is refused, not the machine's memory.
        completed = subprocess.run([pandoc_path(), "+RTS", f"-M{PANDOC_MEMORY}", "-RTS", "-f", source_format, "-t", "json", str(path)], capture_output=True, timeout=120)
    except subprocess.TimeoutExpired:
        raise FormError([f"« {path.name} » n'a pas pu être lu : la lecture a duré plus de deux minutes. Demandez à la structure de renvoyer sa fiche sans images lourdes."]) from None
    except OSError as error:
        raise FormError([f"« {path.name} » n'a pas pu être lu ({error.strerror or error})"]) from None
    if b"heap overflow" in completed.stderr.lower() or b"heap exhausted" in completed.stderr.lower():
        raise FormError(
            [f"« {path.name} » n'a pas été lu : sa lecture demande plus de {PANDOC_MEMORY_LABEL} de mémoire (document démesuré). Demandez à la structure de renvoyer sa fiche sans images lourdes."]
        )
    if completed.returncode != 0:
        raise _unreadable(path)
    try:
        document = json.loads(completed.stdout.decode("utf-8"))
        blocks: list[Block] = []
        _walk_blocks(document["blocks"], blocks)
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        raise _unreadable(path) from None
    return blocks


def _walk_blocks(items: list, out: list[Block]) -> None:
    for block in items:
        kind, content = block["t"], block.get("c")
        if kind in ("Para", "Plain"):
            for line in _inline_text(content).split("\n"):
                if line.strip():
                    out.append(Block("paragraphe", line.strip()))
        elif kind == "LineBlock":
            for line in content:
                if _inline_text(line).strip():
                    out.append(Block("paragraphe", _inline_text(line).strip()))
        elif kind == "Header":
            out.append(Block("titre", _inline_text(content[2]).strip()))
        elif kind in ("BlockQuote", "Div"):
            _walk_blocks(content if kind == "BlockQuote" else content[1], out)
        elif kind in ("BulletList", "OrderedList"):
            for item in content if kind == "BulletList" else content[1]:
                _walk_blocks(item, out)
        elif kind == "Figure":
            _walk_blocks(content[2], out)
        elif kind == "Table":
            grid = table_grid(content)
            if grid:
                out.append(Block("tableau", rows=grid))


def table_grid(content: list) -> list[list[str]]:
    """Every row of a pandoc table as a full row of texts: merged cells repeated, missing cells empty."""
    _, _, columns, head, bodies, foot = content
    rows = list(head[1])
    for body in bodies:
        rows += body[2] + body[3]
    rows += foot[1]
    width = len(columns)
    grid: list[list[str]] = []
    below: dict[int, tuple[int, str]] = {}  # column -> (rows still covered, text) of a cell merged downwards
    for row in rows:
        line: list[str] = []
        for cell in row[1]:
            _fill_from_above(line, below)
            _, _, row_span, column_span, content_blocks = cell
            text = _cell_text(content_blocks)
            for _ in range(max(int(column_span), 1)):
                if int(row_span) > 1:
                    below[len(line)] = (int(row_span) - 1, text)
                line.append(text)
        _fill_from_above(line, below)
        while len(line) < width:
            line.append("")
            _fill_from_above(line, below)
        grid.append(line)
    return [line for line in grid if line]


def _fill_from_above(line: list[str], below: dict[int, tuple[int, str]]) -> None:
    """Add to ``line`` the cells merged down from the rows above, at its next columns."""
    while len(line) in below:
        left, text = below.pop(len(line))
        if left > 1:
            below[len(line)] = (left - 1, text)
        line.append(text)


def _cell_text(blocks: list) -> str:
    found: list[Block] = []
    _walk_blocks(blocks, found)
    return "\n".join(block.text for block in found if block.kind == "paragraphe")


def _inline_text(inlines: list) -> str:
    parts = []
    for inline in inlines:
        kind, content = inline["t"], inline.get("c")
        if kind == "Str":
            parts.append(content)
        elif kind == "Space":
            parts.append(" ")
        elif kind in ("SoftBreak",):
            parts.append(" ")
        elif kind == "LineBreak":
            parts.append("\n")
        elif kind in ("Emph", "Underline", "Strong", "Superscript", "Subscript", "SmallCaps"):
            parts.append(_inline_text(content))
        elif kind == "Strikeout":
            parts.append(" ")  # « rayez la mention inutile »: struck text is not an answer
        elif kind == "Quoted":
            mark = '"' if content[0]["t"] == "DoubleQuote" else "'"
            parts.append(mark + _inline_text(content[1]) + mark)
        elif kind in ("Span", "Cite"):
            parts.append(_inline_text(content[1]))
        elif kind in ("Link",):
            parts.append(_inline_text(content[1]) or content[2][0])
        elif kind in ("Code", "Math", "RawInline"):
            parts.append(content[1])
        elif kind == "Note":
            continue  # a footnote is not part of the answer
    return "".join(parts)
