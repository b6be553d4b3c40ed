"""The Annexe 1 form as a list of fields, read from the application schema.

One description serves both directions: ``documents`` prints the blank form
from it and ``importer`` reads a filled form back with it, so the form, the
schema and the import can never disagree. Labels used by other layouts of
the form (the call's own Annexe 1) come from ``x-acia-intitules`` in the schema.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any

from acia import french
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


def choices(node: dict, key: str, programme: Programme) -> tuple[tuple[str, object], ...]:
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
        choices=choices(node, key, programme),
        aliases=tuple(node.get("x-acia-intitules", [])),
        details=dict(node.get("x-acia-precisions", {})),
        required=required,
    )


# Keys of the application schema the layout of the form depends on.
TEAM = "equipe_projet"  # a project team: at the top of the application, or in each établissement
ETABLISSEMENTS = "etablissements"
OG = "organisme_gestionnaire"
# The fiche of one établissement, in the order of the call's Annexe 1 (« Fiche projet établissement »):
# who applies, the établissement, the project, the digital state, its team, then what the OG commits to and its funding.
ONE_ETABLISSEMENT_ORDER = (OG, ETABLISSEMENTS, "projet", "numerique", TEAM, "engagements", "financement")


def sections(schemas, programme: Programme) -> list[Section]:
    """The form, section by section: fields the team fills (``x-acia-formulaire: false``) are left out.

    Where the programme forms a project team in each établissement
    (``equipe_projet.niveau: etablissement``), the form is the fiche of one
    établissement: its fields are labelled once (not a table) and its team
    follows; an organisme gestionnaire sends one fiche per établissement.
    Otherwise the form describes the whole application: every établissement
    and the one team of the organisme gestionnaire.
    """
    found = _schema_sections(schemas, programme)
    if programme.team.per_etablissement:
        return _one_etablissement(found)
    return [section for section in found if section.table is None or len(section.table.path) == 1]


def how_many(programme: Programme) -> str:
    """How many fiches an organisme gestionnaire sends, as the blank form and the « Candidater » page both say it.

    Drawn from the programme: where its project teams are formed (one fiche per
    établissement, or one for the whole application) and its limit of établissements.
    """
    maximum = programme.max_etablissements_per_og
    if programme.team.per_etablissement:
        limit = f" ({french.plural(maximum, 'établissement')} au plus par organisme gestionnaire)" if maximum else ""
        return (
            f"Une fiche par établissement candidat{limit} : chaque fiche décrit l'organisme gestionnaire, un établissement et l'équipe projet "
            "de cet établissement ; les fiches des établissements d'un même organisme gestionnaire forment une seule candidature."
        )
    limit = f" (au plus {maximum})" if maximum else ""
    return f"Une fiche par organisme gestionnaire : elle décrit chacun de ses établissements engagés{limit} et son équipe projet."


def _schema_sections(schemas, programme: Programme) -> list[Section]:
    """Every part of the application schema the applicant fills, in the schema's order; lists inside a list's items follow it."""
    root, current = schemas.resolve(schemas.by_name[APPLICATION], APPLICATION)
    general = Section("Candidature", "", [])
    found = [general]
    for key, raw_node in root["properties"].items():
        node, node_file = schemas.resolve(raw_node, current)
        if node.get("x-acia-formulaire") is False:
            continue
        required = key in root.get("required", [])
        if node.get("type") == "object":
            fields = []
            for child_key, child in node["properties"].items():
                child_node, child_file = schemas.resolve(child, node_file)
                if child.get("x-acia-formulaire") is False or child_node.get("x-acia-formulaire") is False:
                    continue  # filled by the team, or read from another field (an organisation's « article »)
                child_required = required and child_key in node.get("required", [])
                if child_node.get("type") == "object" and _kind(child_node, child_key) != "personne":
                    for leaf_key, leaf in child_node.get("properties", {}).items():
                        leaf_node, _ = schemas.resolve(leaf, child_file)
                        leaf_required = child_required and leaf_key in child_node.get("required", [])
                        fields.append(_field(schemas, leaf_node, child_file, (key, child_key, leaf_key), f"{child_node['title']} — {leaf_node['title']}", programme, leaf_required))
                else:
                    fields.append(_field(schemas, child_node, child_file, (key, child_key), child_node["title"], programme, child_required))
            found.append(Section(node["title"], node.get("description", ""), fields))
        elif _records(schemas, node, node_file) is not None:
            table, nested = _table(schemas, (key,), node, node_file, programme)
            found.append(Section(node["title"], _description(key, node, programme), [], table))
            for child_key, child_node, child_file in nested:
                inner, _ = _table(schemas, (key, 0, child_key), child_node, child_file, programme)
                found.append(Section(child_node["title"], _description(child_key, child_node, programme), [], inner))
        else:
            general.fields.append(_field(schemas, node, current, (key,), node["title"], programme, required))
    return found


def _records(schemas, node: dict, current: str) -> tuple[dict, str] | None:
    """The item schema of a list of records (an array of objects), else None."""
    if node.get("type") != "array" or not isinstance(node.get("items"), dict):
        return None
    items, items_file = schemas.resolve(node["items"], current)
    return (items, items_file) if items.get("type") == "object" else None


def _table(schemas, path: tuple, node: dict, current: str, programme: Programme) -> tuple[Table, list[tuple[str, dict, str]]]:
    """A list of records as a table, and the lists inside its records (an établissement's team)."""
    items, items_file = _records(schemas, node, current) or ({}, current)
    columns = []
    nested = []
    for child_key, child in items.get("properties", {}).items():
        child_node, child_file = schemas.resolve(child, items_file)
        if child.get("x-acia-formulaire") is False or child_node.get("x-acia-formulaire") is False:
            continue
        if _records(schemas, child_node, child_file) is not None:
            nested.append((child_key, child_node, child_file))
        else:
            columns.append(_field(schemas, child_node, child_file, (child_key,), child_node["title"], programme, child_key in items.get("required", [])))
    return Table(path, node["title"], items.get("title", node["title"]), tuple(columns), _rows(path[-1], programme)), nested


def _description(key: str, node: dict, programme: Programme) -> str:
    """What the form says under a list's title; for a project team, the programme's advice on its composition (if it gives one)."""
    if key == TEAM:
        return programme.team.composition_advice  # « equipe_projet.conseil_composition »
    return node.get("description", "")


def _one_etablissement(found: list[Section]) -> list[Section]:
    """The fiche of one établissement: the list of établissements becomes labelled fields, its team a table of its own."""
    general = found[0]
    by_key: dict[str, Section] = {}
    for section in found[1:]:
        if section.table is not None and section.table.path == (ETABLISSEMENTS,):
            etablissement = section.table
            fields = [replace(column, path=(ETABLISSEMENTS, 0, *column.path)) for column in etablissement.columns]
            by_key[ETABLISSEMENTS] = Section(etablissement.item_title, "", fields)
        elif section.table is not None and section.table.path == (ETABLISSEMENTS, 0, TEAM):
            by_key[TEAM] = section
        elif section.table is None and section.fields:
            by_key[section.fields[0].path[0]] = section
    for item in general.fields:
        if item.path[0] in ONE_ETABLISSEMENT_ORDER:
            by_key[item.path[0]] = Section(item.title, "", [item])
    project = by_key.get("projet") or by_key.setdefault("projet", Section(general.title, "", []))
    others = [item for item in general.fields if item.path[0] not in ONE_ETABLISSEMENT_ORDER]
    # The axe first (« Votre structure souhaite candidater »), the motivations after the project.
    axes = [item for item in others if item.path == ("axe",)]
    project.fields = axes + project.fields + [item for item in others if item.path != ("axe",)]
    ordered = [by_key[key] for key in ONE_ETABLISSEMENT_ORDER if key in by_key]
    return ordered + [section for key, section in by_key.items() if key not in ONE_ETABLISSEMENT_ORDER and section not in ordered]


def _rows(key: str, programme: Programme) -> int:
    """Empty rows on the blank form: as many établissements as allowed, a member per role and one more."""
    if key == "etablissements":
        return programme.limits.etablissements_per_og.maximum or 4
    if key == TEAM:
        return len(programme.team.roles) + 1
    return 4


def column_title(column: Field) -> str:
    """The header printed for a table column; a person is written « Nom, Prénom »."""
    return f"{column.title} (nom, prénom)" if column.kind == "personne" else column.title


def put_value(data: dict, path: tuple, value) -> None:
    """Write ``value`` at ``path`` (keys and list indexes), creating what is missing."""
    target: Any = data
    for position, part in enumerate(path[:-1]):
        following = path[position + 1]
        if isinstance(part, int):
            while len(target) <= part:
                target.append({})
            target = target[part]
        else:
            target = target.setdefault(part, [] if isinstance(following, int) else {})
    if isinstance(path[-1], int):
        while len(target) <= path[-1]:
            target.append({})
    target[path[-1]] = value


def value_at(data, path: tuple):
    """The value at ``path`` (keys and list indexes), or None."""
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


def missing(form: list[Section], application: dict) -> list[str]:
    """The required fields left empty, each établissement's under its name."""
    found: list[str] = []
    etablissements = application.get(ETABLISSEMENTS) or [{}]
    for section in form:
        for item in section.fields:
            if not item.required:
                continue
            if item.path[:2] == (ETABLISSEMENTS, 0):
                for index, etablissement in enumerate(etablissements):
                    if value_at(application, (ETABLISSEMENTS, index, *item.path[2:])) is None:
                        found.append(f"{etablissement.get('raison_sociale') or section.title} — {item.title}" if len(etablissements) > 1 else f"{section.title} — {item.title}")
            elif value_at(application, item.path) is None:
                found.append(item.title if len(item.path) == 1 else f"{section.title} — {item.title}")
        table = section.table
        if table is None:
            continue
        if table.path[:2] == (ETABLISSEMENTS, 0):
            for index, etablissement in enumerate(etablissements):
                if not value_at(application, (ETABLISSEMENTS, index, *table.path[2:])):
                    found.append(f"{table.title} (aucun rempli)" + (f" — {etablissement.get('raison_sociale')}" if len(etablissements) > 1 else ""))
        elif not value_at(application, table.path):
            found.append(f"{table.title} (aucun rempli)")
    return found
