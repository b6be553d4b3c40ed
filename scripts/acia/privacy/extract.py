"""Everything the data files hold about one person, for a request of access (article 15 of the GDPR): ``acia extraire``.

The person is asked for by e-mail (whatever the case) or by name (whatever
the case and accents: « Prénom Nom », « Nom Prénom », or the family name
alone). Found: the personal fields of that person in every data file
(applications, evaluations, selection, derogations, follow-up, minutes,
programme), the other fields of the same entry when the entry is the person
(a team member's function, role and mission), and the mentions of the person
in free text (text fields and the Markdown of minutes): full name, family
name, e-mail or phone. Files are read through ``safe_files`` only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from acia.check.personal import PersonalValue, personal_values
from acia.check.schema import SchemaSet
from acia.findings import format_path
from acia.load.documents import load_instance
from acia.load.yamlsource import Path as DataPath
from acia.privacy import edits, people, source
from acia.privacy.people import Finder, Person, Record

FIELD, TEXT = "champ", "texte"


class ExtractError(Exception):
    """A request that cannot be answered, in French."""


@dataclass(frozen=True, order=True)
class Occurrence:
    """One place that holds the person's data."""

    rel: str
    line: int
    column: int
    path: str  # the data path; empty for the Markdown of minutes
    label: str  # the field's French title
    value: str
    nature: str  # FIELD for a field of the person, TEXT for a mention in free text

    def as_dict(self) -> dict[str, Any]:
        return {"fichier": self.rel, "ligne": self.line, "colonne": self.column, "chemin": self.path, "champ": self.label, "valeur": self.value, "nature": self.nature}


def matches(person: Person, query: str) -> bool:
    """Whether ``query`` (an e-mail, « Prénom Nom », « Nom Prénom » or a family name) designates ``person``."""
    if "@" in query:
        return any(email.casefold() == query.strip().casefold() for email in person.emails)
    wanted = people.same_name(query)
    for record in person.records:
        first, last = record.first_name, record.last_name
        if last and people.same_name(last) == wanted:
            return True
        if first and last and wanted in (people.same_name(f"{first} {last}"), people.same_name(f"{last} {first}")):
            return True
    return False


def extract(root: Path, query: str, schemas: SchemaSet | None = None) -> list[Occurrence]:
    """Every occurrence of the person's data in the instance at ``root``, by file, line and column."""
    query = query.strip()
    if not query:
        raise ExtractError("indiquez l'adresse e-mail ou le nom de la personne après --personne")
    schemas = schemas or SchemaSet()
    sources: list[source.SourceFile] = []
    for document in load_instance(root).documents:
        try:
            sources.append(source.read(root, document.rel))
        except source.SourceError:
            continue  # unreadable: acia valider says why; nothing of it can be quoted
    values = {found.rel: personal_values(schemas, found.kind, found.parsed.data) for found in sources}
    records = {rel: people.records(rel, found) for rel, found in values.items()}
    persons = people.identify([record for found in records.values() for record in found])
    wanted = [person for person in persons if matches(person, query)]
    chosen = {id(record) for person in wanted for record in person.records}
    finder = Finder(wanted, first_names=False, also=[query])
    found: set[Occurrence] = set()
    for file in sources:
        reported: set[DataPath] = set()
        for record in records[file.rel]:
            if id(record) in chosen:
                found.update(_fields(schemas, file, record, reported))
        found.update(_mentions(schemas, file, values[file.rel], reported, finder))
    return sorted(found)


def _occurrence(schemas: SchemaSet, file: source.SourceFile, path: DataPath, value: object, nature: str) -> Occurrence:
    line, column = file.position(file.yaml_offset + file.parsed.spans[path][0])
    title = schemas.subschema(file.kind, path).get("title")
    text = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return Occurrence(file.rel, line, column, format_path(path), str(title) if title else format_path(path), text, nature)


def _fields(schemas: SchemaSet, file: source.SourceFile, record: Record, reported: set[DataPath]) -> Iterable[Occurrence]:
    """The person's fields; for a team member (fields side by side), the other fields of the entry too (function, role, mission)."""
    for value in record.values:
        items = value.value.items() if isinstance(value.value, dict) else [(None, value.value)]
        for key, item in items:
            path = value.path + ((key,) if key is not None else ())
            if isinstance(item, str | int | float | bool) and path in file.parsed.spans:
                reported.add(path)
                yield _occurrence(schemas, file, path, item, FIELD)
    if any(value.kind == "personne" for value in record.values):
        return
    entry = edits.value_at(file.parsed.data, record.path)
    if isinstance(entry, dict):
        for key, item in entry.items():
            path = record.path + (key,)
            if path not in reported and isinstance(item, str | int | float | bool):
                reported.add(path)
                yield _occurrence(schemas, file, path, item, FIELD)


def _mentions(schemas: SchemaSet, file: source.SourceFile, values: list[PersonalValue], reported: set[DataPath], finder: Finder) -> Iterable[Occurrence]:
    """Mentions in text values (other than personal fields and those already reported) and in the Markdown of minutes."""
    personal = [value.path for value in values]
    text, parsed = file.yaml_text, file.parsed
    for path, _ in edits.text_values(parsed.data):
        if path in reported or any(path[: len(owner)] == owner for owner in personal):
            continue
        start = parsed.spans[path][0]
        label = schemas.subschema(file.kind, path).get("title") or format_path(path)
        for mention in finder.find(text[start : edits.value_end(text, parsed, path)]):
            line, column = file.position(file.yaml_offset + start + mention.start)
            yield Occurrence(file.rel, line, column, format_path(path), str(label), " ".join(text[start + mention.start : start + mention.end].split()), TEXT)
    body = file.body
    for mention in finder.find(body):
        line, column = file.position(file.body_start + mention.start)
        yield Occurrence(file.rel, line, column, "", "Texte du compte rendu", " ".join(body[mention.start : mention.end].split()), TEXT)
