"""What ``acia valider`` found in each file, kept in ``build/.cache/constats.marshal`` for the next run.

Most of a validation is spent on one file at a time: its schema, and the
rules that read one file and the programme (``FILE_SCOPE``: SIRET, FINESS,
e-mail addresses, phone numbers…). What they find in a file depends on
nothing but that file's text, its path, the programme's text, the schemas and
acia's own code: kept under the hash of all of them, it is reused as long as
none changes, so a run after one edited application checks that one again,
and only the rules that compare files (``INSTANCE_SCOPE``) and those that
read the date of the run (``READS_NOW``) run on the whole instance.

Like the parses (``acia.load.parsed``): one ``marshal`` file, read and written
once a run, holding the files of the last run only, ignored when it does not
read back or was written by other code. The cache can never change a finding
(``tests/test_parsed_cache.py``).
"""

from __future__ import annotations

import functools
import hashlib
import json
import marshal
import os
from dataclasses import astuple
from pathlib import Path
from typing import Any

import acia
from acia import cache
from acia.check.schema import SchemaSet
from acia.findings import Finding
from acia.load.documents import Document

NAME = "constats.marshal"  # in build/.cache
_FORMAT = 1  # the layout of the file: raised when it changes

# (failed its schema, findings of its schema, findings of the file rules)
Entry = tuple[bool, list[Finding], list[Finding]]


@functools.lru_cache(maxsize=1)
def _code() -> str:
    """acia's code: every module of the package, so that a changed rule is never answered from the cache."""
    package = Path(acia.__file__).parent
    return cache.fingerprint(acia.__version__, str(_FORMAT), *sorted(package.rglob("*.py")))


def _schemas(schemas: SchemaSet) -> str:
    return hashlib.sha256(json.dumps(schemas.by_name, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


class KeptFindings:
    """The findings kept for one instance: read once, consulted per file, written back once (``save``)."""

    def __init__(self, path: Path, schemas: SchemaSet, programme: Document | None) -> None:
        self.path = path
        self.stamp = cache.fingerprint(_code(), _schemas(schemas), programme.rel if programme else "-", programme.digest if programme else "-")
        self.before = _load(path, self.stamp)
        self.now: dict[str, Any] = {}

    @classmethod
    def of(cls, root: Path, schemas: SchemaSet, programme: Document | None) -> KeptFindings:
        return cls(root / cache.FOLDER / NAME, schemas, programme)

    @staticmethod
    def key(document: Document) -> str:
        return hashlib.sha256(f"{document.kind}\0{document.rel}\0{document.digest}".encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, document: Document) -> Entry | None:
        """What was found in this file, when neither it nor anything it is checked against changed."""
        address = self.key(document)
        entry = self.before.get(address)
        if entry is None:
            return None
        try:
            failed, schema, rules = entry
            found = (bool(failed), [Finding(*values) for values in schema], [Finding(*values) for values in rules])
        except (TypeError, ValueError):
            return None
        self.now[address] = entry
        return found

    def put(self, document: Document, entry: Entry) -> None:
        failed, schema, rules = entry
        self.now[self.key(document)] = (failed, [astuple(finding) for finding in schema], [astuple(finding) for finding in rules])

    def save(self) -> None:
        """Keep the findings of this run's files only; nothing to write when nothing changed."""
        if self.now.keys() == self.before.keys():
            return
        try:
            content = marshal.dumps((self.stamp, self.now))
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            temporary.write_bytes(content)
            temporary.replace(self.path)  # whole or not at all, for a run at the same time
        except (OSError, ValueError):
            pass  # a read-only checkout: the next run checks again


def _load(path: Path, stamp: str) -> dict[str, Any]:
    try:
        kept_stamp, entries = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return entries if kept_stamp == stamp and isinstance(entries, dict) else {}
