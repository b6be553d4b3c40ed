"""The committee's decision is checked against the programme's own limits, never the relaxed ones the proposal applies.

A limit the eligible applications cannot meet is still the programme's: the
committee departs from it knowingly, with a motif, in « ecarts_limites ».
"""

from __future__ import annotations

import shutil

from conftest import CASES, NOW, build_instance

from acia.check import validate

LIMITS = """limites:
  organismes_gestionnaires: {max: 4}
  etablissements_par_og: {max: 3}
  financements_minimum:
    - {financement: assurance_maladie, organismes_gestionnaires_min: 1}
"""
HEAD = """# yaml-language-server: $schema=../schemas/selection.schema.json
comite:
  date: "2023-07-11"
  membres_presents: [aract, ars]
decisions:
"""


def _instance(tmp_path, limits: str, decisions: str, departures: str = "", with_b: bool = False):
    """The base instance (og-test-a, Assurance maladie), with other limits, a decision and, with ``with_b``, og-test-b (Assurance maladie too)."""
    root = build_instance(tmp_path / "instance")
    programme = root / "data/programme.yml"
    text = programme.read_text(encoding="utf-8")
    assert LIMITS in text
    programme.write_text(text.replace(LIMITS, limits), encoding="utf-8")
    if with_b:
        shutil.copyfile(CASES / "ACIA322/ok/data/applications/og-test-b.yml", root / "data/applications/og-test-b.yml")
    (root / "data/selection.yml").write_text(HEAD + decisions + departures, encoding="utf-8")
    return root


def _findings(root, rule="ACIA321"):
    found = [finding for finding in validate(root, now=NOW).findings if finding.rule == rule]
    for finding in found:
        print(f"{finding.rule} {finding.file}:{finding.line} {finding.message}\n  → {finding.hint}")
    return found


RETAIN_A = "  - candidature: og-test-a\n    decision: retenue\n"
FUNDING_CD_3 = LIMITS.replace("{financement: assurance_maladie, organismes_gestionnaires_min: 1}", "{financement: conseil_departemental, organismes_gestionnaires_min: 3}")


def test_decision_below_an_infeasible_funding_minimum_is_an_error(tmp_path):
    """No eligible application is under « Conseil départemental »: the proposal lowers the minimum to 0, the decision check keeps 3."""
    root = _instance(tmp_path, FUNDING_CD_3, RETAIN_A)
    [finding] = _findings(root)
    assert (finding.file, finding.line) == ("data/selection.yml", 5)
    assert finding.message == (
        "la décision ne respecte pas les limites du programme : 0 OG retenu sous financement « Conseil départemental » pour 3 au moins ; "
        "cette limite ne peut pas être tenue avec les candidatures éligibles "
        "(minimum de 3 OG sous financement « Conseil départemental » ramené à 0 : aucune candidature éligible n'en relève)"
    )
    assert finding.hint == (
        "Le comité ne peut pas tenir cette limite : enregistrez l'écart et son motif dans data/selection.yml, "
        "« ecarts_limites: [{limite: financement_minimum, financement: conseil_departemental, motif: …}] »."
    )


def test_a_recorded_departure_makes_the_decision_valid(tmp_path):
    departure = "ecarts_limites:\n  - limite: financement_minimum\n    financement: conseil_departemental\n    motif: Aucune candidature éligible ne relève du conseil départemental.\n"
    root = _instance(tmp_path, FUNDING_CD_3, RETAIN_A, departure)
    assert validate(root, now=NOW).findings == []


def test_following_a_relaxed_proposal_still_needs_the_departure(tmp_path):
    """At least 2 OG, one eligible application: the proposal retains it (minimum lowered to 1); the decision that does the same departs from the programme."""
    root = _instance(tmp_path, LIMITS.replace("{max: 4}", "{min: 2, max: 4}"), RETAIN_A)
    [finding] = _findings(root)
    assert finding.message == (
        "la décision ne respecte pas les limites du programme : 1 organisme gestionnaire retenu pour 2 au moins ; "
        "cette limite ne peut pas être tenue avec les candidatures éligibles (minimum de 2 organismes gestionnaires ramené à 1 : seule 1 candidature est éligible)"
    )
    assert "ecarts_limites: [{limite: organismes_gestionnaires_min, motif: …}]" in finding.hint
    departure = "ecarts_limites:\n  - limite: organismes_gestionnaires_min\n    motif: Une seule candidature éligible ; le comité la retient seule.\n"
    root = _instance(tmp_path / "recorded", LIMITS.replace("{max: 4}", "{min: 2, max: 4}"), RETAIN_A, departure)
    assert validate(root, now=NOW).findings == []


def test_a_decision_below_what_the_eligible_applications_allow_says_how_far_it_can_go(tmp_path):
    """3 OG under Assurance maladie required, 2 eligible: retaining only one is below even the lowered minimum."""
    limits = LIMITS.replace("organismes_gestionnaires_min: 1}", "organismes_gestionnaires_min: 3}")
    decisions = RETAIN_A + "  - candidature: og-test-b\n    decision: liste_attente\n    motif: Le comité attend le plan de financement.\n"
    root = _instance(tmp_path, limits, decisions, with_b=True)
    [finding] = _findings(root)
    assert finding.message == (
        "la décision ne respecte pas les limites du programme : 1 OG retenu sous financement « Assurance maladie » pour 3 au moins ; "
        "cette limite ne peut pas être tenue avec les candidatures éligibles "
        "(minimum de 3 OG sous financement « Assurance maladie » ramené à 2 : seules 2 candidatures éligibles en relèvent)"
    )
    assert finding.hint == (
        "Les candidatures éligibles permettent d'atteindre 2 OG sous financement « Assurance maladie » : retenez-en davantage ; "
        "l'écart qui reste s'enregistre avec son motif dans data/selection.yml, « ecarts_limites: [{limite: financement_minimum, financement: assurance_maladie, motif: …}] »."
    )


def test_a_decision_above_a_maximum_is_an_error_unless_recorded(tmp_path):
    limits = LIMITS.replace("{max: 4}", "{max: 1}")
    decisions = RETAIN_A + "    motif: Crédits complémentaires.\n  - candidature: og-test-b\n    decision: retenue\n"
    root = _instance(tmp_path, limits, decisions, with_b=True)
    [finding] = _findings(root)
    assert finding.message == "la décision ne respecte pas les limites du programme : 2 organismes gestionnaires retenus pour 1 au plus"
    assert finding.hint == (
        "Ne retenez pas plus de 1 organisme gestionnaire (les autres en liste d'attente), ou, si le comité s'en écarte, "
        "enregistrez l'écart et son motif : « ecarts_limites: [{limite: organismes_gestionnaires_max, motif: …}] »."
    )
    departure = "ecarts_limites:\n  - limite: organismes_gestionnaires_max\n    motif: L'ARS finance une seconde structure sur crédits complémentaires.\n"
    root = _instance(tmp_path / "recorded", limits, decisions, departure, with_b=True)
    assert validate(root, now=NOW).findings == []


def test_an_ineligible_application_on_the_waiting_list_is_flagged(tmp_path):
    """Like an ineligible application retained (the rule case ACIA321/ko holds both situations)."""
    root = build_instance(tmp_path / "instance", CASES / "ACIA321" / "ko")
    messages = [finding.message for finding in _findings(root) if finding.line == 12]
    assert messages == ["« og-test-c » (Clinique de test C) est en liste d'attente alors qu'elle est inéligible : critère d'éligibilité non rempli : Appartenir au secteur social et médico-social"]
    selection = root / "data/selection.yml"
    selection.write_text(selection.read_text(encoding="utf-8").replace("decision: liste_attente", "decision: retenue"), encoding="utf-8")
    assert any("« og-test-c » (Clinique de test C) est retenue alors qu'elle est inéligible" in finding.message for finding in _findings(root))


def test_a_departure_from_a_limit_the_decision_respects_is_flagged(tmp_path):
    departure = "ecarts_limites:\n  - limite: financement_minimum\n    financement: assurance_maladie\n    motif: Par précaution.\n"
    root = _instance(tmp_path, LIMITS, RETAIN_A, departure)
    assert _findings(root) == []
    [finding] = _findings(root, "ACIA323")
    assert finding.message == (
        "l'écart à « au moins 1 OG sous financement « Assurance maladie » » est enregistré alors que la décision respecte cette limite (1 OG retenu sous financement « Assurance maladie »)"
    )
