"""Files of a protected area, sealed with AES-256-GCM so that the same inputs give the same bytes.

A sealed file is ``nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes)``, what
the browser's ``crypto.subtle.decrypt({name: "AES-GCM", iv, additionalData})``
reads back. The file's name in the area is its additional data: a sealed
page moved to another name does not open.

The nonce is not random, or two builds of the same data would differ (the
published tree is compared between builds, like every output of acia). It is
derived from what is sealed: ``HMAC-SHA256(nonce key, name ‖ 0 ‖ content)``,
cut to 96 bits, under a key of its own (``keys.AreaKeys.nonces``). GCM fails
only when one nonce seals two different contents under one key; here a nonce
repeats only for the same name and the same content, which then gives the
same sealed bytes (nothing is learnt that the equal files did not show
already), and two different contents share a nonce with a probability of
2⁻⁹⁶ per pair. This is the "synthetic nonce" of AES-GCM-SIV (RFC 8452),
which browsers do not offer, built from HMAC and plain AES-GCM, which they do.
"""

from __future__ import annotations

import hashlib
import hmac

from acia.publish.keys import AreaKeys

NONCE_BYTES = 12
TAG_BYTES = 16


def nonce(keys: AreaKeys, name: str, content: bytes) -> bytes:
    """The nonce of ``content`` sealed as ``name``: the same only for the same name and content."""
    return hmac.new(keys.nonces, name.encode("utf-8") + b"\0" + content, hashlib.sha256).digest()[:NONCE_BYTES]


def seal(keys: AreaKeys, name: str, content: bytes) -> bytes:
    """``content`` sealed as ``name`` in the area of ``keys``."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    iv = nonce(keys, name, content)
    return iv + AESGCM(keys.encryption).encrypt(iv, content, name.encode("utf-8"))


def unseal(keys: AreaKeys, name: str, sealed: bytes) -> bytes:
    """What ``seal`` sealed; ``cryptography.exceptions.InvalidTag`` for another key, another name or altered bytes."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(keys.encryption).decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], name.encode("utf-8"))
