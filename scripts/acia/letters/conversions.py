"""Converted documents, kept on disk by content and converted on every core.

Converting one letter to PDF, DOCX and ODT takes about 0.2 s of pandoc and
typst: a thousand dossiers would be minutes at every site build, while a
letter changes only when its data or a template does. A conversion depends on
nothing but its inputs (the Markdown, its resources, the date that fixes the
files' timestamps, the format) and on the tools (pandoc's and typst's
versions, our filter and reference documents, the code that runs them): its
file is kept under ``build/.cache/documents/`` by the hash of all of them
(``acia.cache``), so a later run (``acia courriers``, any site build, ``acia
apercu``) reuses it byte for byte, and any change of an input or a tool makes
another key. A cached file can never differ from a fresh conversion
(``tests/test_conversions.py``).

Missing files are converted together (``acia.letters.pandoc``): one pandoc
process per core, each given its share of the list, so every core is busy
and pandoc starts a few times, not once per file.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import acia
from acia import cache
from acia.letters import documents, pandoc

FOLDER = cache.FOLDER / "documents"
_MEMORY_LIMIT = 512  # files also kept in memory for the rest of the process (the blank form, in every audience's site)
_memory: dict[str, bytes] = {}
_TOOL_FILES = ("reference.docx", "reference.odt", "typst-courrier.lua", "pandoc-lot.lua")


@functools.lru_cache(maxsize=1)
def tools_fingerprint() -> str:
    """What, besides a document's content, decides its converted bytes: tools, filter, reference documents, our code."""
    versions = []
    for package in ("pypandoc-binary", "typst"):
        try:
            versions.append(f"{package}={version(package)}")
        except PackageNotFoundError:
            versions.append(f"{package}=?")
    return cache.fingerprint(
        acia.__version__,
        *versions,
        pandoc.pandoc_path(),  # a system pandoc instead of the wheel's
        Path(documents.__file__),
        Path(pandoc.__file__),
        Path(__file__),
        *(documents.TEMPLATES / name for name in _TOOL_FILES),
    )


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
        self.cache = cache.ContentCache(root / FOLDER)
        self.use_cache = use_cache

    def _cached(self, address: str, output_format: str) -> bytes | None:
        if not self.use_cache:
            return None
        content = self.cache.get(address, f".{output_format}")
        if content is None and address in _memory:
            content = _memory[address]
            self.cache.put(address, f".{output_format}", content)
        return content

    def _keep(self, address: str, output_format: str, content: bytes) -> None:
        if self.use_cache:
            self.cache.put(address, f".{output_format}", content)
            if len(_memory) >= _MEMORY_LIMIT:
                _memory.clear()
            _memory[address] = content

    def convert_all(self, wanted: Sequence[tuple[documents.Letter, str]], done: Callable[[int], None] | None = None) -> list[bytes]:
        """The bytes of each (letter, format) of ``wanted``, in order; ``done(i)`` after each one is ready, in order of readiness.

        Raises DocumentError when a document cannot be converted; the ones
        converted before are kept in the cache.
        """
        addresses = [key(letter, output_format) for letter, output_format in wanted]
        results: list[bytes | None] = [self._cached(address, output_format) for address, (_, output_format) in zip(addresses, wanted, strict=True)]
        missing = [index for index, content in enumerate(results) if content is None]
        if done is not None:
            for index, content in enumerate(results):
                if content is not None:
                    done(index)

        def converted(position: int, content: bytes) -> None:
            index = missing[position]
            results[index] = content
            self._keep(addresses[index], wanted[index][1], content)
            if done is not None:
                done(index)

        try:
            if missing:
                pandoc.convert_all([_job(*wanted[index]) for index in missing], converted)
        except pandoc.ConversionError as error:
            raise documents.DocumentError(str(error)) from None
        return [content for content in results if content is not None]

    def prune(self) -> int:
        """Forget the conversions not used for two months (``acia.cache``)."""
        return self.cache.prune()


def _job(letter: documents.Letter, output_format: str) -> pandoc.Job:
    label = f"« {letter.name} » ({letter.application})" if letter.application else f"« {letter.name} »"
    return pandoc.Job(letter.markdown, letter.day, output_format, letter.resources, label)


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
