"""The errata of both shipped programmes: what they record, how the site shows them, and that they cannot drift.

Putting back the Corse 2023 call's original (contradictory) dates makes
validation fail: it dates the analysis "du 30/06/2023 au 10/06/2023", the
selection committee "11/06/2023" (before the 30/06 deadline) and the cadrage
step "mai à fin juin"; data/programme.yml holds corrected values and errata.

Every correction, contradiction and choice of the team is an erratum of its
nature, whose « champ » designates the data it describes (ACIA409), and the
Errata page of each instance lists them grouped by nature.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import NOW, REPO, SNAPSHOT, build_site, copy_shipped

from acia.check import check_instance, parse_now, validate
from acia.load import yamlsource


def _corse_copy(tmp_path):
    root = tmp_path / "corse"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "schemas", root / "schemas")
    return root


def _rewrite_programme(root, change):
    path = root / "data" / "programme.yml"
    _rewrite(path, change)


def _rewrite(path, change):
    text = path.read_text(encoding="utf-8")
    data = yamlsource.parse(text).data
    change(data)
    comment = text.splitlines()[0]
    path.write_text(comment + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _event(data, event_id):
    for index, event in enumerate(data["calendrier"]["regional"]):
        if event["id"] == event_id:
            return index, event
    raise AssertionError(event_id)


def test_corrected_programme_is_valid(tmp_path):
    root = _corse_copy(tmp_path)
    _rewrite_programme(root, lambda data: None)  # a plain re-serialisation changes nothing
    assert validate(root, now=NOW).findings == []


def test_seed_analysis_period_is_rejected(tmp_path):
    root = _corse_copy(tmp_path)
    found = {}

    def change(data):
        index, event = _event(data, "analyse")
        event["debut"], event["fin"] = "2023-06-30", "2023-06-10"
        found["index"] = index

    _rewrite_programme(root, change)
    report = validate(root, now=NOW)
    assert not report.ok
    period = [f for f in report.findings if f.rule == "ACIA401"]
    assert [f.field for f in period] == [f"calendrier.regional[{found['index']}].fin"]
    assert "finit le 10/06/2023, avant de commencer le 30/06/2023" in period[0].message


def test_seed_committee_date_is_rejected(tmp_path):
    root = _corse_copy(tmp_path)

    def change(data):
        _event(data, "comite-selection")[1]["debut"] = "2023-06-11"
        _event(data, "notification")[1]["debut"] = "2023-06-11"

    _rewrite_programme(root, change)
    messages = [f.message for f in validate(root, now=NOW).findings if f.rule == "ACIA402"]
    assert any("comité de sélection est daté du 11/06/2023, avant ou le jour de la date limite de dépôt (30/06/2023)" in m for m in messages)


def test_seed_cadrage_period_is_rejected(tmp_path):
    root = _corse_copy(tmp_path)

    def change(data):
        data["etapes"][0]["periode"].update(debut="2023-05-01", fin="2023-06-30")
        data["etapes"][1]["periode"]["debut"] = "2023-07-01"

    _rewrite_programme(root, change)
    messages = [f.message for f in validate(root, now=NOW).findings if f.rule == "ACIA402"]
    assert any("« Cadrage » commence le 01/05/2023, avant que les structures soient sélectionnées" in m for m in messages)


# --- what the errata record, by nature ------------------------------------------------

IDF = REPO / "examples" / "idf-2021"
IDF_NOW = parse_now("2021-12-15")

# Issue 15, point 4: each correction, contradiction and choice, by nature, with a path its « champ » must name.
EXPECTED = {
    REPO: {
        "correction": {
            "analyse-dates": "calendrier.regional[analyse].fin",
            "comite-selection-date": "calendrier.regional[comite-selection].debut",
            "eligibilite-periode": "eligibilite[elig-periode]",
            "etape-1-periode": "etapes[etape-1].periode",
            "etape-2-debut": "etapes[etape-2].periode.debut",
        },
        "contradiction": {
            "date-limite-formulation": "candidature.date_limite",
            "type-appel": "type_appel",  # « appel à projets » vs AMI
            "temps-collectif-animation": "raci.lignes[a1-temps-inter-structure-1].roles.aract",  # animated by the Aract vs C in the RACI
            "temps-collectif-1-codage": "raci.lignes[a2-temps-collectif-1].roles",  # one meeting, coded twice
            "equipe-projet-composition": "equipe_projet.roles",  # Annexe 1 team vs governance team
            "arbitrage-duree": "raci.lignes[a1-arbitrage].charge.heures",  # 2 h vs the 3 h COPIL
            "fin-phase-nationale": "calendrier.national[fin-phase-experimentale]",  # February vs December 2023
        },
        "choix": {
            "axe-1-etape-3-titre": "axes[axe-1].etapes[etape-3].titre",
            "limite-trois-etablissements": "limites.etablissements_par_og.max",
            "raci-lignes-axe-1": "raci.lignes[a1-fiche-cadrage]",
            "raci-legende": "raci.valeurs",
            "arbitrage-comite-pilotage": "raci.lignes[a1-arbitrage].instance",
            "etape-3-vocation": "etapes[etape-3].vocation",
            "fenetre-depot-derogation": "criteres_priorisation[commun-fenetre-depot].calcul",
            "services-socles": "criteres_priorisation[axe2-dui-services-socles].calcul",  # DUI, DMP, MSS
            "hors-esms-numerique": "criteres_priorisation[axe1-sons-bon-commande].calcul",  # esms_numerique: false
            "equipe-projet-formalisee": "criteres_priorisation[commun-equipe-projet].calcul",  # team complete
            "notation-criteres": "criteres_priorisation",
            "reglages-suivi": "suivi.delai_compte_rendu_jours",
        },
    },
    IDF: {
        "contradiction": {
            "type-appel": "type_appel",
            "entretien-amont": "instances[entretien-amont]",  # upstream interview vs « Temps individuel 1 : entretien »
        },
        "choix": {
            "trinome-profils": "equipe_projet.roles",
            "limite-structures": "limites.organismes_gestionnaires",  # « de 4 à 8 structures » read as a limit
            "fiche-candidature": "candidature.pieces",  # the tool's form stands for « le document ci-joint »
            "lettre-engagement": "engagement",
        },
    },
}
INSTANCES = [pytest.param(REPO, SNAPSHOT, id="corse"), pytest.param(IDF, IDF_NOW, id="idf")]


def _programme(source: Path):
    from acia.model.programme import build_programme

    return build_programme(yamlsource.parse((source / "data" / "programme.yml").read_text(encoding="utf-8")).data)


@pytest.mark.parametrize(("source", "now"), INSTANCES)
def test_every_correction_contradiction_and_choice_is_an_erratum_of_its_nature(source, now):
    errata = _programme(source).errata
    found = {nature: {item.id: item for item in errata if item.nature == nature} for nature in ("correction", "contradiction", "choix")}
    for nature, expected in EXPECTED[source].items():
        assert set(expected) <= set(found[nature]), (nature, set(expected) - set(found[nature]))
        for erratum_id, path in expected.items():
            assert path in found[nature][erratum_id].paths, (erratum_id, found[nature][erratum_id].paths)
    assert all(item.unresolved == () and item.title for item in errata)


@pytest.mark.parametrize(("source", "now"), INSTANCES)
def test_the_errata_page_lists_every_item_grouped_by_nature(tmp_path, source, now):
    docs = build_site(copy_shipped(tmp_path, source), "public", now=now, run_builder=False)
    page = (docs / "errata.md").read_text(encoding="utf-8")
    groups = dict(re.findall(r"^## ([^\n]+)\n(.*?)(?=^## |\Z)", page, flags=re.M | re.S))
    titles = {"correction": "Corrections", "contradiction": "Contradictions à confirmer", "choix": "Choix de l'équipe"}
    assert list(groups) == [titles[nature] for nature in titles if nature in EXPECTED[source]]  # the schema's labels, in its order
    errata = {item.id: item for item in _programme(source).errata}
    for nature, expected in EXPECTED[source].items():
        group = groups[titles[nature]]
        assert group.lstrip().split("\n", 1)[0]  # a short introduction under each title
        shown = re.findall(r"^### (.+)$", group, flags=re.M)
        for erratum_id in expected:
            item = errata[erratum_id]
            assert _unescaped(item.title) in [_unescaped(title) for title in shown], erratum_id
        assert "**Statut** : à confirmer" in group and "a_confirmer" not in group
    assert not re.search(r"^### [a-z0-9-]+$", page, flags=re.M)  # titles, never identifiers


def _unescaped(text: str) -> str:
    """A title as the page writes it: Markdown escapes removed."""
    return re.sub(r"\\(.)", r"\1", text)


def test_the_idf_content_without_basis_in_the_call_is_gone():
    idf = _programme(IDF)
    assert "elig-engagement-direction" not in {criterion.id for criterion in idf.eligibility}
    assert idf.required_engagements == ("representants_personnel",)


@pytest.mark.parametrize(
    ("source", "now", "change", "erratum"),
    [
        pytest.param(REPO, NOW, lambda data: data["etapes"][2].pop("vocation"), "etape-3-vocation", id="corse-vocation-retiree"),
        pytest.param(
            REPO, NOW, lambda data: data["raci"]["lignes"].pop(next(i for i, row in enumerate(data["raci"]["lignes"]) if row["id"] == "a1-arbitrage")), "arbitrage-duree", id="corse-ligne-retiree"
        ),
        pytest.param(IDF, IDF_NOW, lambda data: data["limites"].pop("organismes_gestionnaires"), "limite-structures", id="idf-limite-retiree"),
    ],
)
def test_a_mark_cannot_drift_away_from_the_data_it_describes(tmp_path, source, now, change, erratum):
    root = copy_shipped(tmp_path, source)
    _rewrite_programme(root, change)
    drifted = [finding for finding in validate(root, now=now).findings if finding.rule == "ACIA409"]
    assert drifted and all(finding.file == "data/programme.yml" and finding.field.startswith("errata[") for finding in drifted)
    assert any(f"« {erratum} »" in finding.message for finding in drifted), [finding.message for finding in drifted]


# --- the deposit window criterion --------------------------------------------------------


def test_a_late_application_admitted_by_derogation_scores_0_on_the_window_criterion():
    """On time: 1; late but admitted by a derogation (data/derogations.yml): eligible, and 0 on « Respect de la fenêtre de dépôt »."""
    checked = check_instance(REPO, now=SNAPSHOT)
    assert checked.report.ok
    candidates = {candidate.id: candidate for candidate in checked.proposal.candidates}
    window = {candidate_id: next(score for score in candidate.scores if score.id == "commun-fenetre-depot") for candidate_id, candidate in candidates.items()}
    late = "og-2b-balagna-anziani"
    assert checked.context.model.derogation_for(late) is not None and candidates[late].eligible
    assert (window[late].value, window[late].detail) == (0, "non")
    assert all(score.value == 1 for candidate_id, score in window.items() if candidate_id != late)
