"""Edit YAML text in place at the offsets the parser recorded: one value changes, every other byte stays.

Rewriting a file through a YAML library would lose its comments, its quotes
and its layout, and make every purge a diff of the whole file. Here an edit
is a replacement of one character range: a value's text (``replace_value``)
or a whole ``key: value`` entry (``remove_keys``), in block mappings (on its
own line, or first key of a ``- `` list item) and in flow mappings
(``{a: 1, b: 2}``). Ranges come from ``ParsedYaml.spans`` and ``key_spans``;
``value_end`` corrects the ends libyaml gives block collections and block
scalars (they run over the comments and blank lines that follow).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from acia.load.yamlsource import ParsedYaml
from acia.load.yamlsource import Path as DataPath

# Characters YAML does not allow as such in a double-quoted scalar, or reads as line breaks (libyaml follows YAML 1.1).
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


# A value that reads back as the same text when written without quotes, in block and flow context alike
# (« personne-2@example.org »), unless it looks like a number, a boolean or null.
_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9._@+-]*$")
_NOT_TEXT = re.compile(r"^(?:true|false|null|[-+.0-9].*)$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Edit:
    """Replace ``text[start:end]`` by ``replacement``."""

    start: int
    end: int
    replacement: str

    def shifted(self, offset: int) -> Edit:
        return Edit(self.start + offset, self.end + offset, self.replacement)


def apply(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with every edit made; edits may touch but never overlap (ValueError)."""
    ordered = sorted(set(edits))
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after.start < before.end:
            raise ValueError(f"modifications qui se chevauchent aux positions {before.start}-{before.end} et {after.start}-{after.end}")
    parts, position = [], 0
    for edit in ordered:
        parts.append(text[position : edit.start])
        parts.append(edit.replacement)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)


def quoted(value: str) -> str:
    """``value`` as a double-quoted YAML scalar, valid anywhere a value can be (block or flow)."""
    out = []
    for character in value:
        code = ord(character)
        if character in _ESCAPES:
            out.append(_ESCAPES[character])
        elif code < 0x20 or code == 0x7F or 0x80 <= code < 0xA0 or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(character)
    return '"' + "".join(out) + '"'


def value_at(data: object, path: DataPath) -> Any:
    for part in path:
        data = data[part]  # type: ignore[index]
    return data


def text_values(data: object, path: DataPath = ()) -> Iterable[tuple[DataPath, str]]:
    """Every text value of a document, with its path, in file order."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from text_values(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from text_values(value, path + (index,))
    elif isinstance(data, str) and path:
        yield path, data


def style(text: str, parsed: ParsedYaml, path: DataPath) -> str:
    """How the value at ``path`` is written: "double", "single", "block" (| or >), "flow" ({ or [) or "plain"."""
    start, end = parsed.spans[path]
    first = text[start:end][:1]
    return {'"': "double", "'": "single", "|": "block", ">": "block", "{": "flow", "[": "flow"}.get(first, "plain")


def in_flow(text: str, parsed: ParsedYaml, path: DataPath) -> bool:
    """Whether the value at ``path`` sits inside a flow collection (``{…}`` or ``[…]``), where « , [ ] { } » end a plain scalar."""
    return any(style(text, parsed, path[:depth]) == "flow" for depth in range(len(path)))


def value_end(text: str, parsed: ParsedYaml, path: DataPath) -> int:
    """Where the text of the value at ``path`` really ends: its last character, before any comment or blank line after it."""
    start, end = parsed.spans[path]
    value = value_at(parsed.data, path)
    kind = style(text, parsed, path)
    if isinstance(value, dict | list) and value and kind != "flow":
        last: str | int = next(reversed(value)) if isinstance(value, dict) else len(value) - 1
        return value_end(text, parsed, path + (last,))
    if kind == "block":
        return start + len(text[start:end].rstrip())
    return end


def replace_value(text: str, parsed: ParsedYaml, path: DataPath, value: str) -> Edit:
    """Write ``value`` in place of the scalar at ``path``: unquoted if it was and may stay so, else double-quoted; what follows on the line (a comment) stays."""
    start, _ = parsed.spans[path]
    plain = style(text, parsed, path) == "plain" and _PLAIN.match(value) and not _NOT_TEXT.match(value)
    return Edit(start, value_end(text, parsed, path), value if plain else quoted(value))


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _after_line(text: str, offset: int) -> int:
    """The offset just after the line break that ends the line of ``offset`` (the end of the text on the last line)."""
    if offset > 0 and text[offset - 1] == "\n":
        return offset
    found = text.find("\n", offset)
    return len(text) if found < 0 else found + 1


def remove_keys(text: str, parsed: ParsedYaml, mapping: DataPath, keys: Iterable[str]) -> list[Edit]:
    """The edits that take the entries ``keys`` out of the mapping at ``mapping``; a mapping left with no entry becomes ``{}``."""
    data = value_at(parsed.data, mapping)
    order = list(data)
    removed = {key for key in keys if key in data}
    if not removed:
        return []

    def key_start(key: str) -> int:
        return parsed.key_spans[mapping + (key,)][0]

    def end_of(key: str) -> int:
        return value_end(text, parsed, mapping + (key,))

    if removed == set(order):
        return [Edit(key_start(order[0]), end_of(order[-1]), "" if style(text, parsed, mapping) == "flow" else "{}")]
    if style(text, parsed, mapping) == "flow":
        return _remove_from_flow(order, removed, key_start, end_of)
    edits = []
    first = key_start(order[0])
    shares_line = text[_line_start(text, first) : first].strip() != ""  # « - key: » of a list item, or after « --- »
    for index, key in enumerate(order):
        if key not in removed:
            continue
        if shares_line and all(earlier in removed for earlier in order[: index + 1]):
            if index == 0:  # the run of removed keys at the start: the next kept key moves up after « - »
                kept = next(other for other in order if other not in removed)
                edits.append(Edit(first, key_start(kept), ""))
            continue
        edits.append(Edit(_line_start(text, key_start(key)), _after_line(text, end_of(key)), ""))
    return edits


def _remove_from_flow(order: list[str], removed: set[str], key_start: Any, end_of: Any) -> list[Edit]:
    """In ``{a: 1, b: 2, c: 3}``: an entry goes with the separator after it, or, after the last kept entry, with the one before it."""
    edits = []
    last_kept = max(index for index, key in enumerate(order) if key not in removed)
    for index, key in enumerate(order):
        if key not in removed:
            continue
        if index < last_kept:
            edits.append(Edit(key_start(key), key_start(order[index + 1]), ""))
        else:
            edits.append(Edit(end_of(order[index - 1]), end_of(key), ""))
    return edits
