"""Parsed YAML kept under ``build/.cache/yaml/`` by the hash of the text, so a file read before is not parsed again.

Reading a file with the position of every value is most of the time
``acia valider`` takes (about 0.8 ms a file): a pre-commit run after one
edited file would parse a thousand unchanged ones again. The parse of a text
depends on nothing but that text and our parser (``yamlsource``, PyYAML's
version), so its result is kept under the hash of all three (``acia.cache``)
as ``marshal`` data: plain values, read back about 25 times faster than they
are parsed. ``marshal`` builds values, never runs code; a file that does not
read back is parsed again. The cache can never change a finding
(``tests/test_parsed_cache.py``); removing ``build/.cache`` is always safe.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
from pathlib import Path
from typing import cast

import yaml

import acia
from acia import cache
from acia.load import yamlsource

KIND = "yaml"  # build/.cache/yaml
_FORMAT = 1  # the layout of a kept entry: raised when it changes


@functools.lru_cache(maxsize=1)
def _code() -> str:
    return cache.fingerprint(acia.__version__, yaml.__version__, str(_FORMAT), Path(yamlsource.__file__), Path(__file__))


def parse(text: str, kept: cache.ContentCache | None) -> yamlsource.ParsedYaml:
    """``yamlsource.parse(text)``, from ``kept`` when this text was parsed before (and kept there when not)."""
    if kept is None:
        return yamlsource.parse(text)
    key = hashlib.sha256(_code().encode() + b"\0" + text.encode("utf-8", "surrogatepass")).hexdigest()
    entry = kept.get(key, ".marshal")
    if entry is not None:
        parsed = _read(entry)
        if parsed is not None:
            return parsed
    parsed = yamlsource.parse(text)
    try:
        kept.put(key, ".marshal", _written(parsed))
    except (OSError, ValueError):
        pass  # a read-only checkout, or a value marshal cannot write: the parse stands, uncached
    return parsed


def _written(parsed: yamlsource.ParsedYaml) -> bytes:
    return marshal.dumps(
        (
            parsed.data,
            {path: tuple(position) for path, position in parsed.positions.items()},
            {path: tuple(position) for path, position in parsed.key_positions.items()},
            parsed.raw_scalars,
            [(problem.kind, problem.message, tuple(problem.position), problem.path) for problem in parsed.problems],
        )
    )


def _read(entry: bytes) -> yamlsource.ParsedYaml | None:
    """The parse kept in ``entry``; None when it does not read back (another layout, a damaged file)."""
    try:
        data, positions, key_positions, raw_scalars, problems = marshal.loads(entry)
        return yamlsource.ParsedYaml(
            data=data,
            # (line, column) tuples, not Position objects (building 100,000 of them would cost
            # half the parse saved): Document.where and key_where read both alike.
            positions=cast(dict[yamlsource.Path, yamlsource.Position], positions),
            key_positions=cast(dict[yamlsource.Path, yamlsource.Position], key_positions),
            problems=[yamlsource.Problem(kind, message, yamlsource.Position(*position), path) for kind, message, position, path in problems],
            raw_scalars=raw_scalars,
        )
    except (EOFError, ValueError, TypeError):
        return None
