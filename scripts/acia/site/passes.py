"""Our passes over the built site, page by page and on every core.

After the generator, every HTML page is cleaned of unsafe URLs
(``sanitise``), given French spacing (``typography``) and its
Content-Security-Policy (``policy``). Each pass reads the page with Python's
HTML parser, which costs about 10 ms a page: a thousand-dossier site would
spend more time here than in the generator. A page's passes depend on that
page alone, so each page is read once, passed through the three, written once,
and the pages are shared among one process per core (one process is enough
for a small site, where starting workers would cost more than it saves).
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from acia.site import policy, sanitise, typography

PAGES_PER_WORKER = 64  # below twice this, the pages are passed in this process
_theme: tuple[re.Pattern[str], ...] = ()


class PassError(Exception):
    """A page our passes refuse (French message naming it)."""


def finish(target: Path) -> None:
    """Pass every page of ``target/site``, built from ``target/docs`` with the theme ``target/mkdocs.yml`` names."""
    try:
        theme = policy.theme_scripts(policy.theme_directories(target / "mkdocs.yml"))
    except policy.PolicyError as error:
        raise PassError(f"le site construit n'a pas pu recevoir sa politique de sécurité des contenus : {error}") from None
    pass_site(target / "site", theme, target / "docs")


def pass_site(site: Path, theme: tuple[re.Pattern[str], ...], sources: Path | None = None) -> None:
    """Pass every ``.html`` page under ``site`` in place (a page also in ``sources`` is data: see ``policy``); the first page refused, in path order, raises ``PassError``."""
    jobs = [
        (str(site), relative, sources is not None and os.path.lexists(sources / relative))
        for relative in sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html") if path.is_file() and not path.is_symlink())
    ]
    workers = min(os.cpu_count() or 1, len(jobs) // PAGES_PER_WORKER)
    if workers < 2:
        _share(theme)
        problems = [_finish_page(job) for job in jobs]
    else:
        with ProcessPoolExecutor(max_workers=workers, initializer=_share, initargs=(theme,)) as pool:
            problems = list(pool.map(_finish_page, jobs, chunksize=max(1, len(jobs) // (workers * 8))))
    first = next((problem for problem in problems if problem is not None), None)
    if first is not None:
        raise PassError(first)


def _share(theme: tuple[re.Pattern[str], ...]) -> None:
    """The theme's script patterns, given once to each worker rather than with every page."""
    global _theme
    _theme = theme


def _finish_page(job: tuple[str, str, bool]) -> str | None:
    """Sanitise, space and secure one page in place; the French reason it was refused, or None."""
    site, relative, copied = job
    path = Path(site) / relative
    try:
        text = path.read_bytes().decode("utf-8")
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
    if passed != text:
        path.write_bytes(passed.encode("utf-8"))
    return None
