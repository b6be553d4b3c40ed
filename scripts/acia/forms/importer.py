"""Read a filled Annexe 1 (Word or LibreOffice) into application data.

The document goes through pandoc's document model (``pandoc -t json``), the
same for .docx and .odt, and becomes a flat list of paragraphs and tables.
Each label is matched to a field of the form (see ``annexe``): the blank
form of ``acia documents`` and the call's own layout (labels followed by
answers, ☐/☒ boxes, the project-team table) are read alike. Problems that
make the reading unreliable (two axes ticked, « Autres » without detail, a
missing table, an unreadable file) are raised as ``FormError``: nothing is
written then. The reception date is never read from the form.
"""

from __future__ import annotations

import json
import re
import stat
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from acia import french
from acia.forms import annexe
from acia.forms.annexe import Field, Table, normalise
from acia.model.programme import Programme

SUFFIXES = {".docx": "docx", ".odt": "odt"}
CHECKED = "☒☑✓✔✗✘■"
UNCHECKED = "☐□"
_BOX = re.compile(rf"([{CHECKED}{UNCHECKED}]|\[[ xX]\])")
_DOTS = re.compile(r"(\.{3,}|…+|_{3,})")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?:\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}")
IDENTIFIERS = ("siret", "finess_juridique", "finess_geographique")
# What a filled Annexe 1 may weigh: a few hundred KB in practice, a few MB with images.
MAX_ARCHIVE_BYTES = 50 * 1024 * 1024  # the file itself
MAX_UNCOMPRESSED = 50 * 1024 * 1024  # all its entries once expanded
MAX_ENTRIES = 2000
MAX_RATIO = 100  # expanded size / file size, beyond RATIO_FLOOR
RATIO_FLOOR = 5 * 1024 * 1024
PANDOC_MEMORY = "512m"  # pandoc's heap cap (RTS option -M)
PANDOC_MEMORY_LABEL = "512 Mo"


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


@dataclass
class Reading:
    """What was read: the application's data as the form gives it, and what the user should know about it."""

    application: dict[str, Any]
    recognised: list[str] = field(default_factory=list)  # « Raison sociale : Association Lisula »
    missing: list[str] = field(default_factory=list)  # titles of required fields not found
    doubtful: list[str] = field(default_factory=list)  # what to check by hand


# --- pandoc's document model -----------------------------------------------------


def check_archive(path: Path) -> None:
    """Refuse a file that is not a reasonable .docx/.odt archive, before pandoc opens it.

    A DOCX or ODT is a zip archive. Its central directory gives the number of
    entries and their uncompressed sizes: too many entries, too much text once
    expanded, or an expansion out of proportion with the file's size are the
    marks of a « zip bomb ». The declared sizes may lie, so the entries are then
    expanded by zipfile (which checks sizes and checksums) and counted, stopping
    at the limit.
    """
    try:
        status = path.stat()
    except OSError as error:
        raise FormError([f"« {path.name} » n'a pas pu être lu ({error.strerror or error})"]) from None
    if not stat.S_ISREG(status.st_mode):
        raise FormError([f"« {path.name} » n'est pas un fichier ordinaire (dossier, tube nommé ou périphérique) : enregistrez la fiche comme fichier .docx ou .odt"])
    if status.st_size > MAX_ARCHIVE_BYTES:
        raise FormError(
            [f"« {path.name} » fait {french.megabytes(status.st_size)} (au plus {french.megabytes(MAX_ARCHIVE_BYTES)}) : une fiche projet est bien plus légère ; demandez-la sans images lourdes"]
        )
    too_big = [
        f"« {path.name} » est refusé : une fois décompressé, il serait démesuré (une fiche projet fait quelques centaines de Ko). Demandez à la structure de renvoyer sa fiche enregistrée normalement depuis Word ou LibreOffice."
    ]
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES:
                raise FormError([f"« {path.name} » est refusé : l'archive contient {french.plural(len(entries), 'élément')} (au plus {MAX_ENTRIES}) ; ce n'est pas une fiche projet ordinaire"])
            declared = sum(entry.file_size for entry in entries)
            if declared > MAX_UNCOMPRESSED or (declared > RATIO_FLOOR and declared > MAX_RATIO * max(status.st_size, 1)):
                raise FormError(too_big)
            expanded = 0
            for entry in entries:
                with archive.open(entry) as member:
                    while chunk := member.read(1024 * 1024):
                        expanded += len(chunk)
                        if expanded > MAX_UNCOMPRESSED:
                            raise FormError(too_big)
    except FormError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError, ValueError, RuntimeError):
        raise FormError(
            [f"« {path.name} » est illisible : ce n'est pas un document {path.suffix.lstrip('.').upper()} valide (fichier abîmé ou d'un autre format). Demandez à la structure de renvoyer sa fiche."]
        ) from None


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
        raise FormError(
            [f"« {path.name} » est illisible : ce n'est pas un document {source_format.upper()} valide (fichier abîmé ou d'un autre format). Demandez à la structure de renvoyer sa fiche."]
        )
    document = json.loads(completed.stdout.decode("utf-8"))
    blocks: list[Block] = []
    _walk_blocks(document["blocks"], blocks)
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
            out.append(Block("tableau", rows=_table_rows(content)))


def _table_rows(content: list) -> list[list[str]]:
    _, _, _, head, bodies, foot = content
    rows = list(head[1])
    for body in bodies:
        rows += body[2] + body[3]
    rows += foot[1]
    return [[_cell_text(cell) for cell in row[1]] for row in rows]


def _cell_text(cell: list) -> str:
    found: list[Block] = []
    _walk_blocks(cell[4], found)
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
        elif kind in ("Emph", "Underline", "Strong", "Strikeout", "Superscript", "Subscript", "SmallCaps"):
            parts.append(_inline_text(content))
        elif kind == "Quoted":
            mark = '"' if content[0]["t"] == "DoubleQuote" else "'"
            parts.append(mark + _inline_text(content[1]) + mark)
        elif kind in ("Span", "Cite"):
            parts.append(_inline_text(content[1]))
        elif kind in ("Link",):
            parts.append(_inline_text(content[1]) or content[2][0])
        elif kind in ("Code", "Math", "RawInline"):
            parts.append(content[1])
    return "".join(parts)


# --- from blocks to fields ------------------------------------------------------------


@dataclass
class _Answer:
    field: Field
    where: tuple  # path in the application (with the row index for tables)
    lines: list[str] = field(default_factory=list)


def _labels(form: list[annexe.Section]) -> dict[str, list[tuple[str, Field, tuple]]]:
    """normalised label -> [(section title, field, path in the application)]."""
    index: dict[str, list[tuple[str, Field, tuple]]] = {}
    for section in form:
        for item in section.fields:
            for label in (item.title, *item.aliases):
                index.setdefault(normalise(label), []).append((section.title, item, item.path))
        if section.table is not None:
            # The call's own form describes one établissement in paragraphs: the first row.
            for column in section.table.columns:
                for label in (column.title, *column.aliases):
                    index.setdefault(normalise(label), []).append((section.title, column, (section.table.path, 0, *column.path)))
    return index


def _split_label(text: str, index: dict) -> tuple[list, str] | None:
    """(candidates, answer) when the paragraph starts with a known label."""
    options = []
    for separator in (":", "?"):
        if separator in text:
            head, _, tail = text.partition(separator)
            options.append((head + ("?" if separator == "?" else ""), tail))
    box = _BOX.search(text)
    if box:
        options.append((text[: box.start()], text[box.start() :]))
    options.append((text, ""))
    for label, answer in options:
        key = normalise(label)
        if key and key in index:
            return index[key], answer.strip().lstrip(":").strip()
    return None


def _pick(candidates: list, section: str) -> list:
    """The fields a label stands for: those of the current section, else those of the first section.

    A label can stand for several fields (« DSI, DPO et/ou référent qualité ? »).
    """
    here = [candidate for candidate in candidates if candidate[0] == section]
    if here:
        return here
    return [candidate for candidate in candidates if candidate[0] == candidates[0][0]]


class _Pending:
    """The answers a label opened, collecting the lines that follow it."""

    def __init__(self, answers: list[_Answer]):
        self.answers = answers

    @property
    def lines(self) -> list[str]:
        return self.answers[0].lines

    def add(self, line: str) -> None:
        for answer in self.answers:
            answer.lines.append(line)


def read(path: Path, schemas, programme: Programme) -> Reading:
    """Read the form at ``path``; raise FormError when it cannot be read reliably."""
    blocks = read_blocks(path)
    form = annexe.sections(schemas, programme)
    index = _labels(form)
    tables = [section.table for section in form if section.table is not None]
    answers: dict[tuple, _Answer] = {}
    rows: dict[str, list[dict[tuple, str]]] = {}
    section = ""
    pending: _Pending | None = None
    # The blank form has a block per item (« Établissement 2 »): its answers go to that row.
    item_headings = {normalise(table.item_title): table for table in tables}
    table_sections = {item.table.path: item.title for item in form if item.table is not None}
    row: tuple[Table, int] | None = None

    def open_answers(candidates) -> _Pending:
        opened = []
        for candidate in _pick(candidates, section):
            where = candidate[2]
            if row is not None and where[0] == row[0].path:
                where = (where[0], row[1], *where[2:])
            opened.append(answers.setdefault(where, _Answer(candidate[1], where)))
        return _Pending(opened)

    for block in blocks:
        if block.kind == "titre":
            numbered = re.fullmatch(r"(.*?)\s*(?:n°\s*)?(\d+)", block.text)
            table = item_headings.get(normalise(numbered.group(1))) if numbered else None
            if table is not None:
                row, section, pending = (table, int(numbered.group(2)) - 1), table_sections[table.path], None
                continue
            row = None
            section, pending = block.text, None
            split = _split_label(block.text, index)
            if split is not None and not any(candidate[0] == block.text for candidate in split[0]):
                pending = open_answers(split[0])
            continue
        if block.kind == "tableau":
            pending = None
            _read_table(block.rows, tables, rows)
            continue
        text = block.text
        split = None if _BOX.match(text) else _split_label(text, index)
        if split is not None:
            candidates, answer = split
            pending = open_answers(candidates)
            if _BOX.search(answer):
                pending.add(answer)  # more boxes may follow on the next lines
            elif _clean(answer):
                pending.add(_clean(answer))
                pending = None  # answered on the label's line
            continue
        if text.rstrip().endswith(":") and not _BOX.search(text):
            section, pending = text.rstrip(" :"), None  # a sub-title of the form (« Description du projet : »)
            continue
        if pending is not None and (_BOX.match(text) or (_clean(text) and not any(_BOX.search(line) for line in pending.lines))):
            pending.add(text)
    return _assemble(form, tables, answers, rows, programme)


def _clean(text: str) -> str:
    """An answer without the dotted lines of the blank form."""
    return " ".join(_DOTS.sub(" ", text).split())


def _read_table(cells: list[list[str]], tables: list[Table], rows: dict) -> None:
    """Match a table to the form's tables by its header (first row, or first column)."""
    best, best_score, transposed = None, 0, False
    for table in tables:
        for flipped in (False, True):
            header = [row[0] for row in cells if row] if flipped else (cells[0] if cells else [])
            score = sum(1 for cell in header if _columns_for(table, cell))
            if score > best_score:
                best, best_score, transposed = table, score, flipped
    if best is None or best_score < 2:
        return
    if transposed:
        cells = [list(column) for column in zip(*cells, strict=False)]
    header = cells[0]
    for row in cells[1:]:
        if not any(_clean(cell) for cell in row):
            continue
        entry = {}
        for title, cell in zip(header, row, strict=False):
            for column in _columns_for(best, title):
                entry[column.path] = cell
        rows.setdefault(best.path, []).append({"_cellules": dict(zip(header, row, strict=False)), **entry})
    rows.setdefault(best.path, [])


def _columns_for(table: Table, title: str) -> list[Field]:
    key = normalise(title)
    return [column for column in table.columns if key and key in {normalise(column.title), normalise(annexe.column_title(column)), *(normalise(alias) for alias in column.aliases)}]


# --- values --------------------------------------------------------------------------


def _boxes(lines: list[str]) -> list[tuple[bool, str]]:
    """(ticked, text after the box) for every box of the answer."""
    text = " ".join(lines)
    found = []
    matches = list(_BOX.finditer(text))
    for position, match in enumerate(matches):
        end = matches[position + 1].start() if position + 1 < len(matches) else len(text)
        ticked = match.group(0) in CHECKED or match.group(0).lower() == "[x]"
        found.append((ticked, text[match.end() : end].strip(" ·;,\t")))
    return found


def _choice(item: Field, label: str, programme: Programme):
    """The value a ticked label stands for: exact label, then its beginning, then « axe N »."""
    key = normalise(label)
    for choice_label, value in item.choices:
        if normalise(choice_label) == key:
            return value, ""
    for choice_label, value in item.choices:
        choice_key = normalise(choice_label)
        if choice_key and key.startswith(choice_key):
            detail = re.sub(r"^[^:]*:", "", label).strip() if ":" in label else ""
            return value, detail
    number = re.search(r"axe\s*(\d+)", label, flags=re.IGNORECASE)
    if item.path == ("axe",) and number:
        for axe in programme.axes:
            if str(axe.number) == number.group(1):
                return axe.id, ""
    return None, ""


_CIVILITIES = {"madame": "Madame", "mme": "Madame", "monsieur": "Monsieur", "m": "Monsieur", "mr": "Monsieur"}
_TITLES = {"dr": "Dr", "docteur": "Dr", "pr": "Pr", "professeur": "Pr"}


def _person(text: str) -> tuple[dict | None, str | None]:
    """« [Madame] [Dr] Nom, Prénom » (or « NOM Prénom ») as the schema's person."""
    text = _clean(text)
    if not text:
        return None, None
    prefix: dict = {}
    words = text.split()
    while len(words) > 2 and (words[0].lower().rstrip(".") in _CIVILITIES or words[0].lower().rstrip(".") in _TITLES):
        word = words.pop(0).lower().rstrip(".")
        if word in _CIVILITIES:
            prefix["civilite"] = _CIVILITIES[word]
        else:
            prefix["titre"] = _TITLES[word]
    text = " ".join(words)
    person, note = _name(text)
    return ({**prefix, **person} if person else None), note


def _name(text: str) -> tuple[dict | None, str | None]:
    if "," in text:
        nom, _, prenom = (part.strip() for part in text.partition(","))
        return ({"nom": nom, "prenom": prenom} if nom and prenom else None), None
    words = text.split()
    if len(words) < 2:
        return None, f"« {text} » : nom et prénom attendus (« Nom, Prénom »)"
    capitals = [word for word in words if word.isupper() and len(word) > 1]
    if capitals:
        nom = " ".join(capitals)
        prenom = " ".join(word for word in words if word not in capitals)
        return {"nom": nom.title() if nom.isupper() else nom, "prenom": prenom}, None
    # « Nom et Prénom », as the call's form asks.
    return {"nom": words[0], "prenom": " ".join(words[1:])}, (f"« {text} » lu comme nom « {words[0]} », prénom « {' '.join(words[1:])} »" if len(words) > 2 else None)


def _role(text: str, programme: Programme) -> str | None:
    """A project-team role from what the form says (id, label, or a word of the label)."""
    key = normalise(text)
    roles = programme.team.roles
    for role in roles:
        if key in (normalise(role.id), normalise(role.label)):
            return role.id
    words = set(re.findall(r"[a-z]{5,}", annexe.normalise_words(text)))
    best, best_score = None, 0
    for role in roles:
        keywords = set(re.findall(r"[a-z]{5,}", annexe.normalise_words(role.label + " " + role.id.replace("_", " "))))
        score = len(words & keywords)
        if score > best_score:
            best, best_score = role.id, score
    return best


def _value(item: Field, lines: list[str], programme: Programme, problems: list[str], doubtful: list[str], details: dict):
    """The value of one answer, or None when it is empty."""
    boxes = _boxes(lines)
    if item.kind in ("choix", "booleen", "choix_multiples") and boxes:
        ticked = [text for is_ticked, text in boxes if is_ticked]
        values = []
        for label in ticked:
            value, detail = _choice(item, label, programme)
            if value is None:
                doubtful.append(f"{item.title} : case « {label} » non reconnue, ignorée")
                continue
            values.append(value)
            if detail and value in item.details:
                details[item.details[value]] = detail
        if item.kind == "choix_multiples":
            return values or None
        if len(values) > 1:
            labels = " et ".join(f"« {label} »" for label in ticked)
            what = "deux axes sont cochés" if item.path == ("axe",) else f"plusieurs cases sont cochées pour « {item.title} »"
            problems.append(f"{what} ({labels}) : une seule réponse est possible. Demandez à la structure de préciser son choix.")
            return None
        return values[0] if values else None
    text = "\n".join(_clean(line) for line in lines if _clean(line))
    if not text:
        return None
    if item.kind == "booleen":
        lowered = normalise(text)
        if lowered in ("oui", "x", "vrai"):
            return True
        if lowered in ("non", "faux"):
            return False
        if len(item.aliases) and normalise(item.title) and normalise(item.title) in {normalise(word) for word in re.split(r"[,;/]| et | ou ", text)}:
            doubtful.append(f"{item.title} : « oui » déduit de la réponse « {text} »")
            return True
        doubtful.append(f"{item.title} : « non » déduit de la réponse « {text} »")
        return False
    if item.kind in ("choix", "choix_multiples") and item.choices:
        values = []
        for part in [text] if item.kind == "choix" else re.split(r"[,;\n]", text):
            value = next((choice for label, choice in item.choices if normalise(str(choice)) == normalise(part)), None)
            if value is None:
                value, _ = _choice(item, part, programme)
            if value is None:
                doubtful.append(f"{item.title} : « {part.strip()} » ne correspond à aucune valeur possible ({', '.join(label for label, _ in item.choices)})")
            else:
                values.append(value)
        if item.kind == "choix":
            return values[0] if values else None
        return values or None
    if item.kind == "entier":
        digits = re.sub(r"[\s\u00a0\u202f]", "", text)
        if digits.isdigit():
            return int(digits)
        doubtful.append(f"{item.title} : « {text} » n'est pas un nombre entier, non repris")
        return None
    if item.kind == "personne":
        person, note = _person(text)
        if note:
            doubtful.append(f"{item.title} : {note}")
        return person
    if item.path[-1] in IDENTIFIERS:
        return re.sub(r"\s+", "", text)
    return text


def _assemble(form, tables, answers, rows, programme) -> Reading:
    problems: list[str] = []
    reading = Reading({})
    details: dict[str, str] = {}
    found_tables = set(rows)
    for table in tables:
        if table.path not in found_tables and not any(answer.where[0] == table.path for answer in answers.values()):
            problems.append(
                f"la partie « {table.title} » est introuvable dans la fiche (ni tableau, ni fiche « {table.item_title} 1 ») : elle a dû être supprimée ; demandez à la structure de la remplir"
            )
    for answer in answers.values():
        value = _value(answer.field, answer.lines, programme, problems, reading.doubtful, details)
        if value is not None:
            _put(reading.application, answer.where, value)
            item = next((table.item_title for table in tables if table.path == answer.where[0]), None)
            prefix = f"{item} {answer.where[1] + 1} — " if item and len(answer.where) > 2 and isinstance(answer.where[1], int) else ""
            reading.recognised.append(f"{prefix}{answer.field.title} : {_show(value)}")
    for table in tables:  # blocks left empty on the form leave no empty item
        if isinstance(reading.application.get(table.path), list):
            reading.application[table.path] = [entry for entry in reading.application[table.path] if entry]
    for table in tables:
        for index, row in enumerate(rows.get(table.path, [])):
            entry: dict = {}
            for column in table.columns:
                cell = row.get(column.path)
                if cell is None:
                    continue
                value = _cell_value(column, cell, programme, reading.doubtful, index)
                if value is not None:
                    entry[column.path[0]] = value
            pilot = next((column for column in table.columns if column.path == ("pilote",)), None)
            if entry and pilot is not None and "pilote" not in entry and any(re.search(r"\bpilote\b", cell or "", flags=re.IGNORECASE) for cell in row["_cellules"].values()):
                entry["pilote"] = True
                reading.doubtful.append(f"{table.title}, ligne {index + 1} : pilote de projet déduit du mot « pilote »")
            if entry:
                reading.application.setdefault(table.path, [])
                while len(reading.application[table.path]) <= index:
                    reading.application[table.path].append({})
                reading.application[table.path][index].update(entry)
                reading.recognised.append(f"{table.title}, ligne {index + 1} : {len(entry)} champ(s)")
    digital = reading.application.get("numerique", {})
    for key, value in details.items():
        digital.setdefault(key, value)
    for item in (field_ for section in form for field_ in section.fields):
        for value, detail_key in item.details.items():
            chosen = _get(reading.application, item.path) or []
            if value in chosen and not _get(reading.application, item.path[:-1] + (detail_key,)):
                label = next(label for label, choice in item.choices if choice == value)
                problems.append(f"« {label} » est coché dans « {item.title} » sans la précision demandée : demandez-la à la structure avant d'enregistrer la candidature")
    if problems:
        raise FormError(problems)
    if not reading.recognised:
        raise FormError(["aucun champ de l'Annexe 1 n'a été reconnu : ce document n'est pas une fiche projet (Annexe 1) remplie"])
    for section in form:
        for item in section.fields:
            if item.required and _get(reading.application, item.path) is None:
                reading.missing.append(item.title if section.title == form[0].title else f"{section.title} — {item.title}")
        if section.table is not None and not reading.application.get(section.table.path):
            reading.missing.append(f"{section.table.title} (aucun rempli)")
    return reading


def _cell_value(column: Field, cell: str, programme: Programme, doubtful: list[str], index: int):
    text = _clean(cell)
    if not text:
        return None
    key = column.path[0]
    if key == "email":
        match = _EMAIL.search(text)
        return match.group(0) if match else None
    if key == "telephone":
        match = _PHONE.search(text)
        return match.group(0) if match else (None if _EMAIL.search(text) else text)
    if key == "role":
        role = _role(text, programme)
        if role is None:
            doubtful.append(f"ligne {index + 1} : rôle « {text} » non reconnu ; rôles possibles : {', '.join(role_.id for role_ in programme.team.roles)}")
        return role
    if key in ("nom", "prenom") and any(normalise(alias) == normalise("Nom et Prénom") for alias in column.aliases) and ("," in text or len(text.split()) > 1):
        person, note = _person(text)
        if note and key == "nom":
            doubtful.append(f"ligne {index + 1} : {note}")
        return person[key] if person else None
    if column.kind == "booleen":
        lowered = normalise(text)
        if lowered in ("oui", "x", "vrai") or any(mark in text for mark in CHECKED):
            return True
        return None
    return _value(column, [text], programme, [], doubtful, {})


def _put(data: dict, path: tuple, value) -> None:
    target = data
    for position, part in enumerate(path[:-1]):
        following = path[position + 1]
        if isinstance(part, int):
            while len(target) <= part:
                target.append({})
            target = target[part]
        else:
            target = target.setdefault(part, [] if isinstance(following, int) else {})
    target[path[-1]] = value


def _get(data, path: tuple):
    for part in path:
        if isinstance(part, int):
            if not isinstance(data, list) or len(data) <= part:
                return None
            data = data[part]
        else:
            if not isinstance(data, dict) or part not in data:
                return None
            data = data[part]
    return data


def _show(value) -> str:
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, dict):
        return " ".join(str(item) for item in value.values())
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"
