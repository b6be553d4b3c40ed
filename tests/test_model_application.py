"""The typed model of the shipped Corse instance holds what its YAML files say, and points at where they say it.

Every expected value is read here straight from the files with PyYAML, and
every expected position by searching the file's lines: none comes from the
loader the model is built with.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from conftest import NOW, REPO

from acia.check import check_instance
from acia.check.rules import email_address
from acia.load.documents import Source

RULE = email_address.RULE  # any rule: only the position of its findings is read
APPLICATIONS = sorted((REPO / "data" / "applications").glob("*.yml"))
LABELS = {"retenue": "retenue", "liste_attente": "liste d'attente", "non_retenue": "non retenue"}


def _yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _lines(rel: str) -> list[str]:
    return (REPO / rel).read_text(encoding="utf-8").split("\n")


def _position(rel: str, key: str, value: str = "") -> tuple[int, int]:
    """Line and column (1-based) of the value written after « key », on the one line of the file that holds « key » then « value »."""
    text = key + value
    found = [(number, line.index(text) + len(key) + 1) for number, line in enumerate(_lines(rel), start=1) if text in line]
    assert len(found) == 1, f"« {text} » apparaît {len(found)} fois dans {rel}"
    return found[0]


def _written_at(source: Source, key: str, value: str) -> bool:
    """Whether the file holds « key » then « value » exactly where ``source`` points (for values written more than once in a file)."""
    rel, line, column = _at(source)
    text = _lines(rel)[line - 1]
    return text[column - 1 :].startswith(value) and text[: column - 1].endswith(key)


def _at(source: Source) -> tuple[str, int, int]:
    finding = source.finding(RULE, "position")
    return finding.file, finding.line, finding.column


@pytest.fixture(scope="module")
def model():
    built = check_instance(REPO, now=NOW).context.model
    assert built is not None
    return built


@pytest.fixture(scope="module")
def files():
    """Each application's YAML, by id."""
    return {data["id"]: data for data in map(_yaml, APPLICATIONS)}


def test_every_application_file_is_in_the_model_once_sorted_by_id(model, files):
    assert len(APPLICATIONS) == 8
    assert [application.id for application in model.applications] == sorted(files)
    for application in model.applications:
        assert application.file == f"data/applications/{application.id}.yml"
        assert application.source.path == ()


def test_applications_hold_the_facts_of_their_file(model, files):
    for application in model.applications:
        data = files[application.id]
        og = data["organisme_gestionnaire"]
        assert application.axe == data["axe"]
        assert application.received == datetime.fromisoformat(data["date_reception"])
        assert application.received.utcoffset() is not None
        assert application.channel == data.get("canal_reception")
        assert application.fundings == tuple(data["financement"])
        assert (application.og.name, application.og.finess, application.og.siret, application.og.status) == (og["raison_sociale"], og["finess_juridique"], og.get("siret"), og.get("statut"))
        assert len(application.etablissements) == len(data["etablissements"])
        assert [(item.name, item.sector, item.capacity, item.siret, item.finess) for item in application.etablissements] == [
            (item["raison_sociale"], item["secteur"], item["capacite"], item["siret"], item["finess_geographique"]) for item in data["etablissements"]
        ]
        assert application.sectors == tuple(sorted({item["secteur"] for item in data["etablissements"]}))
        # Corse forms a team and a pilot in each établissement (« dans chaque ESMS »), none for the OG as a whole.
        assert "equipe_projet" not in data and application.og_team is None
        assert [team.etablissement for team in application.teams] == list(application.etablissements)
        for etablissement, item in zip(application.etablissements, data["etablissements"], strict=True):
            team = application.team_of(etablissement)
            assert team is not None and team.source.path == ("etablissements", data["etablissements"].index(item), "equipe_projet")
            assert [(member.role, member.email, member.phone) for member in team.members] == [(member["role"], member["email"], member.get("telephone")) for member in item["equipe_projet"]]
            pilots = [(member["prenom"], member["nom"]) for member in item["equipe_projet"] if member.get("pilote") is True]
            assert len(pilots) == 1 and team.pilot is not None and (team.pilot.person.first_name, team.pilot.person.last_name) == pilots[0]
        assert len(application.pilots) == len(application.etablissements)
        assert application.members == tuple(member for team in application.teams for member in team.members)
        engagements = data["engagements"]
        assert (application.engagements.direction, application.engagements.staff_representatives) == (engagements["direction"], engagements["representants_personnel"])
        assert application.engagements.given("direction") is engagements["direction"]
        assert application.engagements.given("representants_personnel") is engagements["representants_personnel"]
        assert application.engagements.given("inconnu") is None
        digital = data["numerique"]
        assert (application.digital.has_tools, application.digital.tools) == (digital["dispose_outils"], tuple(digital.get("outils", [])))
        assert (application.digital.mss_solution, application.digital.other_tools) == (digital.get("mss_solution", ""), digital.get("autres_outils", ""))


def test_shipped_examples_cover_both_departments_and_several_sectors(model):
    """Spot checks of a few facts, so that a wrong reading of both sides cannot agree by chance."""
    balagna = model.application("og-2b-balagna-anziani")
    assert balagna.og.name == "Association Balagna Anziani (fictive)"
    assert balagna.og.finess == "2B0023376"
    assert balagna.sectors == ("PA",)
    assert balagna.fundings == ("assurance_maladie",)
    assert [member.person.last_name for member in balagna.pilots] == ["Natali"]
    assert {application.og.finess[:2] for application in model.applications} == {"2A", "2B"}
    assert [len(application.etablissements) for application in model.applications].count(2) == 1


def test_the_late_application_has_its_derogation(model):
    entries = [entry for entry in _yaml(REPO / "data" / "derogations.yml")["derogations"] if entry["candidature"] == "og-2b-balagna-anziani"]
    assert len(entries) == 1
    entry = entries[0]
    derogation = model.derogation_for("og-2b-balagna-anziani")
    assert derogation is not None
    assert derogation.decided_on == date.fromisoformat(entry["decidee_le"])
    assert derogation.decided_by == tuple(entry["decidee_par"])
    assert derogation.motif == entry["motif"]
    assert derogation.accepted_until == datetime.fromisoformat(entry["recue_jusqu_au"])
    assert model.application("og-2b-balagna-anziani").received > model.programme.deadline
    assert model.application("og-2b-balagna-anziani").received <= derogation.accepted_until
    assert model.derogation_for("og-2a-fondation-u-sole") is None


def test_selection_decisions_and_their_labels(model):
    data = _yaml(REPO / "data" / "selection.yml")
    assert model.selection is not None
    assert model.selection.committee_day == date.fromisoformat(data["comite"]["date"])
    assert model.selection.members_present == tuple(data["comite"]["membres_presents"])
    assert [(decision.application, decision.label) for decision in model.selection.decisions] == [(item["candidature"], LABELS[item["decision"]]) for item in data["decisions"]]
    assert model.selection.retained == tuple(item["candidature"] for item in data["decisions"] if item["decision"] == "retenue")
    assert model.selection.decision_for("og-2a-ornano-enfance").label == "non retenue"
    assert {decision.application for decision in model.selection.decisions} == {application.id for application in model.applications}


def test_evaluations_name_known_applications(model):
    evaluated = {_yaml(path)["candidature"] for path in (REPO / "data" / "evaluations").glob("*.yml")}
    assert {evaluation.application for evaluation in model.evaluations} == evaluated
    for application_id in evaluated:
        assert model.evaluations_of(application_id)


def test_application_sources_point_at_each_value(model):
    for application in model.applications:
        rel = application.file
        assert _at(application.source.at("id")) == (rel, *_position(rel, "id: "))
        assert _at(application.source.at("date_reception")) == (rel, *_position(rel, "date_reception: "))
        assert _at(application.og.source.at("finess_juridique")) == (rel, *_position(rel, "finess_juridique: "))
        assert _at(application.engagements.source.at("representants_personnel")) == (rel, *_position(rel, "representants_personnel: "))
        assert _at(application.digital.source.at("dispose_outils")) == (rel, *_position(rel, "dispose_outils: "))
        for etablissement in application.etablissements:
            assert _at(etablissement.source.at("finess_geographique")) == (rel, *_position(rel, "finess_geographique: ", f'"{etablissement.finess}"'))
            assert _at(etablissement.source.at("siret")) == (rel, *_position(rel, "siret: ", f'"{etablissement.siret}"'))
        for member in application.members:
            assert member.source.file == rel
            assert _written_at(member.source.at("email"), "email: ", member.email)
            if member.phone is not None:
                assert _written_at(member.source.at("telephone"), "telephone: ", f'"{member.phone}"')
        for pilot in application.pilots:
            assert _written_at(pilot.source.at("pilote"), "pilote: ", "true")
            line = _at(pilot.source.at("pilote"))[1]
            # A team member's own line is the one of the item's first key (« - nom: … »).
            assert _at(pilot.source)[1] == next(number for number in range(line, 0, -1) if _lines(rel)[number - 1].lstrip().startswith("- "))


def test_decision_and_derogation_sources_point_at_their_entry(model):
    for decision in model.selection.decisions:
        assert _at(decision.source.at("candidature")) == ("data/selection.yml", *_position("data/selection.yml", "candidature: ", decision.application))
    derogation = model.derogation_for("og-2b-balagna-anziani")
    rel = "data/derogations.yml"
    assert derogation.source.file == rel
    assert _at(derogation.source.at("candidature")) == (rel, *_position(rel, "candidature: ", "og-2b-balagna-anziani"))
    assert _at(derogation.source.at("recue_jusqu_au")) == (rel, *_position(rel, "recue_jusqu_au: "))
    assert _at(derogation.source.at("decidee_par", 1)) == (rel, *_position(rel, "- ", "aract"))
