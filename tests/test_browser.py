"""The built site in a real browser: Playwright driving an installed Chromium.

tasks.find_chromium picks it: ACIA_CHROMIUM first, which ``python3 tasks.py test`` sets after installing Chromium when missing.
"""

from __future__ import annotations

import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

import pytest
from conftest import REPO, SNAPSHOT, count_followup

from acia.check import check_instance
from acia.site import escape
from acia.site.pages import Audience, build

# Builds sites or documents, or runs other programs: left out of « tasks.py test --rapide ».
pytestmark = [pytest.mark.acceptance, pytest.mark.xdist_group("browser")]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *arguments):
        pass


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser") / "instance"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "schemas", root / "schemas")
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    path = root / "data" / "applications" / "og-2b-association-lisula.yml"
    text = path.read_text(encoding="utf-8").replace("raison_sociale: IME Lisula (fictif)", 'raison_sociale: "<script>alert(1)</script>"', 1)
    path.write_text(text.replace("raison_sociale: ESAT Lisula (fictif)", 'raison_sociale: "<img src=x onerror=alert(1)>"', 1), encoding="utf-8")
    checked = check_instance(root, now=SNAPSHOT)
    assert checked.report.ok
    return {name: build(root, Audience.parse(name), checked.report, checked.context, proposal=checked.proposal) for name in ("public", "interne", "structure:og-2b-association-lisula")}


@pytest.fixture(scope="module")
def server(sites):
    handler = functools.partial(_QuietHandler, directory=str(sites["public"].parent.parent))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


# Runs before the page's own scripts (through the browser's debugging protocol, which the page's policy does not govern).
LISTEN_TO_POLICY = "window.__acia_csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__acia_csp.push([e.violatedDirective, e.blockedURI, e.sample].join(' ')));"


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR")
    opened = context.new_page()
    opened.acia_requests = []
    opened.acia_dialogs = []
    opened.acia_console = []
    opened.on("request", lambda request: opened.acia_requests.append(request.url))
    opened.on("dialog", lambda dialog: (opened.acia_dialogs.append(dialog.message), dialog.dismiss()))
    opened.on("console", lambda message: opened.acia_console.append(message.text) if message.type == "error" else None)
    opened.add_init_script(LISTEN_TO_POLICY)
    yield opened
    context.close()


def _violations(page) -> list[str]:
    return page.evaluate("window.__acia_csp") + [text for text in page.acia_console if "Content Security Policy" in text]


def _external(requests: list[str]) -> list[str]:
    return [url for url in requests if urlparse(url).scheme in ("http", "https") and urlparse(url).hostname != "127.0.0.1"]


def test_home_page_loads_in_french(page, server):
    page.goto(f"{server}/public/site/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert "Corse 2023" in page.locator("h1").inner_text()
    assert _external(page.acia_requests) == []


SEARCH_RESULT = "[role=listbox] [role=option]"
SEARCH_RESULTS = "dialog[open]"


@pytest.mark.parametrize("query", ["Temps collectif 4", "Mise en place et évaluation des procédures"])
def test_french_search_finds_raci_rows(page, server, query):
    page.goto(f"{server}/public/site/")
    page.keyboard.press("/")  # the theme's shortcut to the search dialog
    page.keyboard.type(query, delay=20)
    # Zensical lists results as options of a listbox, in its dialog's open shadow root (which locators pierce).
    page.locator(SEARCH_RESULT).first.wait_for(timeout=10_000)
    results = page.locator(SEARCH_RESULTS).first.inner_text()
    assert "RACI" in results and query.split()[0] in results
    assert _external(page.acia_requests) == []


def test_dossier_page_shows_its_etablissements(page, server):
    page.goto(f"{server}/public/site/dossiers/og-2a-fondation-u-sole/")
    table = page.locator("table", has_text="Établissement").inner_text()
    assert "EHPAD Résidence U Sole" in table and "2A" in table


def test_dossier_index_filters_by_sector(page, server):
    page.goto(f"{server}/interne/site/dossiers/")
    rows = page.locator("table.acia-dossiers tbody tr")
    assert rows.count() == 8
    page.locator("select[data-filtre='secteur']").select_option("Protection de l'enfance")  # the sector's label, never its code « PDE »
    visible = [row for row in rows.all() if row.is_visible()]
    assert len(visible) == 2 and all("Protection de l'enfance" in row.inner_text() for row in visible)


def test_dossier_index_names_and_filters_axes_by_their_title(page, server):
    """People read « Construction d'usages partagés », never an identifier such as « axe-2 »."""
    page.goto(f"{server}/interne/site/dossiers/")
    options = page.locator("select[data-filtre='axe'] option").all_inner_texts()
    assert options == ["tous", "Construction d'usages partagés", "Implémentation d'un nouvel outil"]
    assert "axe-" not in page.locator("table.acia-dossiers").inner_text()
    page.locator("select[data-filtre='axe']").select_option("Construction d'usages partagés")
    visible = [row for row in page.locator("table.acia-dossiers tbody tr").all() if row.is_visible()]
    assert visible and all("Construction d'usages partagés" in row.inner_text() for row in visible)


def test_injected_markup_stays_inert(page, server):
    page.goto(f"{server}/interne/site/dossiers/og-2b-association-lisula/")
    page.wait_for_timeout(300)
    text = page.locator("article").inner_text()
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(1)>" in text
    assert page.acia_dialogs == []
    assert page.locator("article img[src='x']").count() == 0
    assert _external(page.acia_requests) == []


@pytest.mark.parametrize(("structure_id", "axe", "planned"), [("og-2a-fondation-u-sole", "axe-1", 26), ("og-2b-association-lisula", "axe-2", 24)])
def test_dossier_progress_matches_the_data(page, server, structure_id, axe, planned):
    """The figures a structure reads on its dossier page are those of its data/suivi files."""
    hours, days = count_followup(structure_id, axe, SNAPSHOT)
    page.goto(f"{server}/public/site/dossiers/{structure_id}/")
    summary = page.locator("article li", has_text="Heures de réunion du RACI tenues").inner_text()
    assert f"{hours:g} h sur {planned} h prévues" in summary.replace(",", ".").replace("\u00a0", " ")
    table = page.locator("article table", has_text="Jours de mobilisation")
    cells = [[cell.strip() for cell in row.split("\t")] for row in table.locator("tbody tr").all_inner_texts()]
    assert [row[3] for row in cells] == [f"{days.get(number, 0)} / {planned_days}" for number, planned_days in ((1, 2), (2, 6), (3, 2))]
    total = page.locator("article li", has_text="Jours de mobilisation").inner_text()
    assert f"{sum(days.values())} sur 10 prévus" in total


# axe-core runs on every page of both shipped programmes: tests/test_accessibility.py.


@pytest.mark.parametrize(
    "path",
    [
        "public/site/",
        "public/site/raci/",
        "public/site/dossiers/og-2a-fondation-u-sole/",
        "interne/site/dossiers/",
        "interne/site/dossiers/og-2b-association-lisula/comptes-rendus/copil-1/",
    ],
)
def test_theme_runs_under_the_content_security_policy(page, server, path):
    """Every script the theme needs is allowed: no violation is reported, its inline scripts and bundle ran."""
    page.goto(f"{server}/{path}")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert page.locator("head > meta[http-equiv='Content-Security-Policy']").count() == 1
    assert page.evaluate("typeof __md_scope === 'object' && typeof document$ === 'object'")
    page.keyboard.press("/")  # the search: a worker and the index, fetched from the site
    page.keyboard.type("Temps collectif 4", delay=20)
    page.locator(SEARCH_RESULT).first.wait_for(timeout=10_000)
    results = page.locator(SEARCH_RESULTS).first.inner_text()
    assert "documents trouvés" in results and "Temps collectif" in results
    assert _violations(page) == []
    assert _external(page.acia_requests) == []


STRUCTURE = "og-2a-fondation-u-sole"
MINUTES_PAYLOAD = """

<script>window.__pwned = "script"</script>

<img src="?x" onerror="window.__pwned = 'img'"> <svg onload="window.__pwned = 'svg'"></svg>

Paragraphe piégé
{: onclick="window.__pwned = 'attr_list'" tabindex="0" }

<div markdown="1" onmouseover="window.__pwned = 'md_in_html'">**Bloc piégé**</div>

<iframe src="/"></iframe>
"""


@pytest.fixture(scope="module")
def trapped(sites, tmp_path_factory):
    """A structure's site built with payloads in its data and escaping switched off (as if it had a hole), served under /piege/."""
    root = tmp_path_factory.mktemp("piege") / "instance"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "schemas", root / "schemas")
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    minutes = root / "data" / "suivi" / STRUCTURE / "comptes-rendus" / "copil-1.md"
    minutes.write_text(minutes.read_text(encoding="utf-8") + MINUTES_PAYLOAD, encoding="utf-8")
    application = root / "data" / "applications" / f"{STRUCTURE}.yml"
    text = application.read_text(encoding="utf-8")
    application.write_text(text.replace("  raison_sociale: Fondation U Sole (fictive)\n", "  raison_sociale: \"</title><script>window.__pwned = 'titre'</script>\"\n", 1), encoding="utf-8")
    checked = check_instance(root, now=SNAPSHOT)
    assert checked.report.ok
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(escape, "user_markdown", escape.trusted)
        site = build(root, Audience.parse(f"structure:{STRUCTURE}"), checked.report, checked.context, proposal=checked.proposal)
    served = sites["public"].parent.parent / "piege" / "site"
    shutil.copytree(site, served)
    # The policy alone, without the clean-up: a built page with markup slipped into its content afterwards.
    home = (sites["public"] / "index.html").read_text(encoding="utf-8")
    slipped = '<script>window.__pwned = "policy"</script><img src="x" onerror="window.__pwned = \'policy-img\'"><p id="glisse" onclick="window.__pwned = \'policy-click\'">glissé</p>'
    (served / "glisse.html").write_text(home.replace('md-content__inner md-typeset">', 'md-content__inner md-typeset">' + slipped, 1), encoding="utf-8")  # the content
    return served


@pytest.mark.parametrize("path", [f"dossiers/{STRUCTURE}/comptes-rendus/copil-1/", f"dossiers/{STRUCTURE}/"])
def test_markup_from_the_data_runs_no_script(page, server, trapped, path):
    page.goto(f"{server}/piege/site/{path}")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    if "copil-1" in path:
        assert page.locator("article strong", has_text="Bloc piégé").count() == 1  # the payload did reach the page as markup
        page.locator("article p", has_text="Paragraphe piégé").click()
        page.locator("article div", has_text="Bloc piégé").last.hover()
        assert page.locator("article script, article iframe, article [onclick], article [onerror], article [onload]").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert page.acia_dialogs == []
    assert page.evaluate("typeof __md_scope === 'object'")  # the theme's own scripts still run


def test_the_policy_alone_blocks_a_script_slipped_into_the_content(page, server, trapped):
    page.goto(f"{server}/piege/site/glisse.html")
    page.wait_for_load_state("load")
    page.locator("#glisse").click()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    blocked = " ".join(page.evaluate("window.__acia_csp"))
    assert "script-src-elem" in blocked and "script-src-attr" in blocked
    assert page.evaluate("typeof __md_scope === 'object' && typeof document$ === 'object'")
