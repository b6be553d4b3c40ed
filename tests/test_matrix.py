"""acia matrix end to end on both instances, and the scoring of each criterion."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import UTC, datetime, timedelta
from fractions import Fraction

import pytest
from conftest import CASES, REPO, build_instance, run_cli

from acia.load import yamlsource
from acia.load.documents import Document
from acia.model import selection
from acia.model.application import build_application
from acia.model.programme import build_programme
from acia.model.selection import Candidate, Constraints, propose

START = datetime(2023, 6, 1, tzinfo=UTC)


def _copy(tmp_path, source):
    root = tmp_path / "instance"
    shutil.copytree(source / "data", root / "data")
    shutil.copytree(REPO / "schemas", root / "schemas")
    return root


@pytest.fixture
def corse(tmp_path):
    return _copy(tmp_path, REPO)


def test_corse_matrix_text(corse):
    code, out, err = run_cli("matrix", "--root", str(corse), "--maintenant", "2023-08-01")
    assert code == 0, err
    assert "Contraintes : au plus 4 organismes gestionnaires ; au moins 1 OG sous financement « Assurance maladie (crédits gérés par l'ARS) »." in out
    assert "Contraintes appliquées" not in out and "ATTENTION" not in out
    # Coverage counts 12,5 points per sector (data/programme.yml): U Ponte brings a sector no other proposed application covers.
    assert (
        "Couverture des secteurs : chaque secteur couvert ajoute 12,50 points au total des scores de la sélection ; "
        "la proposition couvre 3 secteurs (Personnes âgées, Personnes handicapées, Personnes confrontées à des difficultés spécifiques), soit 37,50 points.\n"
    ) in out
    assert "Proposition : Association Lisula (fictive), Association Santé à domicile Pumonte (fictive), Fondation U Sole (fictive), Association U Ponte (fictive)" in out
    assert (
        "- Association U Ponte (fictive) (og-2b-association-u-ponte) — proposée : score 77,08, 6e sur 8 candidatures éligibles ; retenue pour la couverture des secteurs : "
        "elle apporte le secteur « Personnes confrontées à des difficultés spécifiques », qu'aucune autre candidature proposée ne couvre, soit 12,50 points de couverture\n"
    ) in out
    assert (
        "- Fondation Castagniccia Solidarité (fictive) (og-2b-fondation-castagniccia) — liste d'attente n° 1 : écartée malgré son score 88,89 : la meilleure sélection qui la comprend totalise 402,08 points, "
        "dont 25,00 pour la couverture des secteurs (sans « Personnes confrontées à des difficultés spécifiques »), contre 402,78 points, dont 37,50 pour la couverture, "
        "pour la proposition (au plus 4 organismes gestionnaires ; au moins 1 OG sous financement « Assurance maladie (crédits gérés par l'ARS) »)\n"
    ) in out
    assert "écrit : " in err


def test_corse_matrix_json_contract(corse):
    code, out, _ = run_cli("matrix", "--root", str(corse), "--format", "json", "--maintenant", "2023-08-01")
    assert code == 0
    data = json.loads(out)
    assert data["proposition"] == ["og-2b-association-lisula", "og-2a-sante-domicile-pumonte", "og-2a-fondation-u-sole", "og-2b-association-u-ponte"]
    assert data["liste_attente"] == ["og-2b-fondation-castagniccia", "og-2b-balagna-anziani", "og-2a-a-casa-di-i-zitelli", "og-2a-ornano-enfance"]
    assert data["couverture_secteurs"].endswith("la proposition couvre 3 secteurs (Personnes âgées, Personnes handicapées, Personnes confrontées à des difficultés spécifiques), soit 37,50 points.")
    rows = {row["id"]: row for row in data["classement"]}
    assert set(rows) == set(data["proposition"]) | set(data["liste_attente"])
    first = rows["og-2b-association-lisula"]
    assert first["eligible"] is True and first["score"] == 97.9167
    assert {criterion["id"] for criterion in first["criteres"]} == {
        "axe2-dui-services-socles", "axe2-esms-numerique-sons", "axe2-pouvoir-agir", "commun-fenetre-depot",
        "commun-qualite-candidature", "commun-equipe-projet", "commun-financement-am", "commun-trois-etablissements",
    }  # fmt: skip
    quality = next(c for c in first["criteres"] if c["id"] == "commun-qualite-candidature")
    assert quality["detail"] == "2,50 sur 3 (moyenne de 2 évaluations, écart 2,0 à 3,0)"
    late = next(c for c in rows["og-2b-balagna-anziani"]["criteres"] if c["id"] == "commun-fenetre-depot")
    assert late["valeur"] == 0  # accepted by derogation, but outside the deposit window
    assert json.loads((corse / "build/selection/proposition.json").read_text(encoding="utf-8")) == data


def test_outputs_are_byte_identical_between_runs(corse):
    run_cli("matrix", "--root", str(corse), "--maintenant", "2023-08-01")
    first = {p.name: p.read_bytes() for p in (corse / "build/selection").iterdir()}
    run_cli("matrix", "--root", str(corse), "--maintenant", "2023-08-01")
    second = {p.name: p.read_bytes() for p in (corse / "build/selection").iterdir()}
    assert first == second
    assert set(first) == {"matrice.csv", "matrice.ods", "matrice.xlsx", "proposition.json", "scores.svg"}


def test_cached_matrix_files_are_the_fresh_ones_and_follow_the_scores(corse):
    """The spreadsheets and the chart kept in build/.cache/selection equal files made from nothing, before and after a score changes."""

    def outputs() -> dict[str, bytes]:
        code, _, err = run_cli("matrix", "--root", str(corse), "--maintenant", "2023-08-01")
        assert code == 0, err
        return {p.name: p.read_bytes() for p in (corse / "build/selection").iterdir()}

    first = outputs()
    assert len(list((corse / "build/.cache/selection").glob("*/*"))) == 3  # ODS, XLSX, SVG
    evaluation = sorted((corse / "data" / "evaluations").glob("*.yml"))[0]
    text = evaluation.read_text(encoding="utf-8")
    changed = text.replace(": 3\n", ": 2\n", 1) if ": 3\n" in text else text.replace(": 2\n", ": 3\n", 1)
    assert changed != text
    evaluation.write_text(changed, encoding="utf-8")
    through_cache = outputs()
    shutil.rmtree(corse / "build")
    fresh = outputs()
    assert through_cache == fresh
    assert through_cache["matrice.ods"] != first["matrice.ods"] and through_cache["scores.svg"] != first["scores.svg"]
    evaluation.write_text(text, encoding="utf-8")
    assert outputs() == first


def test_xlsx_has_frozen_header_and_numbers(corse):
    import openpyxl

    run_cli("matrix", "--root", str(corse), "--maintenant", "2023-08-01")
    sheet = openpyxl.load_workbook(corse / "build/selection/matrice.xlsx").active
    assert sheet.title == "Matrice" and sheet.freeze_panes == "B2"
    assert sheet["A1"].value == "Candidature" and sheet["A2"].value == "og-2b-association-lisula"
    header = [cell.value for cell in sheet[1]]
    total = sheet.cell(row=2, column=header.index("Score total (sur 100)") + 1)
    assert total.value == pytest.approx(97.9167) and total.number_format == "0.00"
    assert sheet.max_row == 9


def test_ods_has_frozen_header_and_numbers(corse):
    from odf import config, table, text
    from odf.opendocument import load

    run_cli("matrix", "--root", str(corse), "--maintenant", "2023-08-01")
    document = load(str(corse / "build/selection/matrice.ods"))
    rows = document.spreadsheet.getElementsByType(table.TableRow)
    first_cells = rows[0].getElementsByType(table.TableCell)
    assert str(first_cells[0].getElementsByType(text.P)[0]) == "Candidature"
    numbers = [cell for cell in rows[1].getElementsByType(table.TableCell) if cell.getAttribute("valuetype") == "float"]
    assert numbers and str(numbers[-1].getElementsByType(text.P)[0]) == "97,92"
    settings = {item.getAttribute("name"): str(item) for item in document.settings.getElementsByType(config.ConfigItem)}
    assert settings["VerticalSplitPosition"] == "1" and settings["VerticalSplitMode"] == "2"


def test_svg_chart_is_in_french(corse):
    run_cli("matrix", "--root", str(corse), "--maintenant", "2023-08-01")
    svg = (corse / "build/selection/scores.svg").read_text(encoding="utf-8")
    for label in ("Score (sur 100)", "proposée", "liste d'attente", "Association Lisula (fictive)", "97,92"):
        assert label in svg.replace("&#39;", "'")
    assert "og-2b-association-lisula" not in svg  # applications by their organisme's name
    assert "<dc:date>" not in svg


def test_csv_opens_in_french_spreadsheets(corse):
    code, out, _ = run_cli("matrix", "--root", str(corse), "--format", "csv", "--maintenant", "2023-08-01")
    assert code == 0
    written = (corse / "build/selection/matrice.csv").read_bytes()
    assert written.startswith(b"\xef\xbb\xbf")  # BOM: Excel then reads UTF-8
    rows = list(csv.reader(io.StringIO(out), delimiter=";"))
    assert rows[0][:5] == ["Candidature", "Organisme gestionnaire", "Axe", "Secteurs", "Éligible"]
    # Criteria by their short label, the axe and the sectors by their labels: a person reads the matrix.
    assert "Implication des salariés (noté, poids 1)" in rows[0] and "Fenêtre de dépôt (calculé, poids 1)" in rows[0]
    assert rows[1][2:4] == ["Construction d'usages partagés", "Personnes handicapées"]
    assert rows[0][-3:] == ["Score total (sur 100)", "Proposition", "Motif"]
    assert rows[1][0] == "og-2b-association-lisula" and rows[1][-3] == "97,92" and rows[1][-2] == "proposée"
    assert len(rows) == 9


def test_ineligible_application_is_never_proposed(corse):
    (corse / "data/derogations.yml").unlink()
    code, out, err = run_cli("matrix", "--root", str(corse), "--format", "json", "--maintenant", "2023-08-01")
    assert code == 0
    data = json.loads(out)
    row = next(r for r in data["classement"] if r["id"] == "og-2b-balagna-anziani")
    assert row["eligible"] is False
    assert row["motifs"][0].startswith("rejetée par acia valider (ACIA306 : candidature reçue 2 jours et 9 h après la date limite")
    assert "og-2b-balagna-anziani" not in data["proposition"] + data["liste_attente"]
    assert "erreur(s) de validation" in err


def test_idf_relaxes_the_minimum_and_says_so(tmp_path):
    """4 to 8 structures, 3 applications: the minimum is lowered to 3, not dropped, and the text says so."""
    root = _copy(tmp_path, REPO / "examples" / "idf-2021")
    code, out, _ = run_cli("matrix", "--root", str(root), "--format", "json", "--maintenant", "2021-12-01")
    assert code == 0
    data = json.loads(out)
    assert len(data["proposition"]) == 3
    assert data["limites_du_programme"] == ["au plus 8 organismes gestionnaires", "au moins 4 organismes gestionnaires"]
    assert data["contraintes_appliquees"] == ["au plus 8 organismes gestionnaires", "au moins 3 organismes gestionnaires"]
    assert data["contraintes_relachees"] == [
        {
            "limite": "organismes_gestionnaires_min",
            "minimum_du_programme": 4,
            "minimum_applique": 3,
            "explication": "minimum de 4 organismes gestionnaires ramené à 3 : seules 3 candidatures sont éligibles",
        }
    ]
    assert data["alertes"][1] == "Minimum de 4 organismes gestionnaires ramené à 3 : seules 3 candidatures sont éligibles."
    code, out, _ = run_cli("matrix", "--root", str(root), "--maintenant", "2021-12-01")
    assert code == 0
    assert "Contraintes : au plus 8 organismes gestionnaires ; au moins 4 organismes gestionnaires.\n" in out
    assert "Contraintes appliquées à la proposition : au plus 8 organismes gestionnaires ; au moins 3 organismes gestionnaires.\n" in out
    assert "ATTENTION : Minimum de 4 organismes gestionnaires ramené à 3 : seules 3 candidatures sont éligibles.\n" in out


def test_matrix_without_programme_exits_1(tmp_path):
    code, out, err = run_cli("matrix", "--root", str(tmp_path))
    assert code == 1
    assert "[ACIA009]" in out and "data/programme.yml est invalide" in err


@pytest.mark.parametrize(
    ("old", "new", "scored"),
    [
        pytest.param("mode: manuel, echelle: {min: 0, max: 3}", "mode: manuel", {"commun-critere"}, id="manuel-sans-echelle"),
        pytest.param("echelle: {min: 0, max: 3}", "echelle: {min: 3, max: 3}", {"commun-critere"}, id="echelle-vide"),
        pytest.param("calcul: {financement_parmi: [assurance_maladie]}", "calcul: {couverture_secteurs: [PA]}", {"axe1-critere"}, id="automatique-sur-la-selection"),
        pytest.param("controle: {secteur_eligible: true}", "controle: {couverture_secteurs: [PA]}", {"axe1-critere", "commun-critere"}, id="eligibilite-sur-la-selection"),
    ],
)
def test_a_criterion_acia407_rejects_is_left_out_of_the_scores(tmp_path, old, new, scored):
    """A badly defined criterion never crashes validate or the matrix: ACIA407 reports it and the scores leave it out."""
    root = build_instance(tmp_path / "instance", CASES / "ACIA312" / "ok")  # og-test-a (axe 1), with a note on axe1-critere
    programme = root / "data/programme.yml"
    text = programme.read_text(encoding="utf-8")
    assert old in text
    programme.write_text(text.replace(old, new), encoding="utf-8")
    code, out, _ = run_cli("validate", "--root", str(root), "--format", "json", "--maintenant", "2023-08-01")
    assert code == 1 and "ACIA407" in {finding["rule"] for finding in json.loads(out)["findings"]}
    code, out, err = run_cli("matrix", "--root", str(root), "--format", "json", "--maintenant", "2023-08-01")
    assert code == 0, err
    [row] = json.loads(out)["classement"]
    assert row["id"] == "og-test-a" and row["eligible"] is True
    assert {criterion["id"] for criterion in row["criteres"]} == scored


# --- criteria ---------------------------------------------------------------


@pytest.fixture(scope="module")
def programme():
    return build_programme(yamlsource.parse((REPO / "data/programme.yml").read_text(encoding="utf-8")).data)


@pytest.fixture
def application():
    return yamlsource.parse((REPO / "data/applications/og-2a-fondation-u-sole.yml").read_text(encoding="utf-8")).data


def computed(calcul, data, programme, on_time):
    """A criterion on the application as its form is written (the tests change that dict)."""
    return selection.computed(calcul, build_application(Document("application", "data/applications/og-2a-fondation-u-sole.yml", data)), programme, on_time)


def test_funding_criterion(programme, application):
    assert computed({"financement_parmi": ["assurance_maladie", "ars"]}, application, programme, True)
    application["financement"] = ["conseil_departemental"]
    assert not computed({"financement_parmi": ["assurance_maladie", "ars"]}, application, programme, True)


def test_deadline_criterion(programme, application):
    assert computed({"dans_les_delais": True}, application, programme, True)
    assert not computed({"dans_les_delais": True}, application, programme, False)


def test_team_criterion(programme, application):
    assert computed({"equipe_complete": True}, application, programme, True)
    team = application["etablissements"][0].pop("equipe_projet")
    application["equipe_projet"] = team  # the programme forms a team in each établissement, not one for the OG
    assert not computed({"equipe_complete": True}, application, programme, True)
    application["etablissements"][0]["equipe_projet"] = [member for member in application.pop("equipe_projet") if member["role"] != "manager"]
    assert not computed({"equipe_complete": True}, application, programme, True)
    application["etablissements"][0]["equipe_projet"] = [{**member, "pilote": False} for member in team]
    assert not computed({"equipe_complete": True}, application, programme, True)


def test_etablissements_criterion(programme, application):
    assert computed({"etablissements_au_plus": 1}, application, programme, True)
    application["etablissements"] = application["etablissements"] * 2
    assert not computed({"etablissements_au_plus": 1}, application, programme, True)


def test_sector_and_engagement_checks(programme, application):
    assert computed({"secteur_eligible": True}, application, programme, True)
    application["etablissements"][0]["secteur"] = "sanitaire"
    assert not computed({"secteur_eligible": True}, application, programme, True)
    application["engagements"]["representants_personnel"] = False
    assert not computed({"engagements_requis": True}, application, programme, True)


def test_field_conditions(programme, application):
    sons = {"toutes": [{"champ": "numerique.souhaite_bon_commande_sons", "egal": True}, {"champ": "numerique.esms_numerique", "egal": False}]}
    assert computed(sons, application, programme, True)
    application["numerique"]["esms_numerique"] = True
    assert not computed(sons, application, programme, True)
    tools = {"une_parmi": [{"champ": "numerique.outils", "contient_un_de": ["dui", "dmp"]}]}
    assert computed(tools, application, programme, True)
    application["numerique"]["outils"] = ["telemedecine"]
    assert not computed(tools, application, programme, True)
    assert not computed({"une_parmi": [{"champ": "numerique.inexistant", "egal": True}]}, application, programme, True)


def _candidate(identifier, total, fundings=(), sectors=("PA",), hours=0):
    return Candidate(identifier, identifier, "axe-1", START + timedelta(hours=hours), frozenset(fundings), frozenset(sectors), 1, True, (), (), Fraction(total))


def test_explanations_name_the_constraint_and_the_tie_break():
    candidates = [
        _candidate("og-haut", 90, ("conseil_departemental",)),
        _candidate("og-am", 50, ("assurance_maladie",), hours=1),
        _candidate("og-egal", 50, ("assurance_maladie",), hours=2),
    ]
    proposal = propose(candidates, Constraints(0, 1, 0, None, (("assurance_maladie", 1),), (), (("assurance_maladie", "Assurance maladie"),)))
    assert proposal.selected == ("og-am",)
    assert proposal.explanations["og-haut"] == "liste d'attente n° 1 : écartée : la contrainte « au moins 1 OG sous financement « Assurance maladie » » impose de retenir og-am"
    assert "ex æquo avec og-am (score 50,00), à égalité aussi de nombre d'OG (1) ; départagée par l'ordre de réception" in proposal.explanations["og-egal"]
    assert "retenue pour respecter la contrainte « au moins 1 OG sous financement « Assurance maladie » »" in proposal.explanations["og-am"]


def test_no_funded_application_lowers_only_that_minimum():
    proposal = propose([_candidate("og-1", 10), _candidate("og-2", 20, hours=1)], Constraints(0, 4, 0, None, (("assurance_maladie", 1),), ()))
    assert proposal.selected == ("og-2", "og-1")
    assert [relaxation.text for relaxation in proposal.relaxed] == ["minimum de 1 OG sous financement « assurance_maladie » ramené à 0 : aucune candidature éligible n'en relève"]
    assert proposal.constraints.fundings == (("assurance_maladie", 0),) and proposal.limits.fundings == (("assurance_maladie", 1),)
