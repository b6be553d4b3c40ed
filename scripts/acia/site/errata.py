"""The Errata page's context: the programme's errata grouped by nature, under the French titles and introductions the schema gives."""

from __future__ import annotations

from acia.check.schema import SchemaSet
from acia.model.programme import Programme
from acia.site import contexts


def page(programme: Programme, schemas: SchemaSet) -> contexts.ErrataPage:
    """One group per nature, in the schema's order (corrections, contradictions, choices); a nature without errata is left out."""
    nature = schemas.subschema("programme", ("errata", 0, "nature"))
    statuses = schemas.subschema("programme", ("errata", 0, "statut")).get("x-acia-libelles", {})
    titles, introductions = nature.get("x-acia-libelles", {}), nature.get("x-acia-introductions", {})
    groups = []
    for kind in nature.get("enum", []):
        entries = tuple(contexts.ErrataEntry(item, str(statuses.get(item.status, item.status))) for item in programme.errata if item.nature == kind)
        if entries:
            groups.append(contexts.ErrataGroup(str(titles.get(kind, kind)), str(introductions.get(kind, "")), entries))
    return contexts.ErrataPage(tuple(groups))
