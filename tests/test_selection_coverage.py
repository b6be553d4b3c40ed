"""How coverage counts is the programme's declared choice (« couverture » of its « ensemble » criterion), checked and shown.

A bad declaration gives a finding (the schema for a bad value, ACIA407 for a
key its mode needs or ignores), never a crash; the matrix then falls back to
coverage as a tie-break after the total. The rule reaches the public
programme page, and the internal selection page says what the proposal gets.
"""

from __future__ import annotations

import json

import pytest
from conftest import REPO, build_instance, build_site, run_cli

from acia.load import yamlsource
from acia.model.programme import build_programme
from acia.model.selection import COVERAGE_POINTS, constraints_of

LINE = "  - {id: commun-secteurs, libelle: Secteur non représenté, mode: ensemble, calcul: {couverture_secteurs: [PA, PH]}, couverture: {mode: lexicographique, rang: apres_score}}\n"
AUTOMATIC = "  - {id: commun-critere, libelle: Critère commun, mode: automatique, calcul: {financement_parmi: [assurance_maladie]}, poids: 1}\n"


def _with(root, line: str, automatic: str = AUTOMATIC):
    path = root / "data/programme.yml"
    text = path.read_text(encoding="utf-8")
    assert LINE in text and AUTOMATIC in text
    path.write_text(text.replace(LINE, line).replace(AUTOMATIC, automatic), encoding="utf-8")


def _findings(root) -> list[dict]:
    code, out, _ = run_cli("validate", "--root", str(root), "--format", "json", "--maintenant", "2023-08-01")
    assert code in (0, 1)
    return [finding for finding in json.loads(out)["findings"] if finding["file"] == "data/programme.yml"]


def _ensemble(couverture: str, extra: str = "") -> str:
    return f"  - {{id: commun-secteurs, libelle: Secteur non représenté, mode: ensemble, calcul: {{couverture_secteurs: [PA, PH]}}{extra}{couverture}}}\n"


TIE = "à total des scores égal, la sélection qui couvre le plus de secteurs l'emporte"
POINTS = "chaque secteur couvert ajoute 10,00 points au total des scores de la sélection"
FIRST = "la sélection qui couvre le plus de secteurs l'emporte, avant le total des scores"


@pytest.mark.parametrize(
    ("line", "automatic", "rule", "message", "counts"),
    [
        pytest.param(_ensemble(", couverture: {mode: points, points_par_secteur: -5}"), AUTOMATIC, "ACIA106", "points_par_secteur", None, id="points-negatifs"),
        pytest.param(_ensemble(", couverture: {mode: points, points_par_secteur: 0}"), AUTOMATIC, "ACIA106", "points_par_secteur", None, id="points-nuls"),
        pytest.param(_ensemble(", couverture: {mode: poids, poids: 2}"), AUTOMATIC, "ACIA104", "mode", None, id="mode-inconnu"),
        pytest.param(_ensemble(", couverture: {mode: lexicographique, rang: avant}"), AUTOMATIC, "ACIA104", "rang", None, id="rang-inconnu"),
        pytest.param(_ensemble(", couverture: {rang: avant_score}"), AUTOMATIC, "ACIA101", "mode", None, id="sans-mode"),
        pytest.param(_ensemble(""), AUTOMATIC, "ACIA407", "ne dit pas comment la couverture des secteurs compte", TIE, id="sans-couverture"),
        pytest.param(_ensemble(", couverture: {mode: points}"), AUTOMATIC, "ACIA407", "compte en points mais sans « points_par_secteur »", TIE, id="points-sans-valeur"),
        pytest.param(_ensemble(", couverture: {mode: lexicographique}"), AUTOMATIC, "ACIA407", "est lexicographique mais sans « rang »", TIE, id="lexicographique-sans-rang"),
        pytest.param(
            _ensemble(", couverture: {mode: points, points_par_secteur: 10, rang: avant_score}"),
            AUTOMATIC,
            "ACIA407",
            "son « rang » serait ignoré",
            POINTS,
            id="rang-en-mode-points",
        ),
        pytest.param(
            _ensemble(", couverture: {mode: lexicographique, rang: avant_score, points_par_secteur: 3}"),
            AUTOMATIC,
            "ACIA407",
            "ses « points_par_secteur » seraient ignorés",
            FIRST,
            id="points-en-mode-lexicographique",
        ),
        pytest.param(_ensemble(", couverture: {mode: points, points_par_secteur: 10}", ", poids: 2"), AUTOMATIC, "ACIA407", "a un poids : il serait ignoré", POINTS, id="poids"),
        pytest.param(
            LINE,
            AUTOMATIC.replace("poids: 1}", "poids: 1, couverture: {mode: points, points_par_secteur: 10}}"),
            "ACIA407",
            "elle ne vaut que pour un critère d'ensemble",
            TIE,
            id="couverture-hors-ensemble",
        ),
        pytest.param(LINE + LINE.replace("commun-secteurs", "commun-secteurs-bis"), AUTOMATIC, "ACIA407", "second critère d'ensemble", TIE, id="deux-criteres-ensemble"),
        pytest.param(LINE.replace("[PA, PH]", "[PA, PX]"), AUTOMATIC, "ACIA407", "le secteur « PX » n'existe pas", TIE, id="secteur-inconnu"),
    ],
)
def test_a_bad_coverage_declaration_is_a_finding(tmp_path, line, automatic, rule, message, counts):
    """``counts``: how the matrix then counts coverage (None: the programme fails its schema, and the matrix stops)."""
    root = build_instance(tmp_path / "instance")
    _with(root, line, automatic)
    findings = _findings(root)
    assert [finding for finding in findings if finding["rule"] == rule and message in finding["message"]], findings
    code, out, err = run_cli("matrix", "--root", str(root), "--format", "json", "--maintenant", "2023-08-01")
    assert "Traceback" not in out + err
    if counts is None:
        assert code == 1 and "data/programme.yml est invalide" in err
    else:  # what the criterion declares usably, else coverage only breaks ties
        assert code == 0, err
        assert json.loads(out)["couverture_secteurs"].startswith(f"Couverture des secteurs : {counts} ;")


@pytest.mark.parametrize(
    "couverture",
    [
        "{mode: points, points_par_secteur: 12.5}",
        "{mode: lexicographique, rang: avant_score}",
        "{mode: lexicographique, rang: apres_score}",
    ],
)
def test_each_mode_validates(tmp_path, couverture):
    root = build_instance(tmp_path / "instance")
    _with(root, _ensemble(f", couverture: {couverture}"))
    assert _findings(root) == []


def test_the_shipped_programme_counts_coverage_as_points():
    """Corse: 12,5 points per sector covered, the team's choice (the call gives no weighting)."""
    programme = build_programme(yamlsource.parse((REPO / "data/programme.yml").read_text(encoding="utf-8")).data)
    constraints = constraints_of(programme)
    assert constraints.coverage == ("PA", "PH", "PDE", "PDS")
    assert (constraints.coverage_rule.order, float(constraints.coverage_rule.points)) == (COVERAGE_POINTS, 12.5)


def test_pages_say_how_coverage_counts(tmp_path):
    root = build_instance(tmp_path / "instance")
    _with(root, _ensemble(", couverture: {mode: points, points_par_secteur: 12.5}"))
    programme = (build_site(root, "public", run_builder=False) / "programme.md").read_text(encoding="utf-8").replace("\\", "")
    assert "| Secteur non représenté | tous les axes | apprécié sur l'ensemble de la sélection : chaque secteur couvert ajoute 12,50 points au total des scores de la sélection |" in programme
    selection = (build_site(root, "interne", run_builder=False) / "selection.md").read_text(encoding="utf-8").replace("\\", "")  # Markdown escapes
    assert (
        "Couverture des secteurs : chaque secteur couvert ajoute 12,50 points au total des scores de la sélection ; la proposition couvre 1 secteur (Personnes âgées), soit 12,50 points." in selection
    )


def test_the_shipped_decision_follows_the_proposal():
    """Corse: the committee retains the proposal (coverage brings U Ponte in) and keeps its waiting list; its one departure names no other applicant."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from acia.check import check_instance

    checked = check_instance(REPO, now=datetime(2023, 12, 12, 18, 0, tzinfo=ZoneInfo("Europe/Paris")))
    proposal, selection = checked.proposal, checked.context.model.selection
    assert proposal is not None and selection is not None
    decided = {decision.application: decision for decision in selection.decisions}
    assert sorted(id_ for id_, decision in decided.items() if decision.decision == "retenue") == sorted(proposal.selected)
    assert "og-2b-association-u-ponte" in proposal.selected and proposal.waiting[0] == "og-2b-fondation-castagniccia"
    waiting = [id_ for id_ in proposal.waiting if decided[id_].decision == "liste_attente"]
    assert waiting == list(proposal.waiting[:3])
    departures = [id_ for id_ in decided if id_ not in proposal.selected and id_ not in waiting]
    assert departures == ["og-2a-ornano-enfance"] and decided["og-2a-ornano-enfance"].motif
    names = {application.og.name for application in checked.context.model.applications}
    motifs = [decision.motif + " " + decision.notified_motif for decision in selection.decisions]
    assert not [name for name in names for motif in motifs if name in motif]
