"""What a reader sees of a built page: the text shared by the scans over every page (identifiers, typography)."""

from __future__ import annotations

from collections.abc import Collection
from html.parser import HTMLParser

# Elements whose content is code or drawing, not the site's prose.
CODE = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea", "svg", "math"})
# Elements that end a line of text: their words never run into the next element's.
BLOCKS = frozenset(
    {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "div", "tr", "dt", "dd", "br", "section", "article", "nav", "header", "footer", "label", "figcaption", "caption", "blockquote", "title"}
)


class _VisibleText(HTMLParser):
    """The text a browser shows: no attributes, no permalinks (« ¶ »), none of the ``hidden`` elements; a line break between blocks."""

    def __init__(self, hidden: Collection[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden_tags = hidden
        self.hidden: list[str] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag in self.hidden_tags or "headerlink" in classes:
            self.hidden.append(tag)
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.hidden and self.hidden[-1] == tag:
            self.hidden.pop()
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(page: str, hidden: Collection[str] = CODE) -> str:
    """The text of ``page`` (HTML) a reader sees, without the ``hidden`` elements (code by default)."""
    parser = _VisibleText(hidden)
    parser.feed(page)
    parser.close()
    return "".join(parser.parts)
