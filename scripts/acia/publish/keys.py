"""Each structure's passphrase, and the keys its browser derives from it.

No list of passphrases is ever kept: each one is computed from one secret
that only the CI and the programme team hold (``ACIA_SECRET``), the
programme's identifier and the structure's, so every rebuild gives the same
one, and changing the secret changes them all (what to do when one leaks).

A passphrase is eight words of the BIP-39 French list: 2,048 words, so 11
bits each, 88 bits in all — beyond reach of any guessing, and the list is
built so that no two words look alike, even written without their accents.
The reader types it in the browser; both sides first bring it to the same
plain form (``normalised``: no accents, lower case, single spaces), so an
accent left out or a capital letter never locks anyone out.

From that form, PBKDF2-HMAC-SHA256 derives one 32-byte master key, then
HKDF-SHA256 expands it into three, the same in Python (``cryptography``) and
in the browser (Web Crypto): the AES-256 key of the area, the key its nonces
are derived with (``acia.publish.sealed``), and the area's address, the name
of its folder in the published tree: a reader's browser finds its dossier
from the passphrase alone, and the tree names no structure. (Asking PBKDF2
itself for 96 bytes would run it three times for the reader, and only once
for someone trying passphrases against the address.)
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import re
import unicodedata
from dataclasses import dataclass

from acia import french

VARIABLE = "ACIA_SECRET"
MINIMUM_SECRET = 32  # characters: a secret shorter than that may be guessed
WORDS = 8  # of 2,048 each: 88 bits
ITERATIONS = 600_000  # PBKDF2-HMAC-SHA256, OWASP's figure (2023): about half a second in a browser
_CONTEXT = "acia/phrase-de-passe/v1"  # in every HMAC input: a secret used elsewhere never gives these words
_SALT_CONTEXT = "acia/sel/v1"


class SecretError(Exception):
    """No usable ``ACIA_SECRET``; the message says why and what to do, in French."""


def secret_from(environ: dict[str, str] | None = None) -> str:
    """The secret of ``ACIA_SECRET``; ``SecretError`` when it is missing or too short."""
    value = (os.environ if environ is None else environ).get(VARIABLE, "")
    if not value:
        raise SecretError(
            f"la variable d'environnement {VARIABLE} n'est pas définie : les phrases de passe des structures en sont tirées. "
            "Elle est gardée par la CI (secret du dépôt) et par l'équipe projet, jamais dans le dépôt."
        )
    if len(value) < MINIMUM_SECRET:
        raise SecretError(
            f"le secret {VARIABLE} est trop court ({french.plural(len(value), 'caractère')}, au moins {MINIMUM_SECRET} attendus) : "
            'tirez-en un au hasard, par exemple avec « python3 -c "import secrets; print(secrets.token_urlsafe(32))" ».'
        )
    return value


def optional_secret(environ: dict[str, str] | None = None) -> str | None:
    """The secret of ``ACIA_SECRET``, None when it is not set; ``SecretError`` when it is set but too short."""
    if not (os.environ if environ is None else environ).get(VARIABLE):
        return None
    return secret_from(environ)


# Whose passphrase opens the internal site when it is published sealed (« site.publication.site_interne:
# zone_protegee »): the project team's. No structure can have this id: an application's id is made
# of lower-case letters, digits and dashes (common.schema.json « identifiant »).
TEAM = "@equipe"


@functools.cache
def _wordlist() -> tuple[str, ...]:
    from mnemonic import Mnemonic

    return tuple(unicodedata.normalize("NFC", word) for word in Mnemonic("french").wordlist)


def passphrase(secret: str, programme_id: str, structure_id: str) -> str:
    """The structure's passphrase: eight French words drawn from HMAC-SHA256(secret, programme, structure)."""
    digest = hmac.new(secret.encode("utf-8"), "\0".join((_CONTEXT, programme_id, structure_id)).encode("utf-8"), hashlib.sha256).digest()
    words = _wordlist()
    number = int.from_bytes(digest, "big")  # 256 bits: the eight indexes take 88 of them
    chosen = []
    for _ in range(WORDS):
        number, index = divmod(number, len(words))
        chosen.append(words[index])
    return " ".join(chosen)


def normalised(phrase: str) -> str:
    """The passphrase as both sides derive keys from it: accents removed, lower case, words separated by one space.

    The browser does exactly this (``templates/site/assets/acia-acces.js``):
    NFD, then the combining accents U+0300–U+036F dropped, then lower case,
    then every run of other characters than a–z taken for one space.
    """
    plain = re.sub("[\u0300-\u036f]", "", unicodedata.normalize("NFD", phrase)).lower()
    return " ".join(word for word in re.split("[^a-z]+", plain) if word)


def salt(programme_id: str) -> bytes:
    """The PBKDF2 salt of a programme's areas: public (the reader's page holds it), and different for each programme."""
    return hashlib.sha256(f"{_SALT_CONTEXT}\0{programme_id}".encode()).digest()[:16]


@dataclass(frozen=True)
class AreaKeys:
    """What a passphrase opens: the AES-256 key, the nonce key, and the area's folder name."""

    encryption: bytes  # 32 bytes: AES-256-GCM
    nonces: bytes  # 32 bytes: HMAC key of the nonces (acia.publish.sealed)
    address: str  # 32 hexadecimal digits: the folder of the area in the published tree


# HKDF "info" of each key drawn from the master key.
ENCRYPTION_INFO, NONCES_INFO, ADDRESS_INFO = b"acia/chiffrement/v1", b"acia/nonces/v1", b"acia/adresse/v1"


def area_keys(phrase: str, programme_id: str) -> AreaKeys:
    """The keys of the area a passphrase opens: PBKDF2-HMAC-SHA256 (``ITERATIONS`` rounds), then HKDF-SHA256."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF
    from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

    master = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt(programme_id), iterations=ITERATIONS).derive(normalised(phrase).encode("ascii"))

    def expanded(info: bytes) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)

    return AreaKeys(expanded(ENCRYPTION_INFO), expanded(NONCES_INFO), expanded(ADDRESS_INFO)[:16].hex())
