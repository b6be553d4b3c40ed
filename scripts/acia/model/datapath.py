"""Data paths such as « raci.lignes[a1-arbitrage].charge.heures »: what an erratum's « champ » names, resolved against the programme's data.

Keys are separated by dots; a list element is named in brackets by its
identifier (its « id » key, else the value of its first key; a plain value by
itself) or by its position from 0.
"""

from __future__ import annotations

import re

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
