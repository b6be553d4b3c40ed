"""The README opens with the two commands that build and test, and CI runs the second one."""

from __future__ import annotations

import re

from conftest import REPO


def _first_code_block() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```[a-z]*\n(.*?)```", text, re.S)
    assert block, "README.md has no code block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_readme_starts_with_exactly_two_commands():
    assert _first_code_block() == ["python3 tasks.py build", "python3 tasks.py test"]


def test_ci_runs_the_readme_test_command_and_nothing_else():
    """tasks.py installs what the tests need: CI installing more would hide what a fresh machine lacks."""
    lines = [line.strip() for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    commands = [line for line in lines if line and not line.startswith("#") and line not in ("set -euo pipefail", 'cd "$(dirname "$0")/.."')]
    assert commands == [_first_code_block()[1]]


def test_ci_workflow_annotates_with_github_format():
    workflow = (REPO / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    assert "acia valider --racine . --format github" in workflow
    assert "acia valider --racine examples/idf-2021 --format github" in workflow
    assert "bash .ci/run" in workflow
