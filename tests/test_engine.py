"""The site generator: Zensical, strict and in French."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from conftest import NOW, build_site, copy_shipped

from acia.check import check_instance
from acia.site import engine
from acia.site.pages import Audience, SiteError, build


def _tree(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(site.rglob("*")) if path.is_file()}


def _build(root: Path):
    checked = check_instance(root, now=NOW)
    return build(root, Audience.parse("public"), checked.report, checked.context, proposal=checked.proposal)


def test_zensical_builds_the_site_in_french_from_our_config():
    assert engine.command(Path("mkdocs.yml"))[1:4] == ["-m", "zensical", "build"]


@pytest.mark.acceptance  # builds a site with Zensical
def test_a_broken_link_fails_the_build_in_french(tmp_path):
    root = copy_shipped(tmp_path)
    (root / "docs").mkdir()
    (root / "docs" / "guide.md").write_text("# Guide\n\n[lien cassé](inexistant.md)\n", encoding="utf-8")
    with pytest.raises(SiteError, match="la construction du site a échoué") as failure:
        _build(root)
    assert "Traceback" not in str(failure.value)
    assert "guide/index.html : le lien « ../inexistant/ » ne mène à aucune page ni aucun fichier du site" in str(failure.value)


@pytest.mark.acceptance  # builds a site with Zensical
def test_a_missing_anchor_fails_the_build(tmp_path):
    root = copy_shipped(tmp_path)
    (root / "docs").mkdir()
    (root / "docs" / "guide.md").write_text("# Guide\n\n[lien](programme.md#nulle-part) [bon](index.md#objectifs)\n", encoding="utf-8")
    with pytest.raises(SiteError) as failure:
        _build(root)
    assert str(failure.value).endswith("lien(s) cassé(s) dans les pages construites :\n- guide/index.html : le lien « ../programme/#nulle-part » vise une ancre absente de la page")


@pytest.mark.acceptance  # builds a site with Zensical
def test_a_missing_image_fails_the_build_through_our_own_link_check(tmp_path):
    """Zensical does not report a missing image: our check over the built HTML does."""
    root = copy_shipped(tmp_path)
    (root / "docs").mkdir()
    (root / "docs" / "guide.md").write_text('# Guide\n\n![plan](absent.png)\n\n<a href="nulle-part.pdf">brochure</a>\n', encoding="utf-8")
    with pytest.raises(SiteError, match="lien\\(s\\) cassé\\(s\\)") as failure:
        _build(root)
    assert "guide/index.html : le lien « ../absent.png » ne mène à aucune page ni aucun fichier du site" in str(failure.value)
    assert "« ../nulle-part.pdf »" in str(failure.value) or "« nulle-part.pdf »" in str(failure.value)


def test_broken_links_reads_relative_links_only(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<a href="../b/">b</a><a href="../">racine</a><a href="#x">x</a><a href="https://exemple.fr/">ext</a>'
        '<a href="mailto:x@exemple.fr">m</a><img src="../img.png"><a href="../../../etc/passwd">hors</a><a href="../%C3%A9t%C3%A9.pdf">été</a>'
        '<a href="../b/#ici">ici</a><a href="../b/#ailleurs">ailleurs</a><img src="?x">',
        encoding="utf-8",
    )
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<h2 id="ici">b</h2>', encoding="utf-8")
    (tmp_path / "index.html").write_text("<p>accueil</p>", encoding="utf-8")
    (tmp_path / "été.pdf").write_bytes(b"%PDF")
    assert engine.broken_links(tmp_path) == [
        "a/index.html : le lien « ../../../etc/passwd » ne mène à aucune page ni aucun fichier du site",
        "a/index.html : le lien « ../b/#ailleurs » vise une ancre absente de la page",
        "a/index.html : le lien « ../img.png » ne mène à aucune page ni aucun fichier du site",
    ]


def test_the_generator_report_is_said_in_french():
    output = "Build started\n\x1b[33mWarning:\x1b[0m page does not exist\n    ╭─[ calendrier.md:46:9 ]\n    │\n2 issues found\nTraceback (most recent call last):\nRuntimeError: Aborted"
    assert engine.explain(output) == "- calendrier.md:46:9 : le lien vise une page qui n'existe pas"
    assert engine.explain("Build started\nthread 'main' panicked at src/lib.rs:3:5\n") == "- le générateur signale : Build started\n- le générateur signale : thread 'main' panicked at src/lib.rs:3:5"


@pytest.mark.acceptance  # builds a site with Zensical
def test_zensical_builds_are_byte_identical_and_its_cache_changes_nothing(tmp_path):
    """Zensical's cache is kept in build/.cache/zensical between builds, never in the site; a build through it equals one from an empty cache."""
    root = copy_shipped(tmp_path)
    first = _tree(build_site(root, "public", NOW))
    kept = root / "build" / ".cache" / "zensical" / "public"
    assert kept.is_dir() and not (root / "build" / "public" / engine.CACHE).exists()
    assert _tree(build_site(root, "public", NOW)) == first
    assert "search.json" in first  # Zensical's search index, read by its search in the browser
    # A changed application and a changed menu title: the cached build equals a build from nothing.
    application = sorted((root / "data" / "applications").glob("*.yml"))[0]
    application.write_text(application.read_text(encoding="utf-8").replace("raison_sociale: ", "raison_sociale: Nouvelle ", 1), encoding="utf-8")
    programme = root / "data" / "programme.yml"
    programme.write_text(programme.read_text(encoding="utf-8").replace("titre: ", "titre: Nouveau ", 1), encoding="utf-8")
    through_cache = _tree(build_site(root, "public", NOW))
    shutil.rmtree(root / "build")
    assert _tree(build_site(root, "public", NOW)) == through_cache != first
