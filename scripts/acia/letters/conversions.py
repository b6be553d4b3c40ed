"""Converted documents, kept on disk by content and converted on every core.

Converting one letter to PDF, DOCX and ODT takes about 0.2 s of pandoc and
typst: a thousand dossiers would be minutes at every site build, while a
letter changes only when its data or a template does. A conversion depends on
nothing but its inputs (the Markdown, its resources, the date that fixes the
files' timestamps, the format) and on the tools (pandoc's and typst's
versions, our filter and reference documents, acia's version): its file is
kept under ``build/.cache/documents/`` by the hash of all of them, so a later
run (``acia courriers``, any site build, ``acia apercu``) reuses it byte for
byte, and any change of an input or a tool makes another key. A cached file
can never differ from a fresh conversion (``tests/test_conversions.py``).

Missing files are converted in parallel threads: the work runs in pandoc's own
processes (and typst's compiler), so one thread per core keeps every core busy.
Files not used for ``MAX_AGE_DAYS`` are removed, so the cache does not grow
without end.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import acia
from acia.letters import documents

FOLDER = Path("build") / ".cache" / "documents"
MAX_AGE_DAYS = 60
_MEMORY_LIMIT = 512  # files also kept in memory for the rest of the process (the blank form, in every audience's site)
_memory: dict[str, bytes] = {}
_TOOL_FILES = ("reference.docx", "reference.odt", "typst-courrier.lua")


@functools.lru_cache(maxsize=1)
def tools_fingerprint() -> str:
    """What, besides a document's content, decides its converted bytes: tools, filter and reference documents."""
    digest = hashlib.sha256(acia.__version__.encode())
    for package in ("pypandoc-binary", "typst"):
        try:
            digest.update(f"{package}={version(package)}".encode())
        except PackageNotFoundError:
            digest.update(f"{package}=?".encode())
    digest.update(documents.pandoc_path().encode())  # a system pandoc instead of the wheel's
    for name in _TOOL_FILES:
        path = documents.TEMPLATES / name
        digest.update(name.encode() + b"\0" + (hashlib.sha256(path.read_bytes()).digest() if path.exists() else b"-"))
    return digest.hexdigest()


def key(letter: documents.Letter, output_format: str) -> str:
    """The content address of ``letter`` converted to ``output_format``."""
    digest = hashlib.sha256(tools_fingerprint().encode())
    for part in (output_format, letter.name, letter.day.isoformat(), letter.markdown):
        digest.update(part.encode("utf-8") + b"\0")
    for name, content in letter.resources:
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(content).digest())
    return digest.hexdigest()


class Converter:
    """Converts documents for one instance, through its cache (``root/build/.cache/documents``)."""

    def __init__(self, root: Path, use_cache: bool = True) -> None:
        self.folder = root / FOLDER
        self.use_cache = use_cache

    def _path(self, address: str, output_format: str) -> Path:
        return self.folder / address[:2] / f"{address}.{output_format}"

    def _cached(self, address: str, output_format: str) -> bytes | None:
        if not self.use_cache:
            return None
        path = self._path(address, output_format)
        try:
            content = path.read_bytes()
        except OSError:
            content = _memory.get(address)
            if content is not None:
                self._store(path, content)
            return content
        os.utime(path)  # still in use: kept by ``prune``
        return content

    def _store(self, path: Path, content: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        temporary.write_bytes(content)
        temporary.replace(path)  # atomic: another process converting the same file writes the same bytes

    def _convert(self, letter: documents.Letter, output_format: str, address: str) -> bytes:
        with tempfile.TemporaryDirectory() as scratch:
            target = Path(scratch) / f"document.{output_format}"
            documents.convert(letter, output_format, target)
            content = target.read_bytes()
        if self.use_cache:
            self._store(self._path(address, output_format), content)
            if len(_memory) >= _MEMORY_LIMIT:
                _memory.clear()
            _memory[address] = content
        return content

    def convert_all(self, wanted: Sequence[tuple[documents.Letter, str]], done: Callable[[int], None] | None = None) -> list[bytes]:
        """The bytes of each (letter, format) of ``wanted``, in order; ``done(i)`` after each one is ready, in order of readiness."""
        addresses = [key(letter, output_format) for letter, output_format in wanted]
        results: list[bytes | None] = [self._cached(address, output_format) for address, (_, output_format) in zip(addresses, wanted, strict=True)]
        missing = [index for index, content in enumerate(results) if content is None]
        if done is not None:
            for index, content in enumerate(results):
                if content is not None:
                    done(index)
        if missing:
            workers = min(len(missing), os.cpu_count() or 1)
            with ThreadPoolExecutor(max_workers=workers) as pool:
                futures = {index: pool.submit(self._convert, wanted[index][0], wanted[index][1], addresses[index]) for index in missing}
                for index in missing:
                    results[index] = futures[index].result()  # a DocumentError stops the run here
                    if done is not None:
                        done(index)
        return [content for content in results if content is not None]

    def prune(self, now: float | None = None) -> int:
        """Remove the files not used for ``MAX_AGE_DAYS`` days; how many went."""
        limit = (time.time() if now is None else now) - MAX_AGE_DAYS * 86400
        removed = 0
        for path in _files(self.folder):
            try:
                if path.stat().st_mtime < limit:
                    path.unlink()
                    removed += 1
            except OSError:
                continue
        return removed


def write_all(root: Path, letters: Sequence[documents.Letter], formats: tuple[str, ...], progress: Callable[[int, int], None] | None = None) -> list[Path]:
    """Write every letter in every format under ``build/documents/`` (a letter's folder is its application's); ``progress(done, total)`` counts whole letters."""
    folder = root / "build" / "documents"
    wanted = [(letter, output_format) for letter in letters for output_format in formats]
    pending = [len(formats)] * len(letters)
    finished = 0

    def done(index: int) -> None:
        nonlocal finished
        pending[index // len(formats)] -= 1
        if pending[index // len(formats)] == 0:
            finished += 1
            if progress is not None:
                progress(finished, len(letters))

    converter = Converter(root)
    contents = converter.convert_all(wanted, done)
    written = []
    for (letter, output_format), content in zip(wanted, contents, strict=True):
        target = (folder / letter.application if letter.application else folder) / f"{letter.name}.{output_format}"
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(target.suffix + ".tmp")
        temporary.write_bytes(content)
        temporary.replace(target)  # no half-written file is left behind
        written.append(target)
    converter.prune()
    return written


def _files(folder: Path) -> Iterable[Path]:
    if not folder.is_dir():
        return ()
    return (path for path in folder.glob("*/*") if path.is_file() and not path.name.startswith("."))
