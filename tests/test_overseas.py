"""A programme outside metropolitan France: La Réunion's time zone, its own sector (SAAD) and +262 phones.

Sectors, the time zone and the phone region are data of the programme
(issue 14 §1): the same code serves a Réunion call, and prints its times in
Réunion time.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from conftest import BASE, REPO, build_instance, copy_shipped

from acia import phones
from acia.check import check_instance, validate
from acia.exports.ics import meetings_ics
from acia.letters.documents import _Letters
from acia.model.followup import names_in
from acia.privacy.people import phone_pattern

REUNION = ZoneInfo("Indian/Reunion")
NOW = datetime(2023, 8, 1, 12, 0, tzinfo=REUNION)


def _reunion(tmp_path, received: str = "2023-06-12T10:24:00+04:00"):
    """The test base turned into a Réunion programme: zone, phone region, a SAAD sector, +262 and 0692 phones."""
    root = build_instance(tmp_path / "reunion")
    programme = root / "data" / "programme.yml"
    text = programme.read_text(encoding="utf-8")
    text = text.replace("fuseau_horaire: Europe/Paris", "fuseau_horaire: Indian/Reunion")
    text = text.replace("region: Test\n", "region: Test\nregion_telephone: RE\n")
    text = text.replace(
        "  - {id: PH, libelle: Personnes handicapées, eligible: true}\n",
        "  - {id: PH, libelle: Personnes handicapées, eligible: true}\n  - {id: SAAD, libelle: Services d'aide et d'accompagnement à domicile, eligible: true}\n",
    )
    text = text.replace("couverture_secteurs: [PA, PH]", "couverture_secteurs: [PA, PH, SAAD]")
    programme.write_text(text, encoding="utf-8")
    application = root / "data" / "applications" / "og-test-a.yml"
    text = application.read_text(encoding="utf-8")
    text = text.replace('date_reception: "2023-06-12T10:24:00+02:00"', f'date_reception: "{received}"')
    text = text.replace("categorie: EHPAD\n    secteur: PA", "categorie: SAAD\n    secteur: SAAD")
    text = text.replace('telephone: "04 95 12 34 56"', 'telephone: "+262 262 12 34 56"').replace('telephone: "06 12 34 56 78"', 'telephone: "0692 12 34 56"')
    application.write_text(text, encoding="utf-8")
    return root


def test_a_reunion_programme_is_valid(tmp_path):
    report = validate(_reunion(tmp_path), now=NOW)
    assert report.findings == []


def test_a_sector_outside_the_programme_names_the_valid_ones(tmp_path):
    root = _reunion(tmp_path)
    path = root / "data" / "applications" / "og-test-a.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("secteur: SAAD", "secteur: domicile"), encoding="utf-8")
    [finding] = validate(root, now=NOW).findings
    assert (finding.rule, finding.file, finding.line) == ("ACIA309", "data/applications/og-test-a.yml", 18)
    assert finding.message == "le secteur « domicile » de l'établissement « EHPAD de test » n'est pas prévu par ce programme"
    assert finding.hint == ("Secteurs possibles (clé « secteurs » de data/programme.yml) : PA (Personnes âgées), PH (Personnes handicapées), SAAD (Services d'aide et d'accompagnement à domicile).")


def test_a_label_written_out_suggests_its_code(tmp_path):
    root = _reunion(tmp_path)
    path = root / "data" / "applications" / "og-test-a.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("secteur: SAAD", "secteur: Personnes handicapées"), encoding="utf-8")
    [finding] = validate(root, now=NOW).findings
    assert finding.hint.startswith("Vouliez-vous dire « PH » (Personnes handicapées) ? ")


@pytest.mark.parametrize("zone", ["Europe/Pariss", "Reunion", "Indian/La_Reunion"])
def test_an_unknown_time_zone_is_an_error_with_examples(tmp_path, zone):
    root = _reunion(tmp_path)
    path = root / "data" / "programme.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("fuseau_horaire: Indian/Reunion", f"fuseau_horaire: {zone}"), encoding="utf-8")
    [finding] = validate(root, now=NOW).findings
    assert finding.rule == "ACIA105" and finding.file == "data/programme.yml"
    assert f"« {zone} », qui n'est pas un fuseau horaire connu" in finding.message
    assert "Europe/Paris, Indian/Reunion, America/Guadeloupe, America/Martinique, America/Cayenne, Indian/Mayotte, Pacific/Noumea" in finding.hint


def test_an_unknown_phone_region_is_an_error(tmp_path):
    root = _reunion(tmp_path)
    path = root / "data" / "programme.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("region_telephone: RE", "region_telephone: ZZ"), encoding="utf-8")
    [finding] = validate(root, now=NOW).findings
    assert finding.rule == "ACIA105" and "n'est pas un code de région téléphonique connu" in finding.message


def test_phones_are_read_in_the_programme_region(tmp_path):
    root = _reunion(tmp_path)
    path = root / "data" / "applications" / "og-test-a.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('"0692 12 34 56"', '"0692 12 34"'), encoding="utf-8")
    [finding] = validate(root, now=NOW).findings
    assert finding.rule == "ACIA204" and finding.message == "« 0692 12 34 » n'est pas un numéro de téléphone valide"
    assert "« 0262 16 12 34 »" in finding.hint and "« +262 262 16 12 34 »" in finding.hint and "La Réunion (« region_telephone: RE »" in finding.hint


@pytest.mark.parametrize(
    ("text", "region", "valid"),
    [
        ("04 95 12 34 56", "FR", True),
        ("04.95.12.34.56", "FR", True),
        ("+33 4 95 12 34 56", "FR", True),
        ("+33 (0)4 95 12 34 56", "FR", True),
        ("0033 4 95 12 34 56", "FR", True),
        ("06 12 34 56 78", "FR", True),
        ("+262 262 12 34 56", "FR", True),
        ("+262 692 12 34 56", "FR", True),
        ("0262 12 34 56", "RE", True),
        ("0692 12 34 56", "RE", True),
        ("0262 12 34 56", "FR", True),  # the French plan is shared with the overseas departments
        ("04 95 12 34 56", "RE", True),
        ("+590 590 12 34 56", "FR", True),
        ("0590 12 34 56", "GP", True),
        ("0596 12 34 56", "MQ", True),
        ("0594 12 34 56", "GF", True),
        ("+687 20 12 34", "FR", True),
        ("20 12 34", "NC", True),
        ("04 95 12 34", "FR", False),
        ("+262 262 12 34", "FR", False),
        ("0692 12 34", "RE", False),
        ("04 95 AB CD EF", "FR", False),
        ("12", "FR", False),
        ("", "FR", False),
    ],
)
def test_phone_parsing(text, region, valid):
    assert phones.is_valid(text, region) is valid


def test_the_same_number_whatever_its_prefix():
    assert phones.national_digits("+262 262 12 34 56") == phones.national_digits("0262 12 34 56", "RE") == "262123456"
    pattern = re.compile(phone_pattern("+262 262 12 34 56") or "")
    assert all(pattern.search(text) for text in ("+262 262 12 34 56", "0262 12 34 56", "0262.12.34.56", "00262 262 12 34 56"))
    assert not pattern.search("10262 12 34 56")
    pattern = re.compile(phone_pattern("0692 12 34 56", "RE") or "")
    assert pattern.search("joignable au +262 692 12 34 56.") and pattern.search("06 92 12 34 56")


@pytest.mark.parametrize("text", ["+262 262 12 34 56", "0692 12 34 56", "00262 692 12 34 56", "+590 590 12 34 56", "+33 (0)4 95 12 34 56"])
def test_published_texts_are_searched_for_overseas_phones(text):
    assert names_in(f"Contact : {text}.", set()) == [text]


def test_letters_print_the_local_time(tmp_path):
    # Received at 08:24 Paris time (summer): 10:24 in La Réunion.
    checked = check_instance(_reunion(tmp_path, received="2023-06-12T08:24:00+02:00"), now=NOW)
    assert checked.report.findings == []
    letters = _Letters(checked.context)
    [application] = checked.context.model.applications
    markdown = letters.acknowledgement(application).markdown.replace("\u00a0", " ")
    assert "12 juin 2023 à 10 h 24" in markdown and "heure de La Réunion" in markdown
    assert "30 juin 2023 à 23 h 59" in markdown


def test_calendars_give_meetings_in_the_programme_zone(tmp_path):
    root = copy_shipped(tmp_path)
    path = root / "data" / "programme.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("fuseau_horaire: Europe/Paris", "fuseau_horaire: Indian/Reunion"), encoding="utf-8")
    checked = check_instance(root, now=NOW)
    followup = checked.context.followup
    assert followup is not None
    meeting = next(meeting for meeting in followup.meetings if meeting.start.utcoffset() is not None)
    text = meetings_ics(checked.context.programme, [meeting], "test").decode()
    local = meeting.start.astimezone(REUNION)
    assert f"DTSTART;TZID=Indian/Reunion:{local:%Y%m%dT%H%M%S}" in text
    assert "X-WR-TIMEZONE:Indian/Reunion" in text


def test_shipped_programmes_keep_their_zone():
    for root in (REPO, REPO / "examples" / "idf-2021"):
        assert "fuseau_horaire: Europe/Paris" in (root / "data" / "programme.yml").read_text(encoding="utf-8")
    assert (BASE / "data" / "programme.yml").exists()


def _sector_field(programme):
    from acia.check.schema import SchemaSet
    from acia.forms import annexe

    form = annexe.sections(SchemaSet(), programme)
    fields = [item for section in form for item in (*section.fields, *(section.table.columns if section.table is not None else ()))]
    return next(item for item in fields if item.path[-1] == "secteur")


def test_blank_form_template_and_import_offer_the_programme_sectors(tmp_path):
    from acia.check.schema import SchemaSet
    from acia.forms import importer, scaffold

    checked = check_instance(_reunion(tmp_path), now=NOW)
    programme = checked.context.programme
    column = _sector_field(programme)
    assert column.choices == (("Personnes âgées", "PA"), ("Personnes handicapées", "PH"), ("Services d'aide et d'accompagnement à domicile", "SAAD"))
    # The importer reads the label ticked or written on a received form, or the code.
    assert importer._choice(column, "Services d'aide et d'accompagnement à domicile", programme) == ("SAAD", "")
    assert importer._choice(column, "services d’aide et d’accompagnement a domicile (SAAD)", programme) == ("SAAD", "")
    template = scaffold.template_yaml(SchemaSet(), programme, "og-974-test", None, "# yaml-language-server: $schema=../../schemas/application.schema.json\n")
    assert "Valeurs possibles : PA (Personnes âgées), PH (Personnes handicapées), SAAD (Services d'aide et d'accompagnement à domicile)." in template
    assert "sanitaire" not in template and "PDE" not in template
