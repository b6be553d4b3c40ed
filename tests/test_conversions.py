"""The cache of converted documents: never a different byte from a fresh conversion, and every core at work."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import NOW, REPO, SNAPSHOT, copy_shipped

import acia
from acia.check import check_instance
from acia.letters import conversions, documents

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


def test_missing_conversions_run_on_every_core_in_order(tmp_path, monkeypatch):
    running = 0
    most = 0
    lock = threading.Lock()

    def slow(letter, output_format, target):
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.05)
        target.write_bytes(f"{letter.name}.{output_format}".encode())
        with lock:
            running -= 1

    monkeypatch.setattr(documents, "convert", slow)
    monkeypatch.setattr(conversions, "_memory", {})
    letters = [documents.Letter("og-x", f"lettre-{index}", f"texte {index}", NOW.date()) for index in range(8)]
    seen: list[int] = []
    contents = conversions.Converter(tmp_path).convert_all([(letter, "pdf") for letter in letters], seen.append)
    assert contents == [f"lettre-{index}.pdf".encode() for index in range(8)]
    assert sorted(seen) == list(range(8))
    assert most == min(8, os.cpu_count() or 1)


def test_a_failed_conversion_stops_the_run_and_leaves_no_cached_file(tmp_path, monkeypatch):
    def refuse(letter, output_format, target):
        raise documents.DocumentError("pandoc a échoué : test")

    monkeypatch.setattr(documents, "convert", refuse)
    monkeypatch.setattr(conversions, "_memory", {})
    with pytest.raises(documents.DocumentError, match="pandoc a échoué"):
        conversions.Converter(tmp_path).convert_all([(documents.Letter("og-x", "notification", "texte", NOW.date()), "pdf")])
    assert not any(path.is_file() for path in (tmp_path / conversions.FOLDER).rglob("*"))


def test_acia_courriers_converts_an_unchanged_letter_once(tmp_path, monkeypatch):
    from conftest import run_cli

    root = copy_shipped(tmp_path)
    monkeypatch.setattr(conversions, "_memory", {})
    code, _, err = run_cli("courriers", "--racine", str(root), "--maintenant", "2023-08-01", "--seulement", "og-2b-association-lisula")
    assert code == 0, err
    written = {path.name: path.read_bytes() for path in (root / "build" / "documents" / "og-2b-association-lisula").iterdir()}
    calls = []
    monkeypatch.setattr(documents, "convert", lambda *arguments: calls.append(arguments))
    monkeypatch.setattr(conversions, "_memory", {})
    code, _, err = run_cli("courriers", "--racine", str(root), "--maintenant", "2023-08-01", "--seulement", "og-2b-association-lisula")
    assert code == 0, err
    assert calls == []
    assert {path.name: path.read_bytes() for path in (root / "build" / "documents" / "og-2b-association-lisula").iterdir()} == written
