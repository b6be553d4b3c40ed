"""French typography on everything people read: every page of every audience and every document, both programmes.

What a French reader (or the Imprimerie nationale's rules) expects, checked on
the visible text only (code, scripts and URLs aside):

- no capitals that lost their accents (« COMITE », « Etape ») — found by
  comparing each word with the accented words of the same corpus, so it holds
  for any call's vocabulary;
- a no-break space before « : » and a narrow no-break space before ; ! ? and
  inside « guillemets » (both kinds of no-break space are accepted: neither
  lets a line start with the mark);
- times written « 9 h 30 », never « 09:30 »; decimal commas, never « 22.5 »
  (a version number after a name, « RGAA 4.1 », is not a decimal);
- one spelling per word: a word is not written both with and without its
  hyphen, and the house spellings of ``HOUSE_SPELLINGS`` are the only ones;
- an organisation whose name takes an article always has it after a
  preposition (« rédigé par l'Aract », never « par Aract »).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import pypandoc
import pytest
import reading
from conftest import IDF_NOW, SNAPSHOT

from acia import french
from acia.check import check_instance
from acia.letters import documents
from acia.site import typography

# Builds sites: left out of « tasks.py test --rapide » (the unit tests of the spacing below stay in).
acceptance = pytest.mark.acceptance

# Where the call's text hesitates between spellings, the one the site and the documents use.
HOUSE_SPELLINGS = {"inter-structures": ("inter-structure", "interstructure", "interstructures", "inter structure", "inter structures")}
_NO_BREAK = "\u00a0\u202f"
_IDENTIFIER_MARKS = set("_/[]=@")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_DECIMAL = re.compile(r"(?:(\S+) )?(?<![\w.,])(\d+\.\d+)(?![\w.])")
_CHECKS = {
    "heure écrite « 09:30 » au lieu de « 9 h 30 »": re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])"),
    "espace sécable ou absente avant « : »": re.compile(r"(?:[ \t]|(?<=[^\W\d_])):(?=\s|$)"),
    "espace sécable ou absente avant ; ! ?": re.compile(r"(?:[ \t]|(?<=[^\W\d_])|(?<=[»)]))[;!?](?=\s|$)"),
    "guillemet ouvrant sans espace insécable après": re.compile(rf"«(?![{_NO_BREAK}])"),
    "guillemet fermant sans espace insécable avant": re.compile(rf"(?<![{_NO_BREAK}])»"),
}


def visible_text(page: str) -> str:
    """The page's prose: no code, and no <q>, a quotation of the call's text as written (« COMITE DE PILOTAGE » on the Errata page)."""
    return reading.visible_text(page, reading.CODE | {"q", "title"})


def _bare(word: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFD", word) if not unicodedata.combining(char))


def problems(texts: dict[str, str], organisations: Iterable[tuple[str, str]] = ()) -> list[str]:
    """Every typography problem of ``texts`` (where → visible text), one line each, with its surroundings."""
    found = []

    def report(where: str, text: str, start: int, end: int, what: str) -> None:
        context = " ".join(text[max(0, start - 35) : end + 35].split())
        found.append(f"{where} : {what} — « {context} »")

    words: dict[str, set[str]] = {}
    for where, text in texts.items():
        for match in _WORD.finditer(text):
            if text[match.start() - 1 : match.start()] in _IDENTIFIER_MARKS or text[match.end() : match.end() + 1] in _IDENTIFIER_MARKS:
                continue  # part of an identifier, a path or an address (« equipe_projet », « etablissements[0] »), not a French word
            words.setdefault(match.group(0), set()).add(where)
    lower = {word for word in words if word.islower()}
    accented = {_bare(word): word for word in lower if _bare(word) != word}
    for where, text in texts.items():
        for what, pattern in _CHECKS.items():
            for match in pattern.finditer(text):
                report(where, text, match.start(), match.end(), what)
        for match in _DECIMAL.finditer(text):
            name = match.group(1) or ""
            if not re.search(r"[A-Z0-9-]", name):  # « RGAA 4.1 », « axe-core 4.14 »: a version, not a decimal
                report(where, text, match.start(2), match.end(2), "nombre décimal avec un point au lieu d'une virgule")
        for match in _WORD.finditer(text):
            word = match.group(0)
            small = word.lower()
            if len(word) >= 3 and word != small and _bare(small) == small and small in accented and small not in lower:
                report(where, text, match.start(), match.end(), f"majuscule sans accent (« {word} » pour « {accented[small]} »)")
        for spelling, variants in HOUSE_SPELLINGS.items():
            for variant in variants:
                for match in re.finditer(rf"(?<![\w-]){re.escape(variant)}(?![\w-])", text, flags=re.IGNORECASE):
                    report(where, text, match.start(), match.end(), f"« {match.group(0)} » : écrire « {spelling} »")
        for acronym, article in organisations:
            for match in re.finditer(rf"\b(?:par|de|à|avec|pour|entre) {re.escape(acronym)}\b", text):
                report(where, text, match.start(), match.end(), f"article manquant devant « {acronym} » (« {article} »)")
    hyphenated = {word.lower() for word in words if "-" in word}
    for word in sorted(hyphenated):
        joined = word.replace("-", "")
        if joined in lower or joined.capitalize() in words:
            found.append(f"« {word} » et « {joined} » : deux orthographes du même mot ({', '.join(sorted(words.get(joined, words.get(joined.capitalize(), set()))))[:80]})")
    return found


def _site_texts(sites: dict[str, Path]) -> dict[str, str]:
    texts = {}
    for audience, site in sites.items():
        for page in sorted(site.rglob("*.html")):
            if page.name == "404.html":
                continue
            texts[f"{audience} › {page.relative_to(site).parent.as_posix() or 'accueil'}"] = visible_text(page.read_text(encoding="utf-8"))
    return texts


def _document_texts(root: Path, now) -> dict[str, str]:
    """Each letter and document of the instance as a reader sees it (pandoc's plain text of the very Markdown converted to DOCX, ODT and PDF)."""
    checked = check_instance(root, now=now)
    texts = {}
    for letter in documents.prepare(checked.context, root=root):
        body = letter.markdown.partition("\n---\n")[2]
        plain = pypandoc.convert_text(body, "plain", format="markdown", extra_args=["--wrap=none"])
        texts[f"courrier {letter.application or 'programme'}/{letter.name}"] = plain
    return texts


def _organisations(root: Path, now) -> list[tuple[str, str]]:
    programme = check_instance(root, now=now).context.programme
    return [(organisation.acronym, organisation.article) for organisation in programme.organisations if organisation.article]


@acceptance
def test_every_page_and_document_of_the_corse_programme_follows_french_typography(shipped_sites):
    root, sites = shipped_sites
    texts = _site_texts(sites) | _document_texts(root, SNAPSHOT)
    assert problems(texts, _organisations(root, SNAPSHOT)) == []


@acceptance
def test_every_page_and_document_of_the_idf_programme_follows_french_typography(idf_sites):
    root, sites = idf_sites
    texts = _site_texts(sites) | _document_texts(root, IDF_NOW)
    assert problems(texts, _organisations(root, IDF_NOW)) == []


# --- what the scan finds: one test per kind of fault ------------------------------------


@pytest.mark.parametrize(
    ("text", "fault"),
    [
        ("Le COMITE DE PILOTAGE se réunit. Le comité décide.", "majuscule sans accent (« COMITE »"),
        ("Etape 1. La première étape.", "majuscule sans accent (« Etape »"),
        ("Réunion le 27/07/2023 09:30.", "heure écrite"),
        ("Charge : 22.5 h", "nombre décimal"),
        ("Objet : x", "espace sécable ou absente avant « : »"),
        ("Objet: x", "espace sécable ou absente avant « : »"),
        ("oui ; non", "avant ; ! ?"),
        ("Pourquoi?", "avant ; ! ?"),
        ("«\u202ftexte »", "guillemet fermant"),
        ("« texte\u202f»", "guillemet ouvrant"),
        ("Temps inter-structure 1", "écrire « inter-structures »"),
        ("Temps interstructure 4", "écrire « inter-structures »"),
        ("Rédigé par Aract.", "article manquant devant « Aract »"),
    ],
)
def test_the_scan_finds_each_kind_of_fault(text, fault):
    found = problems({"page": text}, [("Aract", "l'")])
    assert any(fault in line for line in found), found


def test_the_scan_finds_a_word_spelt_with_and_without_its_hyphen():
    assert any("deux orthographes" in line for line in problems({"a": "un temps co\u2011construit", "b": "une démarche co-construite, puis coconstruite"}))


@pytest.mark.parametrize(
    "text",
    [
        "Objet\u00a0: la réunion du 27/07/2023 à 9 h 30, 22,5 h au total.",
        "«\u202fTemps collectif\u202f» ; oui\u202f! Pourquoi\u202f?".replace(" ;", "\u202f;"),
        "Conforme au RGAA 4.1 ; testé avec axe-core 4.14.".replace(" ;", "\u202f;"),
        "Rédigé par l'Aract, signé par le GRADeS.",
        "https://exemple.fr/page?x=1 et mailto:contact@exemple.fr",
        "Le comité à Ajaccio. Où ? Là.".replace(" ?", "\u202f?"),
    ],
)
def test_the_scan_accepts_french_typography(text):
    assert problems({"page": text}, [("Aract", "l'"), ("GRADeS", "le")]) == []


# --- the spacing applied to pages and documents ------------------------------------------


@pytest.mark.parametrize(
    ("text", "spaced"),
    [
        ("Objet : x", "Objet\u00a0: x"),
        ("Objet: x", "Objet\u00a0: x"),
        ("oui ; non", "oui\u202f; non"),
        ("Pourquoi? Voilà !", "Pourquoi\u202f? Voilà\u202f!"),
        ("« Temps »", "«\u202fTemps\u202f»"),
        ("«Temps»", "«\u202fTemps\u202f»"),
        ("«\nTemps\n»", "«\u202fTemps\u202f»"),
        ("à 9:30, https://x.fr/?a=1", "à 9:30, https://x.fr/?a=1"),
        ("déjà\u00a0: bon", "déjà\u00a0: bon"),
        ("à 9 h 30 puis 18 h, 45 min, 12,5 %", "à 9\u00a0h\u00a030 puis 18\u00a0h, 45\u00a0min, 12,5\u00a0%"),
        ("les 3 huîtres, 2 hommes", "les 3 huîtres, 2 hommes"),
    ],
)
def test_french_spacing(text, spaced):
    assert french.spacing(text) == spaced
    assert french.spacing(spaced) == spaced  # applying it twice changes nothing


def test_pages_are_spaced_in_their_text_only():
    page = (
        "<html><head><title>Objet : test</title><script>if (a ? b : c) {}</script></head>"
        '<body><p title="a : b">Texte : « cité » <a href="https://x.fr/?q=1">lien ?</a></p>'
        "<pre><code>cle: valeur ; autre</code></pre><p>Après : <code>x : y</code> fin !</p></body></html>"
    )
    spaced = typography.space_html(page)
    assert "<title>Objet\u00a0: test</title>" in spaced
    assert "<script>if (a ? b : c) {}</script>" in spaced
    assert 'title="a : b"' in spaced and 'href="https://x.fr/?q=1"' in spaced
    assert "Texte\u00a0: «\u202fcité\u202f» " in spaced and ">lien\u202f?</a>" in spaced
    assert "<pre><code>cle: valeur ; autre</code></pre>" in spaced
    assert "Après\u00a0: <code>x : y</code> fin\u202f!" in spaced
    assert typography.space_html("<p>Titre<a>&para;</a> et &#160; &amp; fin ;</p>") == "<p>Titre<a>&para;</a> et &#160; &amp; fin\u202f;</p>"  # references stay whole
