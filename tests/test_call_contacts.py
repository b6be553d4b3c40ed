"""The call's published contacts (« candidature.contacts ») are checked like any address, phone and reference of the data."""

from __future__ import annotations

import pytest
from conftest import NOW

from acia.check import validate

PROGRAMME = "data/programme.yml"
CONTACT = 'email: m.contactpublic@aract.example.fr, telephone: "04 95 00 00 01"}'


@pytest.mark.parametrize(
    ("old", "new", "rule", "field", "message"),
    [
        (CONTACT, CONTACT.replace("m.contactpublic@aract", "m.contact public@aract"), "ACIA203", "candidature.contacts[0].email", "n'est pas une adresse e-mail valide"),
        (CONTACT, CONTACT.replace("04 95 00 00 01", "04 95 00 01"), "ACIA204", "candidature.contacts[0].telephone", "n'est pas un numéro de téléphone valide"),
        ("{organisation: aract, civilite: Madame", "{organisation: anact, civilite: Madame", "ACIA405", "candidature.contacts[0].organisation", "l'organisation « anact » n'est pas défini"),
    ],
    ids=["email", "telephone", "organisation"],
)
def test_a_bad_contact_is_a_finding_on_its_line(instance, old, new, rule, field, message):
    path = instance / PROGRAMME
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    line = next(number for number, content in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if "Contactpublic" in content)
    found = [finding for finding in validate(instance, now=NOW).findings if finding.rule == rule]
    assert [(finding.file, finding.line, finding.field) for finding in found] == [(PROGRAMME, line, field)]
    assert message in found[0].message


def test_a_contact_needs_a_name_and_an_address(instance):
    path = instance / PROGRAMME
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(" email: m.contactpublic@aract.example.fr,", ""), encoding="utf-8")
    report = validate(instance, now=NOW)
    assert not report.ok and any(finding.field.startswith("candidature.contacts[0]") and "email" in finding.message for finding in report.findings)
