"""One data file as text, with the offsets of every value: what an in-place edit starts from.

The loader (``acia.load.documents``) normalises what it reads (byte order mark,
Windows line endings) and keeps positions as lines; an edit needs the exact
text and character offsets instead. Files are read through ``safe_files``
only, so nothing outside the instance is ever read (or, later, written).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from acia import safe_files
from acia.load import yamlsource
from acia.load.documents import KINDS, MAX_BYTES, kind_of
from acia.load.yamlsource import ParsedYaml

_BOM = "\ufeff"


class SourceError(Exception):
    """A data file that cannot be read or rewritten; the message is French and names the file."""


@dataclass
class SourceFile:
    """The text of a data file and its parsed YAML (the header of minutes), with offsets into ``text``."""

    rel: str  # path from the instance root, "/" separators
    kind: str  # a key of acia.load.documents.KINDS
    text: str  # the whole file, without its byte order mark
    bom: bool
    yaml_text: str  # the YAML part, as parsed (minutes: "\n" + the header lines)
    yaml_offset: int  # offset in ``text`` of yaml_text[0]
    parsed: ParsedYaml
    body_start: int  # offset in ``text`` of the Markdown body (len(text) when there is none)

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset of ``text``."""
        line_start = self.text.rfind("\n", 0, offset) + 1
        return self.text.count("\n", 0, offset) + 1, offset - line_start + 1

    def encoded(self, text: str) -> bytes:
        """``text`` as the file's bytes (UTF-8, with the byte order mark the file had)."""
        return ((_BOM if self.bom else "") + text).encode("utf-8")


def read(root: Path, rel: str) -> SourceFile:
    """Read and parse one data file of the instance; ``SourceError`` when it cannot be (the loader says why in detail)."""
    kind = kind_of(rel)
    if kind is None:
        raise SourceError(f"{rel} : ce n'est pas un fichier de données")
    try:
        raw = safe_files.read_bytes(root, rel, MAX_BYTES)
    except safe_files.Refused as refusal:
        raise SourceError(f"{rel} : {refusal.message}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SourceError(f"{rel} : le fichier n'est pas du texte UTF-8 (acia valider dit où)") from None
    bom = text.startswith(_BOM)
    if bom:
        text = text[1:]
    yaml_text, yaml_offset, body_start = text, 0, len(text)
    if KINDS[kind].get("front_matter"):
        lines = text.split("\n")
        if not lines or lines[0].strip() != "---":
            yaml_text, body_start = "", 0
        else:
            closing = next((index for index in range(1, len(lines)) if lines[index].strip() in ("---", "...")), None)
            if closing is None:
                raise SourceError(f"{rel} : l'en-tête commencé par « --- » n'est jamais fermé par une ligne « --- »")
            # As the loader: "\n" + the header lines, so yaml_text[i] is text[i + len(first line)].
            yaml_text = "\n" + "\n".join(lines[1:closing])
            yaml_offset = len(lines[0])
            body_start = min(len(text), sum(len(line) + 1 for line in lines[: closing + 1]))
    parsed = yamlsource.parse(yaml_text)
    if any(problem.kind == "syntaxe" for problem in parsed.problems):
        raise SourceError(f"{rel} : YAML invalide (acia valider dit où et comment le corriger)")
    return SourceFile(rel, kind, text, bom, yaml_text, yaml_offset, parsed, body_start)


def write(root: Path, rel: str, content: bytes) -> None:
    """Replace ``root/rel`` atomically: a temporary file in the same folder, then ``os.replace``.

    The target must be a regular file inside the instance (never through a
    symbolic link); its permissions are kept.
    """
    reason = safe_files.outside_reason(root, rel)
    if reason is not None:
        raise SourceError(f"{rel} : {reason}")
    target = root / rel
    try:
        mode = os.stat(target, follow_symlinks=False).st_mode & 0o7777
        descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, mode)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise SourceError(f"{rel} : écriture impossible ({error.strerror or error})") from None
