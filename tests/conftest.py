"""Shared helpers: build throw-away instances and run the CLI in-process."""

from __future__ import annotations

import io
import shutil
from contextlib import redirect_stderr, redirect_stdout
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from filelock import FileLock
from pypdf import PdfReader

import tasks
from acia import cli
from acia.check import parse_now
from acia.site.pages import Audience

REPO = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "cases"
BASE = CASES / "_base"
# A fixed "now" for every test: after the Corse 2023 selection, before nothing else matters.
NOW = datetime(2023, 8, 1, 12, 0, tzinfo=ZoneInfo("Europe/Paris"))
# The moment the shipped Corse follow-up data stands for (tasks.py builds it at that date).
SNAPSHOT = parse_now(tasks.INSTANCES["."])
CONTROL_FILES = {"attendu.txt", "supprimer.txt", "maintenant.txt", "LISEZMOI.md"}


FOLLOW_UP = REPO / "data" / "suivi"


def _read_yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def count_followup(structure_id: str, axe: str, now: datetime) -> tuple[float, dict[int, int]]:
    """Held RACI hours and mobilised days per step, counted straight from the YAML files."""
    programme = _read_yaml(REPO / "data" / "programme.yml")
    rows = {row["id"]: row for row in programme["raci"]["lignes"]}
    steps = {step["id"]: step["numero"] for step in programme["etapes"]}
    levels = {body["id"]: body["niveau"] for body in programme["instances"]}
    meetings = [(structure_id, item) for item in _read_yaml(FOLLOW_UP / structure_id / "reunions.yml")["reunions"]]
    meetings += [("collectif", item) for item in _read_yaml(FOLLOW_UP / "collectif" / "reunions.yml")["reunions"] if structure_id in item.get("structures", [structure_id])]
    hours, days = 0.0, {}
    for _folder, item in meetings:
        start = datetime.fromisoformat(item["debut"])
        if "annulee" in item or start + timedelta(hours=item["duree_heures"]) > now:
            continue
        own_rows = [rows[action] for action in item.get("actions", []) if rows[action]["axe"] == axe]
        if any("heures" in row["charge"] for row in own_rows):
            hours += item["duree_heures"]
        step = own_rows[0]["etape"] if own_rows else item.get("etape")
        if step is None or levels[item["instance"]] == "programme":
            continue
        days.setdefault(steps[step], set()).add(start.astimezone(SNAPSHOT.tzinfo).date())
    return hours, {number: len(found) for number, found in days.items()}


def page_source(path: Path) -> str:
    """A built page's HTML with French no-break spaces read as plain spaces: tests look for words, not for spacing (tests/test_typography.py checks it)."""
    return path.read_text(encoding="utf-8").replace("\u00a0", " ").replace("\u202f", " ")


def pdf_text(path: Path) -> str:
    """A PDF's text laid out as on the page, like ``pdftotext -layout`` but with no system tool (justified lines keep wider spaces)."""
    return "\n".join(page.extract_text(extraction_mode="layout") for page in PdfReader(path).pages)


def copy_shipped(tmp_path: Path, source: Path = REPO) -> Path:
    """A throw-away copy of a shipped instance (data, schemas, mkdocs.yml), to modify in a test."""
    root = tmp_path / "instance"
    shutil.copytree(source / "data", root / "data")
    shutil.copytree(REPO / "schemas", root / "schemas")
    shutil.copyfile(source / "mkdocs.yml", root / "mkdocs.yml")
    return root


def build_site(root: Path, audience: str, now: datetime = SNAPSHOT, run_builder: bool = True) -> Path:
    """Validate (it must pass) and build one audience's site.

    Without ``run_builder``, only our generated tree is written and its folder
    (``build/<audience>/docs``) is returned: enough for tests of what we
    generate (calendars, page sources), without the site engine's time.
    """
    from acia.check import check_instance
    from acia.site.pages import Audience, build

    checked = check_instance(root, now=now)
    assert checked.report.ok, checked.report.findings
    site = build(root, Audience.parse(audience), checked.report, checked.context, run_builder=run_builder, proposal=checked.proposal)
    return site if run_builder else site.parent / "docs"


IDF = REPO / "examples" / "idf-2021"
# The Île-de-France 2021 example is read at the end of its exploration phase.
IDF_NOW = parse_now("2021-12-15")


def _built_once(tmp_path_factory, worker_id, name: str, source: Path, audiences: tuple[str, ...], now: datetime):
    """A shipped instance copied and built for ``audiences`` once per test run, shared by the pytest-xdist workers.

    The first worker to ask builds it in the run's shared temporary folder under
    a file lock, the others wait and read the same tree (tests only read it).
    """
    shared = tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    folder = shared / name
    root = folder / "instance"
    with FileLock(str(shared / f"{name}.lock")):
        if not (folder / "complet").exists():
            shutil.rmtree(folder, ignore_errors=True)
            copy_shipped(folder, source)
            for audience in audiences:
                build_site(root, audience, now=now)
            (folder / "complet").touch()
    return root, {audience: root / "build" / Audience.parse(audience).folder / "site" for audience in audiences}


@pytest.fixture(scope="session")
def shipped_sites(tmp_path_factory, worker_id):
    """The shipped Corse instance built once for every audience the tests read, at the snapshot date."""
    # Two retained structures, and one the committee did not retain.
    audiences = ("public", "interne", "structure:og-2b-association-lisula", "structure:og-2a-fondation-u-sole", "structure:og-2a-ornano-enfance")
    return _built_once(tmp_path_factory, worker_id, "shipped-sites", REPO, audiences, SNAPSHOT)


@pytest.fixture(scope="session")
def idf_sites(tmp_path_factory, worker_id):
    """The Île-de-France 2021 example built once for the public, the programme team and each structure."""
    structures = tuple(f"structure:{path.stem}" for path in sorted((IDF / "data" / "applications").glob("*.yml")))
    return _built_once(tmp_path_factory, worker_id, "idf-sites", IDF, ("public", "interne", *structures), IDF_NOW)


THIRD_CALL = Path(__file__).resolve().parent / "third_call"
THIRD_CALL_NOW = "2027-04-10T09:00:00+04:00"
THIRD_CALL_STRUCTURE = "og-974-zot-domicile"


@pytest.fixture(scope="session")
def third_call(tmp_path_factory) -> Path:
    """The third call of tests/third_call/ (La Réunion 2027, fictional), validated, with its matrix, sites and letters built once per run."""
    root = tmp_path_factory.mktemp("third") / "reunion-2027"
    shutil.copytree(THIRD_CALL / "data", root / "data")
    shutil.copytree(THIRD_CALL / "applications", root / "data" / "applications")
    shutil.copyfile(THIRD_CALL / "selection.yml", root / "data" / "selection.yml")
    shutil.copytree(REPO / "schemas", root / "schemas")
    builds = ("build", "--audience", "public", "--audience", "interne", "--audience", f"structure:{THIRD_CALL_STRUCTURE}")
    for arguments in (("validate",), ("matrix",), builds, ("documents", "--format", "docx,pdf")):
        code, out, err = run_cli(*arguments, "--root", str(root), "--maintenant", THIRD_CALL_NOW)
        assert code == 0, (arguments, out, err)
    return root


def build_instance(target: Path, overlay: Path | None = None, base: Path = BASE) -> Path:
    """Copy the base instance and the schemas into ``target``, then apply ``overlay``."""
    shutil.copytree(base, target, dirs_exist_ok=True)
    shutil.copytree(REPO / "schemas", target / "schemas", dirs_exist_ok=True)
    if overlay is not None:
        removals = overlay / "supprimer.txt"
        if removals.exists():
            for line in removals.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    doomed = target / line.strip()
                    shutil.rmtree(doomed) if doomed.is_dir() else doomed.unlink()
        for source in sorted(overlay.rglob("*")):
            if (source.is_file() or source.is_symlink()) and source.name not in CONTROL_FILES:
                destination = target / source.relative_to(overlay)
                destination.parent.mkdir(parents=True, exist_ok=True)
                if destination.is_symlink() or (source.is_symlink() and destination.exists()):
                    destination.unlink()
                shutil.copyfile(source, destination, follow_symlinks=False)  # a link stays a link (ACIA010)
    return target


def run_cli(*arguments: str) -> tuple[int, str, str]:
    """Run ``acia`` in-process; return (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = cli.main(list(arguments))
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 2
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def instance(tmp_path: Path) -> Path:
    """A valid copy of the base instance, to modify in a test."""
    return build_instance(tmp_path / "instance")


@pytest.fixture(autouse=True)
def _outside_github_actions(monkeypatch):
    """Tests run ``acia validate --format github`` too: in CI, they must not write to the job's own summary."""
    for name in ("GITHUB_STEP_SUMMARY", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA", "GITHUB_WORKSPACE"):
        monkeypatch.delenv(name, raising=False)


# Chromium as the browser tests launch it: offline, no background services.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="module")
def browser():
    """The Chromium that ``tasks.find_chromium`` picks (ACIA_CHROMIUM first, which « python3 tasks.py test » sets), one per test module."""
    from playwright.sync_api import sync_playwright

    chromium = tasks.find_chromium()
    assert chromium, "Chromium introuvable : « python3 tasks.py test » l'installe, ou indiquez son chemin dans ACIA_CHROMIUM"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
