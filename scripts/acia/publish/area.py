"""A structure's protected area: what its own site holds beyond the public one, sealed under its passphrase.

The structure's site (audience ``structure:<id>``) is the public site plus
its dossier: its home (« Votre dossier »), its dossier pages, minutes and
deliverables, the collective meetings it takes part in, its letters and its
calendar. The area keeps exactly what differs from the public site: the
pages absent from it or whose content differs (the content only, the
``<article>`` of the page, which the reader's page shows in its own frame),
and the files absent from it. The rest the reader finds on the public site.

Sealed, the area is a folder of numbered files: ``0.bin`` the table of
contents (the manifest: each page's path and title, each file's path, name
and type, and the number of the sealed file holding it), then one sealed
file for each page or file, numbered in the order of their paths. No name,
title or path of the structure's is readable without its passphrase; the
count and the sizes of the files are.
"""

from __future__ import annotations

import html
import json
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path

from acia.publish import sealed
from acia.publish.keys import AreaKeys

MANIFEST = "0.bin"
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*)</article>', re.S)
_HEADING = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_SKIP_TARGET = re.compile(r'^<a id="__skip" tabindex="-1"></a>\s*')  # the theme's, which the reader's page has already
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)  # the theme's « ¶ » after each heading
_TAG = re.compile(r"<[^>]+>")
_MEDIA_TYPES = {
    ".ics": "text/calendar",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".pdf": "application/pdf",
}


class AreaError(Exception):
    """A structure's site that cannot be made into an area; the message says why, in French."""


@dataclass(frozen=True)
class Entry:
    """One page or file of an area, before sealing."""

    path: str  # in the site: « dossiers/og-x/ » for a page (its folder), « courriers/og-x/notification.pdf » for a file
    content: bytes  # the page's article (UTF-8 HTML), or the file's bytes
    title: str  # the page's heading, or the file's name
    media_type: str  # « text/html » for a page

    @property
    def is_page(self) -> bool:
        return self.media_type == "text/html"


def _article(page: bytes) -> str | None:
    found = _ARTICLE.search(page.decode("utf-8"))
    return _SKIP_TARGET.sub("", found.group(1).strip()) if found else None


def _heading(article: str) -> str:
    found = _HEADING.search(article)
    return html.unescape(_TAG.sub("", _PERMALINK.sub("", found.group(1)))).strip() if found else ""


def entries(public_site: Path, structure_site: Path) -> list[Entry]:
    """What ``structure_site`` holds beyond ``public_site``, in the order of the paths."""
    found = []
    for path in sorted(structure_site.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        rel = path.relative_to(structure_site).as_posix()
        public = public_site / rel
        if path.name == "index.html":
            article = _article(path.read_bytes())
            if article is None:
                raise AreaError(f"la page {rel} du site de la structure n'a pas de contenu reconnaissable (balise <article> du thème)")
            if public.is_file() and _article(public.read_bytes()) == article:
                continue
            folder = rel[: -len("index.html")]
            found.append(Entry(folder, article.encode("utf-8"), _heading(article) or folder, "text/html"))
        elif rel.endswith(".html") or public.is_file():
            continue  # the 404 page and the theme's files are the public site's
        else:
            found.append(Entry(rel, path.read_bytes(), path.name, _MEDIA_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"))
    return found


def seal_area(keys: AreaKeys, area: list[Entry]) -> dict[str, bytes]:
    """The sealed files of an area, by name: ``0.bin`` the manifest, then ``1.bin``… one for each entry."""
    pages: dict[str, dict[str, str]] = {}
    attachments: dict[str, dict[str, str]] = {}
    files: dict[str, bytes] = {}
    for number, entry in enumerate(area, start=1):
        name = f"{number}.bin"
        files[name] = sealed.seal(keys, name, entry.content)
        if entry.is_page:
            pages[entry.path] = {"titre": entry.title, "fichier": name}
        else:
            attachments[entry.path] = {"nom": entry.title, "type": entry.media_type, "fichier": name}
    manifest = {"pages": pages, "fichiers": attachments}
    files[MANIFEST] = sealed.seal(keys, MANIFEST, json.dumps(manifest, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8"))
    return dict(sorted(files.items()))
