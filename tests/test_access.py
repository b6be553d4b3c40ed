"""Each structure's passphrase (acia acces) and the sealing of its protected area: derived, never stored, deterministic."""

from __future__ import annotations

import math

import pytest
from conftest import REPO, run_cli
from cryptography.exceptions import InvalidTag

from acia.publish import keys, sealed

SECRET = "secret-de-test-0123456789-abcdefghijklmnop"
PROGRAMME = "acia-corse-2023"
LISULA = "og-2b-association-lisula"


def test_a_passphrase_is_eight_french_words_of_at_least_eighty_bits():
    phrase = keys.passphrase(SECRET, PROGRAMME, LISULA)
    words = phrase.split(" ")
    assert len(words) == keys.WORDS and set(words) <= set(keys._wordlist())
    assert len(keys._wordlist()) == 2048 and keys.WORDS * math.log2(len(keys._wordlist())) >= 80


def test_a_passphrase_is_the_same_at_every_build_and_differs_for_each_structure_programme_and_secret():
    phrase = keys.passphrase(SECRET, PROGRAMME, LISULA)
    assert keys.passphrase(SECRET, PROGRAMME, LISULA) == phrase
    others = {
        keys.passphrase(SECRET, PROGRAMME, "og-2a-fondation-u-sole"),
        keys.passphrase(SECRET, "acia-idf-2021", LISULA),
        keys.passphrase(SECRET + "-tourne", PROGRAMME, LISULA),  # a new secret: every passphrase changes
    }
    assert phrase not in others and len(others) == 3


@pytest.mark.parametrize("typed", ["HUMIDE  Griffure mixte", "humide-griffure-mixte", " humide griffure mixte\n"])
def test_accents_capitals_and_separators_do_not_matter(typed):
    assert keys.normalised(typed) == "humide griffure mixte"
    assert keys.normalised("métier zèbre zénith") == keys.normalised("metier zebre zenith") == "metier zebre zenith"


def test_the_words_stay_distinct_without_their_accents():
    assert len({keys.normalised(word) for word in keys._wordlist()}) == 2048


def test_the_keys_of_an_area_come_from_the_passphrase_however_it_is_typed():
    phrase = keys.passphrase(SECRET, PROGRAMME, LISULA)
    opened = keys.area_keys(phrase, PROGRAMME)
    assert keys.area_keys(phrase.upper().replace(" ", " - "), PROGRAMME) == opened
    assert len(opened.encryption) == len(opened.nonces) == 32 and opened.encryption != opened.nonces
    assert len(opened.address) == 32 and int(opened.address, 16) >= 0
    other = keys.area_keys(keys.passphrase(SECRET, PROGRAMME, "og-2a-fondation-u-sole"), PROGRAMME)
    assert other.address != opened.address and other.encryption != opened.encryption
    assert keys.area_keys(phrase, "acia-idf-2021").address != opened.address  # the salt is the programme's


@pytest.fixture(scope="module")
def area() -> keys.AreaKeys:
    return keys.area_keys(keys.passphrase(SECRET, PROGRAMME, LISULA), PROGRAMME)


def test_sealed_bytes_are_the_same_for_the_same_content_and_open_only_with_their_key_and_name(area):
    page = "<h1>Dossier de l'Association Lisula — éléments</h1>".encode()
    once = sealed.seal(area, "pages/dossier.html", page)
    assert sealed.seal(area, "pages/dossier.html", page) == once  # byte-identical rebuilds
    assert page not in once and len(once) == sealed.NONCE_BYTES + len(page) + sealed.TAG_BYTES
    assert sealed.unseal(area, "pages/dossier.html", once) == page
    with pytest.raises(InvalidTag):
        sealed.unseal(area, "pages/autre.html", once)  # moved under another name
    other = keys.AreaKeys(bytes(32), area.nonces, area.address)
    with pytest.raises(InvalidTag):
        sealed.unseal(other, "pages/dossier.html", once)
    altered = bytearray(once)
    altered[-1] ^= 1
    with pytest.raises(InvalidTag):
        sealed.unseal(area, "pages/dossier.html", bytes(altered))


def test_a_nonce_repeats_only_for_the_same_name_and_content(area):
    nonces = {sealed.nonce(area, name, content) for name in ("a.html", "b.html") for content in (b"un", b"deux", b"")}
    assert len(nonces) == 6
    assert sealed.nonce(area, "a.html", b"un") == sealed.nonce(area, "a.html", b"un")


def test_acces_prints_the_passphrase_on_its_first_line(monkeypatch):
    monkeypatch.setenv(keys.VARIABLE, SECRET)
    code, out, err = run_cli("acces", LISULA, "--racine", str(REPO))
    assert (code, err) == (0, "")
    assert out == keys.passphrase(SECRET, PROGRAMME, LISULA) + "\n"


def test_acces_writes_a_message_ready_to_send(monkeypatch):
    monkeypatch.setenv(keys.VARIABLE, SECRET)
    code, out, _ = run_cli("acces", LISULA, "--racine", str(REPO), "--message")
    phrase = keys.passphrase(SECRET, PROGRAMME, LISULA)
    assert code == 0 and out.splitlines()[0] == phrase
    assert "Objet : accès au dossier de l'Association Lisula (fictive)" in out
    assert f"    {phrase}\n" in out and "« Votre dossier »" in out
    assert out.rstrip().endswith("L'ARS et l'Aract")  # the organisations that sign the letters
    assert LISULA not in out  # an identifier is never shown to a person


def test_acces_without_the_secret_says_where_it_lives(monkeypatch):
    monkeypatch.delenv(keys.VARIABLE, raising=False)
    code, out, err = run_cli("acces", LISULA, "--racine", str(REPO))
    assert code == 2 and out == ""
    assert "ACIA_SECRET n'est pas définie" in err and "jamais dans le dépôt" in err


def test_acces_refuses_a_short_secret(monkeypatch):
    monkeypatch.setenv(keys.VARIABLE, "court")
    code, _, err = run_cli("acces", LISULA, "--racine", str(REPO))
    assert code == 2 and "trop court (5 caractères, au moins 32 attendus)" in err and "secrets.token_urlsafe" in err


def test_acces_suggests_the_closest_structure(monkeypatch):
    monkeypatch.setenv(keys.VARIABLE, SECRET)
    code, out, err = run_cli("acces", "og-2b-lisula", "--racine", str(REPO))
    assert code == 2 and out == ""
    assert "aucune candidature « og-2b-lisula » ; voulez-vous dire « og-2b-association-lisula » ?" in err


def test_acces_needs_a_valid_programme(monkeypatch, instance):
    monkeypatch.setenv(keys.VARIABLE, SECRET)
    programme = instance / "data" / "programme.yml"
    programme.write_text(programme.read_text(encoding="utf-8").replace("id: ", "identifiant: ", 1), encoding="utf-8")
    code, out, err = run_cli("acces", "og-test-a", "--racine", str(instance))
    assert code == 1 and "data/programme.yml" in out
    assert "doit être valide" in err
