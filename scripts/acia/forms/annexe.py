"""The Annexe 1 form as a list of fields, read from the application schema.

One description serves both directions: ``documents`` prints the blank form
from it and ``importer`` reads a filled form back with it, so the form, the
schema and the import can never disagree. Labels used by other layouts of
the form (the call's own Annexe 1) come from ``x-acia-intitules`` in the schema.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from acia.model.programme import Programme

APPLICATION = "application.schema.json"
# A person written in one box (« Nom, Prénom »); an object with more (a signatory's function) gets a line per field.
PERSON_KEYS = {"civilite", "titre", "nom", "prenom"}


@dataclass(frozen=True)
class Field:
    path: tuple[str, ...]  # inside the application, or inside one table row
    title: str  # the label printed on the form
    kind: str  # "texte", "entier", "booleen", "choix", "choix_multiples", "personne"
    choices: tuple[tuple[str, object], ...] = ()  # (label, value)
    aliases: tuple[str, ...] = ()
    details: dict = field(default_factory=dict, compare=False, hash=False)  # value -> field naming it (« précisez »)
    required: bool = False


@dataclass(frozen=True)
class Table:
    """A list of records: one block per item on the blank form (« Établissement 1 »…), a table in other layouts."""

    path: tuple  # the list in the application: (« etablissements »,), or inside the one établissement of a fiche
    title: str
    item_title: str  # « Établissement », heading of each block
    columns: tuple[Field, ...]
    rows: int  # empty blocks printed on the blank form


@dataclass
class Section:
    title: str
    description: str
    fields: list[Field]
    table: Table | None = None


def normalise(label: str) -> str:
    """Compare labels the way a reader does: no accents, case, punctuation or « (précisez) »."""
    text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"\(.*?\)", " ", text)
    return re.sub(r"[^a-z0-9]+", "", text)


def normalise_words(text: str) -> str:
    """Lower-case words without accents, for matching a word of a label."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


def _choices(node: dict, key: str, programme: Programme) -> tuple[tuple[str, object], ...]:
    """The boxes of a field: its values with their French labels (the programme's for axes and fundings)."""
    if key == "axe":
        return tuple((axe.short_title, axe.id) for axe in programme.axes)
    if key == "financement":
        return tuple((item.label, item.id) for item in programme.fundings)
    if key == "secteur":
        return tuple((item.label, item.id) for item in programme.sectors)
    if key == "role":
        return tuple((item.label, item.id) for item in programme.team.roles)
    if node.get("type") == "boolean":
        return (("Oui", True), ("Non", False))
    items = node.get("items", {}) if node.get("type") == "array" else {}
    source = node if "enum" in node else items if isinstance(items, dict) and "enum" in items else None
    if source is None:
        return ()
    labels = source.get("x-acia-libelles", node.get("x-acia-libelles", {}))
    return tuple((labels.get(value, str(value)), value) for value in source["enum"])


def _kind(node: dict, key: str) -> str:
    if key in ("axe", "role", "secteur"):
        return "choix"
    if key in ("financement",):
        return "choix_multiples"
    if node.get("type") == "boolean":
        return "booleen"
    if node.get("type") == "integer":
        return "entier"
    if node.get("type") == "array":
        return "choix_multiples"
    if "enum" in node:
        return "choix"
    if node.get("type") == "object" and {"nom", "prenom"} <= set(node.get("properties", {})) <= PERSON_KEYS:
        return "personne"
    return "texte"


def _field(schemas, node: dict, current: str, path: tuple[str, ...], title: str, programme: Programme, required: bool) -> Field:
    key = path[-1]
    return Field(
        path=path,
        title=title,
        kind=_kind(node, key),
        choices=_choices(node, key, programme),
        aliases=tuple(node.get("x-acia-intitules", [])),
        details=dict(node.get("x-acia-precisions", {})),
        required=required,
    )


def sections(schemas, programme: Programme) -> list[Section]:
    """The form, section by section: fields the team fills (``x-acia-formulaire: false``) are left out."""
    root, current = schemas.resolve(schemas.by_name[APPLICATION], APPLICATION)
    general = Section("Candidature", "", [])
    found = [general]
    for key, raw_node in root["properties"].items():
        node, node_file = schemas.resolve(raw_node, current)
        if node.get("x-acia-formulaire") is False:
            continue
        required = key in root.get("required", [])
        items, items_file = schemas.resolve(node.get("items", {}), node_file) if isinstance(node.get("items"), dict) else ({}, node_file)
        if node.get("type") == "object":
            fields = []
            for child_key, child in node["properties"].items():
                child_node, child_file = schemas.resolve(child, node_file)
                child_required = required and child_key in node.get("required", [])
                if child_node.get("type") == "object" and _kind(child_node, child_key) != "personne":
                    for leaf_key, leaf in child_node.get("properties", {}).items():
                        leaf_node, _ = schemas.resolve(leaf, child_file)
                        leaf_required = child_required and leaf_key in child_node.get("required", [])
                        fields.append(_field(schemas, leaf_node, child_file, (key, child_key, leaf_key), f"{child_node['title']} — {leaf_node['title']}", programme, leaf_required))
                else:
                    fields.append(_field(schemas, child_node, child_file, (key, child_key), child_node["title"], programme, child_required))
            found.append(Section(node["title"], node.get("description", ""), fields))
        elif node.get("type") == "array" and items.get("type") == "object":
            columns = []
            for child_key, child in items["properties"].items():
                child_node, child_file = schemas.resolve(child, items_file)
                columns.append(_field(schemas, child_node, child_file, (child_key,), child_node["title"], programme, child_key in items.get("required", [])))
            table = Table((key,), node["title"], items.get("title", node["title"]), tuple(columns), _rows(key, programme))
            found.append(Section(node["title"], node.get("description", ""), [], table))
        else:
            general.fields.append(_field(schemas, node, current, (key,), node["title"], programme, required))
    return found


def _rows(key: str, programme: Programme) -> int:
    """Empty rows on the blank form: as many établissements as allowed, a member per role and one more."""
    if key == "etablissements":
        return programme.limits.etablissements_per_og.maximum or 4
    if key == "equipe_projet":
        return len(programme.team.roles) + 1
    return 4


def column_title(column: Field) -> str:
    """The header printed for a table column; a person is written « Nom, Prénom »."""
    return f"{column.title} (nom, prénom)" if column.kind == "personne" else column.title
