"""What search engines may index of the published tree: the public pages, never the protected areas nor their reader.

The sealed files say nothing readable, but their folder and the reader's
page (« Votre dossier ») have no business in a search result: the tree gets
a ``robots.txt`` that keeps crawlers out of both (honoured when the site is
served at the root of its host), the reader's page a ``noindex`` meta tag
(honoured wherever it is served), and the sitemap leaves that page out.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

NOINDEX = '<meta name="robots" content="noindex">'
_HEAD = re.compile(r"<head[^>]*>")
_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')


def robots_txt(address: str, hidden: list[str]) -> bytes:
    """The ``robots.txt`` of the tree served at ``address`` (or at an unknown one, ""), keeping crawlers out of the ``hidden`` folders."""
    prefix = urlsplit(address).path if address else "/"
    lines = ["User-agent: *", *(f"Disallow: {prefix}{folder}" for folder in hidden)]
    if address:
        lines.append(f"Sitemap: {address}sitemap.xml")
    return ("\n".join(lines) + "\n").encode("utf-8")


def unindexed(page: bytes) -> bytes:
    """The HTML ``page`` with a ``noindex`` meta tag, right after its security policy (which must stay first in ``<head>``)."""
    text = page.decode("utf-8")
    anchor = _POLICY.search(text) or _HEAD.search(text)
    if anchor is None:
        raise ValueError("la page n'a pas d'en-tête <head>")
    return (text[: anchor.end()] + NOINDEX + text[anchor.end() :]).encode("utf-8")


def sitemap_without(sitemap: bytes, address: str, folders: list[str]) -> bytes:
    """``sitemap.xml`` without the entries of the pages in ``folders`` (« votre-dossier/ »)."""
    text = sitemap.decode("utf-8")
    for folder in folders:
        text = re.sub(r"\s*<url>\s*<loc>" + re.escape(address + folder) + r"[^<]*</loc>.*?</url>", "", text, flags=re.S)
    return text.encode("utf-8")
