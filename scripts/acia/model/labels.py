"""The French labels of the values a schema lists (``x-acia-libelles``): the one place a value written in the data gets the words a reader sees.

« liste_attente » is written in data/selection.yml, « liste d'attente » is what a
page, a letter or a message shows. The labels live in the tool's schemas, next to
the values they name (as for every other enum: statuses of errata, kinds of
instance…), and are read from there by the model, the pages and the rules alike.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from acia import paths


@functools.cache
def _schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((paths.SCHEMAS / name).read_text(encoding="utf-8"))
    return loaded


def of(schema: str, *keys: str) -> dict[str, str]:
    """{value: label} of the enum at ``keys`` of ``schema`` (« livrables.schema.json », « livrables », « statut »), through lists and local ``$defs``.

    Every value of the enum must have its label: a value without one would reach a reader as written in the data.
    """
    root = _schema(schema)
    node = root
    for key in keys:
        node = _resolved(root, node)
        if node.get("type") == "array":
            node = _resolved(root, node["items"])
        node = node["properties"][key]
    node = _resolved(root, node)
    source = node if "enum" in node else _resolved(root, node.get("items", {}))
    labels = dict(node.get("x-acia-libelles") or source.get("x-acia-libelles") or {})
    missing = [value for value in source["enum"] if value not in labels]
    if missing:
        raise KeyError(f"{schema} : {'.'.join(keys)} n'a pas de libellé pour {', '.join(missing)} (x-acia-libelles)")
    return {str(value): str(labels[value]) for value in source["enum"]}


def _resolved(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    reference = node.get("$ref", "")
    if reference.startswith("#/$defs/"):
        resolved: dict[str, Any] = root["$defs"][reference.removeprefix("#/$defs/")]
        return resolved
    return node
