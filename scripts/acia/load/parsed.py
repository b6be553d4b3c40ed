"""Parsed YAML kept in ``build/.cache/yaml.marshal``, so a file read before is not parsed again.

Reading a file with the position of every value is most of the time
``acia valider`` takes (about 0.5 ms a file): a pre-commit run after one
edited file would parse a thousand unchanged ones again. The parse of a text
depends on nothing but that text and our parser (``yamlsource``, PyYAML's
version): the parses of the instance's files are kept together, under the
hash of each text, in one ``marshal`` file stamped with the parser's
fingerprint. One file, read and written once a run: reading it back is about
25 times faster than parsing, and writing it costs a cold run little. It holds
the files of the last run only, so it never grows. ``marshal`` builds plain
values and never runs code; a file that does not read back, or another
parser's, is ignored. The cache can never change a finding
(``tests/test_parsed_cache.py``); removing ``build/.cache`` is always safe.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

import acia
from acia import cache, forking
from acia.load import yamlsource

Entry = tuple[Any, ...]  # a parse as plain values: data, positions, key positions, raw scalars, problems
NAME = "yaml.marshal"  # in build/.cache
_FORMAT = 3  # the layout of the file: raised when it changes
PARALLEL_FROM = 200  # new texts from which parsing them in other processes pays for starting them
# Writing the file back costs about what parsing one text in twenty does
# (a thousand kept parses are 8 MB): after a run that parsed fewer anew, they
# are parsed again next run rather than the whole file written for them.
REWRITE_SHARE = 20


@functools.lru_cache(maxsize=1)
def _code() -> str:
    return cache.fingerprint(acia.__version__, yaml.__version__, str(_FORMAT), Path(yamlsource.__file__), Path(__file__))


class Parses:
    """The kept parses of one instance: read once, consulted per file, written back once (``save``)."""

    def __init__(self, path: Path | None) -> None:
        """The parses kept at ``path``; None keeps nothing (every text is parsed, nothing is written)."""
        self.path = path
        self.before = _load(path) if path is not None else {}
        self.now: dict[str, Entry] = {}
        self.ahead: dict[str, Entry] = {}  # parsed beforehand by parse_all, not kept yet

    @classmethod
    def of(cls, root: Path) -> Parses:
        return cls(root / cache.FOLDER / NAME)

    def parse_all(self, texts: Sequence[str]) -> None:
        """Parse beforehand, on every core, those of ``texts`` not kept, when there are many (``parse`` then finds them)."""
        missing = {}
        for text in texts:
            key = _key(text)
            if key not in self.before and key not in self.ahead:
                missing[key] = text
        workers = min(forking.cores(), len(missing) // (PARALLEL_FROM // 2))
        if len(missing) < PARALLEL_FROM or workers < 2 or not forking.can_fork():
            return
        texts = list(missing.values())
        shares = forking.map_shares(_parse_share, [texts[start::workers] for start in range(workers)])
        for start, share in enumerate(shares):
            self.ahead.update(zip(list(missing)[start::workers], share, strict=True))

    def parse(self, text: str, key: str | None = None) -> yamlsource.ParsedYaml:
        """``yamlsource.parse(text)``, from the kept parses when this text was parsed before; ``key``: ``text``'s hash when known."""
        key = key or _key(text)
        entry = self.before.get(key) or self.ahead.get(key)
        if entry is not None:
            parsed = _read(entry, fresh=key in self.now)
            if parsed is not None:
                self.now[key] = entry
                return parsed
        parsed = yamlsource.parse(text, spans=False)
        self.now[key] = _plain(parsed)
        return parsed

    def save(self) -> None:
        """Keep the parses of this run (those of files gone or changed are forgotten), when enough were parsed anew (``REWRITE_SHARE``)."""
        fresh = sum(1 for key in self.now if key not in self.before)
        if self.path is None or fresh == 0 or fresh * REWRITE_SHARE < len(self.now):
            return
        try:
            content = marshal.dumps((_code(), self.now))
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            temporary.write_bytes(content)
            temporary.replace(self.path)  # whole or not at all, for a run at the same time
        except (OSError, ValueError):
            pass  # a read-only checkout, or a value marshal cannot write: the next run parses again


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _parse_share(texts: list[str]) -> list[Entry]:
    """The plain parses (as kept in the cache) of a share of the texts, in a forked process (``parse_all``)."""
    return [_plain(yamlsource.parse(text, spans=False)) for text in texts]


def _load(path: Path) -> dict[str, Entry]:
    try:
        fingerprint, entries = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return entries if fingerprint == _code() and isinstance(entries, dict) else {}


class _Packed(Mapping[yamlsource.Path, yamlsource.Place]):
    """The positions of a kept parse, unpacked on the first question: most files never get a finding, and never ask.

    Building a hundred thousand (line, column) tuples at each run was most of
    the time spent reading the kept parses back.
    """

    __slots__ = ("_packed", "_places")

    def __init__(self, packed: bytes) -> None:
        self._packed = packed
        self._places: dict[yamlsource.Path, yamlsource.Place] | None = None

    def _unpacked(self) -> dict[yamlsource.Path, yamlsource.Place]:
        if self._places is None:
            self._places = marshal.loads(self._packed)
        return self._places

    def __getitem__(self, path: yamlsource.Path) -> yamlsource.Place:
        return self._unpacked()[path]

    def __iter__(self) -> Iterator[yamlsource.Path]:
        return iter(self._unpacked())

    def __len__(self) -> int:
        return len(self._unpacked())


def _pack(places: Mapping[yamlsource.Path, yamlsource.Place]) -> bytes:
    return places._packed if isinstance(places, _Packed) else marshal.dumps(dict(places))


def _plain(parsed: yamlsource.ParsedYaml) -> Entry:
    return (
        parsed.data,
        _pack(parsed.positions),
        _pack(parsed.key_positions),
        parsed.raw_scalars,
        [(problem.kind, problem.message, tuple(problem.position), problem.path) for problem in parsed.problems],
    )


def _read(entry: Entry, fresh: bool) -> yamlsource.ParsedYaml | None:
    """The parse kept in ``entry`` (its data copied when ``fresh``: a second file with the same text); None when it does not read back."""
    try:
        data, positions, key_positions, raw_scalars, problems = entry
        if not isinstance(positions, bytes) or not isinstance(key_positions, bytes):
            return None
        return yamlsource.ParsedYaml(
            data=_copy(data) if fresh else data,
            positions=_Packed(positions),
            key_positions=_Packed(key_positions),
            problems=[yamlsource.Problem(kind, message, yamlsource.Position(*position), path) for kind, message, position, path in problems],
            raw_scalars=raw_scalars,
        )
    except (ValueError, TypeError):
        return None


def _copy(data: object) -> object:
    """The data in new containers: two documents never share theirs."""
    if isinstance(data, dict):
        return {key: _copy(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_copy(value) for value in data]
    return data
