"""Convert Markdown documents to DOCX, ODT and PDF with pandoc (and typst for PDF), many per pandoc process.

Starting pandoc takes about 50 ms, converting a letter about 10: one process
per document spent most of ``acia courriers`` starting pandoc. Here one
``pandoc lua`` process per core runs a list of conversions
(``templates/documents/pandoc-lot.lua``) with the same reader, writers,
reference documents and filter as the command line, so the bytes are those
``pandoc --from=markdown-implicit_figures …`` writes. A PDF is the Typst
text pandoc writes, compiled by typst as soon as pandoc has written it, while
pandoc goes on with the next documents.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

from acia.paths import LETTER_TEMPLATES as TEMPLATES

TYPST_LAYOUT = TEMPLATES / "typst-courrier.lua"  # the PDF layout of letters and documents (pandoc filter)
BATCH = TEMPLATES / "pandoc-lot.lua"  # runs a list of conversions in one pandoc process
FORMATS = ("pdf", "docx", "odt")
_PANDOC_FORMAT = {"pdf": "typst", "docx": "docx", "odt": "odt"}
_EXTENSION = {"typst": "typ", "docx": "docx", "odt": "odt"}


class ConversionError(Exception):
    """A document pandoc or typst could not convert; the message is French and names the document."""


@dataclass(frozen=True)
class Job:
    """One document to convert to one format."""

    markdown: str
    day: date  # fixes the PDF's date and the archives' timestamps (SOURCE_DATE_EPOCH)
    output_format: str  # "pdf", "docx" or "odt"
    resources: tuple[tuple[str, bytes], ...] = ()  # (name used in the Markdown, content): logos
    label: str = "le document"  # names the document in an error message


def pandoc_path() -> str:
    """pandoc from the pypandoc-binary wheel, or a system pandoc ≥ 3."""
    import pypandoc

    return str(pypandoc.get_pandoc_path())


def convert_all(jobs: Sequence[Job], ready: Callable[[int, bytes], None] | None = None, processes: int | None = None) -> list[bytes]:
    """The converted bytes of each job, in order; ``ready(i, content)`` as soon as job ``i`` is converted (from worker threads, one at a time).

    Raises ConversionError on the first job that fails, after every process has stopped.
    """
    if not jobs:
        return []
    results: list[bytes | None] = [None] * len(jobs)
    errors: list[tuple[int, str]] = []
    lock = threading.Lock()
    with tempfile.TemporaryDirectory(prefix="acia-pandoc-") as scratch:
        lines = _prepare(Path(scratch), jobs)
        count = max(1, min(processes or os.cpu_count() or 1, len(lines)))
        chunks = [lines[start::count] for start in range(count)]  # interleaved: each process gets every format

        def finish(index: int, content: bytes | None, problem: str | None) -> None:
            with lock:
                if problem is not None:
                    errors.append((index, problem))
                    return
                results[index] = content
                if ready is not None and content is not None:
                    ready(index, content)

        threads = [threading.Thread(target=_run, args=(Path(scratch), number, chunk, jobs, finish), daemon=True) for number, chunk in enumerate(chunks)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    if errors:
        index, problem = min(errors)
        raise ConversionError(f"la conversion de {jobs[index].label} en {jobs[index].output_format.upper()} a échoué : {problem}")
    return [content for content in results if content is not None]


def _prepare(scratch: Path, jobs: Sequence[Job]) -> list[str]:
    """One folder per distinct document (its Markdown and images), and one line of pandoc-lot.lua's list per job."""
    folders: dict[tuple[str, tuple[tuple[str, bytes], ...]], Path] = {}
    lines = []
    for index, job in enumerate(jobs):
        folder = folders.get((job.markdown, job.resources))
        if folder is None:
            folder = scratch / f"d{len(folders)}"
            folder.mkdir()
            for name, content in job.resources:  # logos next to the Markdown, for pandoc and typst
                (folder / name).write_bytes(content)
            (folder / "document.md").write_text(job.markdown, encoding="utf-8")
            folders[(job.markdown, job.resources)] = folder
        pandoc_format = _PANDOC_FORMAT[job.output_format]
        epoch = int(datetime.combine(job.day, time(), tzinfo=UTC).timestamp())
        lines.append(f"{index}\t{folder}\t{pandoc_format}\t{epoch}\tsortie-{index}.{_EXTENSION[pandoc_format]}")
    return lines


def _run(scratch: Path, number: int, lines: list[str], jobs: Sequence[Job], finish: Callable[[int, bytes | None, str | None], None]) -> None:
    """Run one pandoc process over ``lines``; compile each Typst text it writes; report every job to ``finish``."""
    listing = scratch / f"lot-{number}.txt"
    listing.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    folders = {int(line.split("\t", 1)[0]): Path(line.split("\t")[1]) / line.split("\t")[4] for line in lines}
    references = [str(TEMPLATES / f"reference.{name}") if (TEMPLATES / f"reference.{name}").exists() else "" for name in ("docx", "odt")]
    command = [pandoc_path(), "lua", str(BATCH), str(listing), str(TYPST_LAYOUT), *references]
    reported: set[int] = set()
    messages = scratch / f"lot-{number}.erreurs"
    with messages.open("wb") as stderr, subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, text=True, encoding="utf-8", errors="replace") as process:
        assert process.stdout is not None
        for line in process.stdout:
            status, _, rest = line.rstrip("\n").partition("\t")
            index_text, _, message = rest.partition("\t")
            index = int(index_text)
            reported.add(index)
            if status != "ok":
                finish(index, None, message or "erreur inconnue de pandoc")
                continue
            output = folders[index]
            try:
                content = _typst(output, jobs[index].day) if jobs[index].output_format == "pdf" else output.read_bytes()
            except ConversionError as error:
                finish(index, None, str(error))
                continue
            finish(index, content, None)
    problem = " ".join(messages.read_text(encoding="utf-8", errors="replace").split())  # one line, for the report
    for index in folders:
        if index not in reported:
            finish(index, None, f"pandoc s'est arrêté ({problem or f'code de sortie {process.returncode}'})")


def _typst(source: Path, day: date) -> bytes:
    """The PDF of the Typst text pandoc wrote, dated ``day`` (not today: the same data always gives the same file)."""
    import typst

    pinned = f"#set document(date: datetime(year: {day.year}, month: {day.month}, day: {day.day}))\n"
    source.write_text(pinned + source.read_text(encoding="utf-8"), encoding="utf-8")
    try:
        return typst.compile(str(source))
    except Exception as error:  # typst reports template problems as plain exceptions
        raise ConversionError(f"la mise en page PDF a échoué ({error})") from None
