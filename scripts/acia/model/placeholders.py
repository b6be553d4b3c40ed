"""Values left to complete: what ``acia init`` writes where the answers said nothing.

A new programme is valid from its first commit, so a value the team still has
to write cannot be missing: it is a placeholder that the schema accepts and
that ``acia valider`` reports as a warning (ACIA408) until it is replaced.
Two forms, both written by ``acia init`` and recognised here:

- a text containing the marker « À COMPLÉTER » (capital letters, so that a
  sentence such as « la grille à compléter » is not taken for one);
- the e-mail address ``a-completer@example.org`` (example.org is reserved for
  examples and never delivers), where an address is required.
"""

from __future__ import annotations

from collections.abc import Iterator

from acia.load import yamlsource
from acia.load.documents import Document
from acia.load.yamlsource import Path as DataPath

MARKER = "À COMPLÉTER"
EMAIL = "a-completer@example.org"
# The marker as people may retype it without accents; still capital letters.
_MARKERS = (MARKER, "A COMPLÉTER", "À COMPLETER", "A COMPLETER")


def text(what: str) -> str:
    """A placeholder text: « À COMPLÉTER : <what> »."""
    return f"{MARKER} : {what}"


def is_placeholder(value: str) -> bool:
    return any(marker in value for marker in _MARKERS) or value.strip().lower() == EMAIL


def found_in(document: Document) -> Iterator[tuple[DataPath, str]]:
    """Every placeholder of a loaded file, with its path, in file order."""
    yield from found(document.data)


def found(value: object, path: DataPath = ()) -> Iterator[tuple[DataPath, str]]:
    """Every placeholder in parsed YAML data, with its path."""
    if isinstance(value, str):
        if is_placeholder(value):
            yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from found(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from found(item, path + (index,))


def count(text: str) -> int:
    """How many placeholders a YAML text holds (what acia valider will report as ACIA408)."""
    return sum(1 for _ in found(yamlsource.parse(text).data))
