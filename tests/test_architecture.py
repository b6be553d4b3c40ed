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


def _imports(path: Path) -> set[str]:
    """Every acia module a file imports (absolute imports, as the package writes them)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name == "acia" or name.startswith("acia.")}


# What each stage may not import: load → check → model → site, letters, exports; the CLI on top.
FORBIDDEN = {
    "load": ("acia.check", "acia.model", "acia.site", "acia.letters", "acia.exports", "acia.forms", "acia.cli"),
    "model": ("acia.check", "acia.site", "acia.letters", "acia.exports", "acia.forms", "acia.cli"),
    "check": ("acia.site", "acia.letters", "acia.exports", "acia.forms", "acia.cli"),
    "site": ("acia.load", "acia.cli"),
    "letters": ("acia.load", "acia.cli"),
    "exports": ("acia.load", "acia.site", "acia.letters", "acia.cli"),
    "privacy": ("acia.site", "acia.letters", "acia.exports", "acia.forms", "acia.cli"),
}


@pytest.mark.parametrize("path", [path for path in _modules() if path.relative_to(PACKAGE).parts[0] in FORBIDDEN], ids=_name)
def test_stages_never_reach_backwards(path):
    stage = path.relative_to(PACKAGE).parts[0]
    wrong = sorted(name for name in _imports(path) if name.startswith(FORBIDDEN[stage]))
    assert not wrong, f"{_name(path)} (étape « {stage} ») importe {wrong}"


def test_only_the_entry_point_imports_the_cli():
    importers = sorted(_name(path) for path in _modules() if path.relative_to(PACKAGE).parts[0] != "cli" and any(name.startswith("acia.cli") for name in _imports(path)))
    assert importers == ["__main__.py"]


def test_no_import_cycle_between_load_and_check():
    """paths.py knows where schemas are: the loader never asks the checker."""
    for path in (PACKAGE / "load").glob("*.py"):
        assert not [name for name in _imports(path) if name.startswith("acia.check")], _name(path)


def _raw_reads(path: Path) -> int:
    """Reads of raw YAML: ``.raw`` of the programme, ``.data`` of a loaded file or meeting."""
    count = 0
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in ("raw", "data"):
            count += 1
    return count


# Where reading a loaded file's YAML belongs: the loader, the JSON Schema check of
# the raw values, the schema-driven walk of personal fields, the builders of the
# model, the purge that rewrites the files themselves, and the reader of acia init's
# answers (a file of its own, not a data file: there is no model to read).
# Everything else reads the model.
RAW_READERS = ("load/", "model/", "check/schema.py", "check/personal.py", "privacy/", "init/answers.py")


@pytest.mark.parametrize("path", [path for path in _modules() if not _name(path).startswith(RAW_READERS)], ids=_name)
def test_only_the_loader_and_the_model_builders_read_raw_yaml(path):
    """Rules, pages, letters, exports, forms and commands read the typed model (acia.model), never a loaded file's YAML."""
    assert _raw_reads(path) == 0, f"{_name(path)} lit {_raw_reads(path)} fois des données YAML brutes (.data ou .raw) : lisez le modèle (acia.model)"
