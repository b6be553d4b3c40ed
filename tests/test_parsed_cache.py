"""The caches of acia valider never change a finding: cached and uncached reports are equal.

Two caches: the parsed YAML (build/.cache/yaml.marshal, ``acia.load.parsed``)
and what the schema and the rules of one file found in each file
(build/.cache/constats.marshal, ``acia.check.kept``). Compared on the shipped
instances and on every failing case, filled from the case itself and filled
from the valid base instance before the case's files changed it, as when a
file is edited between two runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CASES, NOW, REPO, SNAPSHOT, build_instance, copy_shipped

from acia.check import kept, parse_now, validate
from acia.load import parsed

# Validates every failing case three times: left out of « tasks.py test --rapide ».
pytestmark = pytest.mark.acceptance


def _reports(root: Path, now) -> tuple[dict, dict, dict]:
    """The report without the caches, with empty caches (they are filled), and from the filled caches."""
    uncached = validate(root, now=now, use_cache=False).as_dict()
    assert not (root / "build" / ".cache").exists()
    filling = validate(root, now=now).as_dict()
    assert (root / "build" / ".cache" / parsed.NAME).is_file() and (root / "build" / ".cache" / kept.NAME).is_file()
    return uncached, filling, validate(root, now=now).as_dict()


def _failing_cases():
    for folder in sorted(CASES.glob("ACIA*/ko")):
        yield pytest.param(folder, id=folder.parent.name)


@pytest.mark.parametrize("folder", list(_failing_cases()))
def test_every_failing_case_reports_the_same_through_the_cache(tmp_path, monkeypatch, folder):
    root = build_instance(tmp_path / "instance", folder)
    now = parse_now((folder / "maintenant.txt").read_text(encoding="utf-8")) if (folder / "maintenant.txt").exists() else NOW
    uncached, filling, cached = _reports(root, now)
    assert uncached == filling == cached
    assert uncached["findings"]  # a failing case: there is something to compare


@pytest.mark.parametrize("folder", list(_failing_cases()))
def test_every_failing_case_reports_the_same_after_a_run_on_the_valid_instance(tmp_path, monkeypatch, folder):
    root = build_instance(tmp_path / "instance")
    now = parse_now((folder / "maintenant.txt").read_text(encoding="utf-8")) if (folder / "maintenant.txt").exists() else NOW
    validate(root, now=now)  # the caches hold the valid files
    build_instance(root, folder)  # then the case's files change, appear or go
    expected = validate(root, now=now, use_cache=False).as_dict()
    assert validate(root, now=now).as_dict() == expected == validate(root, now=now).as_dict()
    assert expected["findings"]


@pytest.mark.parametrize(("source", "now"), [(REPO, SNAPSHOT), (REPO / "examples" / "idf-2021", NOW)], ids=["corse", "idf"])
def test_the_shipped_instances_report_the_same_through_the_cache(tmp_path, monkeypatch, source, now):
    root = copy_shipped(tmp_path, source)
    uncached, filling, cached = _reports(root, now)
    assert uncached == filling == cached


def test_an_edited_file_is_parsed_again_and_a_damaged_entry_is_ignored(tmp_path, monkeypatch):
    root = copy_shipped(tmp_path)
    validate(root, now=SNAPSHOT)
    application = sorted((root / "data" / "applications").glob("*.yml"))[0]
    text = application.read_text(encoding="utf-8")
    application.write_text(text.replace("raison_sociale: ", "raison_sociale:\n  - liste: au lieu d'un texte\n  ancienne: ", 1), encoding="utf-8")
    expected = validate(root, now=SNAPSHOT, use_cache=False).as_dict()
    assert validate(root, now=SNAPSHOT).as_dict() == expected and expected["findings"]
    for name in (parsed.NAME, kept.NAME):
        (root / "build" / ".cache" / name).write_bytes(b"\x00abime")
    assert validate(root, now=SNAPSHOT).as_dict() == expected
    assert parsed.Parses.of(root).before  # rewritten whole, and read back
    assert kept.marshal.loads((root / "build" / ".cache" / kept.NAME).read_bytes())[1]


def test_the_findings_of_a_file_are_checked_again_when_the_programme_or_the_date_changes(tmp_path):
    from acia.check.rules import etablissements_per_og, future_dates

    root = copy_shipped(tmp_path)
    before = validate(root, now=SNAPSHOT).as_dict()
    programme = root / "data" / "programme.yml"
    programme.write_text(programme.read_text(encoding="utf-8").replace("etablissements_par_og: {max: 3}", "etablissements_par_og: {max: 1}"), encoding="utf-8")
    # The programme changed: a rule of one file finds otherwise in unchanged applications.
    after = validate(root, now=SNAPSHOT).as_dict()
    assert after == validate(root, now=SNAPSHOT, use_cache=False).as_dict() != before
    assert any(finding["rule"] == etablissements_per_og.RULE.id for finding in after["findings"])
    # Another date of the run: the rule of dates in the future reads it, and is never answered from the cache.
    earlier = parse_now("2020-01-01")
    assert validate(root, now=earlier).as_dict() == validate(root, now=earlier, use_cache=False).as_dict()
    assert any(finding["rule"] == future_dates.RULE.id for finding in validate(root, now=earlier).as_dict()["findings"])


def test_a_few_edited_files_are_parsed_again_rather_than_the_whole_cache_written_back(tmp_path):
    """Writing every kept parse back costs more than parsing a few texts again: the file is rewritten only past ``REWRITE_SHARE``."""
    root = copy_shipped(tmp_path)
    validate(root, now=SNAPSHOT)
    kept_parses = root / "build" / ".cache" / parsed.NAME
    written = kept_parses.read_bytes()
    applications = sorted((root / "data" / "applications").glob("*.yml"))
    total = len(parsed.Parses.of(root).before)
    many = -(-total // parsed.REWRITE_SHARE)  # the fewest texts parsed anew for which the file is written back
    few = many - 1
    assert few >= 1 and len(applications) >= many
    for application in applications[:few]:
        application.write_text(application.read_text(encoding="utf-8") + "# modifié\n", encoding="utf-8")
    expected = validate(root, now=SNAPSHOT, use_cache=False).as_dict()
    assert validate(root, now=SNAPSHOT).as_dict() == expected == validate(root, now=SNAPSHOT).as_dict()
    assert kept_parses.read_bytes() == written  # the edited files were parsed again at each run
    for application in applications[:many]:
        application.write_text(application.read_text(encoding="utf-8") + "# encore\n", encoding="utf-8")
    assert validate(root, now=SNAPSHOT).as_dict() == validate(root, now=SNAPSHOT, use_cache=False).as_dict()
    assert kept_parses.read_bytes() != written
    assert {parsed._key(path.read_text(encoding="utf-8")) for path in applications} <= parsed.Parses.of(root).before.keys()
