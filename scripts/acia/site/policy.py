"""Give every built page a Content-Security-Policy under which only the theme's own scripts run.

Values from the data are escaped before Markdown (``escape``) and unsafe URLs
are dropped after it (``sanitise``); the policy is the last line, held by the
browser itself: if some construct ever let markup from the data through, none
of its scripts would run. Static hosts send no headers, so the policy is a
``<meta http-equiv>`` tag, the first element of ``<head>``: it covers every
script after it.

A theme page is a frame around its content, which runs from the first
``<article>`` start tag to the last ``</article>`` end tag (Material; Zensical
keeps the layout). Everything Markdown rendered, hence everything from the
data, lies inside; outside, the theme's templates hold titles and names too
(Material writes the page title unescaped in ``<title>``). So a script of the
frame gets its ``sha256`` hash in ``script-src`` only if one of the theme's
template files writes it (a template expression inside it may only stand for
text that cannot leave a string); any other is removed. Data blocks such as
``<script type="application/json">`` run nothing and get no hash; other scripts
must be files of the site. Inside the content, as defence in depth, elements
that run, load or redirect (``<script>``, ``<iframe>``, ``<object>``,
``<embed>``, ``<base>``, ``<meta>``, ``<form>``…) are removed; ``on…``
attributes are removed everywhere. An HTML file copied as it is from the
sources (a deliverable) has no frame: all of it is data, and no script runs.

Tags are located as a browser reads them (see ``tags``); a dangerous tag name
left in the content is neutralised (``&lt;``) rather than trusted. The rest of
each page is left byte for byte; the output depends on the input only.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable
from pathlib import Path

from acia.site import engine
from acia.site import tags as reader
from acia.site.tags import Tag

FRAME_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",  # + the hashes of the theme's inline scripts
    "style-src": "'self' 'unsafe-inline'",  # the theme writes style attributes
    "img-src": "'self' data:",  # the theme's icons are data: images in its CSS
    "font-src": "'self'",
    "connect-src": "'self'",  # the search index
    "worker-src": "'self'",  # the search worker
    "frame-src": "'none'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
COPY_POLICY = FRAME_POLICY | {"script-src": "'none'"}
CONTENT_ELEMENT = "article"
# Removed from the content with everything up to their end tag.
DROPPED_ELEMENTS = frozenset({"script", "style", "iframe", "frameset", "object", "applet", "noscript", "noembed", "noframes", "xmp", "template"})
# Removed from the content, tag only (void elements, or a wrapper whose children stay).
DROPPED_TAGS = frozenset({"base", "meta", "link", "embed", "frame", "form"})
# ``type`` values that make a script run (absent or empty too); any other is a data block.
SCRIPT_TYPES = frozenset(
    {"module", "importmap", "speculationrules", "application/ecmascript", "application/javascript", "application/x-ecmascript", "application/x-javascript", "text/ecmascript", "text/javascript"}
    | {f"text/javascript1.{minor}" for minor in range(6)}
    | {"text/jscript", "text/livescript", "text/x-ecmascript", "text/x-javascript"}
)

_DANGEROUS_NAME = re.compile(r"<(?=/?(?:" + "|".join(sorted(DROPPED_ELEMENTS | DROPPED_TAGS)) + r")[\s/>])", re.IGNORECASE)
_HANDLER_LIKE = re.compile(r"[\s\"'/]on[^\s\"'/>=]*\s*=", re.IGNORECASE)
_DOCTYPE = re.compile(r"\ufeff?\s*<!doctype[^>]*>", re.IGNORECASE)
_TEMPLATE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.DOTALL)
_EXPRESSION = re.compile(r"(?P<quote>[\"']?)\{\{.*?\}\}(?P=quote)")
_IN_STRING = r"[^\"'`\\<>\n]*"  # what a template expression inside a string may stand for


class PolicyError(Exception):
    """A built page could not be given its policy (French message)."""


def theme_scripts(directories: Iterable[Path]) -> tuple[re.Pattern[str], ...]:
    """The inline scripts the theme's templates (``*.html`` under ``directories``) write, as patterns.

    A ``{{ expression }}`` written between quotes stands for any text that
    cannot close the string; a script with any other template syntax in it
    (blocks, bare expressions) gets no pattern, so it will not run.
    """
    patterns: dict[str, re.Pattern[str]] = {}
    for directory in directories:
        for path in sorted(directory.rglob("*.html")):
            for body in _TEMPLATE_SCRIPT.findall(path.read_text(encoding="utf-8", errors="replace")):
                pieces = _EXPRESSION.split(body)  # text, quote, text, quote…, text
                parts, quotes = pieces[::2], pieces[1::2]
                if not body.strip() or not all(quotes) or any(marker in part for part in parts for marker in ("{{", "{%", "{#")):
                    continue
                source = "".join(re.escape(part) + (f"{quotes[index]}{_IN_STRING}{quotes[index]}" if index < len(quotes) else "") for index, part in enumerate(parts))
                patterns.setdefault(source, re.compile(source, re.DOTALL))
    return tuple(patterns.values())


def theme_directories(mkdocs_yml: Path) -> list[Path]:
    """The template folders of the theme the site generator draws pages with: the ``custom_dir``, then the installed theme."""
    return engine.theme_directories(mkdocs_yml)


def _as_read(text: str) -> str:
    """Text as a browser reads it from the page: line ends made ``\\n``, NUL replaced."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")


def script_hash(text: str) -> str:
    """The CSP source that allows an inline script whose text (as written between its tags) is ``text``."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(_as_read(text).encode("utf-8")).digest()).decode("ascii") + "'"


def meta_tag(policy: dict[str, str], hashes: Iterable[str] = ()) -> str:
    """The ``<meta>`` element that states ``policy``, ``hashes`` added to ``script-src``."""
    sources = " ".join(hashes)
    directives = [f"{name} {value} {sources}" if name == "script-src" and sources else f"{name} {value}" for name, value in policy.items()]
    return f'<meta http-equiv="Content-Security-Policy" content="{"; ".join(directives)}">'


def _is_executable(tag: Tag) -> bool:
    if tag.attribute("src") is not None:
        return False  # a file: allowed by 'self' or not at all
    kind = (tag.attribute("type") or "").strip().lower()
    return kind == "" or kind in SCRIPT_TYPES


def _without_handlers(tag: Tag, text: str | None = None) -> str | None:
    """The start tag rebuilt without its ``on…`` attributes; None when it has none (nor, in ``text``, anything like one)."""
    suspicious = text is not None and _HANDLER_LIKE.search(text, tag.start, tag.end) is not None
    if tag.closing or not (suspicious or any(name.startswith("on") for name, _ in tag.attrs)):
        return None
    kept = [name if value is None else f'{name}="{html.escape(value, quote=True)}"' for name, value in tag.attrs if not name.startswith("on")]
    return "<" + " ".join([tag.name, *kept]) + (" />" if tag.self_closing else ">")


def _end_of(tags: list[Tag], index: int, limit: int) -> int:
    """Where the element opened by ``tags[index]`` ends (its end tag), at most ``limit``."""
    tag = tags[index]
    close = next((later for later in tags[index + 1 :] if later.closing and later.name == tag.name), None)
    if close is not None:
        return min(close.end, limit)
    return limit if reader.holds_text(tag.name) else tag.end  # an unclosed script holds the rest; other children were read


def _cleaning(text: str, tags: list[Tag], start: int, end: int) -> list[tuple[int, int, str]]:
    """The edits that remove what could run, load or redirect between ``start`` and ``end`` (``tags``: as ``read_markup`` sees them)."""
    edits: list[tuple[int, int, str]] = []
    for index, tag in enumerate(tags):
        if tag.start < start or tag.end > end or (edits and tag.start < edits[-1][1]):
            continue
        if tag.name in DROPPED_ELEMENTS and not tag.closing:
            edits.append((tag.start, _end_of(tags, index, end), ""))
        elif tag.name in DROPPED_ELEMENTS or (tag.name in DROPPED_TAGS and not (tag.name == "meta" and [name for name, _ in tag.attrs] == ["charset"])):
            edits.append((tag.start, tag.end, ""))
        elif (rebuilt := _without_handlers(tag, text)) is not None:
            edits.append((tag.start, tag.end, rebuilt))
    seen = {tag.start for tag in tags}
    for match in _DANGEROUS_NAME.finditer(text, start, end):  # a tag the reader took for text
        if match.start() not in seen and not any(edit_start <= match.start() < edit_end for edit_start, edit_end, _ in edits):
            edits.append((match.start(), match.end(), "&lt;"))
    return edits


def _frame(text: str, tags: list[Tag], start: int, theme: tuple[re.Pattern[str], ...]) -> tuple[list[str], list[tuple[int, int, str]]]:
    """The hashes of the theme's scripts among the frame's ``tags`` (the content starts at ``start``), and the edits that remove any other script or handler there."""
    hashes: list[str] = []
    edits: list[tuple[int, int, str]] = []
    for index, tag in enumerate(tags):
        if edits and tag.start < edits[-1][1]:
            continue
        if tag.name == "script" and not tag.closing and _is_executable(tag):
            close = tags[index + 1] if index + 1 < len(tags) and tags[index + 1].closing else None
            body = text[tag.end : close.start] if close is not None else None
            if body is not None and any(pattern.fullmatch(_as_read(body)) for pattern in theme):
                hashes += [source for source in [script_hash(body)] if source not in hashes]
            else:
                edits.append((tag.start, close.end if close is not None else start if tag.start < start else len(text), ""))
        elif (rebuilt := _without_handlers(tag)) is not None:
            edits.append((tag.start, tag.end, rebuilt))
    return hashes, edits


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    pieces, last = [], 0
    for start, end, replacement in sorted(edits, key=lambda edit: (edit[0], edit[1])):
        if start < last:
            raise PolicyError(f"modifications qui se chevauchent au caractère {start}")
        pieces += [text[last:start], replacement]
        last = end
    return "".join(pieces) + text[last:]


def secure_html(text: str, theme: tuple[re.Pattern[str], ...] = (), copied: bool = False) -> str:
    """The page with its policy first in ``<head>``, cleaned; ``theme``: its scripts' patterns; ``copied``: a file from the sources, all data."""
    if copied:
        doctype = _DOCTYPE.match(text)
        at = doctype.end() if doctype else 0
        return _apply(text, _cleaning(text, reader.read_markup(text), 0, len(text)) + [(at, at, meta_tag(COPY_POLICY))])
    tags, markup = reader.read(text), reader.read_markup(text)
    opening = next((tag for tag in tags if tag.name == CONTENT_ELEMENT and not tag.closing), None)
    if opening is None:
        raise PolicyError(f"la page n'a pas de zone de contenu <{CONTENT_ELEMENT}> : le thème ne s'y distingue pas des données")
    # The end as markup reads it: an unclosed <style> or <textarea> in the content does not move it.
    closing = [tag.start for tag in markup if tag.name == CONTENT_ELEMENT and tag.closing and tag.start >= opening.end]
    start, end = opening.end, closing[-1] if closing else len(text)
    head = next((tag for tag in tags if tag.name == "head" and not tag.closing), None)
    if head is None or head.end > start:
        raise PolicyError("la page n'a pas d'en-tête <head> avant son contenu")
    # The frame after the content is read on its own: what the content left open cannot hide the theme's scripts.
    frame = [tag for tag in tags if tag.end <= start] + reader.read(text, end)
    hashes, edits = _frame(text, frame, start, theme)
    edits += _cleaning(text, markup, start, end)
    meta = meta_tag(FRAME_POLICY, hashes)
    following = next((tag for tag in tags if tag.start >= head.end), None)
    if following is not None and following.start == head.end and following.name == "meta" and (following.attribute("http-equiv") or "").lower() == "content-security-policy":
        return _apply(text, edits + [(following.start, following.end, meta)])  # a page secured already
    return _apply(text, edits + [(head.end, head.end, meta)])
