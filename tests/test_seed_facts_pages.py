"""Every fact of the two calls reaches the page where a reader looks for it (issue 15, point 3).

Both shipped instances are built with the site engine and their HTML pages are
read back: the RACI's method and objective columns, who writes the minutes,
where and with whom each body meets, the label of each body's column
(« Animation » or « Membres »), each organisation's role, the link from a body
to the frise (the calendar page), the call's statements that are neither
criteria nor dates, and, for Île-de-France, the eight interests for the
structures and the four contacts the call publishes, on the public Candidater
page. Expected values come from the programme data, with the seed's own words
checked where the data summarises them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO, build_site, copy_shipped

from acia.check.pipeline import parse_now
from acia.load import yamlsource
from acia.model.programme import Programme, build_programme

# Builds sites: left out of « tasks.py test --rapide ».
pytestmark = pytest.mark.acceptance

IDF = REPO / "examples" / "idf-2021"
IDF_NOW = parse_now("2021-12-15")
IDENTIFIER = re.compile(r"^[a-z0-9]+(?:[_-][a-z0-9]+)+$|^(?:ars|aract|grades|dgos|anact|sgmcas|copil|pilote)$")


@dataclass
class Section:
    """What follows one heading of a page, up to the next heading: its text, list items, tables and links."""

    heading: str
    text: str = ""
    items: list[str] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)  # rows of cell texts, the header row first
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, href)


class _Page(HTMLParser):
    """The article of a built page, cut into sections at its h1, h2 and h3 headings."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[Section] = []
        self.inside = False  # within <article>
        self.heading: list[str] | None = None
        self.item: list[str] | None = None
        self.cell: list[str] | None = None
        self.link: tuple[str, list[str]] | None = None
        self.skip = 0  # within a heading's permalink

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "article":
            self.inside = True
        if not self.inside:
            return
        if tag in ("h1", "h2", "h3"):
            self.heading = []
        elif tag == "a" and "headerlink" in (attributes.get("class") or ""):
            self.skip += 1
        elif tag == "a" and attributes.get("href") is not None and self.sections:
            self.link = (attributes.get("href") or "", [])
        elif tag == "li":
            self.item = []
        elif tag == "table":
            self.sections[-1].tables.append([])
        elif tag == "tr":
            self.sections[-1].tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if not self.inside:
            return
        if tag == "article":
            self.inside = False
        elif tag in ("h1", "h2", "h3") and self.heading is not None:
            self.sections.append(Section(_clean("".join(self.heading))))
            self.heading = None
        elif tag == "a" and self.skip:
            self.skip -= 1
        elif tag == "a" and self.link is not None:
            self.sections[-1].links.append((_clean("".join(self.link[1])), self.link[0]))
            self.link = None
        elif tag == "li" and self.item is not None:
            self.sections[-1].items.append(_clean("".join(self.item)))
            self.item = None
        elif tag in ("td", "th") and self.cell is not None:
            self.sections[-1].tables[-1][-1].append(_clean("".join(self.cell)))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if not self.inside or self.skip:
            return
        for part in (self.heading, self.item, self.cell, self.link[1] if self.link else None):
            if part is not None:
                part.append(data)
        if self.heading is None and self.sections:
            self.sections[-1].text += data


def _clean(text: str) -> str:
    return " ".join(html.unescape(text).split())


def sections_of(site: Path, name: str) -> list[Section]:
    """The sections of a built page, in order."""
    parser = _Page()
    parser.feed((site / name / "index.html").read_text(encoding="utf-8"))
    for section in parser.sections:
        section.text = _clean(section.text)
    return parser.sections


def page(site: Path, name: str) -> dict[str, Section]:
    """The sections of a built page, by heading (the last one, where a heading repeats)."""
    return {section.heading: section for section in sections_of(site, name)}


def rows_of(table: list[list[str]]) -> list[dict[str, str]]:
    """A table's rows as {column header: cell}."""
    header, *rows = table
    return [dict(zip(header, row, strict=True)) for row in rows]


def bullet(section: Section, label: str) -> str:
    """The text after « label : » in the section's list (« Lieu : … »)."""
    found = [item.split(" : ", 1)[1] for item in section.items if item.startswith(f"{label} : ")]
    assert len(found) == 1, (section.heading, label, section.items)
    return found[0]


def _programme(root: Path) -> Programme:
    return build_programme(yamlsource.parse((root / "data" / "programme.yml").read_text(encoding="utf-8")).data)


@pytest.fixture(scope="module")
def corse(shipped_sites) -> tuple[Programme, Path]:
    root, sites = shipped_sites
    return _programme(root), sites["public"]


@pytest.fixture(scope="module")
def idf(tmp_path_factory) -> tuple[Programme, Path]:
    root = copy_shipped(tmp_path_factory.mktemp("idf"), IDF)
    return _programme(root), build_site(root, "public", now=IDF_NOW)


# --- RACI ------------------------------------------------------------------------------


def test_raci_shows_the_method_and_objective_of_every_row(corse):
    programme, site = corse
    sections = page(site, "raci")
    for axe in programme.axes:
        (table,) = sections[axe.short_title].tables
        assert table[0][:6] == ["Étape", "Action", "Description", "Méthodologie / outils utilisés", "Objectif", "Charge"]
        shown = [(row["Action"], row["Méthodologie / outils utilisés"], row["Objectif"]) for row in rows_of(table)]
        assert shown == [(row.action, row.method, row.objective) for row in programme.raci_rows if row.axe == axe.id]
    first = rows_of(sections["Implémentation d'un nouvel outil"].tables[0])
    assert first[0]["Action"] == "COPIL 1" and first[0]["Méthodologie / outils utilisés"] == "Réunion de cadrage"
    assert "plan d'action opérationnel" in next(row["Objectif"] for row in first if row["Action"] == "Arbitrage")


# --- Gouvernance -----------------------------------------------------------------------


def test_gouvernance_says_who_writes_the_minutes_where_and_with_whom_bodies_meet(corse):
    _, site = corse
    sections = page(site, "gouvernance")
    copil, collective, group = sections["Comité de pilotage"], sections["Temps collectif (réunion inter-structures)"], sections["Groupe de travail"]
    assert bullet(copil, "Compte rendu rédigé par") == "l'Aract."
    assert bullet(copil, "Lieu") == "Principalement dans les structures."
    assert bullet(collective, "Lieu") == "À définir par le collectif ; réunions à distance possibles."
    assert bullet(group, "Lieu") == "Dans les établissements."
    assert bullet(collective, "Participants") == "Les comités de pilotage des structures de l'ACIA, ou au moins leurs pilotes de projet."
    assert bullet(copil, "Participants") == "L'équipe projet de la structure."
    # The Aract's chargée de mission leads the COPIL and writes its minutes (the organisation's role says who).
    aract = next(row for row in rows_of(sections["Rôle des organisations"].tables[0]) if row["Organisation"].endswith("(Aract)"))
    assert "chargée de mission anime les comités de pilotage et en rédige les comptes rendus" in aract["Rôle dans le programme"]


def test_committees_list_members_and_meetings_their_leaders(corse):
    programme, site = corse
    (table,) = page(site, "gouvernance")["Instances et temps de travail"].tables
    assert table[0] == ["Instance", "Niveau", "Durée", "Animation", "Membres", "Obligatoire"]
    rows = {row["Instance"]: row for row in rows_of(table)}
    assert (rows["Comité de suivi"]["Animation"], rows["Comité de suivi"]["Membres"]) == ("—", "Aract, ARS, GRADeS (facultatif)")
    assert (rows["Comité de sélection"]["Animation"], rows["Comité de sélection"]["Membres"]) == ("—", "Aract, GRADeS, ARS")
    assert (rows["Comité de pilotage"]["Animation"], rows["Comité de pilotage"]["Membres"]) == ("Aract", "—")
    assert rows["Groupe de travail"]["Animation"] == "Aract, pilote de projet"
    assert len(rows) == len(programme.bodies)
    cells = [cell for row in table[1:] for cell in row for cell in cell.split(", ")]
    assert not [cell for cell in cells if IDENTIFIER.match(cell)]  # labels, never identifiers


def test_every_organisation_s_role_is_on_the_gouvernance_page(corse, idf):
    for programme, site in (corse, idf):
        rows = rows_of(page(site, "gouvernance")["Rôle des organisations"].tables[0])
        assert [(row["Organisation"], row["Rôle dans le programme"]) for row in rows] == [
            (f"{organisation.name} ({organisation.acronym})", organisation.role) for organisation in programme.organisations
        ]
    roles = {row["Organisation"].rsplit("(", 1)[1].rstrip(")"): row["Rôle dans le programme"] for row in rows_of(page(corse[1], "gouvernance")["Rôle des organisations"].tables[0])}
    assert {"ARS", "Aract", "GRADeS", "SGMCAS"} <= set(roles)
    assert "comité de sélection" in roles["GRADeS"] and "liste nationale des candidatures retenues" in roles["SGMCAS"]
    assert "lettre d'engagement" in roles["ARS"]


def test_bodies_on_the_frise_link_the_calendar(corse):
    programme, site = corse
    sections = page(site, "gouvernance")
    for body in programme.bodies:
        links = [link for link in sections[body.name].links if link[0] == "frise du projet"]
        assert links == ([("frise du projet", "../calendrier/")] if body.on_timeline else [])
    assert [body.id for body in programme.bodies if body.on_timeline] == ["copil", "temps-collectif"]
    assert (site / "calendrier" / "index.html").is_file()
    assert "aux dates de la frise" not in " ".join(section.text for section in sections.values())


def test_project_team_guidance_of_the_annexe_1(corse):
    _, site = corse
    team = page(site, "gouvernance")["Équipe projet attendue dans chaque établissement"].text  # Corse: one team per établissement
    assert "Chaque établissement candidat forme sa propre équipe projet, avec son pilote de projet" in team
    for profile in ("référents métiers", "utilisateurs des logiciels", "la direction", "le chef de projet", "un ambassadeur du projet"):
        assert profile in team
    assert "réunissent leurs pilotes de projet" in team  # several établissements of one OG


# --- Statements with no field before ---------------------------------------------------


def test_statements_of_the_call_are_where_a_reader_looks(corse):
    programme, site = corse
    eligibility = page(site, "programme")["Éligibilité"].text
    assert "Une structure peut candidater qu'elle ait pris part ou non à la première phase, exploratoire." in eligibility
    steps = page(site, "accompagnement")
    assert steps["Modalités"].items == list(programme.support_terms)
    terms = " ".join(steps["Modalités"].items)
    assert "une implication forte de leurs équipes est demandée" in terms
    assert "en début de projet, des temps de rencontre pour cerner leur problématique" in terms
    # Step 1's working group between structures: under « Entre les structures » of the first step.
    ordered = sections_of(site, "accompagnement")
    headings = [section.heading for section in ordered]
    first_between = ordered[headings.index("Entre les structures", headings.index("Étape 1 : Cadrage"))]
    assert headings.index("Entre les structures", headings.index("Étape 1 : Cadrage")) < headings.index("Étape 2 : Déploiement")
    assert any(item.startswith("Constituer un groupe de travail inter-structures") for item in first_between.items)


# --- Île-de-France ---------------------------------------------------------------------


def test_idf_interests_for_the_structures(idf):
    programme, site = idf
    items = page(site, "programme")["Intérêts pour les structures"].items
    assert items == list(programme.interests) and len(items) == 8
    assert items[0] == "Bénéficier du regard d'experts sur son projet numérique (Aract et écosystème régional)."


def test_idf_public_candidater_page_shows_the_call_s_four_contacts(idf):
    programme, site = idf
    sections = page(site, "candidater")
    contacts = sections["Contacts de l'appel"]
    assert contacts.items == [
        "Monsieur Éric Bongrand, ARS : eric.bongrand@ars.sante.fr",
        "Dr Élise Bléry, ARS : elise.blery@ars.sante.fr",
        "Madame Pascale Simon, Aract : p.simon@anact.fr",
        "Madame Sabrina Moukah-Bellil, Aract : s.moukah-bellil@anact.fr",
    ]
    assert contacts.links == [(contact.email, f"mailto:{contact.email}") for contact in programme.application.contacts]
    assert "Envoi par courriel aux contacts de l'appel, ci-dessous." in sections["À qui l'envoyer, et avant quand"].text
