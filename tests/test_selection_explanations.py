"""What the proposal says, in French: relaxed limits when they cannot all hold, and why each application is in or out.

Each case prints the proposal's French text (alerts and reasons) and asserts it
whole: labels from the programme (structure names, funding and sector labels,
axe titles), never identifiers.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from fractions import Fraction

from acia.model.selection import COVERAGE_FIRST, COVERAGE_POINTS, Candidate, Constraints, CoverageRule, propose

START = datetime(2023, 6, 12, 8, 0, tzinfo=UTC)
AM, CD = "assurance_maladie", "conseil_departemental"
FUNDINGS = ((AM, "Assurance maladie"), (CD, "Conseil départemental"))
SECTORS = (("PA", "Personnes âgées"), ("PH", "Personnes handicapées"))
ORDER = (
    "Aucune sélection ne respecte toutes les limites du programme : la proposition garde la plus grande part possible de chaque minimum, "
    "dans l'ordre des limites de data/programme.yml (nombre d'OG, nombre d'établissements, puis financements). "
    "Le comité décide de l'écart et l'enregistre avec son motif dans « ecarts_limites » de data/selection.yml."
)


def application(name, total, fundings=(), sectors=("PA",), hours=0, etablissements=1, axe="Dossier usager", identifier=None):
    identifier = identifier or "og-" + name.lower().replace(" ", "-")
    return Candidate(identifier, name, "axe-1", START + timedelta(hours=hours), frozenset(fundings), frozenset(sectors), etablissements, True, (), (), Fraction(total), axe)


TIE_BREAK = CoverageRule()  # coverage compared after the total score


def limits(og_min=0, og_max=None, etab_min=0, etab_max=None, fundings=(), coverage=(), rule=TIE_BREAK):
    return Constraints(og_min, og_max, etab_min, etab_max, fundings, coverage, FUNDINGS, SECTORS, rule)


def printed(proposal) -> list[str]:
    """The proposal as the matrix prints it: alerts, then each reason; shown by pytest when an assertion fails."""
    lines = [f"ATTENTION : {alert}" for alert in proposal.alerts] + [f"{key} — {text}" for key, text in proposal.explanations.items()]
    print("\n".join(lines))
    return lines


# --- minima that cannot hold: lowered, never dropped -------------------------


def test_funding_minimum_keeps_the_funded_applications_there_are(capsys):
    """« au moins 3 OG sous financement Assurance maladie » with 2 such applications: the proposal keeps both, the minimum becomes 2."""
    candidates = [
        application("Lisula", 90, (CD,)),
        application("U Sole", 80, (CD,), hours=1),
        application("Castagniccia", 70, (AM,), hours=2),
        application("Pumonte", 60, (CD,), hours=3),
        application("Balagna", 40, (AM,), hours=4),
    ]
    proposal = propose(candidates, limits(og_max=4, fundings=((AM, 3),)))
    printed(proposal)
    assert proposal.selected == ("og-lisula", "og-u-sole", "og-castagniccia", "og-balagna")
    assert proposal.limits.describe() == ["au plus 4 organismes gestionnaires", "au moins 3 OG sous financement « Assurance maladie »"]
    assert proposal.constraints.describe() == ["au plus 4 organismes gestionnaires", "au moins 2 OG sous financement « Assurance maladie »"]
    [relaxation] = proposal.relaxed
    assert relaxation.text == "minimum de 3 OG sous financement « Assurance maladie » ramené à 2 : seules 2 candidatures éligibles en relèvent"
    assert relaxation.as_dict() == {
        "limite": "financement_minimum",
        "financement": AM,
        "minimum_du_programme": 3,
        "minimum_applique": 2,
        "explication": relaxation.text,
    }
    assert proposal.alerts == [ORDER, "Minimum de 3 OG sous financement « Assurance maladie » ramené à 2 : seules 2 candidatures éligibles en relèvent."]
    assert proposal.explanations["og-balagna"] == (
        "proposée : score 40,00, 5e sur 5 candidatures éligibles ; retenue pour respecter la contrainte « au moins 2 OG sous financement « Assurance maladie » »"
    )
    assert proposal.explanations["og-pumonte"] == ("liste d'attente n° 1 : écartée : la contrainte « au moins 2 OG sous financement « Assurance maladie » » impose de retenir Balagna")
    assert "Minimum de 3 OG" in capsys.readouterr().out


def test_og_minimum_is_lowered_to_the_eligible_applications():
    proposal = propose([application("A", 10), application("B", 20, hours=1), application("C", 30, hours=2)], limits(og_min=4, og_max=8))
    printed(proposal)
    assert proposal.selected == ("og-c", "og-b", "og-a")
    assert proposal.alerts[1:] == ["Minimum de 4 organismes gestionnaires ramené à 3 : seules 3 candidatures sont éligibles."]
    assert proposal.constraints.og_min == 3 and proposal.limits.og_min == 4


def test_etablissement_minimum_is_lowered_to_what_the_eligible_applications_count():
    candidates = [application("A", 10, etablissements=2), application("B", 20, hours=1, etablissements=3), application("C", 30, hours=2)]
    proposal = propose(candidates, limits(etab_min=10, og_max=4))
    printed(proposal)
    assert [relaxation.text for relaxation in proposal.relaxed] == ["minimum de 10 établissements ramené à 6 : les candidatures éligibles comptent 6 établissements en tout"]


def test_a_minimum_held_down_by_a_maximum_names_it():
    """Three funded applications of 3 établissements each, at most 6 établissements: 2 of the 3 can be kept."""
    candidates = [
        application("A1", 90, (AM,), etablissements=3),
        application("A2", 80, (AM,), hours=1, etablissements=3),
        application("A3", 70, (AM,), hours=2, etablissements=3),
        application("X", 60, hours=3),
    ]
    proposal = propose(candidates, limits(og_max=4, etab_max=6, fundings=((AM, 3),)))
    printed(proposal)
    assert proposal.selected == ("og-a1", "og-a2")
    assert [relaxation.text for relaxation in proposal.relaxed] == ["minimum de 3 OG sous financement « Assurance maladie » ramené à 2 : la limite « au plus 6 établissements » n'en permet pas plus"]


def test_minima_are_relaxed_in_the_documented_order():
    """At most 2 OG, 2 under each funding, no application under both: the first funding listed keeps its 2, the second is lowered to 0."""
    candidates = [application("A1", 90, (AM,)), application("A2", 80, (AM,), hours=1), application("C1", 70, (CD,), hours=2), application("C2", 60, (CD,), hours=3)]
    proposal = propose(candidates, limits(og_max=2, fundings=((AM, 2), (CD, 2))))
    printed(proposal)
    assert proposal.selected == ("og-a1", "og-a2")
    assert proposal.alerts[1:] == [
        "Minimum de 2 OG sous financement « Conseil départemental » ramené à 0 : les limites « au plus 2 organismes gestionnaires » "
        "et « au moins 2 OG sous financement « Assurance maladie » », ensemble, n'en permettent pas plus."
    ]
    reverse = propose(candidates, limits(og_max=2, fundings=((CD, 2), (AM, 2))))
    assert reverse.selected == ("og-c1", "og-c2")
    assert [relaxation.limit.funding for relaxation in reverse.relaxed] == [AM]


def test_nothing_eligible_under_a_funding():
    proposal = propose([application("Un", 10), application("Deux", 20, hours=1)], limits(og_max=4, fundings=((AM, 1),)))
    printed(proposal)
    assert proposal.selected == ("og-deux", "og-un")
    assert proposal.alerts[1:] == ["Minimum de 1 OG sous financement « Assurance maladie » ramené à 0 : aucune candidature éligible n'en relève."]


# --- ties, named down to the deciding tie-break --------------------------------


def test_tie_decided_by_reception_while_a_constraint_binds():
    candidates = [application("Haut", 90, (CD,)), application("Am", 50, (AM,), hours=1), application("Egal", 50, (AM,), hours=2)]
    proposal = propose(candidates, limits(og_max=1, fundings=((AM, 1),)))
    printed(proposal)
    assert proposal.selected == ("og-am",) and proposal.waiting == ("og-haut", "og-egal")
    assert proposal.explanations == {
        "og-haut": "liste d'attente n° 1 : écartée : la contrainte « au moins 1 OG sous financement « Assurance maladie » » impose de retenir Am",
        "og-egal": (
            "liste d'attente n° 2 : ex æquo avec Am (score 50,00), à égalité aussi de nombre d'OG (1) ; "
            "départagée par l'ordre de réception : Am reçue le 12/06/2023 à 9 h, celle-ci le 12/06/2023 à 10 h ; "
            "Am est en outre retenue pour respecter la contrainte « au moins 1 OG sous financement « Assurance maladie » »"
        ),
        "og-am": (
            "proposée : score 50,00, 2e sur 3 candidatures éligibles ; retenue pour respecter la contrainte « au moins 1 OG sous financement « Assurance maladie » » ; "
            "préférée à Egal, ex æquo, par l'ordre de réception"
        ),
    }


def test_tie_decided_by_a_constraint():
    proposal = propose([application("B", 50, (CD,)), application("A", 50, (AM,), hours=1)], limits(og_max=1, fundings=((AM, 1),)))
    printed(proposal)
    assert proposal.explanations["og-b"] == (
        "liste d'attente n° 1 : ex æquo avec A (score 50,00) ; départagée par la contrainte « au moins 1 OG sous financement « Assurance maladie » », qui impose de retenir A"
    )
    assert proposal.explanations["og-a"].endswith("; retenue pour respecter la contrainte « au moins 1 OG sous financement « Assurance maladie » » ; préférée à B, ex æquo")


def test_tie_decided_by_sector_coverage():
    proposal = propose([application("A", 50, sectors=("PA", "PH"), hours=1), application("B", 50, sectors=("PA",))], limits(og_max=1, coverage=("PA", "PH")))
    printed(proposal)
    assert proposal.explanations["og-b"] == (
        "liste d'attente n° 1 : ex æquo avec A (score 50,00) ; départagée par la couverture des secteurs : "
        "la proposition couvre 2 secteurs (Personnes âgées, Personnes handicapées), contre 1 secteur (Personnes âgées) avec elle"
    )
    assert proposal.explanations["og-a"] == (
        "proposée : score 50,00, 2e sur 2 candidatures éligibles ; retenue pour la couverture des secteurs : "
        "elle apporte les secteurs « Personnes âgées » et « Personnes handicapées », qu'aucune autre candidature proposée ne couvre ; préférée à B, ex æquo"
    )


def test_application_retained_for_sector_coverage_says_so():
    candidates = [application("A", 50), application("B", 50, hours=1), application("C", 50, sectors=("PH",), hours=2)]
    proposal = propose(candidates, limits(og_max=2, coverage=("PA", "PH")))
    printed(proposal)
    assert proposal.selected == ("og-a", "og-c")
    assert proposal.explanations["og-c"] == (
        "proposée : score 50,00, 3e sur 3 candidatures éligibles ; retenue pour la couverture des secteurs : "
        "elle apporte le secteur « Personnes handicapées », qu'aucune autre candidature proposée ne couvre"
    )
    assert proposal.explanations["og-b"] == (
        "liste d'attente n° 1 : ex æquo avec A (score 50,00), à égalité aussi de secteurs couverts (2) et de nombre d'OG (2) ; "
        "départagée par l'ordre de réception : A reçue le 12/06/2023 à 8 h, celle-ci le 12/06/2023 à 9 h"
    )
    assert proposal.explanations["og-a"] == "proposée : score 50,00, 1re sur 3 candidatures éligibles ; préférée à B, ex æquo, par l'ordre de réception"


def test_tie_decided_by_the_number_of_og():
    candidates = [application("A", 10), application("B", 0, hours=1), application("W", 10, hours=2, etablissements=2)]
    proposal = propose(candidates, limits(og_max=2, etab_max=2))
    printed(proposal)
    assert proposal.explanations["og-w"] == (
        "liste d'attente n° 1 : même score total (10,00) qu'avec elle à la place d'A et de B ; départagée par le nombre d'OG : la proposition en retient 2, contre 1 avec elle"
    )
    assert proposal.explanations["og-b"] == "proposée : score 0,00, 3e sur 3 candidatures éligibles ; préférée à W, à score total égal, par le nombre d'OG"


def test_an_og_that_applied_twice_is_named_with_the_axe():
    candidates = [application("Fondation X", 50, identifier="og-x-1"), application("Fondation X", 50, hours=1, axe="Pouvoir d'agir", identifier="og-x-2")]
    proposal = propose(candidates, limits(og_max=1))
    printed(proposal)
    assert proposal.explanations["og-x-2"] == (
        "liste d'attente n° 1 : ex æquo avec la Fondation X – axe « Dossier usager » (score 50,00), à égalité aussi de nombre d'OG (1) ; "
        "départagée par l'ordre de réception : la Fondation X – axe « Dossier usager » reçue le 12/06/2023 à 8 h, celle-ci le 12/06/2023 à 9 h"
    )


# --- coverage as the programme counts it: points per sector, or before the score ----


def test_coverage_points_say_what_they_brought_to_each_application():
    """10 points per sector: A and C (170 + 20) beat A and B (175 + 10); each reason says what coverage counted."""
    candidates = [application("A", 90), application("B", 85, hours=1), application("C", 80, sectors=("PH",), hours=2)]
    proposal = propose(candidates, limits(og_max=2, coverage=("PA", "PH"), rule=CoverageRule(COVERAGE_POINTS, Fraction(10))))
    printed(proposal)
    assert proposal.selected == ("og-a", "og-c") and proposal.waiting == ("og-b",)
    assert proposal.explanations == {
        "og-a": "proposée : score 90,00, 1re sur 3 candidatures éligibles ; elle apporte le secteur « Personnes âgées », qu'aucune autre candidature proposée ne couvre, soit 10,00 points de couverture",
        "og-c": (
            "proposée : score 80,00, 3e sur 3 candidatures éligibles ; retenue pour la couverture des secteurs : "
            "elle apporte le secteur « Personnes handicapées », qu'aucune autre candidature proposée ne couvre, soit 10,00 points de couverture"
        ),
        "og-b": (
            "liste d'attente n° 1 : écartée malgré son score 85,00 : la meilleure sélection qui la comprend totalise 185,00 points, "
            "dont 10,00 pour la couverture des secteurs (sans « Personnes handicapées »), contre 190,00 points, dont 20,00 pour la couverture, "
            "pour la proposition (au plus 2 organismes gestionnaires)"
        ),
    }
    assert proposal.coverage_summary() == (
        "Couverture des secteurs : chaque secteur couvert ajoute 10,00 points au total des scores de la sélection ; "
        "la proposition couvre 2 secteurs (Personnes âgées, Personnes handicapées), soit 20,00 points."
    )


def test_a_new_sector_that_does_not_make_up_the_gap_is_explained_with_the_totals():
    """D brings a sector but scores 35 less than B: its reason is the totals with their coverage points, not only its lower score."""
    candidates = [application("A", 90), application("B", 85, hours=1), application("D", 50, sectors=("PH",), hours=2)]
    proposal = propose(candidates, limits(og_max=2, coverage=("PA", "PH"), rule=CoverageRule(COVERAGE_POINTS, Fraction(10))))
    printed(proposal)
    assert proposal.selected == ("og-a", "og-b")
    assert proposal.explanations["og-d"] == (
        "liste d'attente n° 1 : écartée malgré son score 50,00 : la meilleure sélection qui la comprend totalise 160,00 points, "
        "dont 20,00 pour la couverture des secteurs (avec « Personnes handicapées »), contre 185,00 points, dont 10,00 pour la couverture, "
        "pour la proposition (au plus 2 organismes gestionnaires)"
    )
    assert proposal.explanations["og-b"] == "proposée : score 85,00, 2e sur 3 candidatures éligibles"  # Personnes âgées: A covers it too


def test_coverage_before_the_score_says_it_decided():
    """Coverage first: A (two sectors, 50) is proposed before B (one sector, 90)."""
    candidates = [application("A", 50, sectors=("PA", "PH")), application("B", 90, hours=1)]
    proposal = propose(candidates, limits(og_max=1, coverage=("PA", "PH"), rule=CoverageRule(COVERAGE_FIRST)))
    printed(proposal)
    assert proposal.selected == ("og-a",)
    assert proposal.explanations == {
        "og-a": (
            "proposée : score 50,00, 2e sur 2 candidatures éligibles ; retenue pour la couverture des secteurs, qui passe avant le score : "
            "elle apporte les secteurs « Personnes âgées » et « Personnes handicapées », qu'aucune autre candidature proposée ne couvre"
        ),
        "og-b": (
            "liste d'attente n° 1 : écartée malgré son score 90,00 : la meilleure sélection qui la comprend couvre 1 secteur (Personnes âgées), "
            "contre 2 secteurs (Personnes âgées, Personnes handicapées) pour la proposition, et la couverture des secteurs passe avant le score"
        ),
    }
    assert proposal.coverage_summary() == (
        "Couverture des secteurs : la sélection qui couvre le plus de secteurs l'emporte, avant le total des scores ; la proposition couvre 2 secteurs (Personnes âgées, Personnes handicapées)."
    )


def test_coverage_before_the_score_then_the_totals_decide():
    """Same coverage with or without B: the totals decide, and the reason says the coverage was equal."""
    candidates = [application("A", 90), application("B", 85, hours=1), application("C", 40, sectors=("PH",), hours=2)]
    proposal = propose(candidates, limits(og_max=2, coverage=("PA", "PH"), rule=CoverageRule(COVERAGE_FIRST)))
    printed(proposal)
    assert proposal.selected == ("og-a", "og-c")
    assert proposal.explanations["og-b"] == (
        "liste d'attente n° 1 : écartée malgré son score 85,00 : à égalité de secteurs couverts (2), la meilleure sélection qui la comprend "
        "totalise 125,00 points, contre 130,00 pour la proposition (au plus 2 organismes gestionnaires)"
    )
    assert proposal.explanations["og-a"] == "proposée : score 90,00, 1re sur 3 candidatures éligibles"


def test_no_rank_when_every_eligible_application_is_proposed():
    """Three eligible applications, room for eight, nobody scored yet (Île-de-France before its committee): no « 1re sur 3 »."""
    from conftest import IDF_NOW, REPO

    from acia.check import check_instance

    proposal = check_instance(REPO / "examples" / "idf-2021", now=IDF_NOW).proposal
    assert proposal is not None
    texts = [text for text in proposal.explanations.values() if text.startswith("proposée")]
    assert texts and all(text == "proposée : les 3 candidatures éligibles sont toutes proposées" for text in texts), texts
