"""The committee's decision is checked against the programme's own limits, never the relaxed ones the proposal applies."""

from __future__ import annotations

import pytest
from conftest import NOW, build_instance

from acia.check import validate

SELECTION = """# yaml-language-server: $schema=../schemas/selection.schema.json
comite:
  date: "2023-07-11"
  membres_presents: [aract, ars]
decisions:
  - candidature: og-test-a
    decision: retenue
"""


@pytest.mark.xfail(strict=True, reason="ACIA321 compares the decision with the relaxed constraints of the proposal")
def test_decision_below_an_infeasible_funding_minimum_is_an_error(tmp_path):
    """No eligible application is under « Conseil départemental »: the proposal drops the minimum, and so does the decision check."""
    root = build_instance(tmp_path / "instance")
    programme = root / "data/programme.yml"
    old = "    - {financement: assurance_maladie, organismes_gestionnaires_min: 1}"
    programme.write_text(programme.read_text(encoding="utf-8").replace(old, "    - {financement: conseil_departemental, organismes_gestionnaires_min: 3}"), encoding="utf-8")
    (root / "data/selection.yml").write_text(SELECTION, encoding="utf-8")
    assert [finding for finding in validate(root, now=NOW).findings if finding.rule == "ACIA321"] != []
