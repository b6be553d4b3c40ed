"""Every template renders with what its context declares, even when every optional field is absent.

Templates are rendered with ``jinja2.StrictUndefined``: a name a context does
not hold is a template error, not an empty cell. The shipped Corse instance is
copied with every optional field of every schema removed, except the few that
other files refer to or that a rule requires in context (listed in ``KEEP``), and
every audience's pages, the matrix and every letter are produced from it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import REPO, SNAPSHOT

from acia.check import check_instance, parse_now
from acia.check.schema import SchemaSet
from acia.exports import matrix
from acia.letters import documents
from acia.load.documents import KINDS, kind_of
from acia.site.pages import Audience, build

pytestmark = pytest.mark.acceptance

# Optional fields kept whole (by kind and dotted path): other files refer to them
# (criteria, RACI, steps, bodies, working groups…) or a rule asks for them once
# another field is set (the MSS solution once MSS is ticked, a motif once the
# decision departs from the proposal, the signatory of a retained structure).
KEEP = {
    "programme": {"criteres_priorisation", "raci", "etapes", "suivi", "limites", "calendrier", "selection", "instances", "candidature.destinataires", "equipe_projet.niveau"},
    "application": {
        "numerique.outils",
        "numerique.mss_solution",
        "numerique.autres_outils",
        "organisme_gestionnaire.representant_legal",
        "equipe_projet[].pilote",
        "etablissements[].equipe_projet[].pilote",
    },
    "selection": {"decisions[].motif"},
    "reunions": {
        "groupes_travail",
        "reunions[].actions",
        "reunions[].structures",
        "reunions[].motif_duree",
        "reunions[].annulee",
        "reunions[].etape",
        "reunions[].groupe_travail",
    },
    "livrables": {"livrables[].fichier", "livrables[].dimensions"},
    "recommandations": {"recommandations[].reponse", "recommandations[].justification"},
}
# Optional in the schema, required by a rule: kept, with only their own required fields
# (the project team sits at the level the programme says, ACIA314).
REQUIRED_BY_RULES = {"application": {"equipe_projet", "etablissements[].equipe_projet"}}
# The minutes' header: only what the schema requires.
MINUTES_REQUIRED = ("redige_par",)


def _strip(schemas: SchemaSet, node: dict, current: str, data, kind: str, path: str):
    node, current = schemas.resolve(node, current)
    if isinstance(data, dict):
        required = set(node.get("required", []))
        kept = {}
        for key, value in data.items():
            dotted = f"{path}.{key}" if path else key
            if dotted in KEEP.get(kind, ()):
                kept[key] = value
            elif key in required or dotted in REQUIRED_BY_RULES.get(kind, ()) or not node.get("properties"):
                child, child_file = schemas.child(node, current, key)
                kept[key] = _strip(schemas, child, child_file, value, kind, dotted)
        return kept
    if isinstance(data, list):
        return [_strip(schemas, *schemas.child(node, current, index), item, kind, f"{path}[]") for index, item in enumerate(data)]
    return data


def minimal_copy(source: Path, target: Path) -> Path:
    """A copy of an instance with every optional field removed (but those in ``KEEP``)."""
    shutil.copytree(source / "data", target / "data")
    shutil.copytree(REPO / "schemas", target / "schemas")
    shutil.copyfile(source / "mkdocs.yml", target / "mkdocs.yml")
    schemas = SchemaSet()
    for path in sorted((target / "data").rglob("*")):
        rel = path.relative_to(target).as_posix()
        kind = kind_of(rel)
        if kind is None or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        if kind == "compte_rendu":
            _, header, body = text.split("---\n", 2)
            kept = {key: value for key, value in yaml.safe_load(header).items() if key in MINUTES_REQUIRED}
            path.write_text("---\n" + yaml.safe_dump(kept, allow_unicode=True, sort_keys=False) + "---\n" + body, encoding="utf-8")
            continue
        schema = str(KINDS[kind]["schema"])
        data = _strip(schemas, schemas.by_name[schema], schema, yaml.safe_load(text), kind, "")
        path.write_text(text.split("\n", 1)[0] + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def minimal(tmp_path_factory):
    root = minimal_copy(REPO, tmp_path_factory.mktemp("minimal") / "instance")
    checked = check_instance(root, now=SNAPSHOT)
    assert checked.report.ok, [finding for finding in checked.report.findings if finding.is_error]
    return root, checked


def test_the_minimal_copy_has_no_optional_field_left(minimal):
    root, _ = minimal
    application = yaml.safe_load((root / "data/applications/og-2b-association-lisula.yml").read_text(encoding="utf-8"))
    assert "projet" not in application and "canal_reception" not in application
    assert "siret" not in application["organisme_gestionnaire"] and "commune" not in application["etablissements"][0]
    members = [member for etablissement in application["etablissements"] for member in etablissement["equipe_projet"]]
    assert members and all("telephone" not in member and "mission" not in member for member in members)
    assert "coordination_pilotes" not in application
    programme = yaml.safe_load((root / "data/programme.yml").read_text(encoding="utf-8"))
    assert "cadre_national" not in programme and "errata" not in programme and "regles" not in programme


@pytest.fixture(scope="module")
def minimal_idf(tmp_path_factory):
    """The Île-de-France 2021 call: no axes of its own, no RACI, no follow-up."""
    root = minimal_copy(REPO / "examples" / "idf-2021", tmp_path_factory.mktemp("minimal-idf") / "instance")
    checked = check_instance(root, now=parse_now("2021-12-01"))
    assert checked.report.ok, [finding for finding in checked.report.findings if finding.is_error]
    return root, checked


@pytest.mark.parametrize("audience", ["public", "interne", "structure:og-75-clinique-saint-bernard-fictive"])
def test_every_idf_page_and_letter_renders_without_optional_fields(minimal_idf, audience):
    root, checked = minimal_idf
    build(root, Audience.parse(audience), checked.report, checked.context, run_builder=False, proposal=checked.proposal)
    pages = list((root / "build" / Audience.parse(audience).folder / "docs").rglob("*.md"))
    assert len(pages) > (8 if audience.startswith("structure:") else 10)  # a structure's site leaves out the contributors' pages
    assert not [page for page in pages if "None" in page.read_text(encoding="utf-8").split()]
    assert {letter.name for letter in documents.prepare(checked.context, None, root)} >= {"accuse-reception", "annexe-1-vierge"}


@pytest.mark.parametrize("audience", ["public", "interne", "structure:og-2b-association-lisula", "structure:og-2a-fondation-u-sole"])
def test_every_site_page_renders_without_optional_fields(minimal, audience):
    root, checked = minimal
    build(root, Audience.parse(audience), checked.report, checked.context, run_builder=False, proposal=checked.proposal)
    pages = list((root / "build" / Audience.parse(audience).folder / "docs").rglob("*.md"))
    assert len(pages) > 10
    assert not [page for page in pages if "None" in page.read_text(encoding="utf-8").split()]


def test_every_letter_and_the_matrix_render_without_optional_fields(minimal):
    root, checked = minimal
    letters = documents.prepare(checked.context, None, root)
    names = {letter.name for letter in letters}
    assert {"accuse-reception", "notification", "lettre-engagement", "annexe-1-vierge", "rapport-comite-suivi"} <= names
    assert all(letter.markdown.strip() for letter in letters)
    assert matrix.as_text(checked.proposal, checked.context.programme)
