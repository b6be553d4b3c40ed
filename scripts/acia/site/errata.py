"""The Errata page's context: the programme's errata grouped by nature, under the French titles and introductions the schema gives."""

from __future__ import annotations

from acia.check.schema import SchemaSet
from acia.model.datapath import Step
from acia.model.programme import Erratum, Programme
from acia.site import contexts, escape


def page(programme: Programme, schemas: SchemaSet) -> contexts.ErrataPage:
    """One group per nature, in the schema's order (corrections, contradictions, choices); a nature without errata is left out."""
    nature = schemas.subschema("programme", ("errata", 0, "nature"))
    statuses = schemas.subschema("programme", ("errata", 0, "statut")).get("x-acia-libelles", {})
    titles, introductions = nature.get("x-acia-libelles", {}), nature.get("x-acia-introductions", {})
    groups = []
    for kind in nature.get("enum", []):
        entries = tuple(_entry(item, str(statuses.get(item.status, item.status)), schemas) for item in programme.errata if item.nature == kind)
        if entries:
            groups.append(contexts.ErrataGroup(str(titles.get(kind, kind)), str(introductions.get(kind, "")), entries))
    return contexts.ErrataPage(tuple(groups))


def _entry(erratum: Erratum, status: str, schemas: SchemaSet) -> contexts.ErrataEntry:
    """A path that designates nothing (an ACIA409 error, so never in a built site) is shown as written, as code."""
    steps_of = erratum.places or ((),) * len(erratum.paths)
    places = tuple(place(steps, schemas) if steps else escape.code(path) for path, steps in zip(erratum.paths, steps_of, strict=True))
    title = erratum.title or " et ".join(place(steps, schemas) if steps else path for path, steps in zip(erratum.paths, steps_of, strict=True))
    return contexts.ErrataEntry(erratum, status, title, places)


def _in_sentence(title: str) -> str:
    """« Fin » as « fin » after a comma; « OG » stays as it is."""
    return title[0].lower() + title[1:] if len(title) > 1 and title[1].islower() else title


def place(steps: tuple[Step, ...], schemas: SchemaSet) -> str:
    """Where a data path points, as a reader names it, from the schema's titles and the data's labels.

    « calendrier.regional[analyse].fin » reads « Calendrier régional, « Analyse des
    candidatures des établissements », fin »: each key by its schema title (a title
    the next one repeats, « Calendrier » before « Calendrier régional », is left
    out), each list element by its label.
    """
    parts: list[tuple[str, bool]] = []  # (text, is a schema title)
    trail: list[str | int] = []
    for step in steps:
        trail.append(step.key)
        title = schemas.subschema("programme", tuple(trail)).get("title")
        if title is None:
            parts.append((step.key_label or step.key, False))  # a key that is an identifier (« aract »), by its label
        else:
            if parts and parts[-1][1] and str(title).lower().startswith(parts[-1][0].lower()):
                parts.pop()
            parts.append((str(title), True))
        for item in step.items:
            trail.append(0)
            parts.append((f"« {item} »", False))
    return ", ".join(text if index == 0 or not is_title else _in_sentence(text) for index, (text, is_title) in enumerate(parts))
