"""Putting back the call's original (contradictory) dates makes validation fail.

The Corse 2023 call dates the analysis "du 30/06/2023 au 10/06/2023", the
selection committee "11/06/2023" (before the 30/06 deadline) and the cadrage
step "mai à fin juin"; data/programme.yml holds corrected values and errata.
"""

from __future__ import annotations

import shutil

import yaml
from conftest import NOW, REPO

from acia.check import validate
from acia.load import yamlsource


def _corse_copy(tmp_path):
    root = tmp_path / "corse"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "schemas", root / "schemas")
    return root


def _rewrite_programme(root, change):
    path = root / "data" / "programme.yml"
    text = path.read_text(encoding="utf-8")
    data = yamlsource.parse(text).data
    change(data)
    comment = text.splitlines()[0]
    path.write_text(comment + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _event(data, event_id):
    for index, event in enumerate(data["calendrier"]["regional"]):
        if event["id"] == event_id:
            return index, event
    raise AssertionError(event_id)


def test_corrected_programme_is_valid(tmp_path):
    root = _corse_copy(tmp_path)
    _rewrite_programme(root, lambda data: None)  # a plain re-serialisation changes nothing
    assert validate(root, now=NOW).findings == []


def test_seed_analysis_period_is_rejected(tmp_path):
    root = _corse_copy(tmp_path)
    found = {}

    def change(data):
        index, event = _event(data, "analyse")
        event["debut"], event["fin"] = "2023-06-30", "2023-06-10"
        found["index"] = index

    _rewrite_programme(root, change)
    report = validate(root, now=NOW)
    assert not report.ok
    period = [f for f in report.findings if f.rule == "ACIA401"]
    assert [f.field for f in period] == [f"calendrier.regional[{found['index']}].fin"]
    assert "finit le 10/06/2023, avant de commencer le 30/06/2023" in period[0].message


def test_seed_committee_date_is_rejected(tmp_path):
    root = _corse_copy(tmp_path)

    def change(data):
        _event(data, "comite-selection")[1]["debut"] = "2023-06-11"
        _event(data, "notification")[1]["debut"] = "2023-06-11"

    _rewrite_programme(root, change)
    messages = [f.message for f in validate(root, now=NOW).findings if f.rule == "ACIA402"]
    assert any("comité de sélection est daté du 11/06/2023, avant ou le jour de la date limite de dépôt (30/06/2023)" in m for m in messages)


def test_seed_cadrage_period_is_rejected(tmp_path):
    root = _corse_copy(tmp_path)

    def change(data):
        data["etapes"][0]["periode"].update(debut="2023-05-01", fin="2023-06-30")
        data["etapes"][1]["periode"]["debut"] = "2023-07-01"

    _rewrite_programme(root, change)
    messages = [f.message for f in validate(root, now=NOW).findings if f.rule == "ACIA402"]
    assert any("« Cadrage » commence le 01/05/2023, avant que les structures soient sélectionnées" in m for m in messages)
