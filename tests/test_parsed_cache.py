"""The cache of parsed YAML (build/.cache/yaml) never changes a finding: cached and uncached reports are equal."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from conftest import CASES, NOW, REPO, SNAPSHOT, build_instance, copy_shipped

from acia.check import parse_now, pipeline, validate
from acia.load import documents, parsed

# Validates every failing case three times: left out of « tasks.py test --rapide ».
pytestmark = pytest.mark.acceptance


def _reports(root: Path, now, monkeypatch) -> tuple[dict, dict, dict]:
    """The report without the cache, with an empty cache (it is filled), and from the filled cache."""
    with monkeypatch.context() as patched:
        patched.setattr(pipeline, "load_instance", functools.partial(documents.load_instance, use_cache=False))
        uncached = validate(root, now=now).as_dict()
    assert not (root / "build" / ".cache" / parsed.NAME).exists()
    filling = validate(root, now=now).as_dict()
    assert (root / "build" / ".cache" / parsed.NAME).is_file()
    return uncached, filling, validate(root, now=now).as_dict()


def _failing_cases():
    for folder in sorted(CASES.glob("ACIA*/ko")):
        yield pytest.param(folder, id=folder.parent.name)


@pytest.mark.parametrize("folder", list(_failing_cases()))
def test_every_failing_case_reports_the_same_through_the_cache(tmp_path, monkeypatch, folder):
    root = build_instance(tmp_path / "instance", folder)
    now = parse_now((folder / "maintenant.txt").read_text(encoding="utf-8")) if (folder / "maintenant.txt").exists() else NOW
    uncached, filling, cached = _reports(root, now, monkeypatch)
    assert uncached == filling == cached
    assert uncached["findings"]  # a failing case: there is something to compare


@pytest.mark.parametrize(("source", "now"), [(REPO, SNAPSHOT), (REPO / "examples" / "idf-2021", NOW)], ids=["corse", "idf"])
def test_the_shipped_instances_report_the_same_through_the_cache(tmp_path, monkeypatch, source, now):
    root = copy_shipped(tmp_path, source)
    uncached, filling, cached = _reports(root, now, monkeypatch)
    assert uncached == filling == cached


def test_an_edited_file_is_parsed_again_and_a_damaged_entry_is_ignored(tmp_path, monkeypatch):
    root = copy_shipped(tmp_path)
    validate(root, now=SNAPSHOT)
    application = sorted((root / "data" / "applications").glob("*.yml"))[0]
    text = application.read_text(encoding="utf-8")
    application.write_text(text.replace("raison_sociale: ", "raison_sociale:\n  - liste: au lieu d'un texte\n  ancienne: ", 1), encoding="utf-8")
    with monkeypatch.context() as patched:
        patched.setattr(pipeline, "load_instance", functools.partial(documents.load_instance, use_cache=False))
        expected = validate(root, now=SNAPSHOT).as_dict()
    assert validate(root, now=SNAPSHOT).as_dict() == expected and expected["findings"]
    (root / "build" / ".cache" / parsed.NAME).write_bytes(b"\x00abime")
    assert validate(root, now=SNAPSHOT).as_dict() == expected
    assert parsed.Parses.of(root).before  # rewritten whole, and read back


def test_a_cache_that_cannot_be_written_changes_nothing(tmp_path, monkeypatch):
    root = copy_shipped(tmp_path)
    expected = validate(root, now=SNAPSHOT).as_dict()

    def refuse(self, content):
        raise PermissionError("lecture seule")

    monkeypatch.setattr(Path, "write_bytes", refuse)
    (root / "build").rename(root / "ancien-build")
    assert validate(root, now=SNAPSHOT).as_dict() == expected
