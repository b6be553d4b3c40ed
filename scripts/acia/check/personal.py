"""The personal data of a data file, as the schemas mark it (``x-acia-donnee-personnelle``).

A field is personal when its schema says so: « personne » objects (civilité,
prénom, nom), and the team's names, e-mails and phones. This walk is what
``acia purger`` rewrites, what ``acia extraire`` looks for, and what the
retention warning counts, so the three agree on what « personal » means.

A purged value is replaced by a pseudonym that still validates and that no
person can have: « [personne 2] », « [effacé] », « personne-2@example.org ».
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from acia.check.schema import SchemaSet
from acia.load.documents import KINDS, Document
from acia.load.yamlsource import Path as DataPath

MARK = "x-acia-donnee-personnelle"
ERASED = "[effacé]"
_PSEUDONYM = re.compile(r"^(?:\[effacé\]|\[personne \d+\]|personne-\d+@example\.org)$")
# Fields of a « personne » object that say nothing about who the person is.
NEUTRAL_FIELDS = ("civilite", "titre")


def pseudonym_name(number: int) -> str:
    return f"[personne {number}]"


def pseudonym_email(number: int) -> str:
    return f"personne-{number}@example.org"


def is_pseudonym(value: object) -> bool:
    return isinstance(value, str) and bool(_PSEUDONYM.match(value.strip()))


@dataclass(frozen=True)
class PersonalValue:
    """One personal field of a file: where it is, what it holds, and whether the schema requires it."""

    path: DataPath
    kind: str  # personne, nom, prenom, email, telephone
    value: Any  # a text, or the « personne » object
    required: bool  # required by its parent object: pseudonymised; otherwise removed by a purge

    @property
    def texts(self) -> tuple[str, ...]:
        """The identifying texts of the value (a person's first and family names, an e-mail, a phone)."""
        if isinstance(self.value, dict):
            return tuple(str(text) for key, text in self.value.items() if key not in NEUTRAL_FIELDS and isinstance(text, str) and text.strip())
        return (self.value,) if isinstance(self.value, str) and self.value.strip() else ()

    @property
    def erased(self) -> bool:
        """True when nothing in it identifies a person any more."""
        return all(is_pseudonym(text) for text in self.texts)


def personal_values(schemas: SchemaSet, kind: str, data: object) -> list[PersonalValue]:
    """Every personal field of a document of ``kind`` (a key of ``load.documents.KINDS``), in file order."""
    if kind not in KINDS:
        return []
    name = str(KINDS[kind]["schema"])
    node, current = schemas.resolve(schemas.by_name[name], name)
    found: list[PersonalValue] = []
    _walk(schemas, node, current, data, (), found)
    return found


def _walk(schemas: SchemaSet, node: dict[str, Any], current: str, data: object, path: DataPath, found: list[PersonalValue]) -> None:
    if isinstance(data, dict):
        required = node.get("required", [])
        for key, value in data.items():
            child, child_file = schemas.child(node, current, key)
            mark = child.get(MARK)
            if isinstance(mark, str):
                found.append(PersonalValue(path + (key,), mark, value, key in required))
            else:
                _walk(schemas, child, child_file, value, path + (key,), found)
    elif isinstance(data, list):
        for index, item in enumerate(data):
            child, child_file = schemas.child(node, current, index)
            _walk(schemas, child, child_file, item, path + (index,), found)


def remaining_in(schemas: SchemaSet, document: Document) -> list[PersonalValue]:
    """The personal fields of a loaded file that still name someone (none once the file is purged)."""
    return [value for value in personal_values(schemas, document.kind, document.data) if not value.erased]
