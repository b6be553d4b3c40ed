"""Read a filled Annexe 1 (Word or LibreOffice) into application data.

The document becomes a flat list of paragraphs and tables (``document``).
Each label is matched to a field of the form (see ``annexe``): the blank
form of ``acia courriers`` and the call's own layout are read alike, with
the answer after the label (with or without a colon), on the next lines,
or in the next cell of a table; ``answers`` reads what each answer says.
Problems that make the reading unreliable (two axes ticked, « Autres »
without detail, a missing table, an unreadable file) are raised as
``FormError``: nothing is written then. The reception date is never read
from the form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from acia.forms import annexe, answers
from acia.forms.annexe import Field, Table, normalise, normalise_words
from acia.forms.document import PANDOC_MEMORY, Block, FormError, check_archive, read_blocks
from acia.model.programme import Programme

__all__ = ["PANDOC_MEMORY", "Block", "FormError", "Reading", "check_archive", "read", "read_blocks"]

IDENTIFIERS = ("siret", "finess_juridique", "finess_geographique")
# Closing lines of a form: what follows them is not an answer.
_CLOSING = re.compile(r"^(fait\s+[àa]\b|signature\b|cachet\b)", flags=re.IGNORECASE)
# Words left out when comparing a table's header with a column's title (« Nom Prénom » is « Nom et Prénom »).
_HEADER_FILLERS = {"et", "de", "du", "des", "la", "le", "les", "l", "d", "au", "aux", "dans", "sein", "a", "en", "ou", "un", "une", "votre", "vos"}


@dataclass
class Reading:
    """What was read: the application's data as the form gives it, and what the user should know about it."""

    application: dict[str, Any]
    recognised: list[str] = field(default_factory=list)  # « Raison sociale : Association Lisula »
    missing: list[str] = field(default_factory=list)  # titles of required fields not found
    doubtful: list[str] = field(default_factory=list)  # what to check by hand


@dataclass
class _Answer:
    field: Field
    where: tuple  # path in the application (with the row index for tables)
    lines: list[str] = field(default_factory=list)
    shared: bool = False  # one label asked for several fields (« DSI, DPO et/ou référent qualité ? »)


class _Index:
    """Every label of the form, normalised, with the fields it stands for."""

    def __init__(self, form: list[annexe.Section]):
        self.entries: dict[str, list[tuple[str, Field, tuple]]] = {}
        self.words: dict[str, int] = {}
        for section in form:
            for item in section.fields:
                for label in (item.title, *item.aliases):
                    self._add(label, (section.title, item, item.path))
            if section.table is not None:
                # The call's own form describes one établissement in paragraphs: the first row.
                for column in section.table.columns:
                    for label in (column.title, *column.aliases):
                        self._add(label, (section.title, column, (*section.table.path, 0, *column.path)))
        self.by_length = sorted(self.entries, key=len, reverse=True)

    def _add(self, label: str, entry: tuple) -> None:
        key = normalise(label)
        if key:
            self.entries.setdefault(key, []).append(entry)
            self.words[key] = min(self.words.get(key, 99), len(re.findall(r"\w+", re.sub(r"\(.*?\)", " ", label))))

    def split(self, text: str) -> tuple[list, str] | None:
        """(fields, answer) when the line starts with a known label: « Label : answer », « Label ? answer », « Label ☐… », « Label answer »."""
        for separator in (":", "?"):
            head, found, tail = text.partition(separator)
            if found and normalise(head) in self.entries:
                return self.entries[normalise(head)], tail
        box = answers.BOX.search(text)
        if box and normalise(text[: box.start()]) in self.entries:
            return self.entries[normalise(text[: box.start()])], text[box.start() :]
        if normalise(text) in self.entries:
            return self.entries[normalise(text)], ""
        return self._prefix(text)

    def _prefix(self, text: str) -> tuple[list, str] | None:
        """A label followed by its answer without a colon (« Numéro SIRET 423 674 597 00145 »), or by a few words then a colon."""
        key_text = normalise(text)
        for key in self.by_length:
            if self.words[key] < 2 or not key_text.startswith(key) or key == key_text:
                continue
            rest = answers.strip_prefix(text, key)
            if rest is None:
                continue
            if rest.strip()[:1] in (":", "?", "-", "–"):
                return self.entries[key], rest.strip()[1:]
            if self.words[key] >= 4:  # a question: whatever follows is its answer
                return self.entries[key], rest
            if ":" in rest:
                qualifier, _, answer = rest.partition(":")  # « Numéro SIRET de l'établissement : … »
                if len(qualifier.split()) <= 5:
                    return self.entries[key], answer
                continue
            if not text.rstrip().endswith(":"):
                return self.entries[key], rest
        return None


def _pick(candidates: list, section: str) -> list:
    """The fields a label stands for: those of the current section, else those of the first section.

    A label can stand for several fields (« DSI, DPO et/ou référent qualité ? »).
    """
    here = [candidate for candidate in candidates if candidate[0] == section]
    if here:
        return here
    return [candidate for candidate in candidates if candidate[0] == candidates[0][0]]


def _continues(item: Field) -> bool:
    """Whether the lines after an answer given on the label's line still belong to it: a long text, boxes, a precision."""
    if item.kind in ("choix", "choix_multiples", "booleen"):
        return True
    return item.kind == "texte" and item.path[-1] not in IDENTIFIERS


class _Reader:
    """Walks the blocks of one form, collecting the lines of each answer and the rows of each table."""

    def __init__(self, form: list[annexe.Section]):
        self.form = form
        self.index = _Index(form)
        self.tables = [section.table for section in form if section.table is not None]
        self.answers: dict[tuple, _Answer] = {}
        self.rows: dict[tuple, list[dict]] = {}
        self.section = ""
        self.pending: list[_Answer] | None = None
        # The blank form has a block per item (« Établissement 2 »): its answers go to that row.
        self.item_headings = {normalise(table.item_title): table for table in self.tables}
        self.table_sections = {section.table.path: section.title for section in form if section.table is not None}
        self.row: tuple[Table, int] | None = None
        # The fiche of one établissement: « Établissement 2 » means a fiche made for another layout.
        self.single = {normalise(section.title): section.title for section in form if section.fields and section.fields[0].path[:2] == (annexe.ETABLISSEMENTS, 0)}
        self.problems: list[str] = []

    def open(self, candidates: list) -> None:
        opened = []
        picked = _pick(candidates, self.section)
        for candidate in picked:
            where = candidate[2]
            if self.row is not None and where[: len(self.row[0].path)] == self.row[0].path:
                where = (*self.row[0].path, self.row[1], *where[len(self.row[0].path) + 1 :])
            answer = self.answers.setdefault(where, _Answer(candidate[1], where))
            answer.shared = answer.shared or len(picked) > 1
            opened.append(answer)
        self.pending = opened

    def add(self, line: str) -> None:
        for answer in self.pending or []:
            answer.lines.append(line)

    def heading(self, text: str) -> None:
        numbered = re.fullmatch(r"(.*?)\s*(?:n°\s*)?(\d+)", text)
        table = self.item_headings.get(normalise(numbered.group(1))) if numbered else None
        if table is not None:
            self.row, self.section, self.pending = (table, int(numbered.group(2)) - 1), self.table_sections[table.path], None
            return
        if numbered and normalise(numbered.group(1)) in self.single and int(numbered.group(2)) > 1 and not self.problems:
            title = self.single[normalise(numbered.group(1))]
            self.problems.append(
                f"la fiche décrit plusieurs établissements (« {text} ») alors que le programme demande une fiche par établissement : "
                f"demandez à la structure une fiche « {title} » par établissement, sur la fiche vierge de l'appel."
            )
        self.row, self.section, self.pending = None, text, None
        split = self.index.split(text)
        if split is not None and not any(candidate[0] == text for candidate in split[0]):
            self.open(split[0])

    def paragraph(self, text: str) -> None:
        if self.pending and any(answer.field.choices for answer in self.pending) and re.match(rf"(?:{answers.BOX.pattern}|[xX](?=\s))", text):
            self.add(text)  # a line of boxes under its question
            return
        split = None if answers.BOX.match(text) else self.index.split(text)
        if split is not None and self.pending and len(self.pending) > 1 and {id(candidate[1]) for candidate in split[0]} <= {id(answer.field) for answer in self.pending}:
            split = None  # « DSI : non, DPO : oui » under the question that asks for both
        if split is not None:
            candidates, answer = split
            self.open(candidates)
            answer = answer.strip()
            if answer:
                self.add(answer)
                if not all(_continues(item.field) for item in self.pending or []):
                    self.pending = None  # answered on the label's line
            return
        if text.rstrip().endswith(":") and not answers.BOX.search(text):
            self.section, self.pending = text.rstrip(" :"), None  # a sub-title of the form (« Description du projet : »)
            return
        if _CLOSING.match(text):
            self.pending = None
            return
        if self.pending and answers.clean(text):
            self.add(text)

    def table(self, cells: list[list[str]]) -> None:
        self.pending = None
        width = max((len(line) for line in cells), default=0)
        if not width:
            return
        cells = [line + [""] * (width - len(line)) for line in cells]
        if _read_table(cells, self.tables, self.rows):
            return
        labels = []
        for cell in cells[0]:
            split = self.index.split(cell)
            labels.append(split is not None and not answers.clean(split[1]))
        if len(cells) > 1 and sum(labels) >= 2:
            # Labels across the first row, answers under them (« Raison sociale | Catégorie | … »).
            for line in cells[1:]:
                for header, cell, is_label in zip(cells[0], line, labels, strict=True):
                    if is_label:
                        self.paragraph(header)
                        self._lines(cell)
                    self.pending = None
            return
        # A layout table (« label | answer », boxes in cells): read as lines, a merged cell once.
        for line in cells:
            previous = None
            for cell in line:
                if cell != previous:
                    self._lines(cell)
                previous = cell
        self.pending = None

    def _lines(self, cell: str) -> None:
        for text in cell.split("\n"):
            if text.strip():
                self.paragraph(text.strip())

    def feed(self, blocks: list[Block]) -> None:
        for block in blocks:
            if block.kind == "titre":
                self.heading(block.text)
            elif block.kind == "tableau":
                self.table(block.rows)
            else:
                self.paragraph(block.text)


def read(path: Path, schemas, programme: Programme) -> Reading:
    """Read the form at ``path``; raise FormError when it cannot be read reliably."""
    blocks = read_blocks(path)
    try:
        return reading(blocks, annexe.sections(schemas, programme), programme)
    except (ValueError, KeyError, IndexError, TypeError, AttributeError, RecursionError):
        # A layout nobody foresaw: said in French, never a traceback.
        raise FormError(
            [f"« {path.name} » n'a pas pu être lu : sa mise en page n'a pas été comprise. Demandez à la structure de renvoyer la fiche vierge de l'appel, remplie sans en changer la forme."]
        ) from None


def reading(blocks: list[Block], form: list[annexe.Section], programme: Programme) -> Reading:
    """What the blocks of one form say, field by field; FormError when it cannot be read reliably."""
    reader = _Reader(form)
    reader.feed(blocks)
    if reader.problems:
        raise FormError(reader.problems)
    return _assemble(form, reader.tables, reader.answers, reader.rows, programme)


# --- tables --------------------------------------------------------------------------


def _header_words(title: str) -> tuple[str, ...]:
    words = re.findall(r"[a-z0-9]+", normalise_words(re.sub(r"\(.*?\)", " ", title)))
    return tuple(word for word in words if word not in _HEADER_FILLERS)


def _columns_for(table: Table, title: str) -> list[Field]:
    """The columns a header cell stands for: exact titles first, else the closest titles containing all its words."""
    key = normalise(title)
    if not key:
        return []
    exact = [column for column in table.columns if key in {normalise(column.title), normalise(annexe.column_title(column)), *(normalise(alias) for alias in column.aliases)}]
    if exact:
        return exact
    words = set(_header_words(title))
    if not words:
        return []
    scored = []
    for column in table.columns:
        extras = [len(set(_header_words(label)) - words) for label in (column.title, *column.aliases) if words <= set(_header_words(label))]
        if extras:
            scored.append((min(extras), column))
    best = min((extra for extra, _ in scored), default=None)
    return [column for extra, column in scored if extra == best]


def _read_table(cells: list[list[str]], tables: list[Table], rows: dict) -> bool:
    """Match a table to the form's tables by its header (first row, or first column of a wide table); False if none matches."""
    best, best_score, transposed = None, 0, False
    for table in tables:
        for flipped in (False, True):
            if flipped and (not cells or len(cells[0]) < 3):
                continue  # a two-column table is « label | answer »: read as lines
            header = [row[0] for row in cells if row] if flipped else (cells[0] if cells else [])
            score = len({column.path for cell in header for column in _columns_for(table, cell)})
            if score > best_score:
                best, best_score, transposed = table, score, flipped
    if best is None or best_score < 2:
        return False
    if transposed:
        cells = [list(column) for column in zip(*cells, strict=False)]
    header = cells[0]
    for row in cells[1:]:
        if not any(answers.clean(cell) for cell in row) or [normalise(cell) for cell in row] == [normalise(cell) for cell in header]:
            continue  # an empty row, or the header repeated on a new page
        entry: dict = {}
        for title, cell in zip(header, row, strict=False):
            columns = _columns_for(best, title)
            if {("nom",), ("prenom",)} <= {column.path for column in columns}:
                entry["_personne"] = cell  # « Nom et Prénom » in one cell
            for column in columns:
                if cell and cell not in entry.get(column.path, ""):  # a merged cell is repeated: read once
                    entry[column.path] = f"{entry[column.path]}\n{cell}" if entry.get(column.path) else cell
        rows.setdefault(best.path, []).append({"_cellules": row, **entry})
    rows.setdefault(best.path, [])
    return True


# --- values --------------------------------------------------------------------------


def _choice(item: Field, label: str, programme: Programme):
    """The value a ticked label stands for, and the precision typed after it when the form asks for one."""
    value, rest = answers.choice(item, label, programme)
    return value, (rest if value in item.details else "")


def _value(answer: _Answer, programme: Programme, problems: list[str], doubtful: list[str], details: dict):
    """The value of one answer, or None when it is empty."""
    item, lines = answer.field, answer.lines
    if not any(answers.clean(line) for line in lines):
        return None
    if item.kind == "booleen" and answer.shared:
        return answers.mentioned(item, lines, programme, doubtful)
    if item.kind in ("choix", "booleen", "choix_multiples") and item.choices:
        values, precisions, ambiguous = answers.read_choices(item, lines, programme, doubtful)
        if ambiguous:
            problems.append(f"la réponse à « {item.title} » est ambiguë (« {answers.clean(' '.join(lines))} ») : demandez à la structure de préciser son choix.")
            return None
        for value, precision in precisions.items():
            if value in item.details:
                details[(*answer.where[:-1], item.details[value])] = precision
        if item.kind == "choix_multiples":
            return values or None
        if len(values) > 1:
            labels = " et ".join(f"« {next((label for label, choice in item.choices if choice == value), value)} »" for value in values)
            what = "deux axes sont cochés" if item.path == ("axe",) else f"plusieurs réponses sont données pour « {item.title} »"
            problems.append(f"{what} ({labels}) : une seule réponse est possible. Demandez à la structure de préciser son choix.")
            return None
        return values[0] if values else None
    text = "\n".join(answers.clean(line) for line in lines if answers.clean(line))
    if item.kind == "entier":
        return answers.integer(item, text, doubtful)
    if item.kind == "personne":
        person, note = answers.person(text)
        if note:
            doubtful.append(f"{item.title} : {note}")
        return person
    if item.path[-1] in IDENTIFIERS:
        return answers.identifier(item.path[-1], text, doubtful, item.title)
    return text


def _cell_value(column: Field, cell: str, programme: Programme, doubtful: list[str], where: str):
    text = answers.clean(cell.replace("\n", " "))
    if not text:
        return None
    key = column.path[0]
    if key == "email":
        return answers.email(text)
    if key == "telephone":
        found = answers.phone(text, programme.phone_region)
        if found is None and sum(character.isdigit() for character in answers.clean(re.sub(r"\S+@\S+", " ", text))) >= 4:
            doubtful.append(f"{where} : aucun numéro de téléphone reconnu dans « {text} »")
        return found
    if key == "role":
        role, note = answers.role(text, programme)
        if note:
            doubtful.append(f"{where} : {note}")
        return role
    if column.kind == "booleen":
        return True if answers.yes_no(text) or any(mark in text for mark in answers.TICKED) else None
    notes: list[str] = []
    value = _value(_Answer(column, (key,), [cell]), programme, [], notes, {})
    doubtful.extend(f"{where} : {note}" for note in notes)
    return value


def _table_entry(table: Table, row: dict, programme: Programme, doubtful: list[str], where: str) -> dict:
    """One row of a table as an item of the application."""
    entry: dict = {}
    if "_personne" in row:
        person, note = answers.person(row["_personne"])
        if note:
            doubtful.append(f"{where} : {note}")
        if person:
            entry.update({key: person[key] for key in ("nom", "prenom")})
    for column in table.columns:
        cell = row.get(column.path)
        if cell is None or (column.path[0] in ("nom", "prenom") and "_personne" in row):
            continue
        value = _cell_value(column, cell, programme, doubtful, where)
        if value is not None:
            entry[column.path[0]] = value
    pilot = next((column for column in table.columns if column.path == ("pilote",)), None)
    if entry and pilot is not None and "pilote" not in entry and answers.is_pilot(row["_cellules"]):
        entry["pilote"] = True
        doubtful.append(f"{where} : pilote de projet déduit du mot « pilote »")
    return entry


def _assemble(form, tables, found, rows, programme) -> Reading:
    problems: list[str] = []
    reading = Reading({})
    details: dict[tuple, str] = {}
    if not any(any(answers.clean(line) for line in answer.lines) for answer in found.values()) and not any(rows.values()):
        raise FormError(["aucun champ de l'Annexe 1 n'a été reconnu : ce document n'est pas une fiche projet (Annexe 1) remplie"])
    for table in tables:
        if table.path not in rows and not any(answer.where[: len(table.path)] == table.path for answer in found.values()):
            problems.append(
                f"la partie « {table.title} » est introuvable dans la fiche (ni tableau, ni fiche « {table.item_title} 1 ») : elle a dû être supprimée ; demandez à la structure de la remplir"
            )
    for answer in found.values():
        value = _value(answer, programme, problems, reading.doubtful, details)
        if value is not None:
            annexe.put_value(reading.application, answer.where, value)
            table = next((table for table in tables if answer.where[: len(table.path)] == table.path and len(answer.where) > len(table.path) + 1), None)
            prefix = f"{table.item_title} {answer.where[len(table.path)] + 1} — " if table is not None else ""
            reading.recognised.append(f"{prefix}{answer.field.title} : {show(value, answer.field)}")
    for table in tables:  # blocks left empty on the form leave no empty item
        items = annexe.value_at(reading.application, table.path)
        if isinstance(items, list):
            items[:] = [entry for entry in items if entry]
    for table in tables:
        for index, row in enumerate(rows.get(table.path, [])):
            entry = _table_entry(table, row, programme, reading.doubtful, f"{table.title}, ligne {index + 1}")
            if entry:
                items = annexe.value_at(reading.application, table.path)
                if not isinstance(items, list):
                    annexe.put_value(reading.application, table.path, [])
                    items = annexe.value_at(reading.application, table.path)
                while len(items) <= index:
                    items.append({})
                items[index].update(entry)
                reading.recognised.append(f"{table.title}, ligne {index + 1} : {len(entry)} champ(s)")
    for path, precision in details.items():
        if annexe.value_at(reading.application, path) is None:
            annexe.put_value(reading.application, path, precision)
    for item in (field_ for section in form for field_ in section.fields):
        for value, detail_key in item.details.items():
            chosen = annexe.value_at(reading.application, item.path) or []
            if value in chosen and not annexe.value_at(reading.application, item.path[:-1] + (detail_key,)):
                label = next(label for label, choice in item.choices if choice == value)
                problems.append(f"« {label} » est coché dans « {item.title} » sans la précision demandée : demandez-la à la structure avant d'enregistrer la candidature")
    if problems:
        raise FormError(problems)
    if not reading.recognised:
        raise FormError(["aucun champ de l'Annexe 1 n'a été reconnu : ce document n'est pas une fiche projet (Annexe 1) remplie"])
    reading.missing = annexe.missing(form, reading.application)
    return reading


def show(value, item: Field | None = None) -> str:
    """A value as the user reads it: the label of a choice (never its code), « oui »/« non », a short text."""
    labels = {repr(choice): label for label, choice in item.choices} if item is not None else {}
    if isinstance(value, bool):
        return labels.get(repr(value), "oui" if value else "non").lower()
    if isinstance(value, list):
        return ", ".join(labels.get(repr(entry), str(entry)) for entry in value)
    if isinstance(value, dict):
        return " ".join(str(entry) for entry in value.values())
    text = labels.get(repr(value), str(value))
    return text if len(text) <= 60 else text[:57] + "…"
