"""Every file of a new programme repository, as text, from the answers.

Rendered from ``templates/init/`` (Jinja2, strict: a missing value is an error,
never an empty line); values reach the YAML files through ``yaml_scalar``, so
a title with a colon or a quote stays one valid string. The copies of the
tool's own files (``schemas/``, ``docs/reference-controles.md``) are the
tool's, byte for byte: ``tool_files`` lists them for ``acia init
--mettre-a-jour`` too.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from typing import Any

import jinja2

from acia import __version__, french
from acia.check import catalogue
from acia.init.answers import Answers
from acia.model import placeholders
from acia.paths import INIT_TEMPLATES, schemas_dir

PROGRAMME = "data/programme.yml"
REFERENCE = "docs/reference-controles.md"
MODEL_ANSWERS = INIT_TEMPLATES / "reponses.yml"
# The other files of a new repository, and their template in templates/init/ (rendered when it ends in .j2, copied otherwise).
TEMPLATED = {
    "docs/bienvenue.md": "bienvenue.md.j2",
    "mkdocs.yml": "mkdocs.yml.j2",
    "README.md": "README.md.j2",
    "requirements.txt": "requirements.txt.j2",
    ".gitignore": "gitignore",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".github/workflows/ci.yml": "ci.yml.j2",
    ".github/workflows/publication.yml": "publication.yml.j2",
    ".gitlab-ci.yml": "gitlab-ci.yml",
    ".github/CODEOWNERS": "CODEOWNERS.j2",
    ".github/PULL_REQUEST_TEMPLATE.md": "PULL_REQUEST_TEMPLATE.md.j2",
    ".github/ISSUE_TEMPLATE/nouvelle-candidature.yml": "ISSUE_TEMPLATE/nouvelle-candidature.yml.j2",
    ".github/ISSUE_TEMPLATE/erratum.yml": "ISSUE_TEMPLATE/erratum.yml",
}

# YAML 1.1 readers (PyYAML, some editors) take these words for booleans or null.
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}
# Starts with a letter, and holds nothing that YAML reads as syntax in block or flow context.
_PLAIN = re.compile(r"^[^\W\d_][^:#\n\"{}\[\],`\\]*$")


def yaml_scalar(value: object) -> str:
    """One YAML value on one line: plain when it is unambiguous text, double-quoted otherwise."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, date):
        return f'"{value.isoformat()}"'
    text = str(value)
    if _PLAIN.match(text) and text == text.strip() and text.lower() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(INIT_TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    environment.filters["y"] = yaml_scalar
    environment.globals["todo"] = placeholders.text
    return environment


def _events(answers: Answers) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """The regional calendar the answers give, and its milestones (jalons)."""
    events: list[dict[str, Any]] = [
        {"id": "lancement", "libelle": "Lancement de l'appel", "debut": answers.ouverture, "fin": None},
        {"id": "depot", "libelle": "Fenêtre de dépôt des candidatures", "debut": answers.ouverture, "fin": answers.date_limite},
    ]
    milestones = [("lancement", "lancement"), ("depot", "depot")]
    if answers.comite_date is not None:
        analysis_end = max(answers.date_limite, answers.comite_date - timedelta(days=1))
        events.append({"id": "analyse", "libelle": "Analyse des candidatures", "debut": answers.date_limite, "fin": analysis_end if analysis_end != answers.date_limite else None})
        events.append({"id": "comite-selection", "libelle": "Comité de sélection", "debut": answers.comite_date, "fin": None})
        milestones += [("analyse", "analyse"), ("comite_selection", "comite-selection")]
    return events, milestones


def _raci_rows(answers: Answers) -> list[dict[str, str]]:
    """One placeholder row per axe and step: the pattern the team replaces with the call's actions."""
    role = answers.roles_raci[0].id
    return [
        {
            "id": f"a{axe.numero}-etape-{step.numero}",
            "axe": axe.id,
            "etape": step.id,
            "action": placeholders.text(f"action de l'étape {step.numero} ({step.titre}) pour l'axe {axe.numero}"),
            "description": placeholders.text("ce qui est fait, par qui, avec quelle méthode"),
            "role": role,
        }
        for axe in answers.axes
        for step in answers.etapes
    ]


def programme_yml(answers: Answers, today: date) -> str:
    events, milestones = _events(answers)
    controller = answers.destinataires[0].organisation if answers.destinataires else answers.organisations[0].id
    return (
        _environment()
        .get_template("programme.yml.j2")
        .render(
            a=answers,
            today=french.short_date(today),
            events=events,
            milestones=milestones,
            raci_rows=_raci_rows(answers),
            controller=controller,
            co_controllers=[member for member in answers.comite_membres if member != controller],
            placeholder_email=placeholders.EMAIL,
        )
    )


def tool_files() -> dict[str, bytes]:
    """The files the tool provides, copied as they are: its schemas and the reference of its checks."""
    copies = {f"schemas/{path.name}": path.read_bytes() for path in sorted(schemas_dir().glob("*.schema.json"))}
    copies[REFERENCE] = catalogue.render_markdown().encode("utf-8")
    return copies


def repository_files(answers: Answers, today: date) -> dict[str, bytes]:
    """Every file of the new repository, by path relative to its root."""
    environment = _environment()
    programme = programme_yml(answers, today)
    teams = [organisation for organisation in answers.organisations if organisation.equipe_github]
    committee = [answers.organisation(member) for member in answers.comite_membres]
    sigles = ", ".join(organisation.sigle for organisation in committee if organisation is not None)
    values = {
        "a": answers,
        "today": french.short_date(today),
        "version": __version__,
        "placeholders": placeholders.count(programme),
        "teams": teams,
        "owners": " ".join(dict.fromkeys(organisation.equipe_github for organisation in teams if organisation.equipe_github)),
        "zone": answers.fuseau_horaire,
        "zone_label": french.zone(answers.fuseau_horaire),
        "deciders": f"les organisations de l'appel ({sigles})" if sigles else "les organisations de l'appel",
    }

    def render(name: str) -> bytes:
        return environment.get_template(name).render(**values).encode("utf-8")

    files: dict[str, bytes] = {PROGRAMME: programme.encode("utf-8"), "data/applications/.gitkeep": b""}
    for rel, template in TEMPLATED.items():
        files[rel] = render(template) if template.endswith(".j2") else (INIT_TEMPLATES / template).read_bytes()
    files.update(tool_files())
    return dict(sorted(files.items()))


def names() -> list[str]:
    """The paths ``repository_files`` writes, whatever the answers: known before any question is asked."""
    return sorted([PROGRAMME, "data/applications/.gitkeep", *TEMPLATED, *(f"schemas/{path.name}" for path in schemas_dir().glob("*.schema.json")), REFERENCE])


def model_answers() -> str:
    return MODEL_ANSWERS.read_text(encoding="utf-8")
