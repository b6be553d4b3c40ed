"""acia publier: the tree a host serves holds the public site and each structure's sealed dossier, nothing internal in clear.

On a copy of the Corse programme where every internal value carries a unique
marker (``test_markers.mark_instance``): no marker in any byte of the
published tree; each structure's area, opened with its passphrase, holds its
own markers and none of another's; and in Chromium, the « Votre dossier »
page opens a dossier with the right passphrase only, with its letters.
"""

from __future__ import annotations

import filecmp
import functools
import json
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import REPO, SNAPSHOT, copy_shipped, run_cli
from cryptography.exceptions import InvalidTag
from playwright.sync_api import expect
from test_markers import _attended, _describe, _may_read, _scan, mark_instance

from acia.publish import area, keys, sealed, tree

pytestmark = [pytest.mark.acceptance, pytest.mark.xdist_group("publication")]

SECRET = "secret-de-test-0123456789-abcdefghijklmnop"
LISULA = "og-2b-association-lisula"
U_SOLE = "og-2a-fondation-u-sole"
AXE = REPO / "tests" / "vendor" / "axe-core-4.14.1" / "axe.min.js"


def _publish(root: Path, target: Path, monkeypatch: pytest.MonkeyPatch, secret: str | None = SECRET) -> tuple[int, str, str]:
    if secret is None:
        monkeypatch.delenv(keys.VARIABLE, raising=False)
    else:
        monkeypatch.setenv(keys.VARIABLE, secret)
    return run_cli("publier", "--racine", str(root), "--dossier", str(target), "--maintenant", SNAPSHOT.isoformat())


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The marked Corse programme published once: (instance root, markers, published tree)."""
    root = copy_shipped(tmp_path_factory.mktemp("publication"))
    markers = mark_instance(root)
    target = root.parent / "en-ligne"
    with pytest.MonkeyPatch.context() as patch:
        code, out, err = _publish(root, target, patch)
    assert code == 0, out + err
    assert out.strip().endswith("le site public et 8 dossiers protégés.")
    return root, markers, target


def _opened(target: Path, structure: str) -> dict[str, bytes]:
    """Every file of a structure's area, unsealed with its passphrase: {path in the site: content}."""
    opened = keys.area_keys(keys.passphrase(SECRET, "acia-corse-2023", structure), "acia-corse-2023")
    folder = target / tree.AREAS / opened.address
    manifest = json.loads(sealed.unseal(opened, area.MANIFEST, (folder / area.MANIFEST).read_bytes()))
    listed = manifest["pages"] | manifest["fichiers"]
    return {path: sealed.unseal(opened, entry["fichier"], (folder / entry["fichier"]).read_bytes()) for path, entry in listed.items()}


def test_no_internal_value_is_in_clear_anywhere_in_the_published_tree(published):
    root, markers, target = published
    assert len(list((target / tree.AREAS).iterdir())) == len(list((root / "data" / "applications").glob("*.yml")))
    assert _describe(markers, _scan(markers, target)) == []
    assert not any(path.name.startswith("og-") or "og-" in path.as_posix() for path in (target / tree.AREAS).rglob("*"))


def test_each_area_holds_its_structure_s_dossier_and_nothing_of_another(published):
    root, markers, target = published
    attended = _attended(root)
    leaks, missing = {}, []
    for application in sorted((root / "data" / "applications").glob("*.yml")):
        structure = application.stem
        found = set().union(*(markers.found(content.decode("utf-8", errors="replace").replace("\r\n ", "")) for content in _opened(target, structure).values()))
        foreign = {number for number in found if not _may_read(markers.items[number], structure, attended[structure])}
        if foreign:
            leaks[structure] = _describe(markers, foreign)
        if not any(markers.items[number].owner == structure for number in found):
            missing.append(structure)
    assert leaks == {} and missing == []


def test_an_area_opens_with_its_own_passphrase_only(published):
    _, _, target = published
    lisula = keys.area_keys(keys.passphrase(SECRET, "acia-corse-2023", LISULA), "acia-corse-2023")
    other = keys.area_keys(keys.passphrase(SECRET, "acia-corse-2023", U_SOLE), "acia-corse-2023")
    with pytest.raises(InvalidTag):
        sealed.unseal(other, area.MANIFEST, (target / tree.AREAS / lisula.address / area.MANIFEST).read_bytes())
    assert not (target / tree.AREAS / keys.area_keys("mauvais mots", "acia-corse-2023").address).exists()


def test_publishing_again_gives_the_same_bytes(published, monkeypatch):
    root, _, target = published
    again = root.parent / "encore"
    code, out, err = _publish(root, again, monkeypatch)
    assert code == 0, out + err
    comparison = filecmp.dircmp(target, again)
    differing: list[str] = []

    def collect(node: filecmp.dircmp, prefix: str = "") -> None:
        _, mismatch, errors = filecmp.cmpfiles(node.left, node.right, node.common_files, shallow=False)
        differing.extend(prefix + name for name in mismatch + errors + node.left_only + node.right_only)
        for name, child in node.subdirs.items():
            collect(child, f"{prefix}{name}/")

    collect(comparison)
    assert differing == []


def test_without_the_secret_only_the_public_site_is_published(published, monkeypatch, tmp_path):
    root, _, _ = published
    code, out, err = _publish(root, tmp_path / "public", monkeypatch, secret=None)
    assert code == 0
    assert "ACIA_SECRET n'est pas défini : aucun dossier protégé n'est publié" in err
    assert not (tmp_path / "public" / tree.AREAS).exists() and (tmp_path / "public" / "votre-dossier" / "index.html").is_file()
    assert "le site public." in out


def test_a_folder_acia_did_not_write_is_never_replaced(published, monkeypatch, tmp_path):
    root, _, _ = published
    mine = tmp_path / "mes-fichiers"
    mine.mkdir()
    (mine / "notes.txt").write_text("à garder", encoding="utf-8")
    code, _, err = _publish(root, mine, monkeypatch)
    assert code == 2 and "n'est pas vide et ne vient pas d'acia publier" in err
    assert [path.name for path in mine.iterdir()] == ["notes.txt"]


def test_a_short_secret_stops_before_anything_is_built(monkeypatch, tmp_path):
    code, _, err = _publish(REPO, tmp_path / "sortie", monkeypatch, secret="trop court")
    assert code == 2 and "trop court" in err and not (tmp_path / "sortie").exists()


def test_invalid_data_publishes_nothing(monkeypatch, tmp_path):
    root = copy_shipped(tmp_path)
    application = root / "data" / "applications" / f"{LISULA}.yml"
    application.write_text(application.read_text(encoding="utf-8").replace("axe: axe-", "axe: inconnu-", 1), encoding="utf-8")
    code, out, err = _publish(root, tmp_path / "sortie", monkeypatch)
    assert code == 1 and f"{LISULA}.yml" in out and "rien n'est publié" in err
    assert not (tmp_path / "sortie").exists()


# --- in Chromium -------------------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *arguments):
        pass


@pytest.fixture(scope="module")
def served(published):
    _, _, target = published
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(target)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/votre-dossier/"
    httpd.shutdown()


@pytest.fixture
def tab(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900}, accept_downloads=True)
    opened = context.new_page()
    opened.add_init_script(path=str(AXE))
    yield opened
    context.close()


def _open(tab, served: str, phrase: str) -> None:
    tab.goto(served)
    tab.get_by_label("Phrase de passe").fill(phrase)
    tab.get_by_role("button", name="Ouvrir mon dossier").click()


def test_the_right_passphrase_opens_the_dossier_and_its_letters(tab, served, published):
    root, _, _ = published
    phrase = keys.passphrase(SECRET, "acia-corse-2023", LISULA)
    _open(tab, served, phrase.upper())  # capitals and accents are optional
    dossier = tab.locator(".acia-dossier-protege")
    expect(dossier.get_by_role("heading", level=1)).to_have_text(re.compile("^Votre dossier"))
    expect(dossier).to_contain_text("Association Lisula (fictive)")
    expect(tab.locator(".acia-acces")).to_be_hidden()
    with tab.expect_download() as waiting:
        dossier.get_by_role("listitem").filter(has_text="Notification").get_by_role("link", name="PDF").click()
    download = waiting.value
    assert download.suggested_filename == "notification.pdf"
    letter = Path(download.path()).read_bytes()
    assert letter == (root / "build" / f"structure-{LISULA}" / "site" / "courriers" / LISULA / "notification.pdf").read_bytes()
    dossier.get_by_role("link", name="ouvrir le dossier complet").click()
    expect(dossier.get_by_role("heading", level=1)).to_contain_text("Association Lisula")
    assert "?page=dossiers%2F" in tab.url
    tab.go_back()
    expect(dossier.get_by_role("heading", level=1)).to_have_text(re.compile("^Votre dossier"))
    assert tab.evaluate("() => [...document.querySelectorAll('[id]')].map((element) => element.id).filter((id, index, all) => all.indexOf(id) !== index)") == []


def test_a_wrong_passphrase_says_so_and_opens_nothing(tab, served):
    _open(tab, served, "abeille abeille abeille abeille abeille abeille abeille abeille")
    expect(tab.get_by_role("alert")).to_contain_text("Cette phrase de passe n'ouvre aucun dossier")
    expect(tab.locator(".acia-dossier-protege")).to_be_hidden()
    expect(tab.get_by_label("Phrase de passe")).to_be_focused()


def test_another_structure_s_passphrase_opens_its_own_dossier_only(tab, served):
    _open(tab, served, keys.passphrase(SECRET, "acia-corse-2023", U_SOLE))
    dossier = tab.locator(".acia-dossier-protege")
    expect(dossier).to_contain_text("Fondation U Sole")
    assert "Lisula" not in dossier.inner_text()


def test_a_dossier_kept_on_this_device_opens_again_until_closed(tab, served):
    tab.goto(served)
    tab.get_by_label("Phrase de passe").fill(keys.passphrase(SECRET, "acia-corse-2023", LISULA))
    tab.get_by_label("Se souvenir de mon dossier sur cet appareil").check()
    tab.get_by_label("Phrase de passe").press("Enter")
    expect(tab.locator(".acia-dossier-protege")).to_contain_text("Association Lisula")
    tab.reload()
    expect(tab.locator(".acia-dossier-protege")).to_contain_text("Association Lisula")
    tab.get_by_role("button", name="Fermer mon dossier").click()
    expect(tab.locator(".acia-acces-etat")).to_contain_text("fermé et oublié")
    tab.reload()
    expect(tab.get_by_label("Phrase de passe")).to_be_visible()
    expect(tab.locator(".acia-dossier-protege")).to_be_hidden()


AXE_RUN = "async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map((v) => [v.id, v.impact, v.nodes[0].target.join(' ')])"


def test_the_reader_passes_axe_core_before_and_after_opening(tab, served):
    tab.goto(served)
    assert tab.evaluate(AXE_RUN) == []
    tab.get_by_label("Phrase de passe").fill(keys.passphrase(SECRET, "acia-corse-2023", LISULA))
    tab.keyboard.press("Enter")
    expect(tab.locator(".acia-dossier-protege h1")).to_be_focused()
    assert tab.evaluate(AXE_RUN) == []
