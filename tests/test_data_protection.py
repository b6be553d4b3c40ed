"""The programme's personal-data processing: retention dates, the information notice and the processing register."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from conftest import REPO, SNAPSHOT, build_site, copy_shipped

from acia.check import check_instance
from acia.load import yamlsource
from acia.model.programme import build_programme
from acia.model.retention import add_months
from acia.notice import notice

LATER = datetime(2026, 11, 30, 12, 0, tzinfo=ZoneInfo("Europe/Paris"))


def _programme(root=REPO):
    return build_programme(yamlsource.parse((root / "data/programme.yml").read_text(encoding="utf-8")).data)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2023, 7, 11), 12, date(2024, 7, 11)),
        (date(2024, 2, 29), 24, date(2026, 2, 28)),  # no 29 February in 2026
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 11, 15), 3, date(2024, 2, 15)),
    ],
)
def test_months_are_added_on_the_calendar(day, months, expected):
    assert add_months(day, months) == expected


def test_each_file_gets_the_period_of_its_kind():
    from acia.model import retention

    checked = check_instance(REPO, now=SNAPSHOT)
    model = checked.context.model
    rels = [document.rel for document in checked.context.documents]
    due = {holding.rel: (holding.kind, holding.due) for holding in retention.holdings(model, rels)}
    assert due["data/applications/og-2a-ornano-enfance.yml"] == ("candidatures_non_retenues", date(2024, 7, 11))  # 12 months after 11/07/2023
    # On the waiting list, it may be called until the programme ends (29/02/2024): 12 months from then.
    assert due["data/applications/og-2b-fondation-castagniccia.yml"] == ("candidatures_non_retenues", date(2025, 2, 28))
    assert due["data/evaluations/og-2b-fondation-castagniccia.yml"] == ("candidatures_non_retenues", date(2025, 2, 28))
    assert due["data/applications/og-2b-association-lisula.yml"] == ("candidatures_retenues", date(2026, 2, 28))
    assert due["data/suivi/og-2b-association-lisula/reunions.yml"] == ("suivi", date(2026, 2, 28))
    assert "data/programme.yml" not in due and "data/selection.yml" not in due


def test_nothing_is_due_at_the_snapshot_and_a_warning_names_each_file_later():
    assert [finding for finding in check_instance(REPO, now=SNAPSHOT).report.findings if finding.rule == "ACIA516"] == []
    later = check_instance(REPO, now=LATER).report
    warned = sorted({finding.file for finding in later.findings if finding.rule == "ACIA516"})
    assert later.ok  # a warning, never an error
    assert "data/applications/og-2a-ornano-enfance.yml" in warned and "data/suivi/og-2b-association-lisula/reunions.yml" in warned
    first = next(finding for finding in later.findings if finding.rule == "ACIA516" and finding.file.endswith("og-2a-ornano-enfance.yml"))
    assert "le 11/07/2024" in first.message and "1 an après la décision du comité de sélection" in first.message
    assert "acia purger" in first.hint


def test_the_notice_comes_from_the_programme():
    text = notice(_programme())
    assert text is not None
    assert text.controller == "Agence régionale de santé de Corse (ARS)"
    assert text.officer_email == "ars-corse-dpd@ars.sante.fr"
    assert [line.period for line in text.retention] == [
        "1 an après la décision du comité de sélection",
        "2 ans après la fin du programme",
        "2 ans après la fin du programme",
    ]
    idf = notice(_programme(REPO / "examples" / "idf-2021"))
    assert idf is not None and idf.controller == "Agence régionale de santé Île-de-France (ARS)"


def test_a_programme_without_the_block_has_no_notice(tmp_path):
    root = copy_shipped(tmp_path)
    path = root / "data/programme.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("donnees_personnelles:")
    path.write_text(text[:start] + text[text.index("errata:") :], encoding="utf-8")
    assert notice(_programme(root)) is None
    assert check_instance(root, now=LATER).report.ok


def test_an_unknown_controller_is_reported(tmp_path):
    root = copy_shipped(tmp_path)
    path = root / "data/programme.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  responsable: ars\n", "  responsable: cnil\n", 1), encoding="utf-8")
    findings = [finding for finding in check_instance(root, now=SNAPSHOT).report.findings if finding.field == "donnees_personnelles.responsable"]
    assert findings and "« cnil »" in findings[0].message


@pytest.mark.acceptance
def test_apply_page_and_register_carry_the_programme_facts(tmp_path):
    root = copy_shipped(tmp_path)
    path = root / "data/programme.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("ars-corse-dpd@ars.sante.fr", "dpd-test@ars.sante.fr").replace("duree: {mois: 12}", "duree: {mois: 18}"), encoding="utf-8")
    public = build_site(root, "public", run_builder=False)
    apply_page = (public / "candidater.md").read_text(encoding="utf-8")
    assert "## Vos données personnelles" in apply_page
    assert "dpd\\-test@ars\\.sante\\.fr" in apply_page and "18 mois après la décision du comité de sélection" in apply_page
    assert "CNIL" in apply_page and "articles 15 à 21 du RGPD" in apply_page
    assert not (public / "registre.md").exists()
    assert not (build_site(root, "structure:og-2b-association-lisula", run_builder=False) / "registre.md").exists()
    register = (build_site(root, "interne", run_builder=False) / "registre.md").read_text(encoding="utf-8")
    assert "Mentions à confirmer" in register and "18 mois après la décision du comité de sélection" in register
    assert "Aucune donnée personnelle n'a dépassé sa durée de conservation" in register


@pytest.mark.acceptance
def test_the_register_shows_what_is_due(tmp_path):
    register = (build_site(copy_shipped(tmp_path), "interne", now=LATER, run_builder=False) / "registre.md").read_text(encoding="utf-8")
    assert "12 fichiers gardent des données personnelles au\\-delà de leur durée de conservation" in register
    assert "| Association Ornano Enfance \\(fictive\\) | Candidatures non retenues | 11/07/2024 | à effacer : 19 données personnelles |" in register


@pytest.mark.acceptance
def test_the_blank_annexe_1_carries_the_notice(tmp_path):
    from acia.letters import documents

    root = copy_shipped(tmp_path)
    blank = documents.blank_form(check_instance(root, now=SNAPSHOT).context, root)
    assert "# Vos données personnelles" in blank.markdown
    assert "Délégué à la protection des données de l'ARS de Corse" in blank.markdown.replace("\\", "")
    assert "2 ans après la fin du programme" in blank.markdown
