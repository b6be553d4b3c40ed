"""What each audience may see, as declared in the schemas (``x-acia-visibilite``).

The same walk serves two purposes: stripping internal fields from data before
a public page is rendered, and listing every internal value so that tests can
check that none reaches a public build.
"""

from __future__ import annotations

import copy

from acia.check.schema import SchemaSet

INTERNAL = "interne"


def _is_internal(node: dict) -> bool:
    return node.get("x-acia-visibilite") == INTERNAL


def public_copy(schemas: SchemaSet, schema_name: str, data):
    """A deep copy of ``data`` without the fields the schema marks internal."""
    node, current = schemas.resolve(schemas.by_name[schema_name], schema_name)
    if _is_internal(node):
        return None
    return _strip(schemas, node, current, copy.deepcopy(data))


def _strip(schemas: SchemaSet, node: dict, current: str, data):
    if isinstance(data, dict):
        for key in list(data):
            child, child_file = schemas.child(node, current, key)
            if _is_internal(child):
                del data[key]
            else:
                data[key] = _strip(schemas, child, child_file, data[key])
    elif isinstance(data, list):
        kept = []
        for index, item in enumerate(data):
            child, child_file = schemas.child(node, current, index)
            if not _is_internal(child):
                kept.append(_strip(schemas, child, child_file, item))
        return kept
    return data


def internal_values(schemas: SchemaSet, schema_name: str, data) -> set[str]:
    """Every text or number value that sits in (or under) an internal field."""
    node, current = schemas.resolve(schemas.by_name[schema_name], schema_name)
    found: set[str] = set()
    _collect(schemas, node, current, data, _is_internal(node), found)
    return found


def _collect(schemas: SchemaSet, node: dict, current: str, data, inside: bool, found: set[str]) -> None:
    if isinstance(data, dict):
        for key, value in data.items():
            child, child_file = schemas.child(node, current, key)
            _collect(schemas, child, child_file, value, inside or _is_internal(child), found)
    elif isinstance(data, list):
        for index, item in enumerate(data):
            child, child_file = schemas.child(node, current, index)
            _collect(schemas, child, child_file, item, inside or _is_internal(child), found)
    elif inside and isinstance(data, str) and data.strip():
        found.add(data)


def is_internal(schemas: SchemaSet, kind: str, path: tuple[str | int, ...]) -> bool:
    """Whether the value at ``path`` of a file of ``kind`` is internal as a whole.

    It is when its field, or one of the fields above it, is marked internal,
    and, for a list, when its items are: a list of internal items (the
    members of the project team) holds nothing an outside audience may read.
    """
    if any(_is_internal(schemas.subschema(kind, path[:depth])) for depth in range(len(path) + 1)):
        return True
    return schemas.subschema(kind, path).get("type") == "array" and _is_internal(schemas.subschema(kind, (*path, 0)))
