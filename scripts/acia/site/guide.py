"""The contributor guide: one template, two pages.

``templates/site/contribuer.md.j2`` is rendered for the site (the
« Contribuer » page, links between pages of the site) and for the repository
(``CONTRIBUTING.md``, which GitHub shows next to pull requests, links to files
of the repository). Only the links differ: the two renderers do not name
heading anchors alike (see ``anchors``).

Its section « Ce que disent les contrôles et comment corriger » is drawn from
the rule catalogue, never retyped. Its shell commands (``sh`` blocks) are run
by ``tests/test_guide.py`` in a copy of the shipped programme, with the files
marked ``<!-- guide: … -->`` written as the reader would, so the guide cannot
drift from the tool.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import jinja2

from acia import anchors, templating
from acia.check import catalogue
from acia.findings import Severity
from acia.paths import SITE_TEMPLATES as TEMPLATES

TEMPLATE = "contribuer.md.j2"  # in TEMPLATES, next to the other pages of the site
TARGETS = ("site", "depot")

# The messages people meet most often in pull requests, in the order of the guide:
# a broken YAML file, the schema's four usual complaints, a mistyped SIRET, a late
# application, and the two about minutes of meetings.
COMMON_RULES = ("ACIA003", "ACIA101", "ACIA102", "ACIA104", "ACIA105", "ACIA201", "ACIA306", "ACIA505", "ACIA506")

# Where the pages the guide links to are, for each target.
_PAGES = {
    "site": {"reference": "reference-controles.md", "candidater": "candidater.md"},
    "depot": {"reference": "docs/reference-controles.md", "readme": "README.md"},
}
_ANCHOR: dict[str, Callable[[str], str]] = {"site": anchors.mkdocs, "depot": anchors.github}


class GuideError(Exception):
    """A problem in the guide's template (French message)."""


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    # Every value printed by the template is our own text (the catalogue, the
    # links below): nothing from the data files reaches this page.
    return templating.markdown_environment(TEMPLATES, lambda value: "" if value is None else str(value), jinja2.StrictUndefined)


def _rules(target: str) -> list[dict]:
    rules = []
    for rule_id in COMMON_RULES:
        rule = catalogue.by_id(rule_id)
        heading = catalogue.heading(rule_id)
        rules.append(
            {
                "id": rule.id,
                "titre": rule.title,
                "gravite": "erreur" if rule.severity is Severity.ERROR else "avertissement",
                "lien": f"{_PAGES[target]['reference']}#{_ANCHOR[target](heading)}",
                "indice": rule.hint.replace("<", "&lt;"),  # « <identifiant> » is not an HTML tag
                "exemple": rule.example,
                "correction": rule.fix,
                "bloc_exemple": catalogue.fence(rule.example),
                "bloc_correction": catalogue.fence(rule.fix),
            }
        )
    return rules


def render(target: str = "depot") -> str:
    """The guide for the site (``site``: the Contribuer page) or the repository (``depot``: CONTRIBUTING.md)."""
    if target not in TARGETS:
        raise ValueError(f"cible « {target} » inconnue : site ou depot")
    template = _environment().get_template(TEMPLATE)
    try:
        return (
            template.render(
                cible=target,
                pages=_PAGES[target],
                ancre=lambda heading: "#" + _ANCHOR[target](heading),
                controles=_rules(target),
            ).rstrip("\n")
            + "\n"
        )
    except jinja2.TemplateError as error:
        raise GuideError(templating.describe(error, f"templates/site/{TEMPLATE}")) from None
