"""The site generator that turns the generated Markdown tree into HTML: Zensical.

Our own code writes every page (``pages``); the generator only renders
Markdown with its theme, from a plain ``mkdocs.yml``. Zensical (pinned, the
successor of Material for MkDocs by the same team) is the only engine: a
fallback that the whole suite does not run is a fallback nobody can trust,
and Material for MkDocs reaches its end of life in 2027. A build is strict: a
link to a page, anchor or file that does not exist fails it, through our own
check over the built HTML (``broken_links``), since Zensical 0.0 misses some.
"""

from __future__ import annotations

import html
import importlib.util
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

CACHE = ".cache"  # Zensical's cache, next to the configuration

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_WARNING = re.compile(r"^(?:Warning|Error):\s*(.+)$")
_WHERE = re.compile(r"\[\s*([^\]\s]+:\d+(?::\d+)?)\s*\]")
_MESSAGES = {
    "page does not exist": "le lien vise une page qui n'existe pas",
    "anchor does not exist": "le lien vise une ancre qui n'existe pas dans la page",
    "file does not exist": "le lien vise un fichier qui n'existe pas",
}
_START_TAG = re.compile(r"""<[A-Za-z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>""")  # a start tag, its quoted values may hold ">"
_LINK = re.compile(r"""[\s"'/](href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)
_ANCHOR = re.compile(r"""[\s"'/](id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)
_SCHEME_SEGMENT = re.compile(r"(?:^|/)[A-Za-z][A-Za-z0-9+.-]*:")


class EngineError(Exception):
    """The generator failed (French message)."""


def command(config: Path) -> list[str]:
    """The build of ``config`` by Zensical.

    Not ``--strict``: Zensical 0.0 takes a ``javascript:`` link (that ``sanitise`` drops) for a
    missing anchor and misses missing images; ``broken_links`` is the strict check instead.
    Not ``--clean`` either: that would throw away Zensical's cache (``run`` starts from an
    empty ``site`` folder itself).
    """
    return [sys.executable, "-m", "zensical", "build", "-f", str(config.resolve())]


def run(target: Path, environ: dict[str, str], kept: Path | None = None) -> None:
    """Build ``target/site`` from ``target/mkdocs.yml``; a failure is an ``EngineError`` in French.

    ``kept`` holds Zensical's cache between builds (``build/.cache/zensical/<audience>``): it is
    lent to this build and taken back after, so a rebuild renders only the pages whose source,
    or whose navigation, changed; the pages come out the same as from an empty cache
    (``tests/test_engine.py``).
    """
    env = dict(environ) | {"NO_COLOR": "1"}
    cache = target / CACHE
    for place in (target / "site", cache):
        if place.is_symlink() or place.is_file():
            place.unlink()
        elif place.is_dir():
            shutil.rmtree(place)
    if kept is not None and kept.is_dir() and not kept.is_symlink():
        kept.rename(cache)
    try:
        completed = subprocess.run(command(target / "mkdocs.yml"), cwd=target, env=env, capture_output=True, text=True, encoding="utf-8", errors="replace")
    finally:
        if cache.is_dir() and not cache.is_symlink():
            if kept is not None:
                kept.parent.mkdir(parents=True, exist_ok=True)
                shutil.rmtree(kept, ignore_errors=True)
                cache.rename(kept)
            else:
                shutil.rmtree(cache, ignore_errors=True)
    if completed.returncode != 0:
        raise EngineError("la construction du site a échoué (zensical build) :\n" + explain(completed.stdout + "\n" + completed.stderr))
    problems = broken_links(target / "site")
    if problems:
        raise EngineError(f"la construction du site a échoué : {len(problems)} lien(s) cassé(s) dans les pages construites :\n" + "\n".join(f"- {problem}" for problem in problems))


def explain(output: str) -> str:
    """The generator's report of a failed build, in French: one line per problem, with its place."""
    lines = [_ANSI.sub("", line).rstrip() for line in output.splitlines()]
    problems: list[str] = []
    for index, line in enumerate(lines):
        warning = _WARNING.match(line.strip())
        if warning:
            where = next((found.group(1) for later in lines[index + 1 : index + 4] if (found := _WHERE.search(later))), None)
            message = _MESSAGES.get(warning.group(1).strip(), f"le générateur signale : {warning.group(1).strip()}")
            problems.append(f"- {where} : {message}" if where else f"- {message}")
    if problems:
        return "\n".join(problems)
    shown = [line for line in lines if line.strip() and not line.startswith(" ")][-5:]
    return "\n".join(f"- le générateur signale : {line}" for line in shown) or "- le générateur n'a rien dit"


def broken_links(site: Path) -> list[str]:
    """Links of the built pages (``href``, ``src``) into the site that lead to no file, or to no such anchor in a page, as French lines, sorted.

    Start tags are read with patterns rather than a full HTML reader (text that only looks like
    an attribute is not a link): a thousand-dossier site
    has tens of thousands of links (the menu on every page), checked against
    the list of the site's files made once.
    """
    files = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    anchors: dict[str, set[str]] = {}
    problems = set()
    for relative in sorted(name for name in files if name.endswith(".html")):
        text = (site / relative).read_bytes().decode("utf-8", errors="replace")
        folder = posixpath.dirname(relative)
        for found in (found for tag in _START_TAG.finditer(text) for found in _LINK.finditer(tag.group())):
            value = html.unescape(next(group for group in found.groups()[1:] if group is not None)).strip()
            address = urlsplit(value)
            if address.scheme or address.netloc or not address.path or value.startswith("/"):
                continue  # another site, a fragment of this page, the page itself (``?…``)
            if _SCHEME_SEGMENT.search(html.unescape(value)):
                continue  # a URL with a scheme (its characters escaped, maybe) the generator took for a path (``../javascript:…``): not a link into the site
            aimed = posixpath.normpath(posixpath.join(folder, unquote(address.path)))
            page = aimed if aimed in files else posixpath.join(aimed, "index.html") if aimed != "." else "index.html"
            if aimed.startswith("../") or aimed == ".." or page not in files:
                problems.add(f"{relative} : le lien « {value} » ne mène à aucune page ni aucun fichier du site")
            elif address.fragment and page.endswith(".html") and unquote(address.fragment) not in _anchors(site, page, anchors):
                problems.add(f"{relative} : le lien « {value} » vise une ancre absente de la page")
    return sorted(problems)


def _anchors(site: Path, page: str, known: dict[str, set[str]]) -> set[str]:
    if page not in known:
        text = (site / page).read_bytes().decode("utf-8", errors="replace")
        matches = (found for tag in _START_TAG.finditer(text) for found in _ANCHOR.finditer(tag.group()))
        known[page] = {html.unescape(next(group for group in found.groups()[1:] if group is not None)) for found in matches}
    return known[page]


def theme_directories(mkdocs_yml: Path) -> list[Path]:
    """The template folders of the theme Zensical draws pages with: the config's ``custom_dir``, then its own templates."""
    config = yaml.safe_load(mkdocs_yml.read_text(encoding="utf-8")) or {}
    theme = config.get("theme") or {}
    theme = {"name": theme} if isinstance(theme, str) else theme
    found = [mkdocs_yml.parent / theme["custom_dir"]] if theme.get("custom_dir") else []
    spec = importlib.util.find_spec("zensical")
    found += [Path(location) / "templates" for location in (spec.submodule_search_locations or [])] if spec is not None else []
    return [folder for folder in found if folder.is_dir()]
