"""Files kept under ``build/.cache/`` by the hash of everything that made them.

Converting a letter or passing a built page over our checks gives the same
bytes for the same inputs; keeping the result under the hash of those inputs
(and of the code and tools that make it: ``fingerprint``) lets a later run
reuse it instead of doing the work again. A change of any input or of the
code gives another key, never a stale file. Entries not used for
``MAX_AGE_DAYS`` are removed by ``prune``, so the folder does not grow
without end; removing ``build/.cache`` is always safe, and ``acia purger
--appliquer`` does it (``clear``), since kept parses and letters may hold the
personal data it has just erased.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
import time
from collections.abc import Iterable
from pathlib import Path

FOLDER = Path("build") / ".cache"
MAX_AGE_DAYS = 60


def fingerprint(*parts: str | bytes | Path) -> str:
    """The hash of ``parts``: strings, bytes, and files (by content; a missing file counts as such)."""
    digest = hashlib.sha256()
    for part in parts:
        if isinstance(part, Path):
            data = part.read_bytes() if part.is_file() else b"-"
            digest.update(part.name.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
        else:
            digest.update((part.encode("utf-8") if isinstance(part, str) else part) + b"\0")
    return digest.hexdigest()


def clear(root: Path) -> bool:
    """Remove the instance's whole ``build/.cache`` (after an erasure of personal data: the kept parses and letters held them); whether there was one."""
    folder = root / FOLDER
    if folder.is_symlink() or not folder.is_dir():
        return False
    shutil.rmtree(folder, ignore_errors=True)
    return True


class ContentCache:
    """One kind of cached file (``documents``, ``pages``) of one instance: ``root/build/.cache/<kind>/``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def of(cls, root: Path, kind: str) -> ContentCache:
        return cls(root / FOLDER / kind)

    def _path(self, key: str, suffix: str) -> Path:
        return self.folder / key[:2] / f"{key}{suffix}"

    def get(self, key: str, suffix: str) -> bytes | None:
        """The kept file, or None; a file read is marked as still in use."""
        path = self._path(key, suffix)
        try:
            content = path.read_bytes()
            os.utime(path)
        except OSError:
            return None
        return content

    def put(self, key: str, suffix: str, content: bytes) -> None:
        """Keep ``content`` (written aside, then renamed: a reader never sees half a file)."""
        path = self._path(key, suffix)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        temporary.write_bytes(content)
        temporary.replace(path)

    def prune(self, now: float | None = None) -> int:
        """Remove the files not used for ``MAX_AGE_DAYS`` days; how many went."""
        limit = (time.time() if now is None else now) - MAX_AGE_DAYS * 86400
        removed = 0
        for path in self._files():
            try:
                if path.stat().st_mtime < limit:
                    path.unlink()
                    removed += 1
            except OSError:
                continue
        return removed

    def _files(self) -> Iterable[Path]:
        if not self.folder.is_dir():
            return ()
        return (path for path in self.folder.glob("*/*") if path.is_file() and not path.name.startswith("."))
