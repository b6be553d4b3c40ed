"""Erase the personal data kept past its retention period: plan the edits, check them, then write them.

What is due comes from ``model.retention`` (the same dates as the ACIA516
warning); what is personal, from the schemas (``check.personal``). A field the
schema requires is pseudonymised, so that the file stays valid (« [personne 2] »
for a family name, « [effacé] » for a first name, « personne-2@example.org »
for an e-mail); an optional one is taken out. Each person keeps one number
across the files of its application (application, evaluations, follow-up);
the collective's files number over the whole instance. Numbers start after the
highest one already in use, so that a later purge never gives a number twice
(it cannot know which earlier number was whose: that is the point). Mentions
of the purged persons in the free texts of the due files (text fields, minutes)
are replaced too.

Every rewritten file is parsed again before anything is written: the new data
must be exactly the old one with these changes, or nothing is written.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from acia import french
from acia.check import check_instance
from acia.check.personal import ERASED, NEUTRAL_FIELDS, PersonalValue, is_pseudonym, personal_values, pseudonym_email, pseudonym_name
from acia.check.schema import SchemaSet
from acia.findings import format_path
from acia.load import yamlsource
from acia.load.yamlsource import Path as DataPath
from acia.model import retention
from acia.model.programme import RETENTION_LABELS
from acia.privacy import edits, people, source
from acia.privacy.edits import Edit
from acia.privacy.people import EMAIL, Finder, Person, Record

FIELD, TEXT = "champ", "texte"
COLLECTIVE = "collectif"

NO_DECLARATION = (
    "le programme ne déclare aucune durée de conservation des données personnelles : il n'y a donc rien à purger. "
    "Ajoutez à data/programme.yml le bloc « donnees_personnelles » (responsable du traitement, finalité, base légale, destinataires, délégué "
    "à la protection des données et « conservation » : une durée pour candidatures_non_retenues, candidatures_retenues et suivi), "
    "par exemple sur le modèle de celui d'un autre programme, et faites-le valider par le responsable du traitement."
)

HISTORY = """L'historique Git garde les anciennes valeurs : elles restent lisibles dans les versions précédentes des fichiers.
Si le responsable du traitement décide de les effacer aussi de l'historique :
  1. écrivez la liste des valeurs effacées avec « --liste-remplacements FICHIER », hors du dépôt (elle contient ces valeurs), et relisez-la ;
  2. dans un clone à jour du dépôt : git filter-repo --replace-text FICHIER (git filter-repo retire le dépôt distant : remettez-le avec git remote add origin …) ;
  3. git push --force --all puis git push --force --tags, et demandez à chaque personne qui a un clone ou une copie (fork) de la supprimer et de cloner à nouveau le dépôt.
Les sites et documents déjà construits ou publiés (acia construire, acia courriers) gardent aussi ces données : reconstruisez-les et remplacez ce qui a été publié."""

# Fields that name places and organisations: a family name there is a street or a home (« boulevard Paoli »,
# « Résidence Santoni »), not the person; only full names, e-mails and phones are replaced in them.
NAMES_OF_THINGS = frozenset({"raison_sociale", "voie", "commune", "lieu", "terrain", "categorie", "mss_solution"})
_NUMBERED = re.compile(r"\[personne (\d+)\]|personne-(\d+)@example\.org")


class PurgeError(Exception):
    """Why nothing can be purged, in French: the message says what to do."""


@dataclass(frozen=True)
class Entry:
    """One personal value to erase, or one mention of a person in a text."""

    rel: str
    line: int
    column: int
    path: str  # the data path (« equipe_projet[0].nom »); empty for the text of minutes
    label: str  # the field's French title
    category: str  # a retention kind (candidatures_retenues…)
    due: date
    nature: str  # FIELD or TEXT
    pseudonym: str | None  # what replaces it; None when it is taken out
    original: str = field(repr=False, compare=False)  # the erased text: for the history list only, never shown

    @property
    def action(self) -> str:
        return "retiré" if self.pseudonym is None else f"remplacé par « {self.pseudonym} »"

    @property
    def category_label(self) -> str:
        return RETENTION_LABELS.get(self.category, self.category)

    def as_dict(self) -> dict[str, Any]:
        return {
            "fichier": self.rel,
            "ligne": self.line,
            "colonne": self.column,
            "chemin": self.path,
            "champ": self.label,
            "nature": self.nature,
            "categorie": self.category,
            "echeance": self.due.isoformat(),
            "action": "retire" if self.pseudonym is None else "remplace",
            "pseudonyme": self.pseudonym,
        }


@dataclass
class Plan:
    """What a purge erases at ``now``, and the new content of each file it rewrites."""

    now: datetime
    today: date
    entries: list[Entry] = field(default_factory=list)
    contents: dict[str, bytes] = field(default_factory=dict)  # rel → the rewritten file
    history: list[tuple[str, str]] = field(default_factory=list)  # (git filter-repo expression, replacement)
    next_due: tuple[date, str] | None = None  # the next day something will be due, and the label of its kind

    @property
    def files(self) -> list[str]:
        return sorted({entry.rel for entry in self.entries})

    @property
    def values(self) -> int:
        return sum(1 for entry in self.entries if entry.nature == FIELD)

    @property
    def mentions(self) -> int:
        return sum(1 for entry in self.entries if entry.nature == TEXT)

    def as_dict(self, applied: bool) -> dict[str, Any]:
        return {
            "maintenant": self.now.isoformat(),
            "a_effacer": [entry.as_dict() for entry in self.entries],
            "fichiers": len(self.files),
            "valeurs": self.values,
            "mentions": self.mentions,
            "applique": applied,
            "prochaine_echeance": self.next_due[0].isoformat() if self.next_due else None,
        }


def plan(root: Path, now: datetime, schemas: SchemaSet | None = None) -> Plan:
    """What is due at ``now`` and how each due file is rewritten; nothing is written. ``PurgeError`` when the purge cannot run."""
    checked = check_instance(root, now=now, schemas=schemas)
    context = checked.context
    if context.programme is not None and context.programme.data_protection is None:
        raise PurgeError(NO_DECLARATION)
    errors = [finding for finding in checked.report.findings if finding.is_error]
    if errors or context.model is None:
        count = french.plural(len(errors), "erreur")
        raise PurgeError(f"acia valider signale {count} : corrigez-les d'abord (acia valider dit où et comment), la purge ne réécrit que des données valides")
    model = context.model
    today = now.astimezone(model.programme.timezone).date()
    result = Plan(now, today)
    holdings = retention.holdings(model, [document.rel for document in context.documents])
    if not holdings:
        return result
    sources = {holding.rel: source.read(root, holding.rel) for holding in holdings}
    values = {rel: personal_values(context.schemas, found.kind, found.parsed.data) for rel, found in sources.items()}
    records = {rel: people.records(rel, found) for rel, found in values.items()}
    upcoming = [(holding.due, holding.retention.label) for holding in holdings if holding.due is not None and not holding.is_due(today) and any(not value.erased for value in values[holding.rel])]
    result.next_due = min(upcoming) if upcoming else None
    scopes: dict[str, list[retention.Holding]] = {}
    for holding in holdings:
        scopes.setdefault(holding.application or COLLECTIVE, []).append(holding)
    history: dict[str, str] = {}
    single: dict[str, str] = {}
    for scope, members in scopes.items():
        due = [holding for holding in members if holding.is_due(today)]
        if not due:
            continue
        # The persons a due file may name: those of its application, or anyone's for the collective.
        known = holdings if scope == COLLECTIVE else members
        persons = people.identify([record for holding in known for record in records[holding.rel]])
        in_use = [sources[holding.rel].text for holding in members]
        purge = _ScopePurge(context.schemas, persons, _highest_number(in_use))
        for holding in due:
            purge.fields(sources[holding.rel], records[holding.rel], holding)
        for holding in due:
            purge.mentions(sources[holding.rel], values[holding.rel], holding)
        for holding in due:
            content = purge.rewrite(sources[holding.rel])
            if content is not None:
                result.contents[holding.rel] = content
        result.entries.extend(purge.entries)
        purge.history(history, single)
    result.entries.sort(key=lambda entry: (entry.rel, entry.line, entry.column))
    result.history = _history_lines(history, single)
    return result


def apply(root: Path, planned: Plan) -> list[str]:
    """Write the rewritten files (each atomically); the files written, in order."""
    for rel, content in sorted(planned.contents.items()):
        source.write(root, rel, content)
    return sorted(planned.contents)


def history_file(planned: Plan) -> str:
    """The expressions file of ``git filter-repo --replace-text``: one « expression==>remplacement » a line, no comment (the tool has none)."""
    return "".join(f"{expression}==>{replacement}\n" for expression, replacement in planned.history)


def _highest_number(texts: Iterable[str]) -> int:
    return max((int(match.group(1) or match.group(2)) for text in texts for match in _NUMBERED.finditer(text)), default=0)


@dataclass
class _FileEdits:
    expected: Any  # the data the rewritten YAML must read as
    fields: list[Edit] = field(default_factory=list)  # personal values replaced
    removals: dict[DataPath, list[str]] = field(default_factory=dict)  # mapping → its keys taken out (edited together)
    texts: dict[DataPath, tuple[Edit, list[Edit], bool]] = field(default_factory=dict)  # a text: rewritten whole, in place, and whether in place is safe
    body: list[Edit] = field(default_factory=list)  # mentions in the Markdown of minutes

    @property
    def changed(self) -> bool:
        return bool(self.fields or self.removals or self.texts or self.body)


class _ScopePurge:
    """The purge of the due files of one application (or of the collective), sharing one numbering of persons."""

    def __init__(self, schemas: SchemaSet, persons: list[Person], highest: int):
        self.schemas = schemas
        self.persons = [person for person in persons if person.identifies]
        self.person_of = {id(record): index for index, person in enumerate(self.persons) for record in person.records}
        self.finder = Finder(self.persons)
        self.numbers: dict[int, int] = {}
        self.next_number = highest + 1
        self.entries: list[Entry] = []
        self.files: dict[str, _FileEdits] = {}
        self.erased_persons: set[int] = set()

    def number(self, person: int) -> int:
        if person not in self.numbers:
            self.numbers[person] = self.next_number
            self.next_number += 1
        return self.numbers[person]

    def _file(self, found: source.SourceFile) -> _FileEdits:
        if found.rel not in self.files:
            self.files[found.rel] = _FileEdits(copy.deepcopy(found.parsed.data))
        return self.files[found.rel]

    def _entry(self, found: source.SourceFile, holding: retention.Holding, offset: int, path: DataPath, label: str, nature: str, pseudonym: str | None, original: str) -> None:
        assert holding.due is not None
        line, column = found.position(offset)
        self.entries.append(Entry(found.rel, line, column, format_path(path), label, holding.kind, holding.due, nature, pseudonym, original))

    def _label(self, kind: str, path: DataPath) -> str:
        title = self.schemas.subschema(kind, path).get("title")
        return str(title) if title else format_path(path)

    # --- personal fields ----------------------------------------------------

    def fields(self, found: source.SourceFile, records: list[Record], holding: retention.Holding) -> None:
        text, parsed = found.yaml_text, found.parsed
        file = self._file(found)
        for record in records:
            person = self.person_of.get(id(record))
            for value in record.values:
                if value.erased:
                    continue
                parent, key = value.path[:-1], value.path[-1]
                pseudonym: str | None
                if not value.required:
                    pseudonym = None
                    self._remove(file, parent, str(key))
                elif value.kind == "personne" and isinstance(value.value, dict):
                    pseudonym = self._personne(found, value, person)
                else:
                    pseudonym = self._replacement(value.kind, person)
                    file.fields.append(edits.replace_value(text, parsed, value.path, pseudonym))
                    edits.value_at(file.expected, parent)[key] = pseudonym
                if person is not None:
                    self.erased_persons.add(person)
                offset = found.yaml_offset + parsed.spans[value.path][0]
                self._entry(found, holding, offset, value.path, self._label(found.kind, value.path), FIELD, pseudonym, " ".join(value.texts))

    @staticmethod
    def _remove(file: _FileEdits, mapping: DataPath, key: str) -> None:
        file.removals.setdefault(mapping, []).append(key)
        del edits.value_at(file.expected, mapping)[key]

    def _replacement(self, kind: str, person: int | None) -> str:
        """What replaces a required personal text: a numbered name or e-mail, « [effacé] » for a first name or a phone."""
        if person is None or kind not in ("nom", "email"):
            return ERASED
        return pseudonym_name(self.number(person)) if kind == "nom" else pseudonym_email(self.number(person))

    def _personne(self, found: source.SourceFile, value: PersonalValue, person: int | None) -> str:
        """A required « personne » object: family name numbered, first name erased, civility and title taken out when optional."""
        text, parsed = found.yaml_text, found.parsed
        file = self._file(found)
        required = set(self.schemas.subschema(found.kind, value.path).get("required", []))
        assert isinstance(value.value, dict)
        for key, item in value.value.items():
            if key in NEUTRAL_FIELDS and key not in required:
                self._remove(file, value.path, key)
            elif isinstance(item, str) and not is_pseudonym(item):
                replacement = self._replacement(key, person)
                file.fields.append(edits.replace_value(text, parsed, value.path + (key,), replacement))
                edits.value_at(file.expected, value.path)[key] = replacement
        return str(edits.value_at(file.expected, value.path).get("nom", ERASED))

    # --- mentions in free text ------------------------------------------------

    def mentions(self, found: source.SourceFile, values: list[PersonalValue], holding: retention.Holding) -> None:
        if not self.finder.patterns:
            return
        text, parsed = found.yaml_text, found.parsed
        file = self._file(found)
        personal = [value.path for value in values]
        for path, value in edits.text_values(parsed.data):
            if any(path[: len(owner)] == owner for owner in personal) or not self._free_text(found.kind, path):
                continue
            names_alone = _key(path) not in NAMES_OF_THINGS
            found_in_value = self.finder.find(value, names_alone)
            if not found_in_value:
                continue
            new_value = _replaced(value, found_in_value, self._mention)
            edits.value_at(file.expected, path[:-1])[path[-1]] = new_value
            # In place, in the text as written, keeps the layout; a plain text in a flow collection, one that would
            # start with « [ », or one whose mentions read differently in the source (an escape), is rewritten whole.
            start, end = parsed.spans[path][0], edits.value_end(text, parsed, path)
            raw = self.finder.find(text[start:end], names_alone)
            in_place = [Edit(start + mention.start, start + mention.end, self._mention(mention)) for mention in raw]
            kind = edits.style(text, parsed, path)
            safe = len(raw) == len(found_in_value) and (kind in ("double", "single", "block") or (kind == "plain" and not edits.in_flow(text, parsed, path) and raw[0].start > 0))
            file.texts[path] = (Edit(start, end, edits.quoted(new_value)), in_place, safe)
            label = self._label(found.kind, path)
            for index, mention in enumerate(found_in_value):
                offset = in_place[index].start if safe else start
                self._entry(found, holding, found.yaml_offset + offset, path, label, TEXT, self._mention(mention), value[mention.start : mention.end])
        body = found.body
        for mention in self.finder.find(body):
            replacement = self._mention(mention)
            file.body.append(Edit(mention.start, mention.end, replacement))
            self._entry(found, holding, found.body_start + mention.start, (), "Texte du compte rendu", TEXT, replacement, body[mention.start : mention.end])

    def _mention(self, mention: people.Mention) -> str:
        if mention.person < 0 or mention.what == people.PHONE:
            return ERASED
        self.erased_persons.add(mention.person)
        number = self.number(mention.person)
        return pseudonym_email(number) if mention.what == EMAIL else pseudonym_name(number)

    def _free_text(self, kind: str, path: DataPath) -> bool:
        """Texts people write freely: not identifiers, dates, codes or choices from a list."""
        schema = self.schemas.subschema(kind, path)
        return not any(key in schema for key in ("enum", "const", "pattern", "format"))

    # --- writing ------------------------------------------------------------

    def rewrite(self, found: source.SourceFile) -> bytes | None:
        """The file with its edits, checked by parsing it again; None when nothing changes."""
        file = self.files.get(found.rel)
        if file is None or not file.changed:
            return None
        text, parsed = found.yaml_text, found.parsed
        base = list(file.fields)
        for mapping, keys in file.removals.items():
            base.extend(edits.remove_keys(text, parsed, mapping, keys))
        yaml_text = edits.apply(text, base + [edit for whole, in_place, safe in file.texts.values() for edit in (in_place if safe else [whole])])
        if yamlsource.parse(yaml_text).data != file.expected:
            # An in-place replacement reads back differently (an escape, a line fold): write those texts whole, quoted.
            yaml_text = edits.apply(text, base + [whole for whole, _, _ in file.texts.values()])
            if yamlsource.parse(yaml_text).data != file.expected:
                raise PurgeError(f"{found.rel} : la réécriture de ce fichier n'a pas pu être vérifiée ; aucun fichier n'a été modifié. Signalez-le à l'équipe qui maintient acia.")
        head = found.text[: found.body_start]
        if text:
            head = found.text[: found.yaml_offset] + yaml_text + found.text[found.yaml_offset + len(text) : found.body_start]
        return found.encoded(head + edits.apply(found.body, file.body))

    def history(self, literal: dict[str, str], single: dict[str, str]) -> None:
        """Add what this purge erased to the history list: full names, e-mails, phones literally; names alone as whole words."""

        def add(table: dict[str, str], old: str, new: str) -> None:
            table[old] = new if table.get(old, new) == new else ERASED  # two replacements for one text: erase it

        for index in sorted(self.erased_persons):
            person = self.persons[index]
            number = self.numbers.get(index)
            name = pseudonym_name(number) if number is not None else ERASED
            for full in person.full_names:
                add(literal, full, name)
            for email in person.emails:
                add(literal, email, pseudonym_email(number) if number is not None else ERASED)
            for phone in person.phones:
                add(literal, phone, ERASED)
            for last in person.last_names:
                add(single, last, name)
            for first in person.first_names:
                add(single, first, ERASED)


def _key(path: DataPath) -> str:
    """The name of the field a value belongs to (that of its list for an item)."""
    return next((part for part in reversed(path) if isinstance(part, str)), "")


def _replaced(text: str, mentions: list[people.Mention], replacement: Any) -> str:
    parts, position = [], 0
    for mention in mentions:
        parts.append(text[position : mention.start])
        parts.append(replacement(mention))
        position = mention.end
    return "".join(parts) + text[position:]


def _history_lines(literal: dict[str, str], single: dict[str, str]) -> list[tuple[str, str]]:
    lines = [(f"literal:{old}", new) for old, new in sorted(literal.items(), key=lambda item: (-len(item[0]), item[0]))]
    lines += [(rf"regex:(?<![\w-]){re.escape(old)}(?![\w-])", new) for old, new in sorted(single.items(), key=lambda item: (-len(item[0]), item[0]))]
    return lines
