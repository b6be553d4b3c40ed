"""A structure's protected area: what its site holds beyond the public one, sealed so that nothing of it reads without its passphrase."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import REPO
from cryptography.exceptions import InvalidTag

from acia.publish import area, keys, sealed

pytestmark = pytest.mark.acceptance  # reads the shipped sites, built once per run

SECRET = "secret-de-test-0123456789-abcdefghijklmnop"
PROGRAMME = "acia-corse-2023"
LISULA = "og-2b-association-lisula"


@pytest.fixture(scope="module")
def lisula(shipped_sites):
    _, sites = shipped_sites
    opened = keys.area_keys(keys.passphrase(SECRET, PROGRAMME, LISULA), PROGRAMME)
    found = area.entries(sites["public"], sites[f"structure:{LISULA}"])
    return opened, found, area.seal_area(opened, found)


def test_the_area_holds_the_structure_s_own_pages_and_files_and_nothing_the_public_reads(lisula, shipped_sites):
    _, found, _ = lisula
    paths = {entry.path for entry in found}
    assert "" in paths  # its home, « Votre dossier »
    assert {f"dossiers/{LISULA}/", f"dossiers/{LISULA}/comptes-rendus/copil-1/", f"dossiers/{LISULA}/livrables/cahier-des-charges/"} <= paths
    assert {f"courriers/{LISULA}/notification.pdf", f"calendriers/{LISULA}.ics"} <= paths
    assert not {"programme/", "raci/", "calendrier/", "search.json", "sitemap.xml", "404.html"} & paths  # the same as the public site's
    assert not any(path.startswith(("assets/", "stylesheets/", "javascripts/")) for path in paths)
    pages = {entry.path: entry for entry in found if entry.is_page}
    assert pages[""].title == "Votre dossier"
    minutes = pages[f"dossiers/{LISULA}/comptes-rendus/copil-1/"].content
    assert minutes.startswith(b"<h1") and b"md-header" not in minutes and b"__skip" not in minutes  # the article only, not the theme around it
    letter = next(entry for entry in found if entry.path.endswith("notification.pdf"))
    assert letter.title == "notification.pdf" and letter.media_type == "application/pdf" and letter.content.startswith(b"%PDF")


def test_the_sealed_area_opens_with_its_passphrase_only(lisula):
    opened, found, files = lisula
    assert set(files) == {area.MANIFEST} | {f"{number}.bin" for number in range(1, len(found) + 1)}
    manifest = json.loads(sealed.unseal(opened, area.MANIFEST, files[area.MANIFEST]))
    assert set(manifest["pages"]) | set(manifest["fichiers"]) == {entry.path for entry in found}
    for entry in found:
        listed = manifest["pages"].get(entry.path) or manifest["fichiers"][entry.path]
        assert sealed.unseal(opened, listed["fichier"], files[listed["fichier"]]) == entry.content
    other = keys.area_keys(keys.passphrase(SECRET, PROGRAMME, "og-2a-fondation-u-sole"), PROGRAMME)
    with pytest.raises(InvalidTag):
        sealed.unseal(other, area.MANIFEST, files[area.MANIFEST])


def test_no_value_of_the_structure_reads_in_the_sealed_area(lisula):
    """Every text of its application (names, e-mails, phones, FINESS…), its identifier and its files' names: none in any sealed byte."""
    _, _, files = lisula
    application = yaml.safe_load((REPO / "data" / "applications" / f"{LISULA}.yml").read_text(encoding="utf-8"))
    values = {LISULA, "accuse-reception", "lettre-engagement", "copil-1", "Votre dossier"}

    def collect(value):
        if isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)
        elif isinstance(value, str | int) and len(str(value)) >= 6:
            values.add(str(value))

    collect(application)
    assert len(values) > 40
    blob = b"".join(files.values())
    assert [value for value in sorted(values) if value.encode("utf-8") in blob or value.encode("utf-16-le") in blob] == []


def test_two_seals_of_the_same_sites_are_byte_identical(lisula, shipped_sites):
    opened, found, files = lisula
    _, sites = shipped_sites
    assert area.seal_area(opened, area.entries(sites["public"], sites[f"structure:{LISULA}"])) == files
