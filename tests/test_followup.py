"""Follow-up of the retained structures: loading, progress against the RACI, calendars, pages and report."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import yaml
from conftest import REPO, SNAPSHOT, build_site, copy_shipped, count_followup, page_source, pdf_text, run_cli

from acia.check import check_instance, validate

# Builds sites or documents, or runs other programs: left out of « tasks.py test --rapide ».
pytestmark = pytest.mark.acceptance

SUIVI = REPO / "data" / "suivi"
RETAINED = ["og-2a-fondation-u-sole", "og-2a-sante-domicile-pumonte", "og-2b-association-lisula", "og-2b-association-u-ponte"]


def _yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def context():
    checked = check_instance(REPO, now=SNAPSHOT)
    return checked.report, checked.context


# --- the shipped data ----------------------------------------------------------


def test_shipped_followup_shows_exactly_the_missing_minutes(context):
    report, _ = context
    assert report.errors == 0
    assert [(finding.rule, finding.file) for finding in report.findings] == [("ACIA505", "data/suivi/og-2a-sante-domicile-pumonte/reunions.yml")]
    assert "copil-3" in report.findings[0].message


def test_every_retained_structure_has_a_followup_folder(context):
    _, built = context
    assert sorted(built.followup.structures) == RETAINED
    for structure_id in RETAINED:
        assert (SUIVI / structure_id / "reunions.yml").is_file()


def test_planned_figures_come_from_the_raci(context):
    _, built = context
    for structure in built.followup.structures.values():
        assert structure.planned_hours == (26 if structure.axe == "axe-1" else 24)
        assert [step.planned_days for step in structure.steps] == [2, 6, 2]
        assert [step.planned_hours for step in structure.steps] == ([6, 12, 8] if structure.axe == "axe-1" else [6, 12, 6])


@pytest.mark.parametrize("structure_id", RETAINED)
def test_held_hours_and_days_match_ancount_followup(context, structure_id):
    _, built = context
    structure = built.followup.structures[structure_id]
    hours, days = count_followup(structure_id, structure.axe, SNAPSHOT)
    assert structure.held_hours == hours
    assert {step.step.number: step.days for step in structure.steps if step.days} == days


def test_recommendations_answered_after_the_arbitrage_and_pending_before(context):
    _, built = context
    lisula = built.followup.structures["og-2b-association-lisula"]
    assert lisula.arbitrage is not None and lisula.arbitrage <= SNAPSHOT
    assert lisula.recommendations and lisula.answered == len(lisula.recommendations)
    assert {item.answer for item in lisula.recommendations} == {"acceptee", "refusee", "reportee"}
    sole = built.followup.structures["og-2a-fondation-u-sole"]
    assert sole.arbitrage is not None and sole.arbitrage > SNAPSHOT
    assert any(item.answer is None for item in sole.recommendations)


def test_unanswered_recommendation_is_reported_once_the_arbitrage_is_past():
    after = SNAPSHOT.replace(year=2024, month=1, day=5)
    report = validate(REPO, now=after)
    pending = [finding for finding in report.findings if finding.rule == "ACIA508"]
    assert pending and {finding.file for finding in pending} == {"data/suivi/og-2a-fondation-u-sole/recommandations.yml"}
    assert report.errors == 0  # time alone never makes CI fail


def test_grace_period_comes_from_the_programme(tmp_path):
    root = copy_shipped(tmp_path)
    path = root / "data" / "programme.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("delai_compte_rendu_jours: 15", "delai_compte_rendu_jours: 60"), encoding="utf-8")
    assert [finding.rule for finding in validate(root, now=SNAPSHOT).findings] == []


def test_done_deliverables_have_their_files(context):
    _, built = context
    for structure in built.followup.structures.values():
        for item in structure.deliverables:
            if item.done:
                assert item.file and (SUIVI / structure.id / item.file).is_file()
    diagnostic = next(item for item in built.followup.structures["og-2a-fondation-u-sole"].deliverables if item.id == "diagnostic")
    assert diagnostic.done and set(diagnostic.dimensions) == {"sante", "efficacite", "metier"}


# --- calendars -------------------------------------------------------------------


def _events(path: Path) -> dict:
    from icalendar import Calendar

    return {str(event["uid"]): event for event in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


def test_structure_calendar_holds_its_meetings_and_the_collective_times(shipped_sites):
    _, built = shipped_sites
    events = _events(built["interne"] / "calendriers" / "og-2a-fondation-u-sole.ics")
    own = _yaml(SUIVI / "og-2a-fondation-u-sole" / "reunions.yml")["reunions"]
    programme = _yaml(REPO / "data" / "programme.yml")
    levels = {body["id"]: body["niveau"] for body in programme["instances"]}
    shared = [item for item in _yaml(SUIVI / "collectif" / "reunions.yml")["reunions"] if levels[item["instance"]] == "inter_structures"]
    expected = {f"og-2a-fondation-u-sole-{item['id']}@acia-corse-2023.acia": item for item in own} | {f"collectif-{item['id']}@acia-corse-2023.acia": item for item in shared}
    assert set(events) == set(expected)
    for uid, item in expected.items():
        assert events[uid].decoded("dtstart") == datetime.fromisoformat(item["debut"])
        assert events[uid].decoded("dtend") - events[uid].decoded("dtstart") == timedelta(hours=item["duree_heures"])
    copil = events["og-2a-fondation-u-sole-copil-2@acia-corse-2023.acia"]
    assert str(copil["summary"]) == "COPIL 2"
    names = {member["nom"] for etablissement in _yaml(REPO / "data/applications/og-2a-fondation-u-sole.yml")["etablissements"] for member in etablissement["equipe_projet"]}
    text = (built["interne"] / "calendriers" / "og-2a-fondation-u-sole.ics").read_text(encoding="utf-8")
    assert not [name for name in names if name in text]  # calendars carry no names


def test_calendar_uids_are_stable_when_a_meeting_moves(tmp_path):
    root = copy_shipped(tmp_path)
    first = _events(build_site(root, "interne", run_builder=False) / "calendriers" / "collectif.ics")
    path = root / "data" / "suivi" / "collectif" / "reunions.yml"
    data = _yaml(path)
    moved = next(item for item in data["reunions"] if datetime.fromisoformat(item["debut"]) > SNAPSHOT)
    old = moved["debut"]
    new = (datetime.fromisoformat(old) + timedelta(days=1)).isoformat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    second = _events(build_site(root, "interne", run_builder=False) / "calendriers" / "collectif.ics")
    assert set(second) == set(first)
    uid = f"collectif-{moved['id']}@acia-corse-2023.acia"
    assert second[uid].decoded("dtstart") == first[uid].decoded("dtstart") + timedelta(days=1)


def test_calendars_are_byte_identical_between_builds(tmp_path):
    root = copy_shipped(tmp_path)
    site = build_site(root, "interne", run_builder=False)
    before = {path.name: path.read_bytes() for path in (site / "calendriers").glob("*.ics")}
    site = build_site(copy_shipped(tmp_path / "elsewhere"), "interne", run_builder=False)
    assert {path.name: path.read_bytes() for path in (site / "calendriers").glob("*.ics")} == before
    assert sorted(before) == sorted(["collectif.ics"] + [f"{structure}.ics" for structure in RETAINED])


# --- pages -----------------------------------------------------------------------


def _text(site: Path, page: str) -> str:
    return page_source(site / page)


def _lessons() -> list[dict]:
    found = []
    for path in sorted(SUIVI.glob("*/comptes-rendus/*.md")):
        header = path.read_text(encoding="utf-8").split("\n---\n", 1)[0].removeprefix("---\n")
        found += (yaml.safe_load(header) or {}).get("enseignements", [])
    return found


def test_capitalisation_page_publishes_shareable_lessons_only(shipped_sites):
    _, built = shipped_sites
    page = re.sub(r"\s+", " ", _text(built["public"], "capitalisation/index.html").replace("&#39;", "'").replace("&rsquo;", "'"))
    lessons = _lessons()
    shared = [lesson for lesson in lessons if lesson["partageable"]]
    private = [lesson for lesson in lessons if not lesson["partageable"]]
    assert shared and private
    for lesson in shared:
        assert " ".join(lesson["texte"].split()) in page, lesson["texte"]
    for lesson in private:
        assert " ".join(lesson["texte"].split()) not in page
    for heading in ("Implémentation d'un nouvel outil", "Construction d'usages partagés", "Obstacles", "Leviers"):
        assert heading in page


def test_public_site_has_figures_but_no_meeting_details(shipped_sites):
    _, built = shipped_sites
    site = built["public"]
    page = _text(site, "dossiers/og-2b-association-lisula/index.html")
    assert "Avancement de l'accompagnement" in page and "Heures de réunion du RACI tenues" in page
    assert "Recommandations des groupes de travail" not in page and "Réunions</h2>" not in page
    assert not (site / "suivi").exists() and not (site / "dossiers" / "og-2b-association-lisula" / "comptes-rendus").exists()
    assert sorted(path.name for path in (site / "calendriers").glob("*")) == ["collectif.ics"]
    assert "Temps collectif (réunion inter-structures) et comité de suivi" in _text(site, "calendrier/index.html")


def test_structure_site_has_its_minutes_and_deliverables_only(shipped_sites):
    _, built = shipped_sites
    site = built["structure:og-2a-fondation-u-sole"]
    page = _text(site, "dossiers/og-2a-fondation-u-sole/index.html")
    assert "Recommandations des groupes de travail" in page and "Livrables" in page
    minutes = sorted(path.parent.name for path in (site / "dossiers" / "og-2a-fondation-u-sole" / "comptes-rendus").glob("*/index.html"))
    expected = sorted(path.stem for path in (SUIVI / "og-2a-fondation-u-sole" / "comptes-rendus").glob("*.md"))
    assert minutes == expected
    assert not any((site / "dossiers" / other).exists() for other in RETAINED if other != "og-2a-fondation-u-sole")
    assert sorted(path.name for path in (site / "calendriers").glob("*")) == ["collectif.ics", "og-2a-fondation-u-sole.ics"]
    assert 'href="../calendriers/og-2a-fondation-u-sole.ics"' in page.replace("../../calendriers", "../calendriers")


def test_internal_dashboard_lists_every_structure(shipped_sites):
    _, built = shipped_sites
    page = _text(built["interne"], "suivi/index.html")
    for structure in ("Fondation U Sole", "Association Lisula", "Association U Ponte", "Association Santé à domicile Pumonte"):
        assert structure in page
    assert "Document interne" in page and "12 décembre 2023" in page
    axes = {structure: _yaml(REPO / "data" / "applications" / f"{structure}.yml")["axe"] for structure in RETAINED}
    held = sum(count_followup(structure, axe, SNAPSHOT)[0] for structure, axe in axes.items())
    planned = sum(26 if axe == "axe-1" else 24 for axe in axes.values())
    total = re.search(r"<strong>Programme</strong>.*?</tr>", page, flags=re.S).group(0)
    assert f"{held:g}".replace(".", ",") + f" h / {planned} h" in total


def test_minutes_markup_stays_inert(tmp_path):
    root = copy_shipped(tmp_path)
    minutes = sorted((root / "data" / "suivi" / "og-2a-fondation-u-sole" / "comptes-rendus").glob("*.md"))[0]
    probe = '\n<script>alert(1)</script>\n\n[piège](javascript:alert(2))\n\n## Titre {: onclick="alert(3)" }\n\n**gras gardé**\n'
    minutes.write_text(minutes.read_text(encoding="utf-8") + probe, encoding="utf-8")
    site = build_site(root, "structure:og-2a-fondation-u-sole")
    page = _text(site, f"dossiers/og-2a-fondation-u-sole/comptes-rendus/{minutes.stem}/index.html")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert "javascript:" not in page and not re.search(r"<[^>]*\sonclick=", page)
    assert "<strong>gras gardé</strong>" in page


# --- documents -------------------------------------------------------------------


def test_followup_report_states_every_structure(tmp_path):
    root = copy_shipped(tmp_path)
    code, out, err = run_cli("documents", "--root", str(root), "--format", "pdf", "--maintenant", SNAPSHOT.isoformat())
    assert code == 0, err
    pdf = root / "build" / "documents" / "rapport-comite-suivi.pdf"
    text = " ".join(pdf_text(pdf).split())  # justified lines are laid out with wider spaces
    assert "Rapport au comité de suivi" in text and "12 décembre 2023" in text
    for structure in ("Fondation U Sole", "Association Lisula", "Association U Ponte", "Pumonte"):
        assert structure in text
    assert "Comptes rendus en retard" in text  # pumonte's COPIL 3


# --- loading ---------------------------------------------------------------------


def test_front_matter_errors_point_at_the_file_line(instance):
    folder = instance / "data" / "suivi" / "collectif" / "comptes-rendus"
    folder.mkdir(parents=True)
    (folder / "tc-1.md").write_text("---\nredige_par: aract\nredige_le: 2023-13-45\n---\n# Compte rendu\n", encoding="utf-8")
    (folder / "tc-2.md").write_text("---\nredige_par: aract\n# jamais fermé\n", encoding="utf-8")
    (folder / "tc-3.markdown").write_text("# texte\n", encoding="utf-8")
    (instance / "data" / "suivi" / "collectif" / "notes.docx").write_bytes(b"PK")
    findings = {(finding.rule, finding.file.rsplit("/", 1)[-1], finding.line) for finding in validate(instance, now=SNAPSHOT).findings}
    assert ("ACIA105", "tc-1.md", 3) in findings  # bad date, on line 3 of the file
    assert ("ACIA003", "tc-2.md", 1) in findings
    assert ("ACIA006", "tc-3.markdown", 1) in findings
    assert ("ACIA007", "notes.docx", 1) in findings


def test_deliverable_files_of_any_kind_are_accepted(instance):
    folder = instance / "data" / "suivi" / "og-test-a" / "livrables"
    folder.mkdir(parents=True)
    (folder / "diagnostic.pdf").write_bytes(b"%PDF-1.4 binaire")
    assert not [finding for finding in validate(instance, now=SNAPSHOT).findings if finding.rule in ("ACIA001", "ACIA007")]
