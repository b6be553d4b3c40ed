"""The JSON Schemas are valid 2020-12 schemas and describe every field in French."""

from __future__ import annotations

import json

import pytest
from conftest import REPO
from jsonschema import Draft202012Validator

SCHEMAS = sorted((REPO / "schemas").glob("*.schema.json"))


def _walk(node, path=""):
    """Yield (path, property schema) for every property declared anywhere in a schema."""
    if isinstance(node, dict):
        for name, child in node.get("properties", {}).items():
            yield f"{path}.{name}", child
        for key, value in node.items():
            if key in ("properties",):
                for name, child in value.items():
                    yield from _walk(child, f"{path}.{name}")
            elif isinstance(value, (dict, list)):
                yield from _walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _walk(item, f"{path}[{index}]")


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_2020_12(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_property_has_a_french_title_and_description(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    missing = [where for where, prop in _walk(schema) if not (prop.get("title") and prop.get("description"))]
    assert missing == []
    assert schema.get("title") and schema.get("description")


def test_personal_fields_are_marked_internal():
    application = json.loads((REPO / "schemas" / "application.schema.json").read_text(encoding="utf-8"))
    # One member shape for the organisme gestionnaire's team and each établissement's.
    assert application["properties"]["equipe_projet"]["$ref"] == "#/$defs/equipe_projet"
    assert application["properties"]["etablissements"]["items"]["properties"]["equipe_projet"]["$ref"] == "#/$defs/equipe_projet"
    member = application["$defs"]["equipe_projet"]["items"]["properties"]
    for field in ("nom", "prenom", "email", "telephone"):
        assert member[field]["x-acia-visibilite"] == "interne"
    coordinator = application["properties"]["coordination_pilotes"]["properties"]["coordinateur"]
    assert coordinator["x-acia-visibilite"] == "interne"
    for field in ("nom", "prenom", "email", "telephone"):
        assert coordinator["properties"][field]["x-acia-visibilite"] == "interne"
        assert coordinator["properties"][field]["x-acia-donnee-personnelle"] == field
    assert application["properties"]["motivations"]["x-acia-visibilite"] == "interne"
    common = json.loads((REPO / "schemas" / "common.schema.json").read_text(encoding="utf-8"))
    assert common["$defs"]["personne"]["x-acia-visibilite"] == "interne"


def _personal_fields(node, trail=(), marks=()):
    """Yield (path, visibility marks above it) for every field marked personal, through « properties » and « items »."""
    if not isinstance(node, dict):
        return
    marks = (*marks, node["x-acia-visibilite"]) if "x-acia-visibilite" in node else marks
    if "x-acia-donnee-personnelle" in node:
        yield "/".join(trail), marks
    for name, child in node.get("properties", {}).items():
        yield from _personal_fields(child, (*trail, name), marks)
    yield from _personal_fields(node.get("items"), (*trail, "[]"), marks)
    for name, child in node.get("$defs", {}).items():
        yield from _personal_fields(child, ("$defs", name), ())


def test_personal_data_is_internal_unless_the_call_publishes_it():
    """A personal field is internal (itself, or an object above it, or the « personne » it refers to), or one the call itself publishes (its contacts)."""
    published, internal = [], []
    for path in SCHEMAS:
        schema = json.loads(path.read_text(encoding="utf-8"))
        for where, marks in _personal_fields(schema):
            (published if "publiee-par-l-appel" in marks else internal).append((path.name, where, marks))
    assert [where for name, where, _ in published] == [f"candidature/contacts/[]/{field}" for field in ("prenom", "nom", "email", "telephone")]
    assert all(name == "programme.schema.json" for name, _, _ in published)
    assert ("common.schema.json", "$defs/personne", ("interne",)) in internal and len(internal) >= 7
    assert [(name, where) for name, where, marks in internal if "interne" not in marks] == []


def test_a_list_of_internal_items_is_internal_as_a_whole():
    """The project team's items are internal: the list itself is left out of what an outside audience reads."""
    from acia.check.schema import SchemaSet
    from acia.site.visibility import is_internal

    schemas = SchemaSet()
    assert is_internal(schemas, "application", ("equipe_projet",))
    assert is_internal(schemas, "application", ("equipe_projet", 0, "fonction"))
    assert is_internal(schemas, "application", ("etablissements", 0, "equipe_projet"))
    assert is_internal(schemas, "application", ("etablissements", 1, "equipe_projet", 0, "email"))
    assert is_internal(schemas, "application", ("coordination_pilotes", "coordinateur"))
    assert not is_internal(schemas, "application", ("coordination_pilotes", "copil_commun"))
    assert is_internal(schemas, "application", ("etablissements", 0, "directeur"))
    assert not is_internal(schemas, "application", ("etablissements",))
    assert not is_internal(schemas, "application", ("financement",))
