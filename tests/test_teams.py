"""Project teams: one per établissement with its pilot (Corse: « dans chaque ESMS »), or one per organisme gestionnaire (the IdF trinôme).

The shipped Association Lisula engages two établissements (IME and ESAT),
each with its team and its pilot, and a joint COPIL that gathers the two
pilots under a coordinator: it validates, its dossier shows both teams,
its meetings name the établissement they concern and their pilots, and its
lettre d'engagement names both pilots.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import REPO, SNAPSHOT, build_site, copy_shipped, pdf_text

from acia.check import check_instance
from acia.letters import documents
from acia.model.followup import meeting_pilots
from acia.model.selection import computed

LISULA = "og-2b-association-lisula"
LISULA_FILE = f"data/applications/{LISULA}.yml"
IME, ESAT = "2B0007494", "2B0007569"
IDF = REPO / "examples" / "idf-2021"


def _edit(root: Path, rel: str, change) -> None:
    path = root / rel
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    path.write_text(first + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _fired(root: Path, rule: str, now=SNAPSHOT) -> list:
    return [finding for finding in check_instance(root, now=now).report.findings if finding.rule == rule]


@pytest.fixture(scope="module")
def corse():
    checked = check_instance(REPO, now=SNAPSHOT)
    assert checked.report.ok, [finding for finding in checked.report.findings if finding.is_error]
    return checked


def test_each_etablissement_has_its_team_and_its_pilot(corse):
    programme = corse.context.model.programme
    assert programme.team.per_etablissement
    application = corse.context.model.application(LISULA)
    assert application.og_team is None
    teams = {team.etablissement.name: team for team in application.teams}
    assert list(teams) == ["IME Lisula (fictif)", "ESAT Lisula (fictif)"]
    assert teams["IME Lisula (fictif)"].pilot.person.full_name == "Thomas Filippi"
    assert teams["ESAT Lisula (fictif)"].pilot.person.full_name == "Julie Vincentelli"
    mandatory = {role.id for role in programme.team.roles if role.mandatory}
    assert all(mandatory <= team.roles for team in application.teams)
    assert application.coordination.joint_copil and application.coordination.coordinator.person.full_name == "Thomas Filippi"
    assert computed({"equipe_complete": True}, application, programme, True)


def test_a_meeting_concerns_the_etablissement_it_names_or_all_of_them(corse):
    followup = corse.context.followup
    structure = followup.structures[LISULA]
    application = structure.application
    notes = followup.meeting(LISULA, "gt-notes-suivi-2")
    assert notes.etablissement == IME and [etablissement.name for etablissement in structure.etablissements_of(notes)] == ["IME Lisula (fictif)"]
    assert [pilot.person.full_name for pilot in meeting_pilots(application, notes)] == ["Thomas Filippi"]  # « animee_par: pilote »
    copil = followup.meeting(LISULA, "copil-1")
    assert copil.etablissement is None  # the joint COPIL of the two pilots
    assert [pilot.person.full_name for pilot in structure.pilots_of(copil)] == ["Thomas Filippi", "Julie Vincentelli"]
    collective = followup.meeting("collectif", "temps-collectif-1")
    assert structure.etablissements_of(collective) == () and structure.pilots_of(collective) == ()


def test_the_dossier_shows_one_team_per_etablissement_and_the_coordination(tmp_path):
    root = copy_shipped(tmp_path)
    docs = build_site(root, f"structure:{LISULA}", run_builder=False)
    dossier = (docs / "dossiers" / f"{LISULA}.md").read_text(encoding="utf-8")
    team_part = dossier[dossier.index("## Équipes projet") : dossier.index("## Avancement")]
    assert team_part.index("### IME Lisula \\(fictif\\)") < team_part.index("Pilote de projet : **Thomas Filippi**") < team_part.index("### ESAT Lisula \\(fictif\\)")
    assert team_part.index("### ESAT Lisula \\(fictif\\)") < team_part.index("Pilote de projet : **Julie Vincentelli**") < team_part.index("### Coordination des pilotes")
    assert "Le comité de pilotage de l'organisme gestionnaire réunit les pilotes de projet de ses établissements." in team_part
    assert "Coordination des pilotes : Thomas Filippi, Référent numérique du siège" in team_part
    meetings = dossier[dossier.index("## Réunions") : dossier.index("## Livrables")]
    assert "Pilotes de projet : Thomas Filippi \\(IME Lisula \\(fictif\\)\\) et Julie Vincentelli \\(ESAT Lisula \\(fictif\\)\\)." in meetings
    assert "| Établissement | Pilote de projet |" in meetings
    notes = next(line for line in meetings.splitlines() if "gt-notes-suivi-2.md" in line)
    assert "| IME Lisula \\(fictif\\) | Thomas Filippi |" in notes
    copil = next(line for line in meetings.splitlines() if "copil-1.md" in line)
    assert "| IME Lisula \\(fictif\\) et ESAT Lisula \\(fictif\\) \\(réunion commune\\) |" in copil
    minutes = (docs / "dossiers" / LISULA / "comptes-rendus" / "gt-notes-suivi-2.md").read_text(encoding="utf-8")
    assert "Concerne : IME Lisula \\(fictif\\)." in minutes and "Pilote de projet : Thomas Filippi." in minutes
    public = build_site(root, "public", run_builder=False)
    published = "\n".join(path.read_text(encoding="utf-8") for path in public.rglob("*.md"))
    for name in ("Vincentelli", "Filippi", "Cristofari", "Pilote de projet : **"):
        assert name not in published


def test_the_lettre_d_engagement_names_the_pilot_of_each_etablissement(corse, tmp_path):
    (letter,) = [item for item in documents.prepare(corse.context, only=LISULA) if item.name == "lettre-engagement"]
    pdf = tmp_path / "lettre.pdf"
    documents.convert(letter, "pdf", pdf)
    text = re.sub(r"\s+", " ", pdf_text(pdf).replace("’", "'").replace("\u00a0", " ").replace("\u202f", " "))
    assert "dans chacun de ses établissements, une équipe projet" in text
    assert "le pilote de projet de l'établissement « IME Lisula (fictif) », Thomas Filippi ;" in text
    assert "le pilote de projet de l'établissement « ESAT Lisula (fictif) », Julie Vincentelli ;" in text
    assert "réunir les pilotes de projet de ses établissements en comité de pilotage commun, sous la coordination de Thomas Filippi, Référent numérique du siège ;" in text


def test_a_single_etablissement_letter_names_its_pilot(corse):
    (letter,) = [item for item in documents.prepare(corse.context, only="og-2a-fondation-u-sole") if item.name == "lettre-engagement"]
    text = " ".join(letter.markdown.split())
    assert "l'équipe projet de l'établissement « EHPAD Résidence U Sole \\(fictif\\) »" in text.replace("«\u00a0", "« ").replace("\u00a0»", " »")
    assert "conduite par son pilote de projet, Maria Santoni" in text
    assert "comité de pilotage commun" not in text


def test_a_second_pilot_or_a_missing_one_is_reported_per_etablissement(tmp_path):
    root = copy_shipped(tmp_path)

    def two_pilots_at_the_ime_none_at_the_esat(data):
        for member in data["etablissements"][0]["equipe_projet"]:
            member["pilote"] = True
        for member in data["etablissements"][1]["equipe_projet"]:
            member.pop("pilote", None)

    _edit(root, LISULA_FILE, two_pilots_at_the_ime_none_at_the_esat)
    messages = [finding.message for finding in _fired(root, "ACIA303")]
    assert sum("« IME Lisula (fictif) » désigne 5 pilotes" in message for message in messages) == 4
    assert "l'équipe projet de l'établissement « ESAT Lisula (fictif) » n'a pas de pilote (« pilote: true » sur un de ses membres)" in messages


def test_a_team_written_for_the_whole_og_is_reported_with_where_to_move_it(tmp_path):
    root = copy_shipped(tmp_path)

    def one_team_for_the_og(data):
        data["equipe_projet"] = data["etablissements"][0].pop("equipe_projet") + data["etablissements"][1].pop("equipe_projet")

    _edit(root, LISULA_FILE, one_team_for_the_og)
    findings = {finding.message: finding for finding in _fired(root, "ACIA314")}
    assert set(findings) == {
        "l'équipe projet est décrite pour tout l'organisme gestionnaire, alors que le programme en constitue une par établissement",
        "l'établissement « IME Lisula (fictif) » n'a pas d'équipe projet",
        "l'établissement « ESAT Lisula (fictif) » n'a pas d'équipe projet",
    }
    assert "sous « equipe_projet » de leur établissement" in findings["l'équipe projet est décrite pour tout l'organisme gestionnaire, alors que le programme en constitue une par établissement"].hint
    checked = check_instance(root, now=SNAPSHOT)
    application = checked.context.model.application(LISULA)
    assert not computed({"equipe_complete": True}, application, checked.context.model.programme, True)


def test_the_idf_trinome_stays_one_team_per_organisme_gestionnaire(tmp_path):
    checked = check_instance(IDF, now=SNAPSHOT)
    assert checked.report.ok
    assert not checked.context.model.programme.team.per_etablissement
    several = [application for application in checked.context.model.applications if len(application.etablissements) > 1]
    assert several and all(application.og_team is not None and len(application.teams) == 1 for application in several)
    root = copy_shipped(tmp_path, IDF)
    rel = f"data/applications/{several[0].id}.yml"

    def trinome_in_the_first_site(data):
        data["etablissements"][0]["equipe_projet"] = data.pop("equipe_projet")
        data["coordination_pilotes"] = {"copil_commun": True}

    _edit(root, rel, trinome_in_the_first_site)
    findings = _fired(root, "ACIA314")
    assert [finding.message for finding in findings] == [
        f"l'équipe projet de l'établissement « {several[0].etablissements[0].name} » est décrite à part, alors que le programme constitue une seule équipe pour l'organisme gestionnaire",
        "« coordination_pilotes » réunit les pilotes des établissements, alors que le programme constitue une seule équipe et un seul pilote",
    ]
    assert "en tête de la candidature" in findings[0].hint


def test_a_meeting_naming_an_unknown_finess_is_reported(tmp_path):
    root = copy_shipped(tmp_path)
    rel = f"data/suivi/{LISULA}/reunions.yml"
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8").replace(f'etablissement: "{IME}"', 'etablissement: "2B0009999"'), encoding="utf-8")
    (finding,) = _fired(root, "ACIA517")
    assert finding.file == rel and finding.message == "« 2B0009999 » n'est le FINESS géographique d'aucun établissement de la candidature « Association Lisula (fictive) »"
    assert f"{IME} (IME Lisula (fictif)), {ESAT} (ESAT Lisula (fictif))" in finding.hint
