"""The package's shape is a contract: stages never reach backwards, French formatting has one home."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "scripts" / "acia"


def _modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if "__pycache__" not in path.parts)


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


@pytest.mark.parametrize("path", [path for path in _modules() if path.name != "french.py"], ids=_name)
def test_only_french_formats_numbers_dates_and_plurals(path):
    """« 22,5 h », « 14 h 05 », « 3 candidatures » are written by acia.french only."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            spec = "".join(part.value for part in node.format_spec.values if isinstance(part, ast.Constant))
            if spec[-1:] in ("f", "g", "e", "%", "n"):
                found.append(f"ligne {node.lineno} : format numérique « :{spec} »")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "strftime":
                found.append(f"ligne {node.lineno} : strftime")
            arguments = [arg.value for arg in node.args if isinstance(arg, ast.Constant)]
            if node.func.attr == "replace" and arguments[:2] == [".", ","]:
                found.append(f"ligne {node.lineno} : virgule décimale écrite à la main")
        if isinstance(node, ast.IfExp) and isinstance(node.body, ast.Constant) and node.body.value in ("s", "nt") and isinstance(node.test, ast.Compare):
            found.append(f"ligne {node.lineno} : pluriel écrit à la main")
    assert not found, f"{_name(path)} formate lui-même (utilisez acia.french) : {found}"
