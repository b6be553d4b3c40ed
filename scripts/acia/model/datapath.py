"""Data paths such as « raci.lignes[a1-arbitrage].charge.heures »: what an erratum's « champ » names, resolved against the programme's data.

Keys are separated by dots; a list element is named in brackets by its
identifier (its « id » key, else the value of its first key; a plain value by
itself) or by its position from 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SEGMENT = re.compile(r"([A-Za-z0-9_]+)((?:\[[^\[\]]+\])*)")
_SELECTOR = re.compile(r"\[([^\[\]]+)\]")


def _matches(item: object, selector: str) -> bool:
    """Whether a list element is the one the selector names: by its « id », else by its first key's value; a plain value by itself."""
    if isinstance(item, dict):
        key = "id" if "id" in item else next(iter(item), None)
        return key is not None and str(item[key]) == selector
    return str(item) == selector


def _known(items: list[object]) -> str:
    names = [str(item.get("id", next(iter(item.values()), ""))) if isinstance(item, dict) else str(item) for item in items]
    return ", ".join(names) if names else "liste vide"


def problem(data: object, path: str) -> str | None:
    """Why ``path`` designates no value of ``data``, in French, or None when it does."""
    segments = path.strip().split(".")
    if not all(_SEGMENT.fullmatch(segment) for segment in segments):
        return f"« {path} » n'est pas un chemin de données (des clés séparées par des points, un élément de liste entre crochets)"
    current, walked = data, ""
    for segment in segments:
        match = _SEGMENT.fullmatch(segment)
        assert match is not None
        key, selectors = match.group(1), _SELECTOR.findall(match.group(2))
        if not isinstance(current, dict) or key not in current:
            return f"« {key} » n'existe pas dans {f'« {walked} »' if walked else 'le programme'}"
        current, walked = current[key], f"{walked}.{key}" if walked else key
        for selector in selectors:
            if not isinstance(current, list):
                return f"« {walked} » n'est pas une liste : « [{selector}] » n'y désigne rien"
            if selector.isdigit():
                if int(selector) >= len(current):
                    return f"« {walked} » n'a pas d'élément en position {selector} ({len(current)} éléments, numérotés à partir de 0)"
                found = current[int(selector)]
            else:
                found = next((item for item in current if _matches(item, selector)), None)
                if found is None:
                    return f"« {walked} » n'a pas d'élément « {selector} » (éléments : {_known(current)})"
            current, walked = found, f"{walked}[{selector}]"
    return None


# The keys that name a list element to a reader, best first (an axe's short title before its title).
LABEL_KEYS = ("titre_court", "libelle_court", "titre", "libelle", "sigle", "nom", "intitule", "action")


@dataclass(frozen=True)
class Step:
    """One key of a data path and the list elements it then selects, each by the label the data gives it."""

    key: str
    items: tuple[str, ...] = ()
    key_label: str | None = None  # a key that is an identifier of the data (« aract » in a RACI row's roles): its label


def _own_label(item: object, ids: dict[str, str] | None = None) -> str | None:
    """The element's label: the first of LABEL_KEYS it has that is not an identifier of the data (an « action » may name a RACI row)."""
    if isinstance(item, dict):
        return next((str(item[key]) for key in LABEL_KEYS if isinstance(item.get(key), str) and item[key].strip() and item[key] not in (ids or {})), None)
    return None


def _labels(data: object, found: dict[str, str]) -> dict[str, str]:
    """{identifier: label} of every element of ``data`` that has both (« axe-2 »: « Construction d'usages partagés »)."""
    if isinstance(data, dict):
        label = _own_label(data)
        if label is not None and isinstance(data.get("id"), str):
            found.setdefault(data["id"], label)
        for value in data.values():
            _labels(value, found)
    elif isinstance(data, list):
        for value in data:
            _labels(value, found)
    return found


def labels(data: object) -> dict[str, str]:
    """{identifier: label} of every element of ``data`` that has both, for ``steps``."""
    return _labels(data, {})


def steps(data: object, path: str, known: dict[str, str] | None = None) -> tuple[Step, ...]:
    """The keys of ``path`` with the labels of the list elements it selects, for a reader; () when it designates nothing (see ``problem``).

    An element is named by its own label (« libelle », « titre »…), else by the
    label of the identifier that selects it (« reponse_recommandations[axe-2] »:
    the axe's title), else by its position (« n° 2 »). ``known`` is
    ``labels(data)`` when the caller has it already (many paths, one data).
    """
    if problem(data, path) is not None:
        return ()
    labels = known if known is not None else _labels(data, {})
    found: list[Step] = []
    current = data
    for segment in path.strip().split("."):
        match = _SEGMENT.fullmatch(segment)
        assert match is not None
        key, selectors = match.group(1), _SELECTOR.findall(match.group(2))
        assert isinstance(current, dict)
        current = current[key]
        items = []
        for selector in selectors:
            assert isinstance(current, list)
            if selector.isdigit():
                current = current[int(selector)]
                items.append(_own_label(current, labels) or f"n° {int(selector) + 1}")
            else:
                current = next(item for item in current if _matches(item, selector))
                items.append(_own_label(current, labels) or labels.get(selector, selector))
        found.append(Step(key, tuple(items), labels.get(key)))
    return tuple(found)
