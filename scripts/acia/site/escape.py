"""Make data values inert in generated Markdown and HTML.

Every value that comes from a data file goes through ``markdown_text`` (or
``html_text`` inside raw HTML) before reaching a page, so that a raison sociale
such as ``<script>…</script>``, ``**gras**``, ``[x](javascript:…)`` or ``a | b``
is shown as typed and never interpreted. Bidirectional control characters
are removed, so that a value cannot reorder the text after it. Trusted fragments built by our own
code are marked with ``markupsafe.Markup`` and pass through unchanged.
"""

from __future__ import annotations

import functools
import html
import re
from urllib.parse import quote

from jinja2 import Undefined
from markupsafe import Markup

from acia.templating import without_bidi

# Characters Python-Markdown (with the tables extension) lets us backslash-escape.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


def markdown_text(value: object) -> str:
    """Escape a value for Markdown: HTML entities first, then Markdown syntax; one line."""
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    if isinstance(value, Undefined):
        return str(value)  # raises: printing a missing key is a template bug
    if isinstance(value, bool):
        return "oui" if value else "non"
    return _escaped(str(value))


@functools.lru_cache(maxsize=1 << 16)
def _escaped(text: str) -> str:
    """Remembered: the internal site of a thousand dossiers escapes some 80,000 values, many of them alike (labels, statuses, sectors)."""
    text = html.escape(without_bidi(text), quote=False)
    text = _MARKDOWN_SPECIALS.sub(r"\\\1", text)
    return " ".join(text.split())


def html_text(value: object) -> str:
    """Escape a value for an HTML element or attribute."""
    if isinstance(value, Markup):
        return str(value)
    return html.escape("" if value is None else without_bidi(str(value)), quote=True)


def code(value: object) -> Markup:
    """Inline code: Markdown does not unescape inside backticks, so use an HTML element.

    Markdown still reads the inside of a raw inline element, so its syntax is
    escaped too: ``[x](javascript:…)`` stays text, not a link.
    """
    if isinstance(value, Markup):
        return Markup(f"<code>{value}</code>")
    return Markup(f"<code>{markdown_text(value)}</code>")


# What a schema description quotes to be typed as is: "…" literals, and machine formats
# such as 2023-06-12T10:24:00+02:00 or AAAA-MM-JJTHH:MM (never French prose).
_LITERAL = re.compile(r'"[^"\n]*"|[^\s(),;]*(?:\d:\d|[A-Z]:[A-Z])[^\s(),;]*[^\s(),;.]')


def with_literals(text: str) -> Markup:
    """A description for contributors, escaped, its literals and formats shown as code (not read as prose)."""
    text = " ".join(text.split())
    pieces, last = [], 0
    for match in _LITERAL.finditer(text):
        pieces += [_spaced(text[last : match.start()]), str(code(match.group(0)))]
        last = match.end()
    pieces.append(_spaced(text[last:]))
    return Markup("".join(pieces))


def _spaced(text: str) -> str:
    """``markdown_text`` keeping a leading and a trailing space: they separate the text from the code around it."""
    return (" " if text[:1] == " " else "") + markdown_text(text) + (" " if text[-1:] == " " and text.strip() else "")


def url_path(path: str) -> str:
    """A relative path as a link address: every character but letters, digits, ``-._~`` and ``/`` percent-encoded.

    A file name from the data (a deliverable) can then never close a Markdown
    link destination, open a title or change the address's scheme.
    """
    return quote(path, safe="/")


def link(text: object, url: str) -> Markup:
    """A Markdown link to an address from the data: the text escaped, the address percent-encoded so that
    nothing in it can end the link, and only http(s) or mailto (anything else is the bare text)."""
    scheme, colon, _ = url.partition(":")
    if not colon or scheme.lower() not in _SAFE_SCHEMES:
        return Markup(markdown_text(text))
    address = quote(without_bidi(url).strip(), safe=_URL_SAFE)
    return Markup(f"[{markdown_text(text)}]({address})")


_HEADING = re.compile(r"^(#{1,6}[ \t].*)$", re.MULTILINE)


def title_safe(text: str) -> str:
    """Angle brackets in titles become ‹ ›: the theme writes a page's title into ``<title>`` through
    ``striptags``, which decodes ``&lt;`` back into ``<`` — a name such as ``</title><script>`` would
    then be markup. Applied to every heading of a generated page and to the site's name."""
    return text.replace("&lt;", "‹").replace("&gt;", "›").replace("<", "‹").replace(">", "›")


def headings_title_safe(markdown: str) -> str:
    """``markdown`` with ``title_safe`` applied to its ATX headings (« # … ») only, not to lines of fenced code."""
    lines, fence = markdown.split("\n"), ""
    for index, line in enumerate(lines):
        stripped = line.lstrip()
        if fence:
            if stripped.startswith(fence):
                fence = ""
        elif stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
        elif _HEADING.match(line):
            lines[index] = title_safe(line)
    return "\n".join(lines)


def trusted(fragment: str) -> Markup:
    """Mark a fragment built by our own code (from escaped parts) as safe to emit."""
    return Markup(fragment)


_LINK_TARGET = re.compile(r"(\]\(\s*<?|^\s*\[[^\]\n]+\]:\s*<?)([A-Za-z][A-Za-z0-9+.\-]*):", re.MULTILINE)
_SAFE_SCHEMES = {"http", "https", "mailto"}
# What may stay as typed in a link address: URL syntax without the characters that
# could end a Markdown link or its title (spaces, parentheses, angle brackets, quotes).
_URL_SAFE = ":/?#@!$&*+,;=%~"


def user_markdown(text: str) -> Markup:
    """Keep the Markdown formatting of text people wrote (minutes, deliverables), but make it inert.

    Raw HTML is shown as typed (``<`` becomes an entity), attribute lists
    (``{: onclick=… }``) are escaped, and links may only point to http(s),
    mailto or a relative address.
    """
    text = without_bidi(text).replace("&", "&amp;").replace("<", "&lt;")
    text = text.replace("{", "\\{").replace("}", "\\}")

    def neutralise(match: re.Match) -> str:
        return match.group(0) if match.group(2).lower() in _SAFE_SCHEMES else f"{match.group(1)}#lien-retire-"

    return Markup(_LINK_TARGET.sub(neutralise, text))
