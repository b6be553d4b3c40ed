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
import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import jinja2
import yaml

from acia import anchors, french, templating
from acia.check import catalogue
from acia.check.context import Context
from acia.findings import Severity
from acia.model import calendar
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
    # The values printed by the template are our own text (the catalogue, the
    # links) or the programme's examples, made plain by ``_plain`` and ``_identifier``.
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


# --- the programme's own examples ----------------------------------------------------


def _plain(text: str) -> str:
    """A name from the data, safe in Markdown prose, a code span, a YAML block and a shell argument: one line, no markup."""
    return " ".join(re.sub(r"[`<>\[\]*_|\\{}#!\"$]", "", str(text)).split())


def _identifier(text: str) -> str:
    return text if re.fullmatch(r"[a-z0-9]+(?:[-_][a-z0-9]+)*", text) else "identifiant"


def _after_months(day: date, months: int) -> date:
    """The last day of the month ``months`` months after ``day``'s."""
    index = day.year * 12 + day.month - 1 + months + 1
    return date(index // 12, index % 12 + 1, 1) - timedelta(days=1)


def _raw(root: Path, file: str) -> tuple[str, Any]:
    path = root / file
    text = path.read_text(encoding="utf-8")
    return text, yaml.safe_load(text)


def examples(context: Context, root: Path) -> dict[str, Any]:
    """The guide's examples, drawn from the programme's own data: an application, its établissement, the committee, a meeting."""
    programme, model = context.programme, context.model
    if programme is None or model is None:
        raise GuideError("data/programme.yml doit être valide pour écrire le guide (acia valider)")
    applications = sorted(model.applications, key=lambda item: item.id)
    derogated = {derogation.application for derogation in model.derogations}
    acronym = {organisation.id: organisation for organisation in programme.organisations}

    def the(organisation_id: str, of: bool = False) -> str:
        organisation = acronym.get(organisation_id)
        name, article = (_plain(organisation.acronym), organisation.article or "") if organisation is not None else (_plain(organisation_id), "")
        return french.of(name, article) if of else french.the(name, article)

    team = programme.selection.notified_by or (programme.selection.analysed_by[0] if programme.selection.analysed_by else "aract")
    deciders = programme.commitment.parties if programme.commitment is not None and programme.commitment.parties else programme.selection.analysed_by
    result: dict[str, Any] = {
        "equipe_de": the(team, of=True),
        "fuseau": french.zone(programme.timezone.key),
        "instances": ", ".join(french.in_sentence(_plain(body.name)) for body in programme.bodies if body.level != "programme" or body in programme.collective_bodies) or "réunion du projet",
        "decideurs": french.enumerate_names([the(item) for item in deciders]) or the(team),
    }

    # 1. A new application: the last one received (no derogation: the reader adds it before the committee).
    candidates = [item for item in applications if item.id not in derogated] or applications
    if candidates:
        new = max(candidates, key=lambda item: (item.received, item.id))
        received = new.received
        result["nouvelle"] = {
            "id": _identifier(new.id),
            "nom": _plain(new.og.name),
            "recue_le": received.isoformat(),
            "recue_le_court": french.short_date(received.date()),
            "recue_a": french.clock(received),
        }
    else:
        result["nouvelle"] = {"id": "og-exemple", "nom": "Association Exemple", "recue_le": "2023-06-12T10:24:00+02:00", "recue_le_court": "12/06/2023", "recue_a": "10:24"}

    result["nouvelle"]["nom_de"] = french.of(result["nouvelle"]["nom"])

    # 2. A correction: the capacity of an établissement, as its file writes it.
    result["correction"] = None
    for application in applications:
        if not application.etablissements:
            continue
        etablissement = application.etablissements[0]
        text, data = _raw(root, application.file)
        shipped = (data.get("etablissements") or [{}])[0]
        if not all(str(shipped.get(key, "")) == _plain(str(shipped.get(key, ""))) for key in ("raison_sociale", "categorie", "secteur")):
            continue
        before = f"  - raison_sociale: {shipped.get('raison_sociale')}\n    categorie: {shipped.get('categorie')}\n    secteur: {shipped.get('secteur')}\n    capacite: {etablissement.capacity}\n"
        if text.count(before) != 1:
            continue
        result["correction"] = {
            "id": _identifier(application.id),
            "fichier": application.file,
            "og": _plain(application.og.name),
            "etablissement": _plain(etablissement.name),
            "avant": before.rstrip("\n"),
            "apres": before.replace(f"capacite: {etablissement.capacity}", f"capacite: {etablissement.capacity + 2}").rstrip("\n"),
            "capacite": etablissement.capacity,
            "corrigee": etablissement.capacity + 2,
        }
        break

    # 3. The selection committee: the shipped decision, else the programme's committee and two applications.
    committee = programme.body(programme.selection.committee)
    milestone = programme.milestone("comite_selection")
    funding = programme.fundings[0] if programme.fundings else None
    result["financement"] = {"id": _identifier(funding.id), "libelle": _plain(funding.label)} if funding is not None else {"id": "autre", "libelle": "Autre financement"}
    selection = model.selection
    if selection is not None:
        _, data = _raw(root, selection.source.file)
        plain = [item for item in data.get("decisions", []) if set(item) == {"candidature", "decision"}][:2]
        result["selection"] = {
            "extrait": True,
            "date": selection.committee_day,
            "membres": [_identifier(member) for member in selection.members_present],
            "decisions": [(_identifier(item["candidature"]), _identifier(item["decision"])) for item in plain],
        }
    else:
        day = milestone.start if milestone is not None else programme.programme_period.start
        result["selection"] = {
            "extrait": False,
            "date": day,
            "membres": [_identifier(member) for member in (committee.members if committee is not None and committee.members else (team,))],
            "decisions": [(_identifier(item.id), "retenue") for item in applications[:2]] or [("og-exemple", "retenue")],
        }
    result["selection"]["date_courte"] = french.short_date(result["selection"]["date"])
    result["selection"]["date"] = result["selection"]["date"].isoformat()

    # 4. The minutes of a meeting: a structure's first meeting without them (whatever the day: the guide
    # does not change with time), else the first meeting a structure would hold.
    followup = context.followup
    structures = followup.structures.values() if followup is not None else ()
    missing = [(structure, meeting) for structure in structures for meeting in structure.meetings if meeting.folder == structure.id and not meeting.has_minutes and not meeting.cancelled]
    themes = programme.followup.themes if programme.followup is not None else ()
    if missing:
        structure, meeting = min(missing, key=lambda pair: (pair[1].start, pair[0].id))
        body = programme.body(meeting.body)
        reunion = {
            "structure": _identifier(structure.id),
            "nom": _plain(structure.name),
            "id": _identifier(meeting.id),
            "titre": _plain(calendar.meeting_summary(programme, meeting, {group.id: group.title for group in structure.working_groups})),
            "date": french.long_date(meeting.start.date()),
            "redige_le": (meeting.start.date() + timedelta(days=14)).isoformat(),
        }
    else:
        body = next((item for item in programme.bodies if item.level == "intra_structure"), None)
        first = applications[0] if applications else None
        day = programme.steps[0].period.start if programme.steps else programme.programme_period.start
        reunion = {
            "structure": _identifier(first.id) if first is not None else "og-exemple",
            "nom": _plain(first.og.name) if first is not None else "Association Exemple",
            "id": f"{_identifier(body.id)}-1" if body is not None else "reunion-1",
            "titre": f"{_plain(body.name)} 1" if body is not None else "Réunion 1",
            "date": french.long_date(day),
            "redige_le": (day + timedelta(days=14)).isoformat(),
        }
    reunion["nom_de"] = french.of(reunion["nom"])
    reunion["redige_par"] = _identifier(body.minutes_by) if body is not None and body.minutes_by else _identifier(team)
    reunion["theme"] = _identifier(themes[0].id) if themes else "organisation"
    result["reunion"] = reunion

    # 5. Personal data: a date when every retention period has run out.
    longest = max((item.months for item in programme.data_protection.retention), default=0) if programme.data_protection is not None else 0
    result["purge"] = _after_months(programme.programme_period.end, longest + 1).isoformat()
    return result


def _load(root: Path) -> Context:
    from acia.check.pipeline import check_instance

    return check_instance(root, only=[]).context


def render(target: str = "depot", context: Context | None = None, root: Path = Path(".")) -> str:
    """The guide for the site (``site``: the Contribuer page) or the repository (``depot``: CONTRIBUTING.md).

    Its examples come from the programme at ``root`` (``context`` when already loaded).
    """
    if target not in TARGETS:
        raise ValueError(f"cible « {target} » inconnue : site ou depot")
    template = _environment().get_template(TEMPLATE)
    exemples = examples(context if context is not None else _load(root), root)
    try:
        return (
            template.render(
                ex=exemples,
                cible=target,
                pages=_PAGES[target],
                ancre=lambda heading: "#" + _ANCHOR[target](heading),
                controles=_rules(target),
            ).rstrip("\n")
            + "\n"
        )
    except jinja2.TemplateError as error:
        raise GuideError(templating.describe(error, f"templates/site/{TEMPLATE}")) from None
