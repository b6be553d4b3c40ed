"""One mistake in the data gives one finding, with the valid values in its hint, never a cascade."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import NOW, REPO

from acia.check import validate

APPLICATION = "data/applications/og-2b-association-lisula.yml"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("cascade")
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "schemas", root / "schemas")
    assert validate(root, now=NOW).ok
    return root


@pytest.mark.parametrize(
    ("old", "new", "rule", "hint"),
    [
        (r"^axe: axe-2$", "axe: axe-9", "ACIA301", "« axe: axe-1 » pour"),
        (r"^  - assurance_maladie$", "  - assurance_maladi", None, "assurance_maladie"),
        (r"^    secteur: PH$", "    secteur: PX", None, "PH"),
        (r"^(\s+)role: manager$", r"\1role: manageur", None, "manager"),
    ],
    ids=["axe", "financement", "secteur", "role"],
)
def test_one_unknown_reference_gives_one_finding(pristine, tmp_path, old, new, rule, hint):
    root = tmp_path / "instance"
    shutil.copytree(pristine, root)
    path = root / APPLICATION
    text, count = re.subn(old, new, path.read_text(encoding="utf-8"), count=1, flags=re.MULTILINE)
    assert count == 1
    path.write_text(text, encoding="utf-8")
    errors = [finding for finding in validate(root, now=NOW).findings if finding.is_error]
    assert len(errors) == 1, [f"{finding.file}:{finding.line} {finding.rule} {finding.message}" for finding in errors]
    assert errors[0].file == APPLICATION
    assert rule is None or errors[0].rule == rule
    assert hint in (errors[0].hint or "") + errors[0].message
