"""No person reaches a published follow-up text: not a family name only, but first names, e-mails and phones too."""

from __future__ import annotations

import pytest
from conftest import SNAPSHOT, copy_shipped

from acia.check import check_instance
from acia.findings import Report
from acia.site.pages import Audience, SiteError, build

MINUTES = "data/suivi/og-2b-association-lisula/comptes-rendus/copil-1.md"
LESSON = "Un pilote dans chaque établissement, et la coordination des deux pilotes confiée au référent numérique du siège"


@pytest.mark.parametrize(
    "payload",
    [
        "Thomas a confié le pilotage au siège",  # the first name of a team member (Thomas Filippi)
        "écrire à t.filippi@lisula.example.fr pour le pilotage",  # a known e-mail
        "écrire à quelqu.un@ailleurs.example.org pour le pilotage",  # any e-mail shape
        "appeler le 06 12 34 56 78 pour le pilotage",  # any phone shape
        "appeler le +33612345678 pour le pilotage",
        "appeler le 04 95 30 12 03 pour le pilotage",  # a known phone, as typed in the application
    ],
)
def test_a_shared_lesson_with_personal_data_is_an_error(tmp_path, payload):
    root = copy_shipped(tmp_path)
    path = root / MINUTES
    path.write_text(path.read_text(encoding="utf-8").replace(LESSON, payload), encoding="utf-8")
    checked = check_instance(root, now=SNAPSHOT)
    found = [finding for finding in checked.report.findings if finding.rule == "ACIA512"]
    assert [finding.file for finding in found] == [MINUTES] and found[0].line == 7
    assert "nomme une personne" in found[0].message


@pytest.mark.acceptance
def test_the_page_builder_refuses_it_even_without_validation(tmp_path):
    root = copy_shipped(tmp_path)
    path = root / MINUTES
    path.write_text(path.read_text(encoding="utf-8").replace(LESSON, "Thomas Filippi (06 12 34 56 78) a confié le pilotage"), encoding="utf-8")
    checked = check_instance(root, now=SNAPSHOT)
    skipped = Report([], checked.report.files)  # as if validation had been skipped
    with pytest.raises(SiteError, match=r"copil-1\.md : un texte publié sur le site nomme une personne"):
        build(root, Audience.parse("public"), skipped, checked.context, run_builder=False, proposal=checked.proposal)
    assert not (root / "build" / "public" / "docs" / "capitalisation.md").exists()


def test_ordinary_texts_are_not_taken_for_personal_data():
    from acia.model.followup import names_in

    assert names_in("Le COPIL du 12/10/2023 a réuni 12 personnes pendant 3 h.", {"Filippi", "Thomas"}) == []
    assert names_in("Une grille de 2023 en 10 points", set()) == []
