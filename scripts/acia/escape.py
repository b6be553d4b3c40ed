"""Make data values inert in generated Markdown and HTML.

Every value that comes from a data file goes through ``markdown_text`` (or
``html_text`` inside raw HTML) before reaching a page, so that a raison sociale
such as ``<script>…</script>``, ``**gras**``, ``[x](javascript:…)`` or ``a | b``
is shown as typed and never interpreted. Trusted fragments built by our own
code are marked with ``markupsafe.Markup`` and pass through unchanged.
"""

from __future__ import annotations

import html
import re

from jinja2 import Undefined
from markupsafe import Markup

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
    text = html.escape(str(value), quote=False)
    text = _MARKDOWN_SPECIALS.sub(r"\\\1", text)
    return " ".join(text.split())


def html_text(value: object) -> str:
    """Escape a value for an HTML element or attribute."""
    if isinstance(value, Markup):
        return str(value)
    return html.escape("" if value is None else str(value), quote=True)


def code(value: object) -> Markup:
    """Inline code: Markdown does not unescape inside backticks, so use an HTML element."""
    return Markup(f"<code>{html_text(value)}</code>")


def trusted(fragment: str) -> Markup:
    """Mark a fragment built by our own code (from escaped parts) as safe to emit."""
    return Markup(fragment)
