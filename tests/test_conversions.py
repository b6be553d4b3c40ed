"""The cache of converted documents: never a different byte from a fresh conversion, and every core at work."""

from __future__ import annotations

import os
import struct
import subprocess
import zlib
from dataclasses import replace
from datetime import UTC, datetime, time
from pathlib import Path

import pytest
from conftest import NOW, REPO, SNAPSHOT, copy_shipped

import acia
from acia.check import check_instance
from acia.letters import conversions, documents, pandoc

# Runs pandoc and typst: left out of « tasks.py test --rapide ».
pytestmark = pytest.mark.acceptance

IDF = REPO / "examples" / "idf-2021"


def _letters(root: Path, now=NOW) -> list[documents.Letter]:
    checked = check_instance(root, now=now)
    assert checked.report.ok, checked.report.findings
    applications = [application.id for application in checked.context.model.applications][:2]
    return [letter for application in applications for letter in documents.prepare(checked.context, application, root, unsigned=True)] + [documents.blank_form(checked.context, root)]


def _cached_and_fresh(root: Path, letters: list[documents.Letter], monkeypatch) -> tuple[list[bytes], list[bytes], list[bytes]]:
    wanted = [(letter, output_format) for letter in letters for output_format in documents.FORMATS]
    monkeypatch.setattr(conversions, "_memory", {})
    first = conversions.Converter(root).convert_all(wanted)  # converts and keeps
    monkeypatch.setattr(conversions, "_memory", {})
    again = conversions.Converter(root).convert_all(wanted)  # read back from build/.cache
    fresh = conversions.Converter(root, use_cache=False).convert_all(wanted)
    return first, again, fresh


@pytest.mark.parametrize("source", [REPO, IDF], ids=["corse", "idf"])
def test_a_cached_conversion_is_byte_for_byte_a_fresh_one(tmp_path, monkeypatch, source):
    root = copy_shipped(tmp_path, source)
    letters = _letters(root, SNAPSHOT if source == REPO else NOW)
    first, again, fresh = _cached_and_fresh(root, letters, monkeypatch)
    assert first == again == fresh
    assert len(list((root / conversions.FOLDER).glob("*/*.pdf"))) == len(letters)


def test_a_changed_application_is_converted_again_and_matches_a_fresh_conversion(tmp_path, monkeypatch):
    root = copy_shipped(tmp_path)
    before = _letters(root)
    _cached_and_fresh(root, before, monkeypatch)
    for path in sorted((root / "data" / "applications").glob("*.yml"))[:2]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("raison_sociale: ", "raison_sociale: Nouvelle ", 1), encoding="utf-8")
    after = _letters(root)
    first, again, fresh = _cached_and_fresh(root, after, monkeypatch)
    assert first == again == fresh
    changed = [letter for letter in after if letter.application]
    assert all("Nouvelle" in letter.markdown for letter in changed if letter.name != "annexe-1-vierge")
    assert {conversions.key(letter, "pdf") for letter in changed}.isdisjoint({conversions.key(letter, "pdf") for letter in before})


def test_the_key_follows_every_input_and_the_tools(monkeypatch):
    letter = documents.Letter("og-x", "notification", "# Objet\n\nTexte.\n", NOW.date(), (("logo.png", b"\x89PNG1"),))
    keys = {
        conversions.key(letter, "pdf"),
        conversions.key(letter, "docx"),
        conversions.key(replace(letter, markdown="# Objet\n\nTexte modifié.\n"), "pdf"),
        conversions.key(replace(letter, name="accuse-reception"), "pdf"),
        conversions.key(replace(letter, day=NOW.date().replace(day=2)), "pdf"),
        conversions.key(replace(letter, resources=(("logo.png", b"\x89PNG2"),)), "pdf"),
    }
    assert len(keys) == 6
    assert conversions.key(letter, "pdf") == conversions.key(replace(letter), "pdf")
    monkeypatch.setattr(acia, "__version__", "99.0")
    conversions.tools_fingerprint.cache_clear()
    try:
        assert conversions.key(letter, "pdf") not in keys  # another acia converts anew
    finally:
        monkeypatch.undo()
        conversions.tools_fingerprint.cache_clear()


def test_missing_conversions_run_in_one_pandoc_process_per_core_and_match_one_by_one_conversions(tmp_path, monkeypatch):
    started = []
    popen = subprocess.Popen

    def counted(command, *arguments, **options):
        started.append(command)
        return popen(command, *arguments, **options)

    monkeypatch.setattr(pandoc.subprocess, "Popen", counted)
    monkeypatch.setattr(conversions, "_memory", {})
    resources = (("logo.png", _png()),)  # an image next to the Markdown, as a letterhead's logo
    letters = [
        documents.Letter("og-x", f"lettre-{index}", f"![Logo](logo.png){{width=2cm}}\n\n# Lettre {index}\n\nTexte **{index}**.\n", NOW.date().replace(day=1 + index), resources) for index in range(6)
    ]
    wanted = [(letter, output_format) for letter in letters for output_format in documents.FORMATS]
    seen: list[int] = []
    together = conversions.Converter(tmp_path).convert_all(wanted, seen.append)
    assert sorted(seen) == list(range(len(wanted)))  # each one counted once, as it is ready
    assert len(started) == min(len(wanted), os.cpu_count() or 1)
    started.clear()
    for index, (letter, output_format) in enumerate(wanted):
        target = tmp_path / "un-par-un" / f"{index}.{output_format}"
        documents.convert(letter, output_format, target)
        assert target.read_bytes() == together[index], (letter.name, output_format)
    assert len(started) == len(wanted)  # one process each: the same bytes as a list run
    first = {output_format: content for (_, output_format), content in zip(wanted, together, strict=True)}  # the last letter's
    assert {output_format: content[:4] for output_format, content in first.items()} == {"pdf": b"%PDF", "docx": b"PK\x03\x04", "odt": b"PK\x03\x04"}
    assert b"word/media/" in first["docx"] and b"Pictures/" in first["odt"]  # the logo went into the documents


def _png() -> bytes:
    """A 2×2 red PNG, written by hand (no image library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def test_the_bytes_are_those_of_the_pandoc_command_line(tmp_path):
    letter = documents.Letter("og-x", "notification", "---\nlang: fr\n---\n\n# Objet\n\nTexte *accentué* : « été ».\n", NOW.date())
    epoch = str(int(datetime.combine(letter.day, time(), tzinfo=UTC).timestamp()))
    (tmp_path / "document.md").write_text(letter.markdown, encoding="utf-8")
    environment = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
    for output_format in ("docx", "odt"):
        documents.convert(letter, output_format, tmp_path / f"acia.{output_format}")
        command = [pandoc.pandoc_path(), "--from=markdown-implicit_figures", "document.md", f"--reference-doc={pandoc.TEMPLATES / f'reference.{output_format}'}", "-o", f"cli.{output_format}"]
        subprocess.run(command, cwd=tmp_path, env=environment, check=True)
        assert (tmp_path / f"acia.{output_format}").read_bytes() == (tmp_path / f"cli.{output_format}").read_bytes()
    typst = subprocess.run(
        [pandoc.pandoc_path(), "--from=markdown-implicit_figures", "document.md", "-t", "typst", "-s", f"--lua-filter={pandoc.TYPST_LAYOUT}"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "#set par(justify: false)" in typst
    pdf = documents.Letter("og-x", "notification", letter.markdown, letter.day)
    documents.convert(pdf, "pdf", tmp_path / "acia.pdf")
    assert (tmp_path / "acia.pdf").read_bytes().startswith(b"%PDF")


def test_a_failed_conversion_names_the_document_stops_the_run_and_keeps_no_file_of_it(tmp_path, monkeypatch):
    monkeypatch.setattr(conversions, "_memory", {})
    good = documents.Letter("og-x", "accuse-reception", "# Bien\n\nTexte.\n", NOW.date())
    broken = documents.Letter("og-x", "notification", "# Objet\n\n```{=typst}\n#fonction-inconnue()\n```\n", NOW.date())
    with pytest.raises(documents.DocumentError, match=r"la conversion de « notification » \(og-x\) en PDF a échoué : la mise en page PDF a échoué"):
        conversions.Converter(tmp_path).convert_all([(good, "pdf"), (broken, "pdf"), (broken, "docx")])
    kept = sorted(path.name for path in (tmp_path / conversions.FOLDER).rglob("*") if path.is_file())
    assert kept and all(conversions.key(broken, "pdf") not in name for name in kept)
    assert any(conversions.key(good, "pdf") in name for name in kept)  # the work done is not lost


def test_a_pandoc_that_stops_is_reported_in_french(tmp_path, monkeypatch):
    script = tmp_path / "panne.lua"
    script.write_text('error("panne simulée")\n', encoding="utf-8")
    monkeypatch.setattr(pandoc, "BATCH", script)
    with pytest.raises(pandoc.ConversionError, match=r"la conversion de « notification » en DOCX a échoué : pandoc s'est arrêté \(.*panne simulée"):
        pandoc.convert_all([pandoc.Job("# Objet\n", NOW.date(), "docx", label="« notification »")])


def test_acia_courriers_converts_an_unchanged_letter_once(tmp_path, monkeypatch):
    from conftest import run_cli

    root = copy_shipped(tmp_path)
    monkeypatch.setattr(conversions, "_memory", {})
    code, _, err = run_cli("courriers", "--racine", str(root), "--maintenant", "2023-08-01", "--seulement", "og-2b-association-lisula")
    assert code == 0, err
    written = {path.name: path.read_bytes() for path in (root / "build" / "documents" / "og-2b-association-lisula").iterdir()}
    calls = []
    monkeypatch.setattr(pandoc, "convert_all", lambda *arguments, **options: calls.append(arguments) or [])
    monkeypatch.setattr(conversions, "_memory", {})
    code, _, err = run_cli("courriers", "--racine", str(root), "--maintenant", "2023-08-01", "--seulement", "og-2b-association-lisula")
    assert code == 0, err
    assert calls == []
    assert {path.name: path.read_bytes() for path in (root / "build" / "documents" / "og-2b-association-lisula").iterdir()} == written
