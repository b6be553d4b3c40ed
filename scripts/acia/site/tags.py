"""The tags of a built page with their offsets, read the two ways ``policy`` needs.

``policy`` rewrites pages in place, so it needs each tag's exact position, and
it must not be fooled where Python's parser and a browser disagree. ``read``
follows the browser: the text of ``<title>``, ``<textarea>``, ``<style>``,
``<noscript>``… is text, a comment also ends at ``--!>``, ``<![CDATA[`` is a
comment up to the first ``>``; it tells what the theme's frame holds.
``read_markup`` reads every one of those as markup but ``<script>``'s: it sees
more tags, never fewer, which is what cleaning needs (inside SVG or MathML,
``<style>`` and ``<title>`` do hold markup).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from html.parser import HTMLParser

_COMMENT_END = re.compile(r"--!?>")


@dataclass(frozen=True)
class Tag:
    start: int
    end: int
    name: str
    attrs: tuple[tuple[str, str | None], ...] = ()
    closing: bool = False
    self_closing: bool = False

    def attribute(self, name: str) -> str | None:
        return dict(self.attrs).get(name)


class _Reader(HTMLParser):
    # Newer Pythons also read <title> and <textarea> as text: both readers say which elements do.
    CDATA_CONTENT_ELEMENTS: tuple[str, ...] = ("script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext", "title", "textarea")  # type: ignore[misc]
    RCDATA_CONTENT_ELEMENTS = ()  # type: ignore[misc]

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
        self.tags: list[Tag] = []
        self.feed(text)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        self.tags.append(Tag(start, start + len(self.get_starttag_text() or ""), tag, tuple(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        self.tags.append(Tag(start, start + len(self.get_starttag_text() or ""), tag, tuple(attrs), self_closing=True))
        if tag in self.CDATA_CONTENT_ELEMENTS:
            self.set_cdata_mode(tag)  # browsers ignore the slash: <script/> opens a script

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        self.tags.append(Tag(start, self.text.index(">", start) + 1, tag, closing=True))

    def parse_comment(self, i: int, report: bool = True) -> int:
        """Browsers also end a comment at ``--!>``, and ``<!-->`` or ``<!--->`` is one."""
        for abrupt in ("<!-->", "<!--->"):
            if self.rawdata.startswith(abrupt, i):
                return i + len(abrupt)
        match = _COMMENT_END.search(self.rawdata, i + 4)
        return -1 if match is None else match.end()

    def parse_html_declaration(self, i: int) -> int:
        """Outside SVG and MathML, ``<![CDATA[`` opens a comment that ends at the first ``>``."""
        if self.rawdata.startswith("<![", i):
            end = self.rawdata.find(">", i + 3)
            return -1 if end < 0 else end + 1
        return super().parse_html_declaration(i)


class _MarkupReader(_Reader):
    CDATA_CONTENT_ELEMENTS = ("script",)  # type: ignore[misc]


def read(text: str, start: int = 0) -> list[Tag]:
    """The tags a browser sees in ``text[start:]`` (read on its own), in order, with their offsets in ``text``."""
    return [replace(tag, start=tag.start + start, end=tag.end + start) for tag in _Reader(text[start:]).tags]


def read_markup(text: str) -> list[Tag]:
    """The tags of ``text`` with only ``<script>`` read as text: a superset of what a browser may see."""
    return _MarkupReader(text).tags


def holds_text(name: str) -> bool:
    """True for the elements ``read_markup`` reads as text (up to their end tag)."""
    return name in _MarkupReader.CDATA_CONTENT_ELEMENTS
