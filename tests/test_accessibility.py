"""Accessibility of every built page of both shipped programmes, in Chromium: axe-core, widths, keyboard, focus.

One browser for the module and one tab per site, reused from page to page: axe-core (vendored, MPL-2.0)
is injected before the page's own scripts, so the page's content security policy does not refuse it.
Every page of every audience is checked, except that only the first pages of each kind of dossier page
(a dossier, a meeting report, a deliverable, a collective meeting) are, when a site has many.
"""

from __future__ import annotations

import functools
import html
import os
import re
import threading
from collections import defaultdict
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import REPO
from playwright.sync_api import expect

pytestmark = [pytest.mark.acceptance, pytest.mark.xdist_group("browser")]

AXE = REPO / "tests" / "vendor" / "axe-core-4.14.1" / "axe.min.js"
PER_KIND = 2  # dossier pages of one kind checked per site
WIDTHS = (1280, 390)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *arguments):
        pass


def _kind(path: str) -> str:
    """« dossiers/og-x/comptes-rendus/copil-1 » and its siblings are one kind of page: « dossiers/*/comptes-rendus/* »."""
    parts = path.split("/")
    if parts[0] != "dossiers" or len(parts) < 2:
        return path
    return "/".join(["dossiers", *("*" if part not in ("comptes-rendus", "livrables") else part for part in parts[1:])])


def site_pages(site: Path) -> list[str]:
    """The site's pages (paths relative to it, « » for the home page), the first PER_KIND of each kind of dossier page."""
    seen: dict[str, int] = defaultdict(int)
    chosen = []
    for index in sorted(site.rglob("index.html")):
        path = index.parent.relative_to(site).as_posix()
        path = "" if path == "." else path
        kind = _kind(path)
        seen[kind] += 1
        if kind == path or seen[kind] <= PER_KIND:
            chosen.append(path)
    return chosen


@pytest.fixture(scope="module")
def all_sites(shipped_sites, idf_sites):
    """{(programme, audience): site folder} for every audience built of both shipped programmes."""
    return {**{("corse", name): site for name, site in shipped_sites[1].items()}, **{("idf", name): site for name, site in idf_sites[1].items()}}


@pytest.fixture(scope="module")
def served(all_sites):
    """An HTTP server over the folder holding both programmes' sites; a function giving a site's address."""
    top = Path(os.path.commonpath([str(site) for site in all_sites.values()]))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(top)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield lambda programme, audience: f"{base}/{all_sites[(programme, audience)].relative_to(top).as_posix()}/"
    httpd.shutdown()


@pytest.fixture
def tab(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.add_init_script(path=str(AXE))
    yield opened
    context.close()


CORSE_AUDIENCES = ("public", "interne", "structure:og-2b-association-lisula", "structure:og-2a-fondation-u-sole", "structure:og-2a-ornano-enfance")
IDF_AUDIENCES = ("public", "interne", *(f"structure:{path.stem}" for path in sorted((REPO / "examples" / "idf-2021" / "data" / "applications").glob("*.yml"))))
SITES = [("corse", name) for name in CORSE_AUDIENCES] + [("idf", name) for name in IDF_AUDIENCES]

AXE_RUN = "async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map((v) => [v.id, v.impact, v.nodes.length, v.nodes[0].target.join(' ')])"
WIDTH = "() => [document.documentElement.scrollWidth, window.innerWidth]"


@pytest.mark.parametrize(("programme", "audience"), SITES, ids=[f"{programme}-{audience}" for programme, audience in SITES])
def test_every_page_passes_axe_core_and_fits_the_screen(tab, served, all_sites, programme, audience):
    """No axe-core violation of any impact level, French declared, no sideways scrolling at 1280 and 390 px."""
    pages = site_pages(all_sites[(programme, audience)])
    if audience.startswith("structure:"):
        # The programme's pages a structure's site shares with the public one are checked there: here, its home and its dossier.
        public = set(site_pages(all_sites[(programme, "public")]))
        pages = [path for path in pages if not path or path not in public]
        assert "" in pages and any(path.startswith("dossiers/") for path in pages)
    else:
        assert len(pages) >= 10
    violations, wide, languages = [], [], []
    # A structure's pages are the public ones with its dossier: their narrow width is measured on the public site.
    widths = WIDTHS if not audience.startswith("structure:") else WIDTHS[:1]
    for path in pages:
        tab.set_viewport_size({"width": WIDTHS[0], "height": 900})
        tab.goto(served(programme, audience) + (f"{path}/" if path else ""))
        tab.wait_for_selector("body[data-acia='pret']", state="attached")  # acia.js has laid the tables out
        violations += [(path, *violation) for violation in tab.evaluate(AXE_RUN)]
        if tab.locator("html").get_attribute("lang") != "fr":
            languages.append(path)
        for width in widths:
            if width != WIDTHS[0]:
                tab.set_viewport_size({"width": width, "height": 900})  # as a phone shows it: acia.js lays the tables out again
                tab.wait_for_timeout(150)
            document, viewport = tab.evaluate(WIDTH)
            if document > viewport:
                wide.append((width, path, document))
    assert violations == []
    assert languages == []
    assert wide == []


def test_sampling_keeps_every_kind_of_page(all_sites):
    """The sample holds every page outside the dossiers and at least one page of each kind inside them."""
    site = all_sites[("corse", "interne")]
    pages = site_pages(site)
    kinds = {_kind(index.parent.relative_to(site).as_posix()) for index in site.rglob("index.html")}
    assert {_kind(path if path else ".") for path in pages} == kinds
    assert {"selection", "suivi", "raci", "dossiers", "dossiers/*", "dossiers/*/comptes-rendus/*", "dossiers/*/livrables/*"} <= set(pages) | {_kind(path) for path in pages}


def _focused(tab) -> dict:
    """What has the keyboard focus, and whether its focus indicator is visible (a 2 px outline at least, or a ring)."""
    return tab.evaluate(
        """() => {
        let e = document.activeElement;
        while (e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;  // the search dialog
        const s = getComputedStyle(e);
        const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
        const ring = s.boxShadow && s.boxShadow !== 'none';
        const box = e.getBoundingClientRect();
        return {tag: e.tagName, text: (e.innerText || e.value || e.getAttribute('aria-label') || '').trim().slice(0, 60),
                href: e.getAttribute('href'), visible: outline || ring, shown: box.width > 0 && box.height > 0,
                inArticle: !!e.closest('article'), filtre: e.getAttribute('data-filtre')};
    }"""
    )


def _tab_until(tab, wanted, limit: int = 80, key: str = "Tab") -> list[dict]:
    """Presses Tab (or ``key``) until ``wanted(focused)``; every element met on the way shows its focus."""
    met = []
    for _ in range(limit):
        tab.keyboard.press(key)
        focused = _focused(tab)
        met.append(focused)
        if wanted(focused):
            return met
    raise AssertionError(f"jamais atteint au clavier ; parcouru : {[item['text'] for item in met]}")


def _invisible_focus(met: list[dict]) -> list[dict]:
    return [item for item in met if item["shown"] and not item["visible"]]


def test_keyboard_reaches_the_menu_and_the_candidater_page(tab, served):
    tab.goto(served("corse", "public"))
    met = _tab_until(tab, lambda focused: focused["text"] == "Aller au contenu")
    met += _tab_until(tab, lambda focused: focused["tag"] == "A" and focused["text"] == "Candidater")
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(r"/candidater/$"))
    assert "Candidater" in tab.locator("h1").inner_text()
    met += _tab_until(tab, lambda focused: focused["inArticle"] and focused["tag"] == "A")  # the page's own links
    assert _invisible_focus(met) == []


def test_skip_link_leads_into_a_dossier(tab, served):
    tab.goto(served("corse", "public") + "dossiers/og-2a-fondation-u-sole/")
    met = _tab_until(tab, lambda focused: focused["text"] == "Aller au contenu")
    tab.keyboard.press("Enter")
    met += _tab_until(tab, lambda focused: focused["inArticle"], limit=10)
    assert _invisible_focus(met) == []


def test_keyboard_search(tab, served):
    """The header's « Recherche » button opens the search dialog; its first result opens with Enter; Escape gives the focus back."""
    tab.goto(served("corse", "public"))
    met = _tab_until(tab, lambda focused: focused["tag"] == "BUTTON" and focused["text"] == "Recherche")
    assert [item["text"] for item in met][:2] == ["Aller au contenu", "ACIA Corse 2023 — centre de ressources"]  # nothing hidden on the way
    tab.keyboard.press("Enter")
    tab.get_by_role("combobox", name="Rechercher").wait_for()
    assert _focused(tab)["tag"] == "INPUT"
    tab.keyboard.type("colectif", delay=20)  # a misspelling still finds the page
    expect(tab.get_by_role("option").first).to_contain_text(re.compile("collectif", re.IGNORECASE), timeout=10_000)
    tab.keyboard.press("Escape")
    assert _focused(tab)["text"] == "Recherche"
    tab.keyboard.press("Enter")
    field = tab.get_by_role("combobox", name="Rechercher")
    field.fill("")
    tab.keyboard.type("Temps collectif 4", delay=20)
    first = tab.get_by_role("option").first
    expect(first).to_contain_text("Temps collectif", timeout=10_000)
    expect(first).to_have_attribute("aria-selected", "true")  # the first result is the one Enter opens
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(r"\?h="))
    assert "Temps collectif 4" in tab.locator("article").inner_text()
    assert _invisible_focus(met) == []


def test_keyboard_filters_the_dossiers_and_opens_one(tab, served):
    tab.goto(served("corse", "interne") + "dossiers/")
    rows = tab.locator("table.acia-dossiers tbody tr")
    total = rows.count()
    met = _tab_until(tab, lambda focused: focused["filtre"] == "nom")
    tab.keyboard.type("lisula", delay=20)
    assert [row.inner_text().split("\t")[0] for row in rows.all() if row.is_visible()] == ["Association Lisula (fictive)"]
    assert tab.locator(".acia-decompte").inner_text() == f"1 dossier affiché sur {total}."
    met += _tab_until(tab, lambda focused: focused["tag"] == "BUTTON")
    tab.keyboard.press("Enter")
    assert len([row for row in rows.all() if row.is_visible()]) == total
    met += _tab_until(tab, lambda focused: focused["filtre"] == "secteur", limit=5, key="Shift+Tab")
    tab.keyboard.press("ArrowDown")  # the first sector, chosen with the keyboard
    chosen = tab.locator("select[data-filtre='secteur']").input_value()
    visible = [row for row in rows.all() if row.is_visible()]
    assert chosen and 0 < len(visible) < total and all(chosen in row.inner_text() for row in visible)
    met += _tab_until(tab, lambda focused: focused["tag"] == "A" and focused["inArticle"] and "og-" in (focused["href"] or ""))
    name = met[-1]["text"]
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(r"/dossiers/og-[^/]+/$"))
    assert tab.locator("h1").inner_text().startswith(name)
    assert _invisible_focus(met) == []


def test_tables_become_cards_when_they_do_not_fit(tab, served):
    """RACI is too wide for the text column: each row is a card where every value carries its column's title."""
    for width in WIDTHS:
        tab.set_viewport_size({"width": width, "height": 900})
        tab.goto(served("corse", "public") + "raci/")
        tab.wait_for_timeout(50)
        stacked = tab.locator(".acia-empile")
        assert stacked.count() >= 1
        cell = stacked.first.locator("tbody td[data-label='Action']").first
        assert cell.is_visible()
        assert tab.evaluate("(cell) => getComputedStyle(cell, '::before').content", cell.element_handle()).startswith('"Action')
        assert tab.evaluate("() => [...document.querySelectorAll('.md-typeset__scrollwrap')].every((w) => w.scrollWidth <= w.clientWidth + 1)")


@pytest.mark.parametrize("programme", ["corse", "idf"])
def test_calendar_picture_labels_are_body_text_size_and_have_a_text_equivalent(tab, served, all_sites, programme):
    svg = (all_sites[(programme, "public")] / "calendrier.svg").read_text(encoding="utf-8")
    view_width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
    smallest = min(float(size) for size in re.findall(r"font-size: ([\d.]+)px", svg))
    tab.goto(served(programme, "public") + "calendrier/")
    shown = tab.locator("article img[src$='calendrier.svg']")
    body = float(tab.evaluate("() => parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)"))
    assert smallest * shown.evaluate("(image) => image.clientWidth") / view_width >= body
    # Its text equivalent: the alternative names the table that gives the same dates, on the same page.
    assert "tableau Calendrier régional et étapes" in shown.get_attribute("alt")
    assert tab.locator("h2", has_text="Calendrier régional et étapes").count() == 1
    table = re.sub(r"\s+", " ", tab.locator("article table").first.inner_text())
    lines = [re.sub(r"\s+", " ", html.unescape(line)) for line in re.findall(r">([^<>]+)</text>", svg)]
    labels = [line for line in lines if not re.fullmatch(r"\d\d/\d{4}", line)]
    assert labels and [line for line in labels if line not in table] == []


@pytest.mark.parametrize("programme", ["corse", "idf"])
def test_the_accessibility_statement_follows_the_rgaa_model(all_sites, programme):
    """Compliance state from the self-assessment, what is checked, what is not accessible, contact and recourse."""
    for audience in ("public", "interne"):
        page = (all_sites[(programme, audience)] / "accessibilite" / "index.html").read_text(encoding="utf-8")
        for heading in ("État de conformité", "Critères vérifiés", "Contenus non accessibles", "Retour d'information et contact", "Voies de recours"):
            assert f">{heading}<" in page.replace("&#39;", "'")
        assert "<strong>partiellement conforme</strong>" in page and "autoévaluation" in page and "Défenseur des droits" in page
        assert "mailto:" in page  # the feedback contact, from the programme's data
        assert "axe-core 4.14" in page and "390" in page
