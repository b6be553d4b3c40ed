"""acia publier and the programme's publication settings: the site's address, the internal site kept as a CI artifact or sealed for the team.

One copy of the Corse programme declares its address and « site_interne:
zone_protegee », and is published once with the secret: the tree then holds
a ninth sealed area, the internal site, opened by the team's passphrase
only; crawlers are kept out of the areas and their reader. Another, with the
defaults and no secret, writes the internal site apart for the CI's artifact.
"""

from __future__ import annotations

import functools
import json
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import SNAPSHOT, copy_shipped, run_cli
from playwright.sync_api import expect

from acia.publish import area, indexing, keys, sealed, tree

pytestmark = [pytest.mark.acceptance, pytest.mark.xdist_group("publication")]

SECRET = "secret-de-test-0123456789-abcdefghijklmnop"
PROGRAMME = "acia-corse-2023"
ADDRESS = "https://ars-exemple.github.io/acia-corse/"


def _settings(root: Path, lines: str) -> None:
    """Add ``lines`` under « site: » in the copy's data/programme.yml."""
    programme = root / "data" / "programme.yml"
    text = programme.read_text(encoding="utf-8")
    assert "\nsite:\n" in text
    programme.write_text(text.replace("\nsite:\n", "\nsite:\n" + lines, 1), encoding="utf-8")


def _publish(root: Path, *arguments: str) -> tuple[int, str, str]:
    return run_cli("publier", "--racine", str(root), "--maintenant", SNAPSHOT.isoformat(), *arguments)


def _unseal_all(target: Path, phrase: str) -> dict[str, bytes]:
    opened = keys.area_keys(phrase, PROGRAMME)
    folder = target / tree.AREAS / opened.address
    manifest = json.loads(sealed.unseal(opened, area.MANIFEST, (folder / area.MANIFEST).read_bytes()))
    listed = manifest["pages"] | manifest["fichiers"]
    return {path: sealed.unseal(opened, entry["fichier"], (folder / entry["fichier"]).read_bytes()) for path, entry in listed.items()}


@pytest.fixture(scope="module")
def sealed_for_the_team(tmp_path_factory):
    """The Corse copy with an address and its internal site sealed for the team, published once: (root, tree, stdout)."""
    root = copy_shipped(tmp_path_factory.mktemp("zone-equipe"))
    _settings(root, f"  adresse: {ADDRESS.rstrip('/')}\n")
    programme = root / "data" / "programme.yml"
    text = programme.read_text(encoding="utf-8")
    assert text.count("    site_interne: artefact\n") == 1  # the shipped setting, the default
    programme.write_text(text.replace("    site_interne: artefact\n", "    site_interne: zone_protegee\n"), encoding="utf-8")
    target = root.parent / "en-ligne"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(keys.VARIABLE, SECRET)
        patch.delenv("GITHUB_OUTPUT", raising=False)
        code, out, err = _publish(root, "--dossier", str(target), "--interne", str(root.parent / "interne"))
    assert code == 0, out + err
    return root, target, out


def test_the_internal_site_is_a_ninth_area_opened_by_the_team_s_passphrase(sealed_for_the_team):
    root, target, out = sealed_for_the_team
    applications = len(list((root / "data" / "applications").glob("*.yml")))
    assert len(list((target / tree.AREAS).iterdir())) == applications + 1
    assert f"le site public et {applications + 1} dossiers protégés." in out
    assert "rien n'est écrit dans" in out and not (root.parent / "interne").exists()
    internal = _unseal_all(target, keys.passphrase(SECRET, PROGRAMME, keys.TEAM))
    assert "selection/" in internal and "courriers/" in internal
    assert "Document interne" in internal["selection/"].decode("utf-8")
    # Every structure's dossier is in the team's area, none in clear in the tree.
    assert all(f"dossiers/{application.stem}/" in internal for application in (root / "data" / "applications").glob("*.yml"))
    assert not (target / "selection").exists() and not (target / "courriers").exists()


def test_acia_acces_gives_the_team_s_passphrase(sealed_for_the_team, monkeypatch):
    root, _, _ = sealed_for_the_team
    monkeypatch.setenv(keys.VARIABLE, SECRET)
    code, out, err = run_cli("acces", "--equipe", "--message", "--racine", str(root), "--maintenant", SNAPSHOT.isoformat())
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == keys.passphrase(SECRET, PROGRAMME, keys.TEAM)
    assert f"à l'adresse {ADDRESS}votre-dossier/" in out and "ne la transmettez qu'aux membres de l'équipe projet" in out
    assert err == ""


def test_acia_acces_wants_a_structure_or_the_team_not_both(sealed_for_the_team, monkeypatch):
    root, _, _ = sealed_for_the_team
    monkeypatch.setenv(keys.VARIABLE, SECRET)
    for arguments in ((), ("og-2b-association-lisula", "--equipe")):
        code, out, err = run_cli("acces", *arguments, "--racine", str(root))
        assert code == 2 and out == "" and "soit --equipe" in err


def test_the_address_gives_canonical_links_a_sitemap_and_subscribable_calendars(sealed_for_the_team):
    _, target, _ = sealed_for_the_team
    home = (target / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{ADDRESS}">' in home
    sitemap = (target / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert f"{ADDRESS}calendrier/" in locations and all(location.startswith(ADDRESS) for location in locations)
    calendar = (target / "programme.ics").read_text(encoding="utf-8")
    assert f"SOURCE:{ADDRESS}programme.ics" in calendar and f"URL:{ADDRESS}calendrier/" in calendar
    assert f"{ADDRESS}programme.ics" in (target / "calendrier" / "index.html").read_text(encoding="utf-8")


def test_the_areas_and_their_reader_stay_out_of_search_engines(sealed_for_the_team):
    _, target, _ = sealed_for_the_team
    assert (target / "robots.txt").read_text(encoding="utf-8") == f"User-agent: *\nDisallow: /acia-corse/{tree.AREAS}/\nSitemap: {ADDRESS}sitemap.xml\n"
    reader = (target / "votre-dossier" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<head><meta http-equiv="Content-Security-Policy"[^>]*>' + re.escape(indexing.NOINDEX), reader)
    assert indexing.NOINDEX not in (target / "index.html").read_text(encoding="utf-8")
    assert "votre-dossier" not in (target / "sitemap.xml").read_text(encoding="utf-8")


def test_a_bad_address_on_the_command_line_is_refused(sealed_for_the_team, tmp_path):
    root, _, _ = sealed_for_the_team
    code, out, err = _publish(root, "--dossier", str(tmp_path / "sortie"), "--adresse", "http://exemple.fr/site")
    assert code == 2 and "n'est pas une adresse https" in err and not (tmp_path / "sortie").exists()


def test_an_address_in_the_data_must_be_https(tmp_path):
    root = copy_shipped(tmp_path)
    _settings(root, "  adresse: http://exemple.fr/acia\n")
    code, out, _ = run_cli("valider", "--racine", str(root), "--maintenant", SNAPSHOT.isoformat())
    assert code == 1
    assert re.search(r"data/programme\.yml:\d+:\d+: erreur \[ACIA\d+\] .*site\.adresse", out), out


def test_by_default_the_internal_site_is_written_apart_for_the_ci_s_artifact(tmp_path, monkeypatch):
    root = copy_shipped(tmp_path)
    outputs = tmp_path / "github-output"
    monkeypatch.delenv(keys.VARIABLE, raising=False)
    monkeypatch.setenv("GITHUB_OUTPUT", str(outputs))
    code, out, err = _publish(root, "--dossier", str(tmp_path / "public"), "--interne", str(tmp_path / "interne"), "--adresse", ADDRESS)
    assert code == 0, out + err
    assert outputs.read_text(encoding="utf-8") == "site-interne=artefact\nconservation-jours=30\n"
    assert "Site interne écrit dans" in out and "gardé 30 jours" in out
    assert "Document interne" in (tmp_path / "interne" / "selection" / "index.html").read_text(encoding="utf-8")
    assert not (tmp_path / "public" / "selection").exists() and not (tmp_path / "public" / tree.AREAS).exists()
    assert f'<link rel="canonical" href="{ADDRESS}">' in (tmp_path / "public" / "index.html").read_text(encoding="utf-8")
    # Again, the internal site alone (GitLab's job for the artifact): its folder is replaced, the public one left.
    before = sorted(path.relative_to(tmp_path).as_posix() for path in (tmp_path / "public").rglob("*"))
    code, out, err = _publish(root, "--interne", str(tmp_path / "interne"))
    assert code == 0, out + err
    assert "Site à publier" not in out and "Site interne écrit dans" in out
    assert sorted(path.relative_to(tmp_path).as_posix() for path in (tmp_path / "public").rglob("*")) == before


def test_publier_needs_an_output_and_keeps_the_internal_site_out_of_the_published_tree(tmp_path):
    code, out, err = _publish(tmp_path, "--maintenant", SNAPSHOT.isoformat())
    assert code == 2 and "--dossier SORTIE" in err
    for published, internal in (("public", "public/interne"), ("tout/interne/..", "tout"), ("meme", "meme")):
        code, out, err = _publish(tmp_path, "--dossier", str(tmp_path / published), "--interne", str(tmp_path / internal))
        assert code == 2 and "choisissez deux dossiers séparés" in err, (published, internal, err)
    assert list(tmp_path.iterdir()) == []


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *arguments):
        pass


def test_in_chromium_the_team_s_passphrase_opens_the_internal_site(sealed_for_the_team, browser):
    _, target, _ = sealed_for_the_team
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(target)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        tab.goto(f"http://127.0.0.1:{httpd.server_address[1]}/votre-dossier/")
        expect(tab.get_by_text("L'équipe projet y ouvre de même le site interne")).to_be_visible()
        tab.get_by_label("Phrase de passe").fill(keys.passphrase(SECRET, PROGRAMME, keys.TEAM))
        tab.get_by_role("button", name="Ouvrir mon dossier").click()
        opened = tab.locator(".acia-dossier-protege")
        expect(opened).to_contain_text("Document interne")
        expect(opened.get_by_role("heading", level=1)).to_be_visible()
    finally:
        context.close()
        httpd.shutdown()
