"""The programme's identity on its site: colours, logo, footer, legal notice, French theme, home page."""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
from datetime import date

import pytest
import yaml
from conftest import IDF, NOW, build_site, copy_shipped, page_source

from acia.model.programme import build_programme
from acia.site import identity
from acia.site.pages import Audience, SiteError, mkdocs_config

# A 1×1 PNG: the logo of the tests.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
# What the theme writes in English when its language or our configuration misses something.
ENGLISH = (
    "Permanent link",
    "Back to top",
    "Skip to content",
    "Search",
    "Type to start searching",
    "Initializing search",
    "Copy to clipboard",
    "Made with",
    "Table of contents",
    "Previous",
    "Next",
    "Clear",
    "Share",
    "Last update",
)


def _pages(site):
    return sorted(site.rglob("*.html"))


@pytest.mark.acceptance  # builds sites with Zensical
def test_every_page_has_the_footer_and_no_english_theme_string(shipped_sites, idf_sites):
    for _, sites in (shipped_sites, idf_sites):
        for audience, site in sites.items():
            for path in _pages(site):
                html = page_source(path)
                where = f"{audience} {path.relative_to(site)}"
                assert 'class="md-copyright acia-pied"' in html, where
                assert ">Mentions légales</a>" in html and ">Accessibilité : partiellement conforme</a>" in html, where
                assert "Données mises à jour le " in html and "Un programme de l'Agence régionale de santé" in html.replace("&#x27;", "'"), where
                for english in ENGLISH:
                    assert english not in html, f"{where}: « {english} »"
                assert 'lang="fr"' in html, where
            assert "<h1>Page introuvable</h1>" in page_source(site / "404.html") and "Not found" not in page_source(site / "404.html")


@pytest.mark.acceptance  # builds sites with Zensical
def test_footer_links_lead_to_the_legal_notice_and_the_statement_from_every_depth(shipped_sites):
    _, sites = shipped_sites
    site = sites["interne"]
    for path in _pages(site):
        html = path.read_text(encoding="utf-8")
        depth = len(path.relative_to(site).parts) - 1
        prefix = "./" if depth == 0 else "../" * depth
        if path.name == "404.html":
            continue
        assert f'href="{prefix}mentions-legales/"' in html.replace("/./", "/"), path
        assert f'href="{prefix}accessibilite/"' in html.replace("/./", "/"), path
    assert (site / "mentions-legales" / "index.html").is_file() and (site / "accessibilite" / "index.html").is_file()


@pytest.mark.acceptance  # builds sites with Zensical
def test_colours_reach_the_theme(shipped_sites, idf_sites):
    for root, sites, main in ((shipped_sites[0], shipped_sites[1], "#1f4e79"), (idf_sites[0], idf_sites[1], "#4a2574")):
        config = yaml.safe_load((root / "build" / "public" / "mkdocs.yml").read_text(encoding="utf-8"))
        assert config["theme"]["palette"] == {"primary": "custom", "accent": "custom"}
        assert config["extra_css"] == ["stylesheets/acia.css", "stylesheets/identite.css"]
        css = (sites["public"] / "stylesheets" / "identite.css").read_text(encoding="utf-8")
        assert f"--md-primary-fg-color: {main};" in css and "--md-primary-bg-color: #ffffff;" in css
        html = (sites["public"] / "index.html").read_text(encoding="utf-8")
        assert 'data-md-color-primary="custom"' in html and "stylesheets/identite.css" in html


@pytest.mark.acceptance  # builds sites with Zensical
def test_legal_notice_page_comes_from_the_data(shipped_sites, idf_sites):
    corse = page_source(shipped_sites[1]["public"] / "mentions-legales" / "index.html").replace("&#39;", "'").replace("&#x27;", "'")
    assert "Agence régionale de santé de Corse, Quartier Saint-Joseph, CS 13003, 20700 Ajaccio Cedex 9" in corse
    assert "Direction de la publication : Directrice générale de l'ARS de Corse." in corse
    assert "GitHub, Inc. (service GitHub Pages), 88 Colin P. Kelly Jr Street" in corse
    assert 'href="mailto:ars-corse-strategie@ars.sante.fr"' in corse
    idf = page_source(idf_sites[1]["public"] / "mentions-legales" / "index.html").replace("&#39;", "'").replace("&#x27;", "'")
    assert "Direction de la publication : Directeur général de l'ARS Île-de-France." in idf
    # No site › contact in Île-de-France: the first organisation's functional address.
    assert 'href="mailto:acia@ars-idf.example.org"' in idf
    for sites in (shipped_sites[1], idf_sites[1]):
        for audience, site in sites.items():
            assert (site / "mentions-legales" / "index.html").is_file(), audience


@pytest.mark.acceptance  # builds sites with Zensical
def test_logo_in_header_and_favicon_read_only_inside_the_instance(tmp_path):
    root = copy_shipped(tmp_path)
    (root / "logos").mkdir()
    (root / "logos" / "ars.png").write_bytes(PNG)
    programme = root / "data" / "programme.yml"
    text = programme.read_text(encoding="utf-8")
    programme.write_text(text.replace("    sigle: ARS\n", "    sigle: ARS\n    logo: logos/ars.png\n", 1), encoding="utf-8")
    site = build_site(root, "public")
    assert (site / "assets" / "logo-ars.png").read_bytes() == PNG
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<img src="./assets/logo-ars.png"' in home and '<link rel="icon" href="./assets/logo-ars.png">' in home
    assert ".md-header__button.md-logo img {" in (site / "stylesheets" / "identite.css").read_text(encoding="utf-8")
    deep = (site / "programme" / "index.html").read_text(encoding="utf-8")
    assert '<img src="../assets/logo-ars.png"' in deep
    # A logo that is a link to a file outside the instance is refused, nothing is built.
    (root / "logos" / "ars.png").unlink()
    os.symlink("/etc/passwd", root / "logos" / "ars.png")
    with pytest.raises(SiteError, match="logo « logos/ars.png » refusé"):
        build_site(root, "public", run_builder=False)


def test_without_identity_data_the_theme_keeps_its_own_colours(tmp_path):
    root = copy_shipped(tmp_path)
    data = yaml.safe_load((root / "data" / "programme.yml").read_text(encoding="utf-8"))
    del data["site"]
    programme = build_programme(data)
    site_identity = identity.of_programme(root, programme, date(2023, 8, 1))
    assert not site_identity.coloured and not site_identity.styled and not site_identity.legal_notice and identity.stylesheet(programme) == ""
    assert identity.stylesheet(programme, with_logo=True).startswith("/* Le logo de l'en-tête")
    config = mkdocs_config(root, programme.title, Audience.parse("public"), {"index.md": ""}, site_identity)
    assert "palette" not in config["theme"] and config["extra_css"] == ["stylesheets/acia.css"]
    # The footer still says who runs the programme and how to reach it.
    assert "Contact : " in config["copyright"] and config["theme"]["custom_dir"] == identity.OVERRIDES


def test_permalink_title_is_french_whatever_the_instance_writes():
    assert identity.with_french_permalinks(["toc"]) == [{"toc": {"permalink": True, "permalink_title": "Lien vers cette section"}}]
    assert identity.with_french_permalinks([{"toc": {"permalink": "#", "permalink_title": "Ancre"}}, "tables"]) == [{"toc": {"permalink": "#", "permalink_title": "Ancre"}}, "tables"]


def test_data_date_is_the_last_data_commit_else_the_latest_past_date_of_the_data(tmp_path):
    root = tmp_path / "instance"
    (root / "data").mkdir(parents=True)
    (root / "data" / "programme.yml").write_text("debut: 2023-06-01\nfin: 2024-02-29\nnote: 2023-13-45\n", encoding="utf-8")
    assert identity.data_date(root, date(2023, 8, 1)) == date(2023, 6, 1)
    assert identity.data_date(root, date(2024, 3, 1)) == date(2024, 2, 29)
    environment = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    environment |= {"GIT_AUTHOR_DATE": "2023-07-14T10:00:00+02:00", "GIT_COMMITTER_DATE": "2023-07-14T10:00:00+02:00"}
    for command in (["init", "-q"], ["add", "data"], ["commit", "-q", "-m", "data"]):
        subprocess.run(["git", "-C", str(root), *command], check=True, env=environment)
    assert identity.data_date(root, date(2023, 8, 1)) == date(2023, 7, 14)


def test_home_page_says_what_to_do_first(tmp_path):
    root = copy_shipped(tmp_path, IDF)
    after = build_site(root, "interne", now=NOW.replace(year=2021, month=12, day=15), run_builder=False)
    home = (after / "index.md").read_text(encoding="utf-8")
    assert "Les candidatures sont closes" in home and "Candidatez avant" not in home
    assert "**Équipe du programme :** [Sélection](selection.md) · [Courriers](courriers.md)" in home
    # Before the deadline (no application received yet): « Candidater » comes first.
    for path in sorted((root / "data").iterdir()):
        if path.name != "programme.yml":
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    before = build_site(root, "public", now=NOW.replace(year=2021, month=6, day=1), run_builder=False)
    home = (before / "index.md").read_text(encoding="utf-8")
    assert "## Par où commencer" in home and "Candidatez avant le" in home and "[Candidater](candidater.md)" in home
    assert "[Calendrier](calendrier.md)" in home and "« Votre dossier »" in home and "Équipe du programme" not in home
