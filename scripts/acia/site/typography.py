"""French spacing on the built pages, applied to the text a reader sees and nothing else.

Pages mix our generated Markdown, the programme's own texts and hand-written
pages; the generator turns them into HTML with ordinary spaces, so « Objet : » may
break before its colon and a closing » may start a line. This pass runs on the
HTML, after the build: every text node gets ``french.spacing``, except inside
elements whose text is not prose (code, preformatted text, scripts, styles,
form fields). Tags, attributes and URLs are copied byte for byte.
"""

from __future__ import annotations

import re

from acia import french

# Elements whose text is code or data, never French prose.
_VERBATIM = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea", "svg", "math"})
# A tag, a comment, a doctype or a CDATA section: text nodes are what lies between.
_MARKUP = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|<(/?)([A-Za-z][A-Za-z0-9:-]*)(?:\"[^\"]*\"|'[^']*'|[^'\">])*>", re.DOTALL)


# A character reference (« &para; », « &#160; »): its « ; » is not punctuation.
_REFERENCE = re.compile(r"(&#?[A-Za-z0-9]+;)")


def _spaced(text: str) -> str:
    """``french.spacing`` on a text node, its character references left whole."""
    return "".join(part if _REFERENCE.fullmatch(part) else french.spacing(part) for part in _REFERENCE.split(text))


def space_html(page: str) -> str:
    """The page with ``french.spacing`` applied to its prose text nodes."""
    pieces: list[str] = []
    verbatim: list[str] = []
    last = 0
    for match in _MARKUP.finditer(page):
        text = page[last : match.start()]
        pieces.append(text if verbatim else _spaced(text))
        pieces.append(match.group(0))
        last = match.end()
        name = (match.group(2) or "").lower()
        if name not in _VERBATIM or match.group(0).endswith("/>"):
            continue
        if match.group(1):  # a closing tag ends the innermost verbatim element of that name
            if name in verbatim:
                del verbatim[len(verbatim) - 1 - verbatim[::-1].index(name) :]
        else:
            verbatim.append(name)
    tail = page[last:]
    pieces.append(tail if verbatim else _spaced(tail))
    return "".join(pieces)
