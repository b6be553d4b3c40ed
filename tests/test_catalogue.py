"""The rule reference page is generated from the code and checked in: they never drift."""

from __future__ import annotations

import re
import subprocess

from conftest import REPO, run_cli

from acia.check.catalogue import ALL_RULES, render_markdown


def test_reference_page_is_up_to_date():
    page = (REPO / "docs" / "reference-controles.md").read_text(encoding="utf-8")
    assert page == render_markdown(), "regenerate: .venv/bin/acia catalogue --sortie docs/reference-controles.md"


def test_rule_ids_are_unique_and_well_formed():
    ids = [rule.id for rule in ALL_RULES]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"ACIA\d{3}", rule_id) for rule_id in ids)


def test_every_rule_is_documented_in_french():
    for rule in ALL_RULES:
        assert rule.title and rule.hint and rule.example and rule.fix
        assert rule.severity.value in ("erreur", "avertissement")
        assert f"### {rule.id} — {rule.title}" in render_markdown()


def test_catalogue_command_prints_the_page():
    code, out, _ = run_cli("catalogue")
    assert code == 0 and out == render_markdown()


def test_every_rule_appears_once_on_the_page():
    page = render_markdown()
    assert page.count("\n### ACIA") == len(ALL_RULES)


def test_every_rule_code_the_repository_mentions_exists():
    """A comment, schema description or page that names a code names a real one (a renumbered rule leaves none behind)."""
    known = {rule.id for rule in ALL_RULES}
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout.decode("utf-8").split("\0")
    unknown = {}
    for name in tracked:
        if not name or name.startswith(("tests/cases/", "tests/hypothesis-db/", "tests/vendor/")) or not (REPO / name).is_file():
            continue
        try:
            text = (REPO / name).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        found = set(re.findall(r"\bACIA\d{3}\b", text)) - known
        if found:
            unknown[name] = sorted(found)
    assert unknown == {}
