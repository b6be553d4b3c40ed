"""Every built page carries a Content-Security-Policy: only the theme's own scripts run, none from the data.

The fast tests feed ``acia.site.policy`` pages shaped like the theme's, with
hostile content; the acceptance test builds the shipped instance with payloads
in its data. Pages are read back with lxml, not with the module's own reader,
and hashes are computed here, so that the tests do not trust the code they check.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import lxml.html
import markdown
import pytest
from conftest import REPO, build_site, copy_shipped

from acia.site import escape, passes, policy

FRAME_SCRIPTS = [
    '__md_scope=new URL(".",location)',
    'var palette=__md_get("__palette")',
    'var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))',
]
# The templates that write them, as a theme's partials do.
TEMPLATES = {
    "partials/base.html": '{#- generated -#}\n<script>__md_scope=new URL("{{ config.extra.scope | d(base_url) }}",location)</script>\n',
    "partials/palette.html": '<script>var palette=__md_get("__palette")</script>',
    "partials/content.html": f"{{% if x %}}<script>var tabs=1</script>{{% endif %}}\n<script>{FRAME_SCRIPTS[2]}</script>",
    "base.html": '<script id="__config" type="application/json">{{ config | tojson }}</script><script>var bare={{ x }}</script><script>var a=1{% if x %};var b=2{% endif %}</script>',
}
CONTENT = "<h1>Titre</h1>\n<p>avant</p>{payload}<p>après</p>\n"
PAGE = (
    '<!doctype html>\n<html lang="fr">\n  <head>\n    <meta charset="utf-8">\n    <title>Titre</title>\n'
    f"    <script>{FRAME_SCRIPTS[0]}</script>\n  </head>\n  <body>\n    <header><script>{FRAME_SCRIPTS[1]}</script>\n"
    '    <form class="md-search__form" name="search"><input name="query"></form></header>\n'
    '    <div class="md-content"><article class="md-content__inner md-typeset">\n{content}</article></div>\n'
    f"    <script>{FRAME_SCRIPTS[2]}</script>\n"
    '    <script id="__config" type="application/json">{{"search": "assets/javascripts/workers/search.js"}}</script>\n'
    '    <script src="assets/javascripts/bundle.js"></script>\n  </body>\n</html>\n'
)
ACTIVE = ("script", "iframe", "object", "embed", "base", "meta", "link", "form", "frame", "frameset", "applet", "style", "noscript", "template")

# Each one would run a script, load a frame or leave the page if it reached the content as markup.
PAYLOADS = [
    "<script>window.__pwned=1</script>",
    "<ScRiPt >window.__pwned=1</sCrIpT >",
    "<script/>window.__pwned=1</script>",
    '<script src="data:text/javascript,window.__pwned=1"></script>',
    '<img src="x" onerror="window.__pwned=1">',
    '<img/src="x"/onerror="window.__pwned=1">',
    "<svg onload=window.__pwned=1><circle r=1 /></svg>",
    "<svg><script>window.__pwned=1</script></svg>",
    '<p onclick="window.__pwned=1">attr_list</p>',
    '<div markdown="1" onmouseover="window.__pwned=1"><strong>md_in_html</strong></div>',
    '<iframe src="https://example.org/" srcdoc="<script>window.__pwned=1</script>"></iframe>',
    '<object data="x.swf"><embed src="x.swf"></object>',
    '<base href="https://example.org/">',
    '<meta http-equiv="refresh" content="0; url=https://example.org/">',
    '<form action="https://example.org/"><button formaction="https://example.org/">envoyer</button></form>',
    "<style>@import url(https://example.org/x.css);</style>",
    '<noscript><p title="</noscript><img src=x onerror=window.__pwned=1>"></noscript>',
    "<!-- --!><img src=x onerror=window.__pwned=1> -->",
    "<![CDATA[><img src=x onerror=window.__pwned=1>]]>",
    "</article><script>window.__pwned=1</script><article>",
    '<a href="#" title="x" onfocus="window.__pwned=1" autofocus>lien</a>',
    "<details open ontoggle=window.__pwned=1><summary>x</summary></details>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>",
]


@pytest.fixture(scope="module")
def theme(tmp_path_factory):
    folder = tmp_path_factory.mktemp("theme")
    for name, text in TEMPLATES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return policy.theme_scripts([folder])


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _policy(page: str) -> dict[str, list[str]]:
    document = lxml.html.document_fromstring(page)
    first = document.find("head")[0]
    assert first.tag == "meta" and first.get("http-equiv") == "Content-Security-Policy", "the policy is the first element of <head>"
    directives = [part.split() for part in first.get("content").split(";")]
    return {words[0]: words[1:] for words in directives if words}


def _frame_scripts(page: str) -> list[str]:
    """The inline scripts that run, outside the first <article> (lxml's reading of the page)."""
    document = lxml.html.document_fromstring(page)
    article = document.find(".//article")
    found = []
    for script in document.iter("script"):
        inside = article is not None and any(ancestor is article for ancestor in script.iterancestors())
        if not inside and script.get("src") is None and (script.get("type") or "text/javascript").lower() in ("text/javascript", "module"):
            found.append(script.text or "")
    return found


def _active_markup(fragment: str) -> list[str]:
    """Elements and attributes in ``fragment`` (read by lxml) that could run or load something."""
    found = []
    for element in lxml.html.fragment_fromstring(fragment, create_parent="div").iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in ACTIVE:
            found.append(element.tag)
        found += [f"{element.tag}@{name}" for name in element.attrib if name.lower().startswith("on")]
    return found


def _content(page: str) -> str:
    return page[page.index('md-typeset">') + len('md-typeset">') : page.rindex("</article>")]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_script_from_the_content_is_kept_or_allowed(payload, theme):
    page = PAGE.format(content=CONTENT.format(payload=payload))
    secured = policy.secure_html(page, theme)
    assert _active_markup(CONTENT.format(payload=payload)), "the payload is meant to be active"
    assert not _active_markup(_content(secured))
    assert "__pwned" not in "".join(_frame_scripts(secured))
    assert _policy(secured)["script-src"] == ["'self'", *(_hash(script) for script in FRAME_SCRIPTS)]
    assert "<p>avant</p>" in secured and "<p>après</p>" in secured
    assert policy.secure_html(secured, theme) == secured


@pytest.mark.parametrize(
    "source",
    [
        'Texte\n{: onclick="window.__pwned=1" }',
        '[lien](https://example.org){: onmouseover="window.__pwned=1" }',
        '<div markdown="1" onmouseover="window.__pwned=1">**gras**</div>',
        "<script>window.__pwned=1</script>",
        'Avant <img src="x" onerror="window.__pwned=1"> après',
        '> <iframe src="https://example.org/"></iframe>\n>\n> citation',
        '- <svg onload="window.__pwned=1"></svg> élément',
        "Titre {: #ancre onclick=window.__pwned=1 }\n===",
    ],
)
def test_no_markdown_construct_gets_a_script_through(source, theme):
    """Had escaping let raw Markdown through, what Python-Markdown renders is still cleaned."""
    rendered = markdown.markdown(source, extensions=["tables", "admonition", "attr_list", "md_in_html", "toc"])
    assert _active_markup(rendered), rendered
    secured = policy.secure_html(PAGE.format(content=rendered), theme)
    assert not _active_markup(_content(secured))
    assert _policy(secured)["script-src"] == ["'self'", *(_hash(script) for script in FRAME_SCRIPTS)]


def test_the_whole_policy_and_the_rest_of_the_page_byte_for_byte(theme):
    page = PAGE.format(content=CONTENT.format(payload='<p><strong>sûr</strong> &amp; <a href="https://example.org/">lien</a></p>'))
    secured = policy.secure_html(page, theme)
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">', secured)
    assert meta and secured[: meta.start()] == page[: page.index("<head>") + len("<head>")]
    assert secured[: meta.start()] + secured[meta.end() :] == page
    assert _policy(secured) == {
        "default-src": ["'self'"],
        "script-src": ["'self'", *(_hash(script) for script in FRAME_SCRIPTS)],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "frame-src": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
    assert policy.secure_html(page, theme) == secured  # deterministic


def test_data_blocks_and_script_files_are_not_hashed_and_line_ends_are_hashed_as_a_browser_reads_them(tmp_path):
    (tmp_path / "t.html").write_bytes(b"<script>var a=1;\r\nvar b=2;\rvar c=3;</script>")
    page = PAGE.format(content="<p>x</p>").replace(FRAME_SCRIPTS[1], "var a=1;\r\nvar b=2;\rvar c=3;")
    sources = _policy(policy.secure_html(page, policy.theme_scripts([tmp_path])))["script-src"]
    assert sources == ["'self'", _hash("var a=1;\nvar b=2;\nvar c=3;")]  # not the JSON configuration, not the bundle


def test_theme_scripts_come_from_templates_with_expressions_inside_strings_only(theme):
    assert [pattern.fullmatch(FRAME_SCRIPTS[0]) is not None for pattern in theme].count(True) == 1
    assert any(pattern.fullmatch('__md_scope=new URL("../..",location)') for pattern in theme)
    assert any(pattern.fullmatch("var tabs=1") for pattern in theme)  # the {% if %} is around the script, not in it
    for script in ('__md_scope=new URL("",alert(1),"",location)', '__md_scope=new URL("x\\",location)', "var bare=1", "var a=1", "var a=1;var b=2"):
        assert not any(pattern.fullmatch(script) for pattern in theme), script


def test_installed_theme_scripts_are_recognised():
    folders = policy.theme_directories(REPO / "mkdocs.yml")
    theme = policy.theme_scripts(folders)
    palette = folders[-1] / "partials" / "javascripts" / "palette.html"
    script = re.search(r"<script>(.*)</script>", palette.read_text(encoding="utf-8"), re.DOTALL)
    assert script and any(pattern.fullmatch(script.group(1)) for pattern in theme)


@pytest.mark.parametrize(
    "title",
    [
        "</title><script>window.__pwned=1</script>",
        "</TITLE ><script src=x></script><script>window.__pwned=1</script>",
        "</title><img src=x onerror=window.__pwned=1>",
        "</title><script>" + FRAME_SCRIPTS[1] + ";window.__pwned=1</script>",
    ],
)
def test_a_title_that_leaves_title_runs_nothing(title, theme):
    """Material writes the page title unescaped in <title>: markup from the data can reach the frame there."""
    page = PAGE.format(content="<p>x</p>").replace("<title>Titre</title>", f"<title>{title} - Site</title>")
    secured = policy.secure_html(page, theme)
    assert "__pwned" not in "".join(_frame_scripts(secured))
    assert "onerror" not in secured
    assert _policy(secured)["script-src"] == ["'self'", *(_hash(script) for script in FRAME_SCRIPTS)]


def test_script_text_inside_title_is_not_a_script(theme):
    page = PAGE.format(content="<p>x</p>").replace("<title>Titre</title>", "<title><script>window.__pwned=1</script> - Site</title>")
    assert policy.secure_html(page, theme).count("<script>window.__pwned=1</script>") == 1


def test_a_page_without_a_content_area_is_refused(theme):
    with pytest.raises(policy.PolicyError, match="article"):
        policy.secure_html("<!doctype html><html><head></head><body><script>x()</script></body></html>", theme)


def test_a_copied_html_file_is_all_data_and_runs_no_script():
    page = '<!DOCTYPE html><html><head><meta charset="utf-8"><script>window.__pwned=1</script></head><body onload="window.__pwned=2"><article>x</article><script>y()</script></body></html>'
    secured = policy.secure_html(page, copied=True)
    assert secured.startswith('<!DOCTYPE html><meta http-equiv="Content-Security-Policy"')
    assert _policy(secured)["script-src"] == ["'none'"]
    assert not _active_markup(secured.split(">", 2)[2].replace('<meta charset="utf-8">', ""))
    assert '<meta charset="utf-8">' in secured
    assert policy.secure_html(secured, copied=True) == secured


def test_the_site_passes_treat_files_from_the_sources_as_data(tmp_path, theme):
    site, docs = tmp_path / "site", tmp_path / "docs"
    (site / "livrables").mkdir(parents=True)
    (docs / "livrables").mkdir(parents=True)
    (site / "index.html").write_text(PAGE.format(content="<p>x</p>"), encoding="utf-8")
    (site / "livrables" / "note.html").write_text("<p>note</p><script>window.__pwned=1</script>", encoding="utf-8")
    (docs / "livrables" / "note.html").write_text("<p>note</p><script>window.__pwned=1</script>", encoding="utf-8")
    (site / "search_index.json").write_text('{"text": "<script>x</script>"}', encoding="utf-8")
    passes.pass_site(site, theme, docs)
    assert _policy((site / "index.html").read_text(encoding="utf-8"))["script-src"][1:] == [_hash(script) for script in FRAME_SCRIPTS]
    note = (site / "livrables" / "note.html").read_text(encoding="utf-8")
    assert "__pwned" not in note and "script-src 'none'" in note
    assert "<script>" in (site / "search_index.json").read_text(encoding="utf-8")
    (site / "livrables" / "latin1.html").write_bytes("<p>é</p>".encode("latin-1"))
    with pytest.raises(passes.PassError, match="livrables/latin1.html : la page n'est pas du texte UTF-8"):
        passes.pass_site(site, theme, docs)


def test_a_page_passed_before_is_taken_from_the_cache_and_only_then(tmp_path, theme, monkeypatch):
    from acia import cache

    kept = cache.ContentCache(tmp_path / "cache")
    for place in ("premier", "second", "frais"):
        for index in range(3):
            page = tmp_path / place / f"p{index}" / "index.html"
            page.parent.mkdir(parents=True)
            page.write_text(PAGE.format(content=f'<p>Objet: page {index} <a href="javascript:x">lien</a></p>'), encoding="utf-8")
    passes.pass_site(tmp_path / "premier", theme, kept=kept)
    (tmp_path / "second" / "p2" / "index.html").write_text(PAGE.format(content="<p>Objet: autre</p>"), encoding="utf-8")
    (tmp_path / "frais" / "p2" / "index.html").write_text(PAGE.format(content="<p>Objet: autre</p>"), encoding="utf-8")
    real = passes.sanitise.sanitise_html
    calls = []
    monkeypatch.setattr(passes.sanitise, "sanitise_html", lambda text: calls.append(text) or real(text))
    passes.pass_site(tmp_path / "second", theme, kept=kept)
    assert len(calls) == 1 and "autre" in calls[0]  # only the page the generator wrote differently
    passes.pass_site(tmp_path / "frais", theme)  # no cache: the reference
    second = {path.relative_to(tmp_path / "second"): path.read_bytes() for path in (tmp_path / "second").rglob("*.html")}
    fresh = {path.relative_to(tmp_path / "frais"): path.read_bytes() for path in (tmp_path / "frais").rglob("*.html")}
    assert second == fresh


def test_pages_passed_on_every_core_equal_pages_passed_in_one_process(tmp_path, theme, monkeypatch):
    """A big site's pages are shared among workers: the same bytes as one process, the first refusal in path order."""
    for place in ("un", "plusieurs"):
        for index in range(150):
            page = tmp_path / place / f"p{index:03}" / "index.html"
            page.parent.mkdir(parents=True)
            content = f'<p>Objet: page {index} ; <a href="javascript:alert({index})">lien</a></p>'
            page.write_text(PAGE.format(content=content), encoding="utf-8")
    monkeypatch.setattr(passes, "PAGES_PER_WORKER", 10_000)
    passes.pass_site(tmp_path / "un", theme)
    monkeypatch.setattr(passes, "PAGES_PER_WORKER", 10)
    passes.pass_site(tmp_path / "plusieurs", theme)
    one = {path.relative_to(tmp_path / "un"): path.read_bytes() for path in (tmp_path / "un").rglob("*.html")}
    many = {path.relative_to(tmp_path / "plusieurs"): path.read_bytes() for path in (tmp_path / "plusieurs").rglob("*.html")}
    assert one == many and len(one) == 150
    sample = one[Path("p007/index.html")].decode("utf-8")
    assert "javascript:alert" not in sample and "Objet\u00a0: page 7" in sample and "Content-Security-Policy" in sample
    for index in (120, 40):
        (tmp_path / "plusieurs" / f"p{index:03}" / "index.html").write_bytes("<p>é</p>".encode("latin-1"))
    with pytest.raises(passes.PassError, match="^le site construit n'a pas pu être nettoyé des liens dangereux : p040/index.html : la page n'est pas du texte UTF-8$"):
        passes.pass_site(tmp_path / "plusieurs", theme)


STRUCTURE = "og-2a-fondation-u-sole"
MINUTES_PAYLOAD = """

<script>window.__pwned="script"</script>

<div markdown="1" onmouseover="window.__pwned='md_in_html'">**Gras** dans un bloc HTML</div>

Paragraphe piégé
{: onclick="window.__pwned='attr_list'" }

<img src="?x" onerror="window.__pwned='img'"> <svg onload="window.__pwned='svg'"></svg>

<iframe src="https://example.org/"></iframe><base href="https://example.org/"><meta http-equiv="refresh" content="0; url=https://example.org/">
"""


@pytest.mark.acceptance
def test_every_built_page_allows_only_its_frame_scripts(tmp_path, monkeypatch):
    """Payloads in minutes reach the pages as markup (escaping switched off here, as if it had a hole); a name reaches titles and navigation escaped."""
    root = copy_shipped(tmp_path)
    for minutes in (root / "data" / "suivi" / STRUCTURE / "comptes-rendus" / "copil-1.md", root / "data" / "suivi" / "collectif" / "comptes-rendus" / "temps-collectif-1.md"):
        minutes.write_text(minutes.read_text(encoding="utf-8") + MINUTES_PAYLOAD, encoding="utf-8")
    application = root / "data" / "applications" / f"{STRUCTURE}.yml"
    text = application.read_text(encoding="utf-8")
    assert "  raison_sociale: Fondation U Sole (fictive)\n" in text  # the dossier page's title
    application.write_text(text.replace("  raison_sociale: Fondation U Sole (fictive)\n", "  raison_sociale: \"</title><script>window.__pwned='titre'</script>\"\n", 1), encoding="utf-8")
    # A web page among the hand-written resources (a deliverable cannot be one: see DELIVERABLE_TYPES).
    (root / "docs" / "ressources").mkdir(parents=True)
    (root / "docs" / "ressources" / "page.html").write_text("<!doctype html><title>Livrable</title><script>window.__pwned='livrable'</script><p onclick=\"x()\">livrable</p>", encoding="utf-8")
    monkeypatch.setattr(escape, "user_markdown", escape.trusted)

    frames = set()
    for audience in ("interne", f"structure:{STRUCTURE}", "public"):
        site = build_site(root, audience)
        pages = sorted(site.rglob("*.html"))
        assert len(pages) > 10
        for path in pages:
            page = path.read_text(encoding="utf-8")
            where = f"{audience} {path.relative_to(site).as_posix()}"
            directives = _policy(page)
            assert set(directives) >= {"default-src", "script-src", "object-src", "base-uri", "form-action", "frame-src"}, where
            assert page.encode("utf-8").find(b"<meta charset") < 1024, where
            if path.name == "page.html":
                assert directives["script-src"] == ["'none'"] and "__pwned" not in page and "onclick" not in page, where
                continue
            scripts = _frame_scripts(page)
            assert directives["script-src"] == ["'self'", *dict.fromkeys(_hash(script) for script in scripts)], where
            assert not any("__pwned" in script for script in scripts), where
            assert not _active_markup(_content(page)), where
            frames.add(tuple(re.sub(r'new URL\("[^"]*"', 'new URL("…"', script) for script in scripts))
        if audience != "interne":  # (internal pages open with a banner, so the theme takes their title from the file name)
            dossier = (site / "dossiers" / STRUCTURE / "index.html").read_text(encoding="utf-8")
            # The name's angle brackets reach <title> as ‹ › (escape.title_safe): nothing to close the element.
            assert "<title>‹/title›‹script›" in dossier or "‹/title›" in dossier.split("</title>")[0], dossier[:600]
        if audience != "public":
            minutes = (site / "dossiers" / STRUCTURE / "comptes-rendus" / "copil-1" / "index.html").read_text(encoding="utf-8")
            assert "Paragraphe piégé" in minutes and "<strong>Gras</strong>" in minutes  # the payload did reach the page as markup
        assert (site / "ressources" / "page.html").is_file()
    assert len(frames) == 1, frames  # one theme frame, whatever page or audience: no value of the data in its scripts


def test_headings_cannot_close_the_title_element():
    from acia.site import escape

    page = "# Dossier &lt;/title&gt;&lt;script&gt;x&lt;/script&gt;\n\ntexte &lt;b&gt;\n\n```yaml\n# <identifiant>\n```\n## Section <i>\n"
    assert escape.headings_title_safe(page) == "# Dossier ‹/title›‹script›x‹/script›\n\ntexte &lt;b&gt;\n\n```yaml\n# <identifiant>\n```\n## Section ‹i›\n"
    assert escape.title_safe("ACIA </title><script>") == "ACIA ‹/title›‹script›"
