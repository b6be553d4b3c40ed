"""Validate documents against the JSON Schemas in ``schemas/`` and explain errors in French.

Validation itself is done by ``jsonschema-rs`` (JSON Schema 2020-12, compiled
once per run); this module only turns its structured errors into findings
that name the field by its French title, point at the right line and say how
to fix the value.
"""

from __future__ import annotations

import difflib
import json
import zoneinfo
from collections.abc import Sequence
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import jsonschema_rs
from jsonschema_rs import ValidationError, ValidationErrorKind, Validator

from acia import phones
from acia.findings import Finding, Rule, Severity, format_path
from acia.load.documents import KINDS, Document
from acia.load.yamlsource import Path as DataPath
from acia.paths import schemas_dir

REQUIRED = Rule(
    id="ACIA101",
    title="Champ obligatoire manquant",
    severity=Severity.ERROR,
    hint="Ajoutez le champ avec sa valeur.",
    example="organisme_gestionnaire:\n  raison_sociale: Association Exemple",
    fix='organisme_gestionnaire:\n  raison_sociale: Association Exemple\n  finess_juridique: "750000002"',
)
UNKNOWN_KEY = Rule(
    id="ACIA102",
    title="Clé inconnue",
    severity=Severity.ERROR,
    hint="Corrigez l'orthographe de la clé ou supprimez-la : une clé inconnue n'est lue par personne.",
    example="etablissements:\n  - raison_social: EHPAD U Castellu",
    fix="etablissements:\n  - raison_sociale: EHPAD U Castellu",
)
WRONG_TYPE = Rule(
    id="ACIA103",
    title="Type de valeur incorrect",
    severity=Severity.ERROR,
    hint="Donnez une valeur du type attendu.",
    example="siret: 78467169500087\ndsi: peut-être",
    fix='siret: "78467169500087"\ndsi: true',
)
NOT_ALLOWED = Rule(
    id="ACIA104",
    title="Valeur non autorisée",
    severity=Severity.ERROR,
    hint="Choisissez une des valeurs proposées.",
    example="canal_reception: courriel",
    fix="canal_reception: email",
)
BAD_FORMAT = Rule(
    id="ACIA105",
    title="Format incorrect",
    severity=Severity.ERROR,
    hint="Respectez le format décrit pour ce champ.",
    example="date_reception: 12/06/2023",
    fix='date_reception: "2023-06-12T10:24:00+02:00"',
)
OUT_OF_BOUNDS = Rule(
    id="ACIA106",
    title="Nombre d'éléments ou valeur hors limites",
    severity=Severity.ERROR,
    hint="Ajustez le nombre d'éléments ou la valeur.",
    example="financement: []",
    fix="financement: [assurance_maladie]",
)
NO_MATCHING_FORM = Rule(
    id="ACIA107",
    title="Forme de valeur non reconnue",
    severity=Severity.ERROR,
    hint="Écrivez la valeur sous une des formes décrites.",
    example="charge: 3 h",
    fix="charge:\n  heures: 3",
)

RULES = [REQUIRED, UNKNOWN_KEY, WRONG_TYPE, NOT_ALLOWED, BAD_FORMAT, OUT_OF_BOUNDS, NO_MATCHING_FORM]

_TYPE_NAMES = {
    "string": "du texte",
    "integer": "un nombre entier",
    "number": "un nombre",
    "boolean": "true ou false",
    "array": "une liste (lignes commençant par « - »)",
    "object": "un bloc de clés (« clé: valeur »)",
    "null": "vide",
}

_PATTERN_FORMATS = {
    "identifiant": "un identifiant en minuscules, chiffres et tirets (ex. « og-exemple »)",
    "date": 'une date AAAA-MM-JJ entre guillemets (ex. "2023-06-30")',
    "date_heure": 'une date et heure avec secondes et décalage horaire, entre guillemets (ex. "2023-06-12T10:24:00+02:00")',
}


# Time zones the programme may name: the IANA database shipped with tzdata (a dependency), so every machine agrees.
TIME_ZONE_EXAMPLES = "Europe/Paris, Indian/Reunion, America/Guadeloupe, America/Martinique, America/Cayenne, Indian/Mayotte, Pacific/Noumea"


@cache
def _time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def is_time_zone(value: str) -> bool:
    """True for an IANA time zone name (« Europe/Paris », « Indian/Reunion »)."""
    return value in _time_zones()


# Formats of our own, checked during schema validation (``"format": "fuseau-horaire"``), with what the message says.
FORMATS = {"fuseau-horaire": is_time_zone, "region-telephone": phones.is_region}
_FORMAT_MESSAGES = {
    "fuseau-horaire": ("n'est pas un fuseau horaire connu", f"Écrivez le nom IANA du fuseau (Continent/Ville, en anglais), par exemple : {TIME_ZONE_EXAMPLES}."),
    "region-telephone": (
        "n'est pas un code de région téléphonique connu",
        "Écrivez le code pays ISO à deux lettres majuscules : FR (métropole et Corse), RE (La Réunion), GP (Guadeloupe), MQ (Martinique), GF (Guyane), YT (Mayotte), NC (Nouvelle-Calédonie)…",
    ),
}


def _type_of(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "null"


class SchemaSet:
    """The compiled schemas of every file kind, loaded once per run."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or schemas_dir()
        self._children: dict[tuple[int, str, str | int], tuple[dict[str, Any], tuple[dict[str, Any], str]]] = {}
        self.by_name: dict[str, dict[str, Any]] = {}
        for path in sorted(self.directory.glob("*.schema.json")):
            self.by_name[path.name] = json.loads(path.read_text(encoding="utf-8"))

    @cached_property
    def _registry(self) -> jsonschema_rs.Registry:
        return jsonschema_rs.Registry([(self._uri(name), schema) for name, schema in self.by_name.items()])

    def _uri(self, name: str) -> str:
        return (self.directory / name).resolve().as_uri()

    @cached_property
    def validators(self) -> dict[str, Validator]:
        compiled: dict[str, Validator] = {}
        for kind, spec in KINDS.items():
            name = str(spec["schema"])
            compiled[kind] = jsonschema_rs.validator_for(self.by_name[name], registry=self._registry, base_uri=self._uri(name), validate_formats=True, formats=FORMATS)
        return compiled

    def check(self, document: Document) -> list[Finding]:
        validator = self.validators[document.kind]
        if validator.is_valid(document.data):
            return []
        explainer = _Explainer(self, document)
        errors = list(validator.iter_errors(document.data))
        # A value that fails its pattern also fails its format: report it once.
        misshapen = {tuple(error.instance_path) for error in errors if error.kind.name == "pattern"}
        findings: list[Finding] = []
        for error in errors:
            if error.kind.name == "format" and tuple(error.instance_path) in misshapen:
                continue
            findings.extend(explainer.explain(error))
        return findings

    # --- Schema navigation, to name fields by their French title -------------

    def resolve(self, node: dict[str, Any], current: str) -> tuple[dict[str, Any], str]:
        """Follow ``$ref`` (keeping sibling title/description) within our files."""
        seen = 0
        while "$ref" in node and seen < 10:
            seen += 1
            target, _, pointer = node["$ref"].partition("#")
            name = target or current
            resolved = self.by_name[name]
            for part in [p for p in pointer.split("/") if p]:
                resolved = resolved[part]
            merged = dict(resolved)
            merged.update({k: v for k, v in node.items() if k != "$ref"})
            node, current = merged, name
        return node, current

    def child(self, node: dict[str, Any], current: str, key: str | int) -> tuple[dict[str, Any], str]:
        """The resolved schema of item ``key`` of a value described by ``node`` (empty if unknown).

        Remembered per node: walking every value of a thousand files asks the
        same few hundred questions again and again. The node itself is kept
        with the answer, so that its identity can never be another node's.
        """
        remembered = self._children.get((id(node), current, key if isinstance(key, str) else 0))
        if remembered is not None and remembered[0] is node:
            return remembered[1]
        found = self._child(node, current, key)
        self._children[(id(node), current, key if isinstance(key, str) else 0)] = (node, found)
        return found

    def _child(self, node: dict[str, Any], current: str, key: str | int) -> tuple[dict[str, Any], str]:
        if isinstance(key, int):
            nxt = node.get("items")
        else:
            nxt = node.get("properties", {}).get(key)
            if nxt is None and isinstance(node.get("additionalProperties"), dict):
                nxt = node["additionalProperties"]
        if not isinstance(nxt, dict):
            return {}, current
        return self.resolve(nxt, current)

    def subschema(self, kind: str, path: DataPath) -> dict[str, Any]:
        """The schema (resolved) that describes the value at ``path``."""
        current = str(KINDS[kind]["schema"])
        node, current = self.resolve(self.by_name[current], current)
        for part in path:
            node, current = self.child(node, current, part)
            if not node:
                return {}
        return node


class _Explainer:
    def __init__(self, schemas: SchemaSet, document: Document) -> None:
        self.schemas = schemas
        self.document = document

    def _label(self, path: DataPath) -> str:
        title = self.schemas.subschema(self.document.kind, path).get("title")
        name = path[-1] if path and isinstance(path[-1], str) else None
        if name and title:
            return f"« {name} » ({title})"
        if name:
            return f"« {name} »"
        return f"« {title} »" if title else "le fichier"

    def _description(self, path: DataPath) -> str:
        description: str = self.schemas.subschema(self.document.kind, path).get("description", "")
        return description

    def explain(self, error: ValidationError) -> list[Finding]:
        if error.kind.name == "additionalProperties" and isinstance(error.kind, ValidationErrorKind.AdditionalProperties):
            # jsonschema-rs reports all unexpected keys of one mapping at once.
            path = tuple(error.instance_path)
            allowed = sorted(self.schemas.subschema(self.document.kind, path).get("properties", {}))
            return [self._unknown_key(path, key, allowed) for key in error.kind.unexpected]
        return [self._explain_one(error)]

    def _explain_one(self, error: ValidationError) -> Finding:
        doc = self.document
        path = tuple(error.instance_path)
        kind = error.kind
        name = kind.name
        if name == "required" and isinstance(kind, ValidationErrorKind.Required):
            child = path + (kind.property,)
            where = "à la racine du fichier" if not path else f"dans « {_render(path)} »"
            return doc.finding(
                REQUIRED,
                path,
                f"champ obligatoire {self._label(child)} absent {where}",
                f"Ajoutez « {kind.property}: … ». {self._description(child)}".strip(),
                at_key=True,
            )
        if name == "type" and isinstance(kind, ValidationErrorKind.Type):
            return self._wrong_type(path, kind.types, error.instance)
        if name in ("enum", "constant"):
            options = _allowed(kind)
            shown = ", ".join(_literal(option) for option in options)
            return doc.finding(
                NOT_ALLOWED,
                path,
                f"{self._label(path)} vaut {_literal(error.instance)}, qui n'est pas une valeur autorisée",
                f"Valeurs possibles : {shown}.",
            )
        if name == "pattern":
            expected = self._pattern_format(path)
            return doc.finding(
                BAD_FORMAT,
                path,
                f"{self._label(path)} vaut {_literal(error.instance)}, qui n'a pas le format attendu",
                f"Attendu : {expected}." if expected else self._description(path),
            )
        own_format = getattr(kind, "format", None)
        if name == "format" and own_format in _FORMAT_MESSAGES:
            problem, how = _FORMAT_MESSAGES[own_format]
            return doc.finding(BAD_FORMAT, path, f"{self._label(path)} vaut {_literal(error.instance)}, qui {problem}", how)
        if name == "format":
            return doc.finding(
                BAD_FORMAT,
                path,
                f"{self._label(path)} vaut {_literal(error.instance)}, qui n'est pas une date valide (jour, mois, heure ou décalage horaire inexistant)",
                f"Attendu : {self._pattern_format(path)}." if self._pattern_format(path) else None,
            )
        if name in ("minItems", "maxItems", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "uniqueItems"):
            return doc.finding(OUT_OF_BOUNDS, path, self._bounds_message(name, kind, path, error.instance), self._description(path) or None)
        if name in ("oneOf", "anyOf"):
            node = self.schemas.subschema(doc.kind, path)
            forms = [opt.get("title", "") for opt in node.get("oneOf", node.get("anyOf", []))]
            return doc.finding(
                NO_MATCHING_FORM,
                path,
                f"{self._label(path)} n'a aucune des formes admises ({', '.join(f for f in forms if f)})",
                self._description(path) or None,
            )
        return doc.finding(NO_MATCHING_FORM, path, f"{self._label(path)} ne respecte pas le schéma ({name})")

    def _unknown_key(self, path: DataPath, key: str, allowed: list[str]) -> Finding:
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        suggestion = f"Vouliez-vous dire « {close[0]} » ? " if close else ""
        listing = ", ".join(allowed)
        where = "à la racine du fichier" if not path else f"dans « {_render(path)} »"
        return self.document.finding(
            UNKNOWN_KEY,
            path + (key,),
            f"clé inconnue « {key} » {where}",
            f"{suggestion}Clés possibles ici : {listing}.",
            at_key=True,
        )

    def _wrong_type(self, path: DataPath, expected: list[str], value: object) -> Finding:
        doc = self.document
        wanted = " ou ".join(_TYPE_NAMES.get(t, t) for t in expected)
        got = _type_of(value)
        raw = doc.raw_scalars.get(path)
        if "string" in expected and got in ("integer", "number", "boolean") and raw is not None:
            key = path[-1] if path and isinstance(path[-1], str) else "valeur"
            return doc.finding(
                WRONG_TYPE,
                path,
                f"{self._label(path)} doit être du texte, mais {raw} a été lu comme {_TYPE_NAMES[got]}",
                f'Écrivez la valeur entre guillemets pour la garder telle quelle : {key}: "{raw}"',
            )
        shown = f" ({_literal(value)})" if got in ("string", "integer", "number", "boolean") else ""
        return doc.finding(
            WRONG_TYPE,
            path,
            f"{self._label(path)} doit être {wanted}, pas {_TYPE_NAMES.get(got, got)}{shown}",
            self._description(path) or None,
        )

    def _pattern_format(self, path: DataPath) -> str:
        node = self.schemas.subschema(self.document.kind, path)
        pattern = node.get("pattern")
        common = self.schemas.by_name.get("common.schema.json", {}).get("$defs", {})
        for def_name, label in _PATTERN_FORMATS.items():
            if common.get(def_name, {}).get("pattern") == pattern:
                return label
        description: str = node.get("description", "")
        return description.removesuffix(".")  # the message adds its own full stop

    def _bounds_message(self, name: str, kind: ValidationErrorKind, path: DataPath, value: object) -> str:
        label = self._label(path)
        limit = getattr(kind, "limit", None)
        messages = {
            "minItems": f"{label} doit contenir au moins {limit} élément(s)",
            "maxItems": f"{label} doit contenir au plus {limit} élément(s)",
            "minLength": f"{label} est vide" if limit == 1 else f"{label} doit faire au moins {limit} caractères",
            "maxLength": f"{label} doit faire au plus {limit} caractères",
            "minimum": f"{label} vaut {_literal(value)} ; le minimum est {limit}",
            "maximum": f"{label} vaut {_literal(value)} ; le maximum est {limit}",
            "exclusiveMinimum": f"{label} vaut {_literal(value)} ; il doit être supérieur à {limit}",
            "exclusiveMaximum": f"{label} vaut {_literal(value)} ; il doit être inférieur à {limit}",
            "uniqueItems": f"{label} contient deux fois la même valeur",
        }
        return messages[name]


def check_documents(schemas: SchemaSet, documents: list[Document]) -> tuple[list[Finding], set[str]]:
    """Schema-check every document; return findings and the files that failed."""
    findings: list[Finding] = []
    failed: set[str] = set()
    for document in documents:
        found = schemas.check(document)
        if found:
            failed.add(document.rel)
            findings.extend(found)
    return findings, failed


def _allowed(kind: ValidationErrorKind) -> Sequence[object]:
    """The values an « enum » or « const » keyword allows."""
    if isinstance(kind, ValidationErrorKind.Enum):
        return kind.options
    if isinstance(kind, ValidationErrorKind.Constant):
        return [kind.expected_value]
    return []


def _render(path: DataPath) -> str:
    return format_path(path)


def _literal(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "…"
        return f"« {shown} »"
    if value is None:
        return "(vide)"
    if isinstance(value, (list, dict)):
        return "une liste" if isinstance(value, list) else "un bloc"
    return str(value)
