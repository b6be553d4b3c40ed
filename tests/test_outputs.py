"""Outputs are complete or absent: a failed or interrupted build keeps the previous site, a withdrawn application's outputs go."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import NOW, build_site, copy_shipped, run_cli

from acia.check import check_instance
from acia.letters import documents
from acia.site import pages
from acia.site.pages import Audience, SiteError, build

# Builds sites or documents, or runs other programs: left out of « tasks.py test --rapide ».
pytestmark = pytest.mark.acceptance

WITHDRAWN = "og-2a-ornano-enfance"


def _tree(folder: Path) -> dict[str, bytes]:
    """Every output file under ``folder``; the cache of converted documents (``build/.cache``) is not an output: a rebuild may hold more of it."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file() and ".cache" not in path.relative_to(folder).parts}


def _scratch_folders(root: Path) -> list[str]:
    return sorted(path.name for path in (root / "build").iterdir() if path.name.startswith(".") and path.name != ".cache")


def withdraw(root: Path, application: str = WITHDRAWN) -> None:
    """Remove an application from the data, as when a structure withdraws its file."""
    (root / "data" / "applications" / f"{application}.yml").unlink()
    (root / "data" / "evaluations" / f"{application}.yml").unlink(missing_ok=True)
    selection = root / "data" / "selection.yml"
    text = selection.read_text(encoding="utf-8")
    selection.write_text(re.sub(rf"  - candidature: {application}\n(?:    .*\n)*", "", text), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A copy of the shipped instance with its public site built once."""
    root = copy_shipped(tmp_path_factory.mktemp("outputs"))
    build_site(root, "public", NOW)
    return root


def _half_site_then(error: BaseException):
    """A stand-in for the site generator that writes part of a site, then fails with ``error``."""

    def run(target: Path, context, generator_cache=None) -> None:
        (target / "site" / "dossiers").mkdir(parents=True)
        (target / "site" / "index.html").write_text("<html>moitié", encoding="utf-8")
        raise error

    return run


@pytest.mark.parametrize(
    "error",
    [KeyboardInterrupt(), RuntimeError("panne"), SiteError("la construction du site a échoué"), MemoryError(), SystemExit(1)],
    ids=["interruption", "exception", "echec-generateur", "memoire", "sortie"],
)
def test_an_interrupted_build_keeps_the_previous_site(built, monkeypatch, error):
    before = _tree(built / "build" / "public")
    monkeypatch.setattr(pages, "_run_generator", _half_site_then(error))
    checked = check_instance(built, now=NOW)
    with pytest.raises(type(error)):
        build(built, Audience.parse("public"), checked.report, checked.context, proposal=checked.proposal)
    assert _tree(built / "build" / "public") == before
    assert _scratch_folders(built) == []


def test_an_interrupted_cli_build_says_so_and_keeps_the_previous_site(built, monkeypatch):
    before = _tree(built / "build" / "public")
    monkeypatch.setattr(pages, "_run_generator", _half_site_then(KeyboardInterrupt()))
    code, _, err = run_cli("build", "--root", str(built), "--audience", "public", "--maintenant", "2023-08-01")
    assert code == 130 and "construction interrompue" in err and "Traceback" not in err
    assert _tree(built / "build" / "public") == before
    assert _scratch_folders(built) == []


def test_a_failed_strict_build_keeps_the_previous_site(tmp_path):
    root = copy_shipped(tmp_path)
    site = build_site(root, "public", NOW)
    before = _tree(site)
    (root / "docs").mkdir()
    (root / "docs" / "guide.md").write_text("# Guide\n\n[lien cassé](inexistant.md)\n", encoding="utf-8")
    checked = check_instance(root, now=NOW)
    with pytest.raises(SiteError, match="la construction du site a échoué"):
        build(root, Audience.parse("public"), checked.report, checked.context, proposal=checked.proposal)
    assert _tree(site) == before
    assert not (root / "build" / "public" / "docs" / "guide.md").exists()  # the sources stay those of the site
    assert _scratch_folders(root) == []


def test_the_scratch_folder_of_a_killed_build_is_removed_by_the_next(built):
    leftovers = [built / "build" / ".public.abcdefgh.en-cours", built / "build" / ".public.k_9zzzzz.en-cours"]
    for folder in leftovers:
        (folder / "site").mkdir(parents=True)
        (folder / "site" / "index.html").write_text("<html>moitié", encoding="utf-8")
    unrelated = built / "build" / ".notes"  # not a name acia gives: left alone
    unrelated.mkdir()
    build_site(built, "public", NOW)
    assert _scratch_folders(built) == [".notes"]
    assert "moitié" not in (built / "build" / "public" / "site" / "index.html").read_text(encoding="utf-8")
    unrelated.rmdir()


def test_a_rebuild_after_a_withdrawal_equals_a_build_from_scratch(tmp_path):
    root = copy_shipped(tmp_path / "rebuilt")
    audiences = ["--audience", "interne"]  # the audience that lists every application
    code, _, err = run_cli("build", "--root", str(root), *audiences, "--audience", f"structure:{WITHDRAWN}", "--maintenant", "2023-08-01")
    assert code == 0, err
    assert (root / "build" / f"structure-{WITHDRAWN}" / "site" / "index.html").is_file()
    withdraw(root)
    code, out, err = run_cli("build", "--root", str(root), *audiences, "--maintenant", "2023-08-01")
    assert code == 0, err
    assert f"site « structure-{WITHDRAWN} » supprimé" in out
    scratch = copy_shipped(tmp_path / "scratch")
    withdraw(scratch)
    code, _, err = run_cli("build", "--root", str(scratch), *audiences, "--maintenant", "2023-08-01")
    assert code == 0, err
    assert _tree(root / "build") == _tree(scratch / "build")
    assert sorted(path.name for path in (root / "build").iterdir()) == [".cache", "interne"]
    assert WITHDRAWN not in (root / "build" / "interne" / "site" / "dossiers" / "index.html").read_text(encoding="utf-8")


def test_serve_keeps_writing_in_place(tmp_path):
    """Regenerating the pages rewrites only what changed: the generator's cache and the preview see precise changes."""
    root = copy_shipped(tmp_path)
    docs = build_site(root, "public", NOW, run_builder=False)
    index = docs / "index.md"
    stamp = index.stat().st_mtime_ns
    inode = index.stat().st_ino
    build_site(root, "public", NOW, run_builder=False)
    assert index.stat().st_mtime_ns == stamp and index.stat().st_ino == inode
    shutil.rmtree(root / "build")


def _documents(root: Path, *extra: str) -> tuple[int, str, str]:
    return run_cli("documents", "--root", str(root), "--maintenant", "2023-08-01", "--format", "docx", *extra)


def test_documents_of_a_withdrawn_application_are_removed_and_equal_a_fresh_run(tmp_path):
    root = copy_shipped(tmp_path / "rerun")
    code, _, err = _documents(root)
    assert code == 0, err
    assert (root / "build" / "documents" / WITHDRAWN / "notification.docx").is_file()
    withdraw(root)
    code, out, err = _documents(root)
    assert code == 0, err
    assert "2 documents périmés supprimés" in out
    fresh = copy_shipped(tmp_path / "fresh")
    withdraw(fresh)
    code, _, err = _documents(fresh)
    assert code == 0, err
    assert _tree(root / "build") == _tree(fresh / "build")


def test_only_files_acia_names_are_removed(tmp_path):
    root = tmp_path / "instance"
    folder = root / "build" / "documents"
    gone = folder / WITHDRAWN
    gone.mkdir(parents=True)
    for name in ("accuse-reception.docx", "notification.pdf", "notification.odt.tmp"):
        (gone / name).write_bytes(b"x")
    kept_with_notes = folder / "og-retiree-avec-notes"
    kept_with_notes.mkdir()
    (kept_with_notes / "notification.docx").write_bytes(b"x")
    (kept_with_notes / "mes-notes.txt").write_text("à garder", encoding="utf-8")
    current = folder / "og-presente"
    current.mkdir()
    for name in ("lettre-engagement.docx", "lettre-engagement.pdf", "accuse-reception.docx", "brouillon.docx"):
        (current / name).write_bytes(b"x")
    (folder / "annexe-1-vierge.docx").write_bytes(b"x")
    (folder / "rapport-comite-suivi.docx").write_bytes(b"x")
    (folder / "lisez-moi.docx").write_bytes(b"x")
    outside = root / "build" / "autre"
    outside.mkdir()
    (outside / "notification.docx").write_bytes(b"x")
    written = [current / "accuse-reception.docx", folder / "annexe-1-vierge.docx"]
    removed = documents.remove_stale(root, written, ("docx",), {"og-presente"})
    assert sorted(path.relative_to(folder).as_posix() for path in removed) == [
        f"{WITHDRAWN}/accuse-reception.docx",
        f"{WITHDRAWN}/notification.odt.tmp",
        f"{WITHDRAWN}/notification.pdf",
        "og-presente/lettre-engagement.docx",
        "og-retiree-avec-notes/notification.docx",
        "rapport-comite-suivi.docx",
    ]
    assert not gone.exists()
    assert sorted(path.name for path in kept_with_notes.iterdir()) == ["mes-notes.txt"]
    assert sorted(path.name for path in current.iterdir()) == ["accuse-reception.docx", "brouillon.docx", "lettre-engagement.pdf"]
    assert (folder / "lisez-moi.docx").exists() and (outside / "notification.docx").exists()


def test_with_only_the_other_folders_are_left_as_they_are(tmp_path):
    root = tmp_path / "instance"
    folder = root / "build" / "documents"
    for application in ("og-a", "og-b"):
        (folder / application).mkdir(parents=True)
        (folder / application / "lettre-engagement.docx").write_bytes(b"x")
    (folder / "annexe-1-vierge.docx").write_bytes(b"x")
    removed = documents.remove_stale(root, [], ("docx",), {"og-a", "og-b"}, only="og-a")
    assert removed == [folder / "og-a" / "lettre-engagement.docx"]
    assert (folder / "og-b" / "lettre-engagement.docx").exists() and (folder / "annexe-1-vierge.docx").exists()


def test_a_rebuild_keeps_the_time_of_every_unchanged_source_and_builds_in_the_same_folder(tmp_path, monkeypatch):
    """Zensical's cache knows a page by its path and time: a rebuild must show it the same ones for the pages that did not change."""
    root = copy_shipped(tmp_path)
    folders = []
    run = pages.engine.run

    def recording(target, environ, kept=None):
        folders.append(target)
        run(target, environ, kept)

    monkeypatch.setattr(pages.engine, "run", recording)
    build_site(root, "interne", NOW)
    docs = root / "build" / "interne" / "docs"
    before = {path.relative_to(docs).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns) for path in docs.rglob("*") if path.is_file()}
    application = root / "data" / "applications" / f"{WITHDRAWN}.yml"
    application.write_text(re.sub(r"(motivations: >-\n +)", r"\1Reformulé. ", application.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    build_site(root, "interne", NOW)
    after = {path.relative_to(docs).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns) for path in docs.rglob("*") if path.is_file()}
    changed = {name for name in after if name in before and after[name][0] != before[name][0]}
    assert changed and all("Reformulé" in after[name][0].decode("utf-8", "replace") for name in changed if name.endswith(".md"))
    assert all(after[name][1] == before[name][1] for name in after if name in before and name not in changed)
    assert len(folders) == 2 and folders[0] == folders[1] == root / "build" / ".interne.en-cours"
    assert _scratch_folders(root) == []


def test_a_build_while_another_runs_builds_in_a_folder_of_its_own(built):
    held = pages._lock(built / "build" / ".cache" / "zensical" / "public.verrou")
    assert held is not None
    try:
        assert pages._lock(built / "build" / ".cache" / "zensical" / "public.verrou") is None  # taken
        build_site(built, "public", NOW)
    finally:
        held.close()
    assert (built / "build" / "public" / "site" / "index.html").is_file()
    assert _scratch_folders(built) == []
