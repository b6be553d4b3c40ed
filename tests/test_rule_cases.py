"""Every rule has a failing (ko) and a passing (ok) example folder in tests/cases/<RULE>/.

A folder holds the files that replace or add to the valid base instance
(tests/cases/_base); ``supprimer.txt`` lists base files to remove,
``maintenant.txt`` sets "now", and a ko folder's ``attendu.txt`` lists the
findings expected as "RULE file:line".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CASES, NOW, build_instance

from acia import format as layout
from acia.check import parse_now, validate
from acia.check.catalogue import ALL_RULES

# Layout rules (acia format, not acia validate) are tested in tests/test_format.py.
RULE_IDS = [rule.id for rule in ALL_RULES if rule.scope != layout.SCOPE]


def _case_dirs():
    for rule_dir in sorted(CASES.glob("ACIA*")):
        for variant in ("ok", "ko"):
            yield pytest.param(rule_dir.name, variant, id=f"{rule_dir.name}-{variant}")


def _now(folder: Path):
    custom = folder / "maintenant.txt"
    return parse_now(custom.read_text(encoding="utf-8")) if custom.exists() else NOW


def test_every_rule_has_both_case_folders():
    missing = [f"{rule}/{variant}" for rule in RULE_IDS for variant in ("ok", "ko") if not (CASES / rule / variant).is_dir()]
    assert missing == []
    unknown = sorted({folder.name for folder in CASES.glob("ACIA*")} - set(RULE_IDS))
    assert unknown == []


@pytest.mark.parametrize(("rule_id", "variant"), list(_case_dirs()))
def test_rule_case(tmp_path, rule_id, variant):
    folder = CASES / rule_id / variant
    root = build_instance(tmp_path / "instance", folder)
    report = validate(root, now=_now(folder))
    fired = [finding for finding in report.findings if finding.rule == rule_id]
    if variant == "ok":
        assert fired == []
        assert report.findings == [], "an ok case must be a fully valid instance"
        return
    assert fired, f"{rule_id} did not fire; got {[(f.rule, f.file, f.line, f.message) for f in report.findings]}"
    expected = (folder / "attendu.txt").read_text(encoding="utf-8").split()
    expected_pairs = {(expected[i], expected[i + 1]) for i in range(0, len(expected), 2)}
    actual_pairs = {(finding.rule, f"{finding.file}:{finding.line}") for finding in report.findings}
    assert expected_pairs <= actual_pairs, f"missing {expected_pairs - actual_pairs}; got {sorted(actual_pairs)}"
    for finding in fired:
        assert finding.message and finding.hint
