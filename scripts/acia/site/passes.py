"""Our passes over the built site, page by page and on every core.

After the generator, every HTML page is cleaned of unsafe URLs
(``sanitise``), given French spacing (``typography``) and its
Content-Security-Policy (``policy``). Each pass reads the page with Python's
HTML parser, which costs about 10 ms a page: a thousand-dossier site would
spend more time here than in the generator. A page's passes depend on that
page alone, so each page is read once, passed through the three, written once,
and the pages are shared among one process per core (one process is enough
for a small site, where starting workers would cost more than it saves).
A passed page is also kept under ``build/.cache/pages/`` by the hash of the
built page, the theme's scripts and our passes' code (``acia.cache``): a
rebuild passes only the pages the generator wrote differently.
"""

from __future__ import annotations

import hashlib
import os
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import acia
from acia import cache, french
from acia.site import policy, sanitise, tags, typography

PAGES_PER_WORKER = 64  # below twice this, the pages are passed in this process
KIND = "pages"  # build/.cache/pages
_theme: tuple[re.Pattern[str], ...] = ()
_kept: cache.ContentCache | None = None
_base = ""  # the hash of our passes' code and the theme's scripts: part of every page's key


class PassError(Exception):
    """A page our passes refuse (French message naming it)."""


def finish(target: Path, root: Path | None = None) -> None:
    """Pass every page of ``target/site``, built from ``target/docs`` with the theme ``target/mkdocs.yml`` names; with ``root``, through that instance's cache of passed pages."""
    try:
        theme = policy.theme_scripts(policy.theme_directories(target / "mkdocs.yml"))
    except policy.PolicyError as error:
        raise PassError(f"le site construit n'a pas pu recevoir sa politique de sécurité des contenus : {error}") from None
    kept = cache.ContentCache.of(root, KIND) if root is not None else None
    pass_site(target / "site", theme, target / "docs", kept)
    if kept is not None:
        kept.prune()


def pass_site(site: Path, theme: tuple[re.Pattern[str], ...], sources: Path | None = None, kept: cache.ContentCache | None = None) -> None:
    """Pass every ``.html`` page under ``site`` in place (a page also in ``sources`` is data: see ``policy``); the first page refused, in path order, raises ``PassError``.

    With ``kept``, a page passed before (same bytes, same theme, same code) is taken from there.
    """
    jobs = [
        (str(site), relative, sources is not None and os.path.lexists(sources / relative))
        for relative in sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html") if path.is_file() and not path.is_symlink())
    ]
    workers = min(os.cpu_count() or 1, len(jobs) // PAGES_PER_WORKER)
    base = cache.fingerprint(
        acia.__version__, *(Path(module.__file__ or "") for module in (cache, french, policy, sanitise, tags, typography)), Path(__file__), *(pattern.pattern for pattern in theme)
    )
    shared = (theme, kept, base)
    if workers < 2:
        _share(*shared)
        problems = [_finish_page(job) for job in jobs]
    else:
        with ProcessPoolExecutor(max_workers=workers, initializer=_share, initargs=shared) as pool:
            problems = list(pool.map(_finish_page, jobs, chunksize=max(1, len(jobs) // (workers * 8))))
    first = next((problem for problem in problems if problem is not None), None)
    if first is not None:
        raise PassError(first)


def _share(theme: tuple[re.Pattern[str], ...], kept: cache.ContentCache | None, base: str) -> None:
    """The theme's script patterns and the cache, given once to each worker rather than with every page."""
    global _theme, _kept, _base
    _theme, _kept, _base = theme, kept, base


def _finish_page(job: tuple[str, str, bool]) -> str | None:
    """Sanitise, space and secure one page in place; the French reason it was refused, or None."""
    site, relative, copied = job
    path = Path(site) / relative
    built = path.read_bytes()
    key = hashlib.sha256(f"{_base}\0{copied}\0".encode() + built).hexdigest()
    passed_before = _kept.get(key, ".html") if _kept is not None else None
    if passed_before is not None:
        if passed_before != built:
            path.write_bytes(passed_before)
        return None
    try:
        text = built.decode("utf-8")
    except UnicodeDecodeError:
        return f"le site construit n'a pas pu être nettoyé des liens dangereux : {relative} : la page n'est pas du texte UTF-8"
    try:
        passed = sanitise.sanitise_html(text)
    except sanitise.SanitiseError as error:
        return f"le site construit n'a pas pu être nettoyé des liens dangereux : {relative} : {error}"
    passed = typography.space_html(passed)
    try:
        passed = policy.secure_html(passed, _theme, copied=copied)
    except policy.PolicyError as error:
        return f"le site construit n'a pas pu recevoir sa politique de sécurité des contenus : {relative} : {error}"
    result = passed.encode("utf-8")
    if result != built:
        path.write_bytes(result)
    if _kept is not None:
        _kept.put(key, ".html", result)
    return None
