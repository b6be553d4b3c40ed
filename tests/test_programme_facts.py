"""The Corse 2023 and Île-de-France 2021 programmes hold the seeds' facts, computed where they can be."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from conftest import REPO

from acia.load import yamlsource
from acia.model.programme import build_programme


def _programme(root):
    text = (root / "data" / "programme.yml").read_text(encoding="utf-8")
    return build_programme(yamlsource.parse(text).data)


@pytest.fixture(scope="module")
def corse():
    return _programme(REPO)


@pytest.fixture(scope="module")
def idf():
    return _programme(REPO / "examples" / "idf-2021")


def test_corse_raci_rows_and_hours_are_computed(corse):
    rows = {axe: [row for row in corse.raci_rows if row.axe == axe] for axe in corse.axe_ids}
    assert corse.axe_ids == ("axe-1", "axe-2")
    # Axe 1: 12 rows in Annexe 2 (11 actions plus the "fiche de cadrage" sub-row of COPIL 1).
    assert len(rows["axe-1"]) == 12
    assert len(rows["axe-2"]) == 13
    assert corse.hours_by_axe() == {"axe-1": 26.0, "axe-2": 24.0}


def test_corse_raci_codes_match_annexe_2(corse):
    order = ("aract", "pilote", "copil", "groupe_travail")

    def codes(axe):
        return [" ".join(row.roles.get(role, "-") for role in order) for row in corse.raci_rows if row.axe == axe]

    assert codes("axe-1") == [
        "R I I -", "C R R -", "C R R -", "R R R -", "C R R R", "R R R/C I",
        "R R R I", "R R R/C -", "C R R I", "C R R I", "R R R/C -", "C R R R",
    ]  # fmt: skip
    assert codes("axe-2") == [
        "R I I -", "C R R -", "C R R I", "R R R/C I", "R I I -", "C R R I", "R R R/C I",
        "R R R/C -", "R R R/C -", "C R R R", "R R R/C -", "C R R R", "C R R R",
    ]  # fmt: skip
    assert tuple(role.id for role in corse.raci.roles) == order
    assert {value.id for value in corse.raci.values} == {"R", "C", "I", "R/C"}


def test_corse_raci_rows_named_in_the_call(corse):
    actions = [row.action for row in corse.raci_rows]
    for name in ("COPIL 1", "Fiche de cadrage", "Réalisation du diagnostic", "Arbitrage", "Temps collectif 4", "Mise en place et évaluation des procédures"):
        assert name in actions


def test_corse_deadline_is_end_of_day_in_paris(corse):
    assert corse.deadline == datetime(2023, 6, 30, 23, 59, 59, tzinfo=ZoneInfo("Europe/Paris"))
    assert corse.application.recipients[0].email == "ars-corse-strategie@ars.sante.fr"


def test_corse_criteria_and_limits(corse):
    criteria = corse.criteria
    assert len([c for c in criteria if c.axe == "axe-1"]) == 4
    assert len([c for c in criteria if c.axe == "axe-2"]) == 3
    assert len([c for c in criteria if c.axe is None]) == 6
    assert len(corse.eligibility) == 6
    assert len(corse.objectives) == 3
    limits = corse.limits
    assert limits.organismes_gestionnaires.maximum == 4
    assert limits.etablissements_per_og.maximum == 3
    assert [(item.funding, item.minimum) for item in limits.funding_minimums] == [("assurance_maladie", 1)]


def test_corse_steps_days_and_team(corse):
    assert [(step.title, step.mobilisation_days) for step in corse.steps] == [("Cadrage", 2), ("Déploiement", 6), ("Bilan", 2)]
    mandatory = [role for role, required in corse.team_roles.items() if required]
    assert mandatory == ["direction", "representant_personnel", "manager", "salarie_volontaire"]
    assert corse.team_roles["referent_numerique"] is False
    assert corse.pilot_required is True


def test_corse_bodies(corse):
    copil = corse.body("copil")
    assert copil.hours == 3 and copil.led_by == ("aract",) and copil.minutes_by == "aract"
    assert corse.body("temps-collectif").hours == 3
    assert corse.body("temps-ponctuel").mandatory is False
    assert corse.body("comite-suivi").members == ("aract", "ars") and corse.body("comite-suivi").optional_members == ("grades",)
    assert sorted(corse.body("comite-selection").members) == ["aract", "ars", "grades"]
    assert corse.rules.answer_recommendations is True


def test_corse_errata_are_recorded_and_to_be_confirmed(corse):
    errata = {item.id: item for item in corse.errata}
    assert "Du 30/06/2023 au 10/06/2023" in " ".join(item.source_text for item in errata.values())
    assert all(item.status == "a_confirmer" for item in errata.values())
    assert len(errata) >= 4


def test_idf_generalises_without_code(idf):
    assert idf.deadline == datetime(2021, 9, 22, 23, 59, 59, tzinfo=ZoneInfo("Europe/Paris"))
    assert (idf.limits.organismes_gestionnaires.minimum, idf.limits.organismes_gestionnaires.maximum) == (4, 8)
    assert idf.team.size.minimum == idf.team.size.maximum == 3  # the trinôme
    assert idf.pilot_required is False
    assert idf.raci_rows == ()
    for body in ("temps-collectif", "temps-individuel"):
        assert (idf.body(body).hours, idf.body(body).count) == (3, 3)
    assert len(idf.acia_types) == 4
    assert len(idf.dimensions) == 3
    assert idf.sector("sanitaire") is not None


def test_idf_interests_and_published_contacts(idf):
    """The eight « Quels intérêts pour les structures » items, and the four people the call names as its recipients."""
    assert len(idf.interests) == 8
    contacts = [(contact.organisation, contact.person.full_name, contact.email) for contact in idf.application.contacts]
    assert contacts == [
        ("ars", "Monsieur Éric Bongrand", "eric.bongrand@ars.sante.fr"),
        ("ars", "Dr Élise Bléry", "elise.blery@ars.sante.fr"),
        ("aract", "Madame Pascale Simon", "p.simon@anact.fr"),
        ("aract", "Madame Sabrina Moukah-Bellil", "s.moukah-bellil@anact.fr"),
    ]
    assert [recipient.email for recipient in idf.application.recipients] == [email for *_, email in contacts]


def test_corse_statements_of_the_call(corse):
    """Statements of the call that are neither criteria nor dates still live in the data."""
    assert len(corse.eligibility_notes) == 1 and "première phase" in corse.eligibility_notes[0]
    assert any("implication forte" in text for text in corse.support_terms)
    assert any("début de projet" in text for text in corse.support_terms)
    assert "ambassadeur" in corse.team.composition_advice and "référents métiers" in corse.team.composition_advice
    assert [body.id for body in corse.bodies if body.on_timeline] == ["copil", "temps-collectif"]
    assert (corse.body("copil").place, corse.body("temps-collectif").place) == ("Principalement dans les structures.", "À définir par le collectif ; réunions à distance possibles.")
    assert all(organisation.role for organisation in corse.organisations)


def test_the_programme_outside_the_team_names_no_unpublished_recipient():
    """What the site's templates read outside the programme team: a nominative address the call does not publish is left out; the call's own contacts stay."""
    data = yamlsource.parse((REPO / "examples" / "idf-2021" / "data" / "programme.yml").read_text(encoding="utf-8")).data
    data["candidature"]["destinataires"].append({"organisation": "ars", "email": "c.exemple@ars.example.fr", "personne": {"civilite": "Madame", "prenom": "Claire", "nom": "Exemple"}})
    programme = build_programme(data)
    public = programme.without_personal_data()
    assert [recipient.email for recipient in public.application.recipients] == [recipient.email for recipient in programme.application.recipients[:4]]
    assert public.application.recipients == programme.application.public_recipients
    assert public.application.contacts == programme.application.contacts and len(public.application.contacts) == 4
    assert public.axes == programme.axes and public.deadline == programme.deadline
