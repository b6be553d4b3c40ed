"""Anchors of the headings of a Markdown page, as each renderer computes them.

The same page is read on GitHub (CONTRIBUTING.md, the job summary of a pull
request, docs/reference-controles.md) and in the site; the two do not
name a heading's anchor the same way (« ACIA306 — Candidature reçue… »
becomes ``acia306--candidature-reçue-…`` on GitHub and
``acia306-candidature-recue-…`` on the site), so links are written for one
renderer at a time.
"""

from __future__ import annotations

import re


def github(heading: str) -> str:
    """GitHub's anchor (github-slugger): lower case, punctuation removed, each space a hyphen."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def mkdocs(heading: str) -> str:
    """Python-Markdown's default anchor (the ``toc`` extension), which the site generator uses."""
    from markdown.extensions.toc import slugify  # here: acia valider, which only links to GitHub, never loads Markdown

    return slugify(heading, "-")
