"""Remove every URL that could run a script from the HTML pages the site generator built.

Values from the data are escaped before they reach Markdown (see ``escape``),
but Markdown has many ways to make a link (inline links, reference
definitions nested in quotes or list items, autolinks, raw HTML, attribute
lists…) and escaping at the source has to foresee them all. This pass runs
*after* rendering, on the HTML a browser will actually read, so it cannot be
bypassed by a construct nobody thought of: in every built ``.html`` page of
every audience, a URL attribute (``href``, ``src``, ``srcset``, ``action``…)
whose scheme is not ``http``, ``https`` or ``mailto`` is dropped. Relative
addresses into the site and ``#fragments`` are kept.

URLs are decoded the way a browser does before deciding (character
references, tabs and newlines inside the scheme, leading spaces and control
characters, mixed case), so ``&#106;avascript:`` or ``java\\tscript:`` are
seen for what they are. Only start tags holding such an attribute are
rewritten: the rest of each page is left byte for byte, and the theme's own
assets (search index, scripts) are not touched.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# Attributes a browser reads as a URL (that can navigate, load or submit).
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "cite", "longdesc", "lowsrc", "dynsrc", "codebase", "manifest", "ping", "icon"})
# Attributes holding a list of URLs with descriptors (``a.png 1x, b.png 2x``).
URL_LIST_ATTRIBUTES = frozenset({"srcset", "imagesrcset"})

# Browsers strip leading and trailing C0 controls and spaces, and remove tabs
# and newlines anywhere; we remove every control character and every kind of
# space anywhere, which may only drop more, never less.
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\s\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]+")
_SCHEME = re.compile(r"^([^/?#]*?):")


def is_safe_url(value: str) -> bool:
    """True for http(s), mailto, and addresses without a scheme (relative paths, ``#fragments``, ``//host``).

    ``value`` is an attribute value as written in the HTML source or already
    decoded: character references are decoded (again) here, which is harmless
    for a URL and catches double encoding.
    """
    decoded = value
    for _ in range(3):  # &amp;#106; → &#106; → j
        unescaped = html.unescape(decoded)
        if unescaped == decoded:
            break
        decoded = unescaped
    normalised = _INVISIBLE.sub("", decoded)
    match = _SCHEME.match(normalised)
    if match is None:
        return True
    return match.group(1).lower() in SAFE_SCHEMES


def _is_safe_list(value: str) -> bool:
    return all(is_safe_url(part) for part in re.split(r"[\s,]+", value) if part)


def _refresh_target(content: str) -> str:
    """The address of ``<meta http-equiv="refresh" content="5; url=…">`` ("" when there is none)."""
    separator = re.search(r"[;,]", content)
    rest = content[separator.end() :].strip() if separator else ""
    rest = re.sub(r"^url\s*=\s*", "", rest, flags=re.IGNORECASE)
    return rest.strip("'\" ")


def _safe_attribute(tag: str, name: str, value: str | None, attributes: dict[str, str | None]) -> bool:
    if value is None:
        return True
    if name in URL_ATTRIBUTES:
        return is_safe_url(value)
    if name in URL_LIST_ATTRIBUTES:
        return _is_safe_list(value)
    if tag == "meta" and name == "content" and (attributes.get("http-equiv") or "").strip().lower() == "refresh":
        return is_safe_url(_refresh_target(value))
    return True


class _Finder(HTMLParser):
    """Collects the start tags that hold an unsafe URL, with their position and cleaned replacement."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.replacements: list[tuple[tuple[int, int], str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs, closed=True)

    def _check(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        attributes = dict(attrs)
        kept = [(name, value) for name, value in attrs if _safe_attribute(tag, name, value, attributes)]
        if len(kept) == len(attrs):
            return
        raw = self.get_starttag_text() or ""
        parts = [tag] + [name if value is None else f'{name}="{html.escape(value, quote=True)}"' for name, value in kept]
        self.replacements.append((self.getpos(), raw, "<" + " ".join(parts) + (" />" if closed else ">")))


class SanitiseError(Exception):
    """A built page could not be rewritten safely (French message)."""


def sanitise_html(text: str) -> str:
    """The page with every unsafe URL attribute dropped; unchanged when there is none."""
    finder = _Finder()
    finder.feed(text)
    finder.close()
    if not finder.replacements:
        return text
    line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
    pieces = []
    last = 0
    for (line, column), raw, replacement in finder.replacements:
        start = line_starts[line - 1] + column
        if text[start : start + len(raw)] != raw or start < last:
            raise SanitiseError(f"balise illisible ligne {line} : la page ne peut pas être nettoyée")
        pieces += [text[last:start], replacement]
        last = start + len(raw)
    pieces.append(text[last:])
    return "".join(pieces)
