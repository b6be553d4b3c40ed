"""Invented data says it is invented: one programme flag (« exemple ») puts a notice on every page and letter."""

from __future__ import annotations

import pytest
from conftest import REPO, SNAPSHOT, build_site, copy_shipped

from acia.check import check_instance
from acia.letters import documents

pytestmark = pytest.mark.acceptance

NOTICE = "Données fictives"
FOOTER = "Document d'exemple"


def _pages(site):
    return [path for path in sorted(site.rglob("index.html")) if "assets" not in path.parts and "search" not in path.parts]


def test_every_page_of_every_shipped_audience_says_the_data_is_invented(shipped_sites):
    _, sites = shipped_sites
    for audience, site in sites.items():
        pages = _pages(site)
        assert len(pages) > 10, audience
        missing = [path.relative_to(site).as_posix() for path in pages if NOTICE not in path.read_text(encoding="utf-8")]
        assert missing == [], audience


def test_the_idf_example_says_so_too(tmp_path):
    root = copy_shipped(tmp_path, REPO / "examples" / "idf-2021")
    docs = build_site(root, "public", now=SNAPSHOT, run_builder=False)
    pages = sorted(docs.rglob("*.md"))
    assert pages and [page.name for page in pages if NOTICE not in page.read_text(encoding="utf-8")] == []


def test_every_letter_of_an_example_ends_with_the_notice_and_a_real_call_has_none(tmp_path):
    root = copy_shipped(tmp_path)
    letters = documents.prepare(check_instance(root, now=SNAPSHOT).context, root=root)
    assert letters and all(FOOTER in letter.markdown.rstrip().splitlines()[-1] for letter in letters)
    programme = root / "data" / "programme.yml"
    programme.write_text(programme.read_text(encoding="utf-8").replace("exemple: true", "exemple: false"), encoding="utf-8")
    checked = check_instance(root, now=SNAPSHOT)
    assert not any(FOOTER in letter.markdown for letter in documents.prepare(checked.context, root=root))
    docs = build_site(root, "public", now=SNAPSHOT, run_builder=False)
    assert NOTICE not in (docs / "index.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("# Titre\n\nTexte.\n", "# Titre\n\n!!! note\n\nTexte.\n"),
        ("Texte sans titre.\n", "!!! note\n\nTexte sans titre.\n"),
        ("---\ntitle: Page\n---\n# Titre\nTexte.\n", "---\ntitle: Page\n---\n# Titre\n\n!!! note\n\nTexte.\n"),
    ],
)
def test_the_banner_goes_under_the_title_and_after_a_header(page, expected):
    from acia.site.pages import with_banner

    assert with_banner(page, "!!! note\n\n") == expected
