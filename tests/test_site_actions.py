"""Each reader can act from the site: apply (what, to whom, by when, the blank form), a structure finds its decision, letters and meetings, the programme team its files."""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import build_site, copy_shipped, page_source
from docx import Document
from pypdf import PdfReader

from acia.check import check_instance

pytestmark = pytest.mark.acceptance

LISULA = "og-2b-association-lisula"
FORMATS = ("pdf", "docx", "odt")
LETTERS = ("accuse-reception", "notification", "lettre-engagement")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.nav: list[str] = []  # the labels of the primary navigation

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in ("a", "link") and values.get("href"):
            self.links.append(values["href"])
        if tag in ("img", "script") and values.get("src"):
            self.links.append(values["src"])


def _links(page: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links


def _target(page: Path, link: str, site: Path | None = None) -> Path | None:
    """The file a link of ``page`` reaches (« /… » from ``site``, the 404 page's); None for an external, mailto or same-page link."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    base = site if parts.path.startswith("/") and site is not None else page.parent
    target = (base / unquote(parts.path).lstrip("/")).resolve()
    return target / "index.html" if link.split("#")[0].endswith("/") or target.is_dir() else target


def _reaches(page: Path, target: Path) -> bool:
    """Whether a link of ``page`` leads to ``target``, which exists."""
    return target.exists() and target.resolve() in {_target(page, link) for link in _links(page)}


def _programme(root: Path):
    return check_instance(root).context


def _text(path: Path, output_format: str) -> str:
    content = path.read_bytes()
    if output_format == "pdf":
        return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())
    if output_format == "docx":
        return " ".join(" ".join(paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs).split())
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return " ".join(re.sub(r"<[^>]+>", " ", archive.read("content.xml").decode("utf-8")).split())


def test_candidater_says_what_to_whom_and_until_when_with_the_blank_form(shipped_sites):
    root, sites = shipped_sites
    programme = _programme(root).programme
    site = sites["public"]
    page = site / "candidater" / "index.html"
    html = page_source(page)
    links = _links(page)
    address = programme.application.recipients[0].email
    assert f"mailto:{address}" in links
    assert "30 juin 2023 à 23 h 59" in html  # the deadline with its time
    for output_format in FORMATS:
        link = f"../telechargements/annexe-1-vierge.{output_format}"
        assert link in links
        target = _target(page, link)
        assert target is not None and target.is_file()
        # The files are valid documents of their format, and they are the blank form.
        assert "Fiche projet établissement" in _text(target, output_format).replace("\u2019", "'")
    # Each part of the form is explained in words, not by the data's field names.
    assert "Que mettre dans chaque partie de la fiche" in html
    assert "organisme_gestionnaire.representant_legal" not in html and "<code>" not in html.split("Que mettre", 1)[1]


def test_the_internal_apply_page_keeps_the_fields_for_contributors(shipped_sites):
    _, sites = shipped_sites
    html = (sites["interne"] / "candidater" / "index.html").read_text(encoding="utf-8")
    assert "Saisir une candidature dans le dépôt" in html and "organisme_gestionnaire.raison_sociale" in html
    assert "Saisir une candidature dans le dépôt" not in (sites["public"] / "candidater" / "index.html").read_text(encoding="utf-8")


def test_a_structure_home_is_its_dossier_with_its_own_letters_only(shipped_sites):
    root, sites = shipped_sites
    model = _programme(root).model
    site = sites[f"structure:{LISULA}"]
    page = site / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "Votre dossier" in html and "Vos courriers" in html and "Votre candidature est <strong>retenue</strong>" in html
    assert f"../calendriers/{LISULA}.ics" not in _links(page)  # the home is at the root
    assert f"calendriers/{LISULA}.ics" in _links(page) and (site / "calendriers" / f"{LISULA}.ics").is_file()
    lisula = model.application(LISULA)
    for name in LETTERS:
        for output_format in FORMATS:
            link = f"courriers/{LISULA}/{name}.{output_format}"
            assert link in _links(page)
            assert (site / link).is_file()
    assert lisula.og.name in _text(site / "courriers" / LISULA / "notification.pdf", "pdf")
    # No other structure's letters, names or identifiers anywhere on its site.
    assert sorted(path.name for path in (site / "courriers").iterdir()) == [LISULA]
    others = [application for application in model.applications if application.id != LISULA]
    texts = {path: path.read_text(encoding="utf-8", errors="replace") for path in site.rglob("*") if path.is_file() and path.suffix in (".html", ".ics", ".json", ".xml", ".txt")}
    for application in others:
        for word in (application.id, application.og.name, *(etablissement.name for etablissement in application.etablissements)):
            assert not [path for path, text in texts.items() if word in text], word
    for path in (site / "courriers" / LISULA).iterdir():
        text = _text(path, path.suffix[1:])
        assert not [application.og.name for application in others if application.og.name in text]


def test_a_structure_reads_the_motif_notified_to_it_never_the_committee_s(tmp_path):
    docs = build_site(copy_shipped(tmp_path), "structure:og-2a-ornano-enfance", run_builder=False)
    home = " ".join((docs / "index.md").read_text(encoding="utf-8").replace("\\", "").split())
    assert "Votre candidature est **non retenue**" in home
    assert "votre projet pourra être présenté lors d'une prochaine édition" in home
    assert not [path for path in docs.rglob("*.md") if "le projet pourra être repris" in path.read_text(encoding="utf-8")]
    assert sorted(path.name for path in (docs / "courriers" / "og-2a-ornano-enfance").iterdir()) == [
        f"{name}.{output_format}" for name in ("accuse-reception", "notification") for output_format in ("docx", "odt", "pdf")
    ]


def test_a_structure_site_has_no_contributor_pages_nor_a_list_of_one(shipped_sites):
    _, sites = shipped_sites
    site = sites[f"structure:{LISULA}"]
    for folder in ("contribuer", "reference-controles"):
        assert not (site / folder).exists()
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "Contribuer" not in html and "Référence des contrôles" not in html
    assert not (site / "dossiers" / "index.html").exists()
    assert (site / "dossiers" / LISULA / "index.html").is_file()
    for audience in ("public", "interne"):
        assert (sites[audience] / "contribuer" / "index.html").is_file()


def test_the_internal_site_links_the_matrix_the_letters_and_each_structure(shipped_sites):
    root, sites = shipped_sites
    model = _programme(root).model
    site = sites["interne"]
    selection = site / "selection" / "index.html"
    html = selection.read_text(encoding="utf-8")
    assert "acia matri" not in html and "build/selection" not in html
    for name in ("matrice.csv", "matrice.ods", "matrice.xlsx", "scores.svg", "proposition.json"):
        assert _reaches(selection, site / "selection" / name) and (site / "selection" / name).stat().st_size > 0
    letters = site / "courriers" / "index.html"
    for application in model.applications:
        for name in LETTERS[:1]:
            for output_format in FORMATS:
                assert _reaches(letters, site / "courriers" / application.id / f"{name}.{output_format}")
        assert _reaches(site / "dossiers" / application.id / "index.html", site / "courriers" / application.id / f"{name}.pdf")
    assert _reaches(letters, site / "courriers" / "rapport-comite-suivi.pdf")
    suivi = site / "suivi" / "index.html"
    for structure in _programme(root).followup.structures:
        assert _reaches(suivi, site / "dossiers" / structure / "index.html")
    assert "acia documents" not in suivi.read_text(encoding="utf-8")


@pytest.mark.parametrize("audience", ["public", "interne", f"structure:{LISULA}"])
def test_no_dead_links(shipped_sites, audience):
    _, sites = shipped_sites
    site = sites[audience]
    dead = []
    for page in sorted(site.rglob("*.html")):
        for link in _links(page):
            target = _target(page, link, site)
            if target is not None and not target.exists():
                dead.append(f"{page.relative_to(site)} → {link}")
    assert not dead, dead


def test_the_accessibility_contact_comes_from_the_organisations(tmp_path):
    root = copy_shipped(tmp_path)
    public = build_site(root, "public", run_builder=False)
    page = (public / "accessibilite.md").read_text(encoding="utf-8")
    # Each organisation's functional address (« contact »), with its name.
    assert "L'ARS : " in page and "mailto:ars-corse-strategie@ars.sante.fr" in page
    assert "L'Aract : " in page and "mailto:acia@aract-corse.example.org" in page
    # Without any « contact », the address the call gives for applications, as on Candidater.
    path = root / "data" / "programme.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"\n    contact: [^\n]+", "", text.split("\ncontexte:", 1)[0]) + "\ncontexte:" + text.split("\ncontexte:", 1)[1], encoding="utf-8")
    public = build_site(root, "public", run_builder=False)
    page = (public / "accessibilite.md").read_text(encoding="utf-8")
    assert "mailto:ars-corse-strategie@ars.sante.fr" in page and "mailto:ars-corse-strategie@ars.sante.fr" in (public / "candidater.md").read_text(encoding="utf-8")
    assert "aract-corse" not in page


def test_a_document_that_cannot_be_produced_stops_the_build_with_a_message(tmp_path, monkeypatch):
    from acia.letters import conversions, pandoc
    from acia.site.pages import SiteError

    def refuse(jobs, ready=None, processes=None):
        raise pandoc.ConversionError(f"la conversion de {jobs[0].label} en PDF a échoué : test")

    monkeypatch.setattr(conversions, "_memory", {})
    monkeypatch.setattr(pandoc, "convert_all", refuse)
    with pytest.raises(SiteError, match="un document à télécharger n'a pas pu être produit .*la conversion de « .* » en PDF a échoué : test"):
        build_site(copy_shipped(tmp_path), "public", run_builder=False)
