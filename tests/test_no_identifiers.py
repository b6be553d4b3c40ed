"""No identifier of the data reaches what a person reads: every one is shown by its label.

Every audience's site (public, interne, structure:<id>) of both shipped programmes
and of the third call (pages, SVG images, calendars), the letters (their PDF
text), the selection matrix (its CSV, ODS and XLSX headers, and the CSV and XLSX
cells but the first column: each application's identifier, which names its files
in data/, next to the organisme's name) and the scores chart are scanned for the
identifiers of the data: applications, axes, criteria, steps, bodies, meetings,
working groups, deliverables, RACI rows and roles, errata, fundings… and the enum
values of the schemas (« liste_attente », « assurance_maladie »,
« representant_personnel »). The list is built from the model and the schemas of
each call, never written here, so that it holds for any call.

Which identifiers are looked for: those with a hyphen, an underscore or a digit
and a lowercase letter (« axe-2 », « og-2a-fondation-u-sole », « liste_attente »).
An identifier without any (« analyse », « direction », « etat », « copil »,
« retenue ») is often an ordinary French word, or the word its label writes
with a capital letter or accents: looking for it would flag correct text. That
is the test's known limit; it holds because each kind of identifier (axes,
criteria, fundings, decisions, roles, meetings…) has members with a separator in
the shipped calls, so a renderer that prints identifiers instead of labels is
caught on those.
An identifier is matched as a whole token: not inside a longer word or identifier
(« etape-1 » is not found in « etape-10 »). Its spelling as a title (« Temps
collectif 1 » for « temps-collectif-1 ») is not looked for: identifiers are often
made from their label. What the site generator shows when a page has no title, its file name
as a title (« Og 2a sante domicile pumonte »), is caught otherwise: every page
must name itself (a « # » heading or a « title » in its front matter).

What is scanned is the text a reader sees: the page's HTML parsed, without
``<code>``, ``<pre>``, scripts, styles, attributes (URLs, anchors, classes) and
the pages written for contributors, « Référence des contrôles » and
« Contribuer », which explain the data files and so name their keys and
identifiers on purpose. A page's title (``<title>``) and the navigation are
scanned, and so are the calendars (.ics: what a calendar application shows).
The search index of each site is read too: what a search result shows is its
page's own text, never an identifier nor the banner (« Document interne »,
« Données fictives ») that opens every page.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from pathlib import Path

import pytest
from conftest import IDF, IDF_NOW, REPO, SNAPSHOT, THIRD_CALL_NOW, copy_shipped, pdf_text, run_cli
from reading import visible_text

from acia.check import check_instance
from acia.check.context import Context

pytestmark = pytest.mark.acceptance

# Pages written for contributors: they name the data's keys and identifiers on purpose.
CONTRIBUTOR_PAGES = ("reference-controles/", "contribuer/")
IDENTIFIER = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")  # as the schemas write them, lowercase


def _collect_ids(value: object, found: set[str], seen: set[int]) -> None:
    """The « id » of every record reachable from ``value`` (dataclasses of the model, tuples, dicts)."""
    if id(value) in seen:
        return
    seen.add(id(value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            child = getattr(value, field.name)
            if field.name == "id" and isinstance(child, str):
                found.add(child)
            else:
                _collect_ids(child, found, seen)
    elif isinstance(value, (tuple, list, frozenset, set)):
        for item in value:
            _collect_ids(item, found, seen)
    elif isinstance(value, dict):
        for key, item in value.items():
            _collect_ids(key, found, seen)
            _collect_ids(item, found, seen)


def _enum_values(node: object, found: set[str]) -> None:
    if isinstance(node, dict):
        if isinstance(node.get("enum"), list):
            found.update(value for value in node["enum"] if isinstance(value, str))
        for child in node.values():
            _enum_values(child, found)
    elif isinstance(node, list):
        for child in node:
            _enum_values(child, found)


def identifiers(context: Context) -> set[str]:
    """The identifiers a reader must never see, from the call's model and schemas (see the module's docstring)."""
    found: set[str] = set()
    _collect_ids(context.model, found, set())
    _collect_ids(context.followup, found, set())
    for schema in context.schemas.by_name.values():
        _enum_values(schema, found)
    return {value for value in found if IDENTIFIER.fullmatch(value) and re.search(r"[-_0-9]", value) and re.search(r"[a-z]", value)}


def _pattern(ids: set[str]) -> re.Pattern[str]:
    tokens = "|".join(re.escape(value) for value in sorted(ids, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{tokens})(?![\w-])")


def _svg_text(svg: str) -> str:
    """The words an SVG shows: its <text> and <title> elements."""
    return " ".join(re.sub(r"<[^>]+>", " ", match) for match in re.findall(r"<(?:text|title)\b[^>]*>(.*?)</(?:text|title)>", svg, flags=re.S))


def leaks(texts: dict[str, str], ids: set[str]) -> dict[str, list[str]]:
    """{where: identifiers found}, for every text that shows one."""
    pattern = _pattern(ids)
    found = {}
    for where, text in texts.items():
        hits = sorted({match.group(0) for match in pattern.finditer(text)})
        if hits:
            found[where] = hits
    return found


def site_texts(site: Path) -> dict[str, str]:
    """The visible text of every page of a built site, and of its SVG images, by path."""
    texts = {}
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if not path.is_file() or relative.startswith(("assets/", *CONTRIBUTOR_PAGES)):
            continue
        if path.suffix == ".html":
            texts[relative] = visible_text(path.read_text(encoding="utf-8"))
        elif path.suffix == ".svg":
            texts[relative] = _svg_text(path.read_text(encoding="utf-8"))
        elif path.suffix == ".ics":  # what a calendar application shows of each event
            unfolded = path.read_text(encoding="utf-8").replace("\r\n ", "").splitlines()
            texts[relative] = "\n".join(line for line in unfolded if line.startswith(("SUMMARY", "DESCRIPTION", "LOCATION", "X-WR-CALNAME")))
    return texts


def search_snippets(site: Path) -> dict[str, str]:
    """What each search result of the site shows: its title and the start of its text (Zensical's ``search.json``)."""
    documents = json.loads((site / "search.json").read_text(encoding="utf-8"))["items"]
    return {document["location"] or "index": f"{document['title']} — {visible_text(document['text'])}" for document in documents if not document["location"].startswith(CONTRIBUTOR_PAGES)}


def page_titles(docs: Path) -> dict[str, str]:
    """Generated pages that do not name themselves: the site generator would title them with their file name (« Og 2a sante domicile pumonte »)."""
    missing = {}
    for path in sorted(docs.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[1] if text.startswith("---\n") and "\n---\n" in text else text
        header = text.split("\n---\n", 1)[0] if text.startswith("---\n") else ""
        if not body.lstrip("\n").startswith("# ") and not re.search(r"^title: \S", header, flags=re.M):
            missing[path.relative_to(docs).as_posix()] = text.splitlines()[0] if text else ""
    return missing


def _spreadsheet_headers(folder: Path) -> dict[str, str]:
    """The header row of each matrix file, and the matrix's cells but its first column (each application's identifier, the name of its files)."""
    import openpyxl
    from odf import table, text
    from odf.opendocument import load

    found = {}
    rows = list(csv.reader(io.StringIO((folder / "matrice.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    found["matrice.csv"] = " | ".join(rows[0] + [cell for row in rows[1:] for cell in row[1:]])
    sheet = openpyxl.load_workbook(folder / "matrice.xlsx").active
    found["matrice.xlsx"] = " | ".join(str(cell.value) for row in sheet.iter_rows() for cell in row[1:] if cell.value is not None) + " | " + str(sheet["A1"].value)
    header = load(str(folder / "matrice.ods")).spreadsheet.getElementsByType(table.TableRow)[0]
    found["matrice.ods"] = " | ".join(str(paragraph) for cell in header.getElementsByType(table.TableCell) for paragraph in cell.getElementsByType(text.P))
    return found


@dataclasses.dataclass(frozen=True)
class Call:
    """One call with its outputs built: its data's identifiers, its sites (audience: folder) and its root."""

    root: Path
    ids: frozenset[str]
    sites: dict[str, Path]


def _call(root: Path, now: str | None, sites: dict[str, Path]) -> Call:
    from acia.check import parse_now

    checked = check_instance(root, now=parse_now(now) if now else None)
    assert checked.report.ok, checked.report.findings
    return Call(root, frozenset(identifiers(checked.context)), sites)


def _outputs(root: Path, now: str | None) -> None:
    """The matrix and the letters (PDF) of ``root``."""
    moment = ("--maintenant", now) if now else ()
    for arguments in (("matrix",), ("documents", "--format", "pdf")):
        code, out, err = run_cli(*arguments, "--root", str(root), *moment)
        assert code == 0, (arguments, out, err)


@pytest.fixture(scope="module", params=["corse", "idf", "troisieme"])
def call(request, tmp_path_factory) -> Call:
    """Each call built for every audience the tests read: Corse (shared sites of conftest), Île-de-France, the third call."""
    if request.param == "corse":
        root, sites = request.getfixturevalue("shipped_sites")
        outputs = copy_shipped(tmp_path_factory.mktemp("corse-outputs"))  # the shared tree is only read
        now = SNAPSHOT.isoformat()
        _outputs(outputs, now)
        found = _call(outputs, now, sites)
        return dataclasses.replace(found, root=outputs)
    if request.param == "troisieme":
        root = request.getfixturevalue("third_call")
        folders = {audience: root / "build" / audience / "site" for audience in ("public", "interne", "structure-og-974-zot-domicile")}
        return _call(root, THIRD_CALL_NOW, folders)
    root, sites = request.getfixturevalue("idf_sites")
    outputs = copy_shipped(tmp_path_factory.mktemp("idf-outputs"), IDF)  # the shared tree is only read
    _outputs(outputs, IDF_NOW.isoformat())
    return dataclasses.replace(_call(outputs, IDF_NOW.isoformat(), sites), root=outputs)


def test_the_identifiers_come_from_the_data():
    """The list is the data's (applications, axes, criteria, roles…) and the schemas' enum values, and holds no French word."""
    checked = check_instance(REPO, now=SNAPSHOT)
    ids = identifiers(checked.context)
    expected = {"og-2a-fondation-u-sole", "axe-2", "axe1-dui-impact", "commun-fenetre-depot", "assurance_maladie", "representant_personnel", "liste_attente", "non_retenue"}
    assert expected <= ids
    assert {"analyse-dates", "gt-transmissions-tournee", "copil-1", "etape-3", "a1-copil-1"} <= ids  # an erratum, a working group, a meeting, a step, a RACI row
    assert not {"analyse", "direction", "etat", "retenue", "copil", "PA"} & ids


def test_the_scan_reads_what_a_reader_sees():
    ids = {"axe-1", "liste_attente", "etape-1"}
    html = (
        "<html><head><title>Suivi</title><style>.axe-1 {}</style></head><body><a href='axe-1/' class='etape-1'>COPIL 1 (axe-1)</a>"
        "<code>liste_attente</code><pre>etape-1</pre><p>liste d'attente, etape-10, sous-etape-1</p></body></html>"
    )
    assert leaks({"page": visible_text(html)}, ids) == {"page": ["axe-1"]}
    assert leaks({"page": "Placée en liste_attente."}, ids) == {"page": ["liste_attente"]}


def test_no_page_shows_an_identifier(call):
    found = {f"{audience} {page}": hits for audience, site in call.sites.items() for page, hits in leaks(site_texts(site), set(call.ids)).items()}
    assert len(call.sites) >= 3 and all((site / "index.html").is_file() for site in call.sites.values())
    assert found == {}


def test_search_results_show_the_pages_own_text(call):
    """A search result shows its page's words: never an identifier, nor the banner every internal page opens with."""
    for audience, site in call.sites.items():
        snippets = search_snippets(site)
        assert len(snippets) > 10
        assert leaks(snippets, set(call.ids)) == {}, audience
        assert not [where for where, text in snippets.items() if "Document interne" in text or "Données fictives" in text], audience
    internal = (call.sites["interne"] / "index.html").read_text(encoding="utf-8")
    assert "Document interne" in internal  # still on the page


def test_every_generated_page_names_itself(call):
    """A « # » title or a « title: » on every page, so no page is titled after its file name, as the site generator does otherwise (« Gt transmissions tournee 1 »)."""
    for site in call.sites.values():
        assert page_titles(site.parent / "docs") == {}
        slug_titled = []
        for path in sorted(site.rglob("index.html")):
            name = path.parent.name
            title = re.search(r"<title>(.*?)</title>", path.read_text(encoding="utf-8"), flags=re.S)
            if path.parent != site and title and title.group(1).split(" - ")[0].strip() == re.sub(r"[-_]", " ", name).capitalize() and re.search(r"[-_0-9]", name):
                source = site.parent / "docs" / f"{path.parent.relative_to(site).as_posix()}.md"
                if source.is_file() and source.read_text(encoding="utf-8").startswith(f"# {title.group(1).split(' - ')[0].strip()}\n"):
                    continue  # a title the page gives itself (« # Votre dossier »), which its file name happens to spell
                slug_titled.append(path.relative_to(site).as_posix())
        assert slug_titled == []


def test_no_letter_shows_an_identifier(call):
    letters = sorted((call.root / "build" / "documents").rglob("*.pdf"))
    assert letters
    assert leaks({path.relative_to(call.root).as_posix(): pdf_text(path) for path in letters}, set(call.ids)) == {}


def test_the_matrix_and_the_scores_chart_show_no_identifier(call):
    folder = call.root / "build" / "selection"
    texts = _spreadsheet_headers(folder)
    texts["scores.svg"] = _svg_text((folder / "scores.svg").read_text(encoding="utf-8"))
    assert "Score (sur 100)" in texts["scores.svg"]
    assert leaks(texts, set(call.ids)) == {}
