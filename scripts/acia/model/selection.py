"""Eligibility, scores and the best selection under the programme's limits.

Scores
------
Scores are exact fractions, so that ties are real ties. An application's
score is the weighted mean of its applicable criteria, out of 100 (each
criterion normalised to 0..1: automatic ones are 0 or 1, manual ones are the
mean of the evaluators' notes placed on their scale).

The selection problem
---------------------
The proposal is a set S of eligible applications (one 0/1 choice per eligible
application), the exact optimum of the problem below. It is computed by
dynamic programming over the eligible applications taken in reception order;
an integer-programming solver can state it as written.

*Maxima* (``limites`` in data/programme.yml) always hold: |S| is at most
``organismes_gestionnaires.max`` and the établissements of S number at most
``etablissements.max``. The empty set meets them: they are never relaxed.

*Minima* hold as far as the eligible applications allow, in this order, the
order of ``limites`` in data/programme.yml (the relaxation order):

1. |S| at least ``organismes_gestionnaires.min``;
2. the établissements of S at least ``etablissements.min``;
3. for each entry of ``financements_minimum``, in its order: the OG of S under
   that funding at least its ``organismes_gestionnaires_min``.

The shortfall of a minimum m on S is max(0, m − its value on S). Let T(S)
be the total score of S (the sum of its applications' scores) and C(S) the
number of sectors it covers among those of the criterion of mode "ensemble"
(``couverture_secteurs``). Among the sets that meet the maxima, the proposal
is the lexicographic best on:

0. the smallest shortfall on minimum 1, then on minimum 2, and so on;
1. the objective the programme declares for coverage (``couverture`` of that
   criterion), one of:
   - ``mode: points``: the largest T(S) + p × C(S), p being
     ``points_par_secteur`` (on the scores' scale: each application is
     scored out of 100);
   - ``mode: lexicographique, rang: avant_score``: the largest C(S), then the
     largest T(S);
   - ``mode: lexicographique, rang: apres_score`` (and without a usable
     ``couverture``, which ACIA407 reports): the largest T(S), then the
     largest C(S);
2. then the largest number of organismes gestionnaires;
3. then the earliest-received applications (the set whose earliest differing
   application was received first; equal times fall back to the id).

``CoverageRule.key`` is step 1–2, the one place the objective is written.

When every minimum can hold, step 0 keeps exactly the sets that meet them all.
Otherwise each minimum that cannot hold is *relaxed*: lowered ("ramené à") to
the largest value that can hold together with the maxima and the minima before
it, never dropped wholesale; ``Proposal.relaxed`` says which, by how much and
why, and ``Proposal.constraints`` are the lowered limits. The proposal is also
the optimum of 1–3 under the lowered limits (a set meeting them has exactly
the smallest shortfalls), which is how a solver states it: one solve per
minimum, in order, maximising its value capped at the minimum and then fixing
it; then one solve of 1–3 (the coverage term is linear in one 0/1 variable
per sector, at most the sum of the chosen applications covering it).

Explanations
------------
Let P be the proposal under the applied (possibly lowered) limits, and U the
optimum of 1–3 under their maxima alone. An application of P outside U is
"retenue pour respecter" the minima whose removal alone would take it out of
P; one of P that the optimum without coverage (C counted as 0) leaves out is
"retenue pour la couverture des secteurs", with the sectors it alone brings
and, with ``mode: points``, the points they add. An application on the
waiting list that is in U is kept out by the minima whose removal alone would
bring it into P. Otherwise, when it cannot fit (too many établissements) or
scores less than every proposed application without bringing a sector P
lacks (whatever it brings, with ``rang: apres_score``), that is the reason;
else the best set that contains it (Q) is compared with P on steps 1–3, and
each step compared is named, down to the one that decided (the totals, with
their coverage points, or the sectors covered and the totals in the declared
order; then number of OG, then reception order). Applications are named by
their OG (with the axe's title when an OG applied twice), fundings and
sectors by the programme's labels.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from fractions import Fraction
from typing import Any, TypeGuard

from acia import french
from acia.findings import Finding
from acia.model.application import Application
from acia.model.decisions import Evaluation
from acia.model.instance import Instance
from acia.model.programme import Programme, SelectionCriterion

DECISIONS = ("retenue", "liste_attente", "non_retenue")

# How the sectors covered count (« couverture » of the programme's « ensemble » criterion): see CoverageRule.
COVERAGE_POINTS, COVERAGE_FIRST, COVERAGE_TIE_BREAK = "points", "avant_score", "apres_score"

# How data/selection.yml (« ecarts_limites ») names each limit of the programme.
OG_MIN, OG_MAX = "organismes_gestionnaires_min", "organismes_gestionnaires_max"
ETAB_MIN, ETAB_MAX = "etablissements_min", "etablissements_max"
FUNDING_MIN = "financement_minimum"
LIMIT_KEYS = (OG_MIN, OG_MAX, ETAB_MIN, ETAB_MAX, FUNDING_MIN)


@dataclass(frozen=True)
class CriterionScore:
    id: str
    label: str
    mode: str
    weight: Fraction
    value: Fraction | None  # normalised to 0..1; None when nobody scored it
    points: Fraction
    detail: str  # what the value is made of, in French


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str
    axe: str
    received: datetime
    fundings: frozenset[str]
    sectors: frozenset[str]
    etablissements: int
    eligible: bool
    reasons: tuple[str, ...]  # why not eligible
    scores: tuple[CriterionScore, ...]
    total: Fraction
    axe_title: str = ""  # the axe's short title, from the programme
    article: str | None = None  # the OG's article (« l' », « la »…), None to read it from the name


@dataclass(frozen=True)
class Limit:
    """One number of ``limites`` in data/programme.yml: a key of LIMIT_KEYS, its value, and the funding of a funding minimum."""

    key: str
    value: int
    funding: str = ""

    @property
    def is_minimum(self) -> bool:
        return self.key in (OG_MIN, ETAB_MIN, FUNDING_MIN)


@dataclass(frozen=True)
class CoverageRule:
    """How the number of sectors a set covers counts in the objective: points added to its total score, or compared before or after it."""

    order: str = COVERAGE_TIE_BREAK  # COVERAGE_POINTS, COVERAGE_FIRST (before the total) or COVERAGE_TIE_BREAK (after it)
    points: Fraction = Fraction(0)  # with COVERAGE_POINTS: added per sector covered, on the scores' scale (out of 100 each)

    def key(self, total: Fraction | int, covered: int, count: int, scale: int = 1) -> tuple[Fraction | int, ...]:
        """Steps 1–2 of the module docstring on one set, larger is better: its total score (times ``scale``), the sectors it covers, its size.

        With points the first item is the total with its coverage points, both
        multiplied by the points' denominator: integer totals stay integers.
        """
        if self.order == COVERAGE_POINTS:
            points = self.points * scale
            return (total * points.denominator + points.numerator * covered, count)
        if self.order == COVERAGE_FIRST:
            return (covered, total, count)
        return (total, covered, count)

    def bonus(self, covered: int) -> Fraction:
        """The points coverage adds to a set's total (only with COVERAGE_POINTS)."""
        return self.points * covered if self.order == COVERAGE_POINTS else Fraction(0)

    def describe(self) -> str:
        """The rule in French, for the programme's page and the matrix: « chaque secteur couvert ajoute 12,50 points au total des scores de la sélection »."""
        if self.order == COVERAGE_POINTS:
            return f"chaque secteur couvert ajoute {french.number(self.points, 2)} points au total des scores de la sélection"
        if self.order == COVERAGE_FIRST:
            return "la sélection qui couvre le plus de secteurs l'emporte, avant le total des scores"
        return "à total des scores égal, la sélection qui couvre le plus de secteurs l'emporte"


@dataclass(frozen=True)
class Constraints:
    og_min: int
    og_max: int | None
    etab_min: int
    etab_max: int | None
    fundings: tuple[tuple[str, int], ...]  # (funding id, minimum number of OG), one entry per funding
    coverage: tuple[str, ...]  # sectors whose coverage counts in the objective, as coverage_rule says
    funding_labels: tuple[tuple[str, str], ...] = ()  # (funding id, label), from the programme
    sector_labels: tuple[tuple[str, str], ...] = ()  # (sector id, label), from the programme
    coverage_rule: CoverageRule = CoverageRule()

    def funding_label(self, funding: str) -> str:
        return dict(self.funding_labels).get(funding, funding)

    def sector_label(self, sector: str) -> str:
        return dict(self.sector_labels).get(sector, sector)

    def sectors_of(self, chosen: Iterable[Candidate]) -> str:
        """The sectors a set covers: « 3 secteurs (Personnes âgées, Personnes handicapées, Protection de l'enfance) »."""
        covered = {sector for candidate in chosen for sector in candidate.sectors}
        labels = [self.sector_label(sector) for sector in self.coverage if sector in covered]
        return french.plural(len(labels), "secteur") + (f" ({', '.join(labels)})" if labels else "")

    def coverage_summary(self, chosen: Iterable[Candidate]) -> str:
        """How coverage counts and what a set gets from it; empty without sectors to cover.

        « Couverture des secteurs : chaque secteur couvert ajoute 12,50 points au total des scores de la sélection ;
        la proposition couvre 3 secteurs (…), soit 37,50 points. »
        """
        if not self.coverage:
            return ""
        chosen = list(chosen)
        covered = coverage_of(chosen, self)
        text = f"Couverture des secteurs : {self.coverage_rule.describe()} ; la proposition couvre {self.sectors_of(chosen)}"
        if self.coverage_rule.order == COVERAGE_POINTS and covered:
            text += f", soit {french.number(self.coverage_rule.bonus(covered), 2)} points"
        return text + "."

    def minima(self) -> tuple[Limit, ...]:
        """The minima above zero, in relaxation order: OG, établissements, then each funding in the programme's order."""
        found = [Limit(OG_MIN, self.og_min)] if self.og_min else []
        if self.etab_min:
            found.append(Limit(ETAB_MIN, self.etab_min))
        return tuple(found + [Limit(FUNDING_MIN, minimum, funding) for funding, minimum in self.fundings if minimum])

    def maxima(self) -> tuple[Limit, ...]:
        found = [Limit(OG_MAX, self.og_max)] if self.og_max is not None else []
        return tuple(found + ([Limit(ETAB_MAX, self.etab_max)] if self.etab_max is not None else []))

    def limits(self) -> tuple[Limit, ...]:
        """Every limit, in reading order: OG (max, min), établissements (max, min), fundings."""
        order = {OG_MAX: 0, OG_MIN: 1, ETAB_MAX: 2, ETAB_MIN: 3, FUNDING_MIN: 4}
        return tuple(sorted(self.maxima() + self.minima(), key=lambda limit: order[limit.key]))

    def measure(self, limit: Limit, chosen: Iterable[Candidate]) -> int:
        """The value a limit bounds, on a set of applications."""
        chosen = list(chosen)
        if limit.key in (OG_MIN, OG_MAX):
            return len(chosen)
        if limit.key in (ETAB_MIN, ETAB_MAX):
            return sum(candidate.etablissements for candidate in chosen)
        return sum(1 for candidate in chosen if limit.funding in candidate.fundings)

    def quantity(self, limit: Limit, value: int | None = None) -> str:
        """« 4 organismes gestionnaires », « 10 établissements », « 3 OG sous financement « Assurance maladie » »."""
        value = limit.value if value is None else value
        if limit.key in (OG_MIN, OG_MAX):
            return _og(value)
        if limit.key in (ETAB_MIN, ETAB_MAX):
            return french.plural(value, "établissement")
        return f"{value} OG sous financement « {self.funding_label(limit.funding)} »"

    def describe_limit(self, limit: Limit, value: int | None = None) -> str:
        """« au plus 4 organismes gestionnaires », « au moins 1 OG sous financement « Assurance maladie » »."""
        return f"au {'moins' if limit.is_minimum else 'plus'} {self.quantity(limit, value)}"

    def describe(self) -> list[str]:
        return [self.describe_limit(limit) for limit in self.limits()]

    def without(self, limit: Limit) -> Constraints:
        """These constraints without one limit."""
        if limit.key == FUNDING_MIN:
            return replace(self, fundings=tuple(item for item in self.fundings if item[0] != limit.funding))
        if limit.key == OG_MIN:
            return replace(self, og_min=0)
        if limit.key == OG_MAX:
            return replace(self, og_max=None)
        if limit.key == ETAB_MIN:
            return replace(self, etab_min=0)
        return replace(self, etab_max=None)

    def without_minima(self) -> Constraints:
        return replace(self, og_min=0, etab_min=0, fundings=())

    def lowered(self, values: dict[Limit, int]) -> Constraints:
        """These constraints with some minima lowered to the given values."""
        og_min = next((value for limit, value in values.items() if limit.key == OG_MIN), self.og_min)
        etab_min = next((value for limit, value in values.items() if limit.key == ETAB_MIN), self.etab_min)
        by_funding = {limit.funding: value for limit, value in values.items() if limit.key == FUNDING_MIN}
        return replace(self, og_min=og_min, etab_min=etab_min, fundings=tuple((funding, by_funding.get(funding, minimum)) for funding, minimum in self.fundings))


def _og(count: int) -> str:
    return french.plural(count, "organisme gestionnaire", "organismes gestionnaires")


@dataclass(frozen=True)
class Relaxation:
    """A minimum of the programme that no selection can meet, and the largest part of it the proposal keeps."""

    limit: Limit  # the programme's
    kept: int
    reason: str  # why no more can be kept, in French
    text: str  # « minimum de 3 OG sous financement « Assurance maladie » ramené à 2 : seules 2 candidatures éligibles en relèvent »

    def as_dict(self) -> dict[str, Any]:
        found: dict[str, Any] = {"limite": self.limit.key}
        if self.limit.funding:
            found["financement"] = self.limit.funding
        found.update({"minimum_du_programme": self.limit.value, "minimum_applique": self.kept, "explication": self.text})
        return found


@dataclass
class Proposal:
    candidates: list[Candidate]
    constraints: Constraints  # those actually applied: the programme's, with any minimum that cannot hold lowered
    limits: Constraints  # the programme's own: what the committee's decision is checked against
    selected: tuple[str, ...]
    waiting: tuple[str, ...]
    explanations: dict[str, str]
    alerts: list[str] = field(default_factory=list)
    relaxed: tuple[Relaxation, ...] = ()

    def relaxation_for(self, limit: Limit) -> Relaxation | None:
        return next((relaxation for relaxation in self.relaxed if (relaxation.limit.key, relaxation.limit.funding) == (limit.key, limit.funding)), None)

    def chosen(self) -> list[Candidate]:
        return [candidate for candidate in self.candidates if candidate.id in self.selected]

    @property
    def scored(self) -> bool:
        """Whether any application has a score yet (before the committee's evaluations, every total is 0)."""
        return any(candidate.total for candidate in self.candidates)

    def coverage_summary(self) -> str:
        """« Couverture des secteurs : … ; la proposition couvre 3 secteurs (…), soit 37,50 points. », or empty."""
        return self.constraints.coverage_summary(self.chosen())

    def as_dict(self) -> dict[str, Any]:
        return {
            "proposition": list(self.selected),
            "liste_attente": list(self.waiting),
            "couverture_secteurs": self.coverage_summary(),
            "limites_du_programme": self.limits.describe(),
            "contraintes_appliquees": self.constraints.describe(),
            "contraintes_relachees": [relaxation.as_dict() for relaxation in self.relaxed],
            "alertes": list(self.alerts),
            "classement": [
                {
                    "id": candidate.id,
                    "organisme_gestionnaire": candidate.name,
                    "axe": candidate.axe,
                    "secteurs": sorted(candidate.sectors),
                    "eligible": candidate.eligible,
                    "motifs": [self.explanations[candidate.id]] if candidate.eligible else list(candidate.reasons),
                    "score": _number(candidate.total),
                    "criteres": [
                        {
                            "id": score.id,
                            "libelle": score.label,
                            "mode": score.mode,
                            "poids": _number(score.weight),
                            "valeur": None if score.value is None else _number(score.value),
                            "points": _number(score.points),
                            "detail": score.detail,
                        }
                        for score in candidate.scores
                    ],
                }
                for candidate in self.candidates
            ],
        }


def _number(value: Fraction) -> float | int:
    rounded = round(float(value), 4)
    return int(rounded) if rounded == int(rounded) else rounded


# --- Criteria --------------------------------------------------------------


def _condition(application: Application, condition: dict[str, Any]) -> bool:
    value = application.value_at(condition["champ"])
    if "egal" in condition:
        return bool(value == condition["egal"])
    return isinstance(value, list) and any(item in value for item in condition["contient_un_de"])


def computed(calcul: dict[str, Any], application: Application, programme: Programme, on_time: bool) -> bool:
    """Evaluate an automatic criterion or eligibility check on one application."""
    if "financement_parmi" in calcul:
        return any(funding in application.fundings for funding in calcul["financement_parmi"])
    if "dans_les_delais" in calcul:
        return on_time
    if "equipe_complete" in calcul:
        mandatory = {role.id for role in programme.team.roles if role.mandatory}
        expected = application.expected_teams(programme.team.per_etablissement)
        return all(team is not None and mandatory <= team.roles and (team.pilot is not None or not programme.pilot_required) for team in expected)
    if "etablissements_au_plus" in calcul:
        return bool(len(application.etablissements) <= calcul["etablissements_au_plus"])
    if "secteur_eligible" in calcul:
        return all(programme.eligible_sectors.get(etablissement.sector, False) for etablissement in application.etablissements)
    if "engagements_requis" in calcul:
        # The programme names the required engagements by their key in the form's « engagements » block.
        return all(application.value_at(f"engagements.{name}") is True for name in programme.required_engagements)
    if "toutes" in calcul:
        return all(_condition(application, condition) for condition in calcul["toutes"])
    if "une_parmi" in calcul:
        return any(_condition(application, condition) for condition in calcul["une_parmi"])
    raise ValueError(f"calcul inconnu : {sorted(calcul)}")


def applicable(calcul: dict[str, Any] | None) -> TypeGuard[dict[str, Any]]:
    """Whether an automatic criterion or eligibility check can be computed on one application.

    Not when the programme gives none, or one on the whole selection
    (« couverture_secteurs »): ACIA407 reports it, and it is left out.
    """
    return calcul is not None and "couverture_secteurs" not in calcul


def _scale(criterion: SelectionCriterion) -> tuple[Fraction, Fraction] | None:
    """The (min, max) of a manual criterion's scale; None without a usable one (min < max): ACIA407 reports it, and it is left out."""
    if criterion.scale is None or not criterion.scale[0] < criterion.scale[1]:
        return None
    return Fraction(str(criterion.scale[0])), Fraction(str(criterion.scale[1]))


def _scores(programme: Programme, application: Application, on_time: bool, notes: dict[str, list[tuple[str, Fraction]]]) -> tuple[CriterionScore, ...]:
    scores = []
    for criterion in programme.criteria:
        if criterion.axe not in (None, application.axe):
            continue
        weight = Fraction(str(criterion.weight))
        if criterion.mode == "automatique":
            if not applicable(criterion.computation):
                continue
            met = computed(criterion.computation, application, programme, on_time)
            value = Fraction(int(met))
            detail = "oui" if met else "non"
        elif criterion.mode == "manuel":
            scale = _scale(criterion)
            if scale is None:
                continue
            given = notes.get(criterion.id, [])
            if not given:
                scores.append(CriterionScore(criterion.id, criterion.label, "manuel", weight, None, Fraction(0), "non évalué"))
                continue
            mean = sum((note for _, note in given), Fraction(0)) / len(given)
            low, high = scale
            value = (mean - low) / (high - low)
            values = [note for _, note in given]
            spread = f", écart {french.number(min(values), 1)} à {french.number(max(values), 1)}" if len(set(values)) > 1 else ""
            detail = f"{french.number(mean, 2)} sur {french.number(high, 0)} (moyenne de {french.plural(len(given), 'évaluation')}{spread})"
        else:
            continue  # « ensemble »: sectors covered by the whole selection, see constraints_of
        scores.append(CriterionScore(criterion.id, criterion.label, criterion.mode, weight, value, weight * value, detail))
    return tuple(scores)


def notes_by_application(evaluations: Iterable[Evaluation]) -> dict[str, dict[str, list[tuple[str, Fraction]]]]:
    """application id -> criterion id -> [(evaluator, note)]."""
    found: dict[str, dict[str, list[tuple[str, Fraction]]]] = {}
    for evaluation in evaluations:
        per_criterion = found.setdefault(evaluation.application, {})
        for score in evaluation.scores:
            for criterion, note in score.notes.items():
                per_criterion.setdefault(criterion, []).append((score.evaluator, Fraction(str(note))))
    return found


def build_candidates(instance: Instance, findings: list[Finding]) -> list[Candidate]:
    """Score every application; those with validation errors or failing eligibility are ineligible."""
    programme = instance.programme
    errors_by_file: dict[str, list[str]] = {}
    for finding in findings:
        if finding.is_error:
            errors_by_file.setdefault(finding.file, []).append(f"{finding.rule} : {finding.message}")
    notes = notes_by_application(instance.evaluations)
    candidates = []
    for application in sorted(instance.applications, key=lambda application: application.file):
        on_time = application.received <= programme.deadline
        reasons = [f"rejetée par acia valider ({message})" for message in errors_by_file.get(application.file, [])]
        for criterion in programme.eligibility:
            if applicable(criterion.control) and not computed(criterion.control, application, programme, on_time):
                reasons.append(f"critère d'éligibilité non rempli : {criterion.label}")
        scores = _scores(programme, application, on_time, notes.get(application.id, {}))
        candidates.append(
            Candidate(
                id=application.id,
                name=application.og.name,
                axe=application.axe,
                received=application.received.astimezone(programme.timezone),  # printed in the programme's time
                fundings=frozenset(application.fundings),
                sectors=frozenset(etablissement.sector for etablissement in application.etablissements),
                etablissements=len(application.etablissements),
                eligible=not reasons,
                reasons=tuple(reasons),
                scores=scores,
                total=_total(scores),
                axe_title=axe.short_title if (axe := programme.axe(application.axe)) is not None else application.axe,
                article=application.og.article,
            )
        )
    return candidates


def _total(scores: tuple[CriterionScore, ...]) -> Fraction:
    """Weighted mean of the applicable criteria, out of 100.

    A mean rather than a sum, because axes do not have the same number of
    criteria (4 for axe 1, 3 for axe 2 in Corse 2023): applications of
    different axes must compete on the same scale.
    """
    weights = sum((score.weight for score in scores), Fraction(0))
    if not weights:
        return Fraction(0)
    return 100 * sum((score.points for score in scores), Fraction(0)) / weights


def coverage_rule_of(criterion: SelectionCriterion) -> CoverageRule:
    """What an « ensemble » criterion declares in « couverture »; the tie-break after the total when it declares nothing usable (ACIA407 reports it)."""
    declared = criterion.coverage
    if declared is None:
        return CoverageRule()
    if declared.mode == "points" and declared.points_per_sector is not None and declared.points_per_sector > 0:
        return CoverageRule(COVERAGE_POINTS, Fraction(str(declared.points_per_sector)))
    if declared.mode == "lexicographique" and declared.rank == COVERAGE_FIRST:
        return CoverageRule(COVERAGE_FIRST)
    return CoverageRule()


def coverage_criterion(programme: Programme) -> SelectionCriterion | None:
    """The criterion on the sectors the selection covers: the first of mode « ensemble » with « couverture_secteurs » (ACIA407 reports any other)."""
    return next((c for c in programme.criteria if c.mode == "ensemble" and c.computation is not None and "couverture_secteurs" in c.computation), None)


def constraints_of(programme: Programme) -> Constraints:
    """The programme's limits and coverage rule, labelled from its data; a funding listed twice keeps its largest minimum."""
    limits = programme.limits
    criterion = coverage_criterion(programme)
    coverage: list[str] = []
    if criterion is not None and criterion.computation is not None:
        coverage = list(dict.fromkeys(criterion.computation["couverture_secteurs"]))
    fundings: dict[str, int] = {}
    for minimum in limits.funding_minimums:
        fundings[minimum.funding] = max(minimum.minimum, fundings.get(minimum.funding, 0))
    return Constraints(
        og_min=limits.organismes_gestionnaires.minimum or 0,
        og_max=limits.organismes_gestionnaires.maximum,
        etab_min=limits.etablissements.minimum or 0,
        etab_max=limits.etablissements.maximum,
        fundings=tuple(fundings.items()),
        coverage=tuple(coverage),
        funding_labels=tuple((funding.id, funding.label) for funding in programme.fundings),
        sector_labels=tuple((sector.id, sector.label) for sector in programme.sectors),
        coverage_rule=coverage_rule_of(criterion) if criterion is not None else CoverageRule(),
    )


# --- Optimisation ----------------------------------------------------------

# A state of the search: (count, funding counts capped at their minimum, sector mask, établissements),
# its value: (total, chosen positions), and a final value: (CoverageRule.key of the set, chosen positions).
_State = tuple[int, tuple[int, ...], int, int]
_Value = tuple[int, tuple[int, ...]]
_Final = tuple[tuple[Fraction | int, ...], tuple[int, ...]]


def rank_key(candidate: Candidate) -> tuple[datetime, str]:
    return (candidate.received, candidate.id)


def coverage_of(chosen: Iterable[Candidate], constraints: Constraints) -> int:
    return len({sector for candidate in chosen for sector in candidate.sectors} & set(constraints.coverage))


class _Search:
    """The eligible candidates in reception order, and the exact searches over them.

    ``states`` is the dynamic programming: every reachable state under the
    maxima, with the best (total, earliest) set reaching it. ``select`` applies
    the lexicographic objective of the module docstring to those states: a
    state fixes the sectors covered and the size, so the best set of each state
    is all the objective needs, whatever the coverage rule.
    """

    def __init__(self, candidates: list[Candidate]):
        self.items = sorted((c for c in candidates if c.eligible), key=rank_key)
        self.position = {item.id: index for index, item in enumerate(self.items)}
        # Exact integer scores (common denominator): same order as the fractions, much faster.
        self.scale = math.lcm(*(item.total.denominator for item in self.items)) if self.items else 1
        self.scores = [int(item.total * self.scale) for item in self.items]
        self._states: dict[Constraints, dict[_State, _Value]] = {}
        self._optima: dict[Constraints, frozenset[str]] = {}

    def states(self, constraints: Constraints, include: int | None = None) -> dict[_State, _Value]:
        """Reachable states under the maxima (with ``include``, only the sets holding that position)."""
        if include is None and constraints in self._states:
            return self._states[constraints]
        sector_bit = {sector: 1 << index for index, sector in enumerate(constraints.coverage)}
        caps = tuple(minimum for _, minimum in constraints.fundings)
        og_max = constraints.og_max if constraints.og_max is not None else len(self.items)
        etab_max = constraints.etab_max
        states: dict[_State, _Value] = {(0, tuple(0 for _ in caps), 0, 0): (0, ())}
        for index, item in enumerate(self.items):
            mask = sum(sector_bit.get(sector, 0) for sector in item.sectors)
            hits = tuple(int(funding in item.fundings) for funding, _ in constraints.fundings)
            grown: dict[_State, _Value] = {}
            for (count, funded, covered, etabs), (total, chosen) in states.items():
                if count >= og_max:
                    continue
                new_etabs = etabs + item.etablissements
                if etab_max is not None and new_etabs > etab_max:
                    continue
                if etab_max is None:  # only the minimum matters then: a smaller state space
                    new_etabs = min(new_etabs, constraints.etab_min)
                key = (count + 1, tuple(min(cap, have + hit) for cap, have, hit in zip(caps, funded, hits, strict=True)), covered | mask, new_etabs)
                _keep(grown, key, (total + self.scores[index], chosen + (index,)))
            if index == include:
                states = grown
            else:
                for key, value in grown.items():
                    _keep(states, key, value)
        if include is None:
            self._states[constraints] = states
        return states

    def select(self, constraints: Constraints, include: str | None = None, strict: bool = False) -> tuple[tuple[Candidate, ...], tuple[int, ...]] | None:
        """The best set and the value kept for each minimum (order of ``constraints.minima()``).

        None when no set meets the maxima (only possible with ``include``), or,
        with ``strict``, when a minimum cannot hold.
        """
        states = self.states(constraints, None if include is None else self.position[include])
        remaining = list(states.items())
        kept: list[int] = []
        for limit in constraints.minima():
            measure = _measure(constraints, limit)
            reach = max((min(measure(state), limit.value) for state, _ in remaining), default=0)
            if strict and reach < limit.value:
                return None
            kept.append(reach)
            remaining = [(state, value) for state, value in remaining if measure(state) >= reach]
        best: _Final | None = None
        key = constraints.coverage_rule.key
        for (count, _, covered, _), (total, chosen) in remaining:
            final = (key(total, covered.bit_count(), count, self.scale), chosen)
            if best is None or _better_final(final, best):
                best = final
        if best is None:
            return None
        return tuple(self.items[index] for index in best[1]), tuple(kept)

    def optimum(self, constraints: Constraints) -> frozenset[str]:
        """The ids of the proposal under these constraints, with any minimum that cannot hold relaxed."""
        if constraints not in self._optima:
            found = self.select(constraints)
            self._optima[constraints] = frozenset(candidate.id for candidate in found[0]) if found else frozenset()
        return self._optima[constraints]

    def reach(self, constraints: Constraints, limit: Limit, holding: Iterable[tuple[Limit, int]]) -> int:
        """The largest value of a minimum (capped at it) over the sets meeting the maxima and the ``holding`` minima at their values."""
        measure = _measure(constraints, limit)
        tests = [(_measure(constraints, other), value) for other, value in holding]
        return max((min(measure(state), limit.value) for state in self.states(constraints) if all(test(state) >= value for test, value in tests)), default=0)


def _keep(states: dict[_State, _Value], key: _State, value: _Value) -> None:
    current = states.get(key)
    if current is None or _better_same_state(value, current):
        states[key] = value


def _measure(constraints: Constraints, limit: Limit) -> Callable[[_State], int]:
    """The value of a minimum on a state (funding counts are capped at their minimum)."""
    if limit.key == OG_MIN:
        return lambda state: state[0]
    if limit.key == ETAB_MIN:
        return lambda state: state[3]
    position = next(index for index, (funding, _) in enumerate(constraints.fundings) if funding == limit.funding)
    return lambda state: state[1][position]


def _better_same_state(a: _Value, b: _Value) -> bool:
    """Same size, sectors and counts: higher total, then earlier-received applications."""
    if a[0] != b[0]:
        return a[0] > b[0]
    return a[1] < b[1]


def _better_final(a: _Final, b: _Final) -> bool:
    """A better objective, then the earlier-received applications."""
    if a[0] != b[0]:
        return a[0] > b[0]
    return a[1] < b[1]


def optimise(candidates: list[Candidate], constraints: Constraints) -> tuple[Candidate, ...] | None:
    """The best set of eligible candidates meeting every limit, or None when no set does."""
    found = _Search(candidates).select(constraints, strict=True)
    return None if found is None else found[0]


def relaxed_optimum(candidates: list[Candidate], constraints: Constraints) -> tuple[tuple[Candidate, ...], Constraints]:
    """The proposal's set and the limits it meets: the programme's, with each minimum that cannot hold lowered (module docstring)."""
    chosen, kept = _Search(candidates).select(constraints) or ((), ())
    return chosen, constraints.lowered(dict(zip(constraints.minima(), kept, strict=True)))


def proposal_for(instance: Instance, findings: list[Finding]) -> Proposal:
    """The whole selection pipeline on the model: candidates, constraints, optimum, explanations.

    ``findings`` are those of validation on every file: an application with an error is ineligible.
    """
    return propose(build_candidates(instance, findings), constraints_of(instance.programme))


def propose(candidates: list[Candidate], constraints: Constraints) -> Proposal:
    search = _Search(candidates)
    found = search.select(constraints)
    chosen, kept = found if found is not None else ((), ())  # never None: the empty set meets the maxima
    minima = constraints.minima()
    applied = constraints.lowered(dict(zip(minima, kept, strict=True)))
    relaxed = tuple(_relaxation(search, constraints, minima, kept, index) for index, limit in enumerate(minima) if kept[index] < limit.value)
    alerts = []
    if relaxed:
        alerts.append(
            "Aucune sélection ne respecte toutes les limites du programme : la proposition garde la plus grande part possible de chaque minimum, "
            "dans l'ordre des limites de data/programme.yml (nombre d'OG, nombre d'établissements, puis financements). "
            "Le comité décide de l'écart et l'enregistre avec son motif dans « ecarts_limites » de data/selection.yml."
        )
        alerts += [relaxation.text[:1].upper() + relaxation.text[1:] + "." for relaxation in relaxed]
    selected_ids = {candidate.id for candidate in chosen}
    eligible = [candidate for candidate in candidates if candidate.eligible]
    waiting = sorted((c for c in eligible if c.id not in selected_ids), key=lambda c: (-c.total, rank_key(c)))
    explanations = _Explainer(search, candidates, chosen, applied).explain(waiting)
    selected = tuple(c.id for c in sorted(chosen, key=lambda c: (-c.total, rank_key(c))))
    return Proposal(candidates, applied, constraints, selected, tuple(c.id for c in waiting), explanations, alerts, relaxed)


# --- Relaxation ------------------------------------------------------------


def _relaxation(search: _Search, constraints: Constraints, minima: tuple[Limit, ...], kept: tuple[int, ...], index: int) -> Relaxation:
    limit = minima[index]
    reason = _why_no_more(search, constraints, minima, kept, index)
    text = f"minimum de {constraints.quantity(limit)} ramené à {kept[index]} : {reason}"
    return Relaxation(limit, kept[index], reason, text)


def _why_no_more(search: _Search, constraints: Constraints, minima: tuple[Limit, ...], kept: tuple[int, ...], index: int) -> str:
    """Why a minimum keeps no more than ``kept[index]``: the eligible applications, else the limits that hold it down."""
    limit, value = minima[index], kept[index]
    available = constraints.measure(limit, search.items)
    if value >= available:
        return _only(limit, available)
    earlier = list(zip(minima[:index], kept[:index], strict=True))
    # The limits whose removal alone would let this minimum keep more.
    blockers = [constraints.describe_limit(maximum) for maximum in constraints.maxima() if search.reach(constraints.without(maximum), limit, earlier) > value]
    blockers += [
        constraints.describe_limit(previous, held)
        for position, (previous, held) in enumerate(earlier)
        if held and search.reach(constraints, limit, earlier[:position] + earlier[position + 1 :]) > value
    ]
    together = len(blockers) > 1  # each one needed: they hold it down together
    if not blockers:  # none needed alone: any of them would do
        blockers = [constraints.describe_limit(maximum) for maximum in constraints.maxima()] + [constraints.describe_limit(previous, held) for previous, held in earlier if held]
    quoted = [f"« {blocker} »" for blocker in blockers]
    if len(quoted) == 1:
        return f"la limite {quoted[0]} n'en permet pas plus"
    return f"les limites {french.enumerate_names(quoted)}{', ensemble,' if together else ''} n'en permettent pas plus"


def _only(limit: Limit, available: int) -> str:
    """« seules 2 candidatures éligibles en relèvent »: what the eligible applications allow at most."""
    if limit.key == OG_MIN:
        if available == 0:
            return "aucune candidature n'est éligible"
        return f"{french.agree(available, 'seule', 'seules')} {french.plural(available, 'candidature')} {french.agree(available, 'est', 'sont')} {french.agree(available, 'éligible')}"
    if limit.key == ETAB_MIN:
        if available == 0:
            return "aucune candidature éligible ne compte d'établissement"
        return f"les candidatures éligibles comptent {french.plural(available, 'établissement')} en tout"
    if available == 0:
        return "aucune candidature éligible n'en relève"
    return f"{french.agree(available, 'seule', 'seules')} {french.plural(available, 'candidature')} {french.agree(available, 'éligible')} {french.agree(available, 'en relève', 'en relèvent')}"


# --- Explanations ----------------------------------------------------------


def names_of(candidates: Iterable[Candidate]) -> dict[str, str]:
    """What a reader calls each application: its OG's name, with its axe's title when the OG applied more than once."""
    candidates = list(candidates)
    counts = Counter(candidate.name for candidate in candidates)
    return {c.id: c.name if counts[c.name] == 1 else f"{c.name} – axe « {c.axe_title or c.axe} »" for c in candidates}


def _the_constraints(descriptions: list[str]) -> tuple[str, bool]:
    """(« la contrainte « X » » or « les contraintes « X » et « Y » », plural)."""
    quoted = [f"« {description} »" for description in descriptions]
    if not quoted:
        return "les limites du programme", True
    if len(quoted) == 1:
        return f"la contrainte {quoted[0]}", False
    return f"les contraintes {french.enumerate_names(quoted)}", True


class _Explainer:
    """Why each application is proposed or not, as the module docstring defines it."""

    def __init__(self, search: _Search, candidates: list[Candidate], chosen: tuple[Candidate, ...], constraints: Constraints):
        self.search, self.candidates, self.chosen, self.constraints = search, candidates, chosen, constraints
        self.names = names_of(candidates)
        self.articles = {c.id: french.article(c.name) if c.article is None else c.article for c in candidates}
        self.minima = constraints.minima()
        self.chosen_ids = frozenset(candidate.id for candidate in chosen)
        self.unconstrained = search.optimum(constraints.without_minima())
        self.forced = [candidate for candidate in sorted(chosen, key=lambda c: (-c.total, rank_key(c))) if candidate.id not in self.unconstrained]
        self.forced_ids = frozenset(candidate.id for candidate in self.forced)
        self.won: dict[str, list[tuple[str, str, str]]] = {}  # chosen id -> the ties it won: (« à » and the loser's name, « ex æquo », deciding criterion)
        self.rule = constraints.coverage_rule

    def the(self, candidate_id: str) -> str:
        """« l'Association U Ponte », « A Casa di i Zitelli »: an application named in a sentence."""
        return french.the(self.names[candidate_id], self.articles[candidate_id])

    def of(self, candidate_id: str) -> str:
        return french.of(self.names[candidate_id], self.articles[candidate_id])

    def to(self, candidate_id: str) -> str:
        return french.to(self.names[candidate_id], self.articles[candidate_id])

    def binding(self, candidate_id: str, inside: bool) -> list[Limit]:
        """The minima whose removal alone would take this application out of the proposal (``inside``) or bring it in."""
        return [limit for limit in self.minima if (candidate_id in self.search.optimum(self.constraints.without(limit))) != inside]

    def describe(self, limits: list[Limit]) -> list[str]:
        return [self.constraints.describe_limit(limit) for limit in limits or self.minima]

    def explain(self, waiting: list[Candidate]) -> dict[str, str]:
        explanations: dict[str, str] = {}
        for rank, candidate in enumerate(waiting, start=1):
            explanations[candidate.id] = f"liste d'attente n° {rank} : " + self.left_out(candidate)
        eligible = [c for c in self.candidates if c.eligible]
        by_score = sorted(eligible, key=lambda c: (-c.total, rank_key(c)))
        position = {c.id: index + 1 for index, c in enumerate(by_score)}
        coverage_free = self.search.optimum(replace(self.constraints, coverage=())) if self.constraints.coverage else self.chosen_ids
        for candidate in self.chosen:
            if len(self.chosen) == len(eligible):  # no competition: a rank would suggest one
                text = "proposée : seule candidature éligible" if len(eligible) == 1 else f"proposée : les {len(eligible)} candidatures éligibles sont toutes proposées"
                if any(c.total for c in eligible):
                    text += f" (score {french.number(candidate.total, 2)})"
            else:
                ordinal = "1re" if position[candidate.id] == 1 else f"{position[candidate.id]}e"
                text = f"proposée : score {french.number(candidate.total, 2)}, {ordinal} sur {french.plural(len(eligible), 'candidature')} {french.agree(len(eligible), 'éligible')}"
            own = self.brings(candidate)
            if candidate.id in self.forced_ids:
                rule, _ = _the_constraints(self.describe(self.binding(candidate.id, inside=True)))
                text += f" ; retenue pour respecter {rule}"
            elif candidate.id not in coverage_free:
                first = ", qui passe avant le score" if self.rule.order == COVERAGE_FIRST else ""
                text += f" ; retenue pour la couverture des secteurs{first}" + (f" : {own}" if own else "")
                own = ""
            if own and self.rule.order == COVERAGE_POINTS:  # what coverage brought, even when the score alone keeps it
                text += f" ; {own}"
            for loser, tie, criterion in self.won.get(candidate.id, []):
                text += f" ; préférée {loser}, {tie}" + ("" if criterion in text else f", par {criterion}")
            explanations[candidate.id] = text
        for candidate in self.candidates:
            if not candidate.eligible:
                explanations[candidate.id] = "inéligible : " + " ; ".join(candidate.reasons)
        return explanations

    def brings(self, candidate: Candidate) -> str:
        """« elle apporte le secteur « Personnes handicapées », qu'aucune autre candidature proposée ne couvre » (« , soit 12,50 points de couverture » with points)."""
        others = {sector for other in self.chosen if other.id != candidate.id for sector in other.sectors}
        own = [self.constraints.sector_label(sector) for sector in self.constraints.coverage if sector in candidate.sectors and sector not in others]
        if not own:
            return ""
        quoted = french.enumerate_names([f"« {label} »" for label in own])
        text = f"elle apporte {'le secteur' if len(own) == 1 else 'les secteurs'} {quoted}, qu'aucune autre candidature proposée ne couvre"
        if self.rule.order == COVERAGE_POINTS:
            text += f", soit {french.number(self.rule.bonus(len(own)), 2)} points de couverture"
        return text

    def adds_sector(self, candidate: Candidate) -> bool:
        """Whether this application covers a sector the proposal lacks, and coverage can outweigh a lower score (not with the tie-break after the total)."""
        if self.rule.order == COVERAGE_TIE_BREAK:
            return False
        covered = {sector for chosen in self.chosen for sector in chosen.sectors}
        return any(sector in candidate.sectors and sector not in covered for sector in self.constraints.coverage)

    def with_points(self, other: tuple[Candidate, ...]) -> str:
        """Two totals with their coverage points (mode points), and the sectors the other set gains or loses.

        « 402,08 points, dont 25,00 pour la couverture des secteurs (sans « Personnes confrontées … »),
        contre 402,78 points, dont 37,50 pour la couverture, pour la proposition »
        """
        covered = [{sector for c in chosen for sector in c.sectors} & set(self.constraints.coverage) for chosen in (other, self.chosen)]
        totals = [sum((c.total for c in chosen), Fraction(0)) + self.rule.bonus(len(sectors)) for chosen, sectors in zip((other, self.chosen), covered, strict=True)]
        bonus = [french.number(self.rule.bonus(len(sectors)), 2) for sectors in covered]
        changes = []
        for sign, sectors in (("avec", covered[0] - covered[1]), ("sans", covered[1] - covered[0])):
            if sectors:
                changes.append(f"{sign} " + french.enumerate_names([f"« {self.constraints.sector_label(sector)} »" for sector in self.constraints.coverage if sector in sectors]))
        change = f" ({' mais '.join(changes)})" if changes else ""
        return (
            f"{french.number(totals[0], 2)} points, dont {bonus[0]} pour la couverture des secteurs{change}, "
            f"contre {french.number(totals[1], 2)} points, dont {bonus[1]} pour la couverture, pour la proposition"
        )

    def sectors(self, chosen: Iterable[Candidate]) -> str:
        return self.constraints.sectors_of(chosen)

    def left_out(self, candidate: Candidate) -> str:
        """Why an eligible application is on the waiting list."""
        score = french.number(candidate.total, 2)
        if candidate.id in self.unconstrained:
            rule, many = _the_constraints(self.describe(self.binding(candidate.id, inside=False)))
            forced = french.enumerate_names([self.the(c.id) for c in self.forced]) or "d'autres candidatures"
            twin = next((c for c in self.forced if c.total == candidate.total), None)
            if twin is not None:
                self.won.setdefault(twin.id, []).append((self.to(candidate.id), "ex æquo", rule))
                return f"ex æquo avec {self.the(twin.id)} (score {score}) ; départagée par {rule}, qui {french.agree(int(many) + 1, 'impose', 'imposent')} de retenir {forced}"
            return f"écartée : {rule} {french.agree(int(many) + 1, 'impose', 'imposent')} de retenir {forced}"
        etab_max = self.constraints.etab_max
        if etab_max is not None and candidate.etablissements > etab_max:
            return f"écartée : elle compte {french.plural(candidate.etablissements, 'établissement')}, plus que le maximum de la sélection ({etab_max})"
        lowest = min((c.total for c in self.chosen), default=None)
        if lowest is not None and candidate.total < lowest and not self.adds_sector(candidate):
            return f"écartée : score {score}, inférieur au plus faible score proposé ({french.number(lowest, 2)})"
        return self.compared(candidate)

    def compared(self, candidate: Candidate) -> str:
        """Compare the proposal with the best set that holds this application, naming each criterion down to the deciding one."""
        score = french.number(candidate.total, 2)
        found = self.search.select(self.constraints, include=candidate.id, strict=True)
        if found is None:
            without = [limit for limit in self.minima if self.search.select(self.constraints.without(limit), include=candidate.id, strict=True) is not None]
            rule, _ = _the_constraints(self.describe(without) or self.constraints.describe())
            return f"écartée : aucune sélection qui la comprend ne respecte {rule}"
        other = found[0]
        other_ids = {c.id for c in other}
        displaced = [c for c in sorted(self.chosen, key=rank_key) if c.id not in other_ids]
        twin = displaced[0] if len(displaced) == 1 and displaced[0].total == candidate.total else None
        mine, theirs = sum((c.total for c in self.chosen), Fraction(0)), sum((c.total for c in other), Fraction(0))
        mine_covered, theirs_covered = coverage_of(self.chosen, self.constraints), coverage_of(other, self.constraints)
        lead = f"ex æquo avec {self.the(twin.id)} (score {score}), mais" if twin is not None else f"écartée malgré son score {score} :"
        limits = " ; ".join(self.constraints.describe())
        if self.rule.order == COVERAGE_FIRST and mine_covered != theirs_covered:
            return (
                f"{lead} la meilleure sélection qui la comprend couvre {self.sectors(other)}, contre {self.sectors(self.chosen)} pour la proposition, "
                "et la couverture des secteurs passe avant le score"
            )
        if self.rule.order == COVERAGE_POINTS and mine + self.rule.bonus(mine_covered) != theirs + self.rule.bonus(theirs_covered):
            return f"{lead} la meilleure sélection qui la comprend totalise {self.with_points(other)} ({limits})"
        if self.rule.order != COVERAGE_POINTS and mine != theirs:
            same = f" à égalité de secteurs couverts ({mine_covered})," if self.rule.order == COVERAGE_FIRST else ""
            return f"{lead}{same} la meilleure sélection qui la comprend totalise {french.number(theirs, 2)} points, contre {french.number(mine, 2)} pour la proposition ({limits})"
        if twin is not None:
            lead = f"ex æquo avec {self.the(twin.id)} (score {score})"
        elif self.rule.order == COVERAGE_POINTS:
            total = sum((c.total for c in self.chosen), Fraction(0)) + self.rule.bonus(mine_covered)
            lead = f"même total, couverture des secteurs comprise ({french.number(total, 2)}), qu'avec elle à la place {french.enumerate_names([self.of(c.id) for c in displaced])}"
        else:
            lead = f"même score total ({french.number(mine, 2)}) qu'avec elle à la place {french.enumerate_names([self.of(c.id) for c in displaced])}"
        equal: list[str] = []  # the tie-breaks compared and found equal, in order
        decided = ""
        if self.constraints.coverage and self.rule.order != COVERAGE_POINTS:
            if mine_covered != theirs_covered:
                decided = f"départagée par la couverture des secteurs : la proposition couvre {self.sectors(self.chosen)}, contre {self.sectors(other)} avec elle"
                self._won(displaced, candidate, twin is not None, "la couverture des secteurs")
            else:
                equal.append(f"de secteurs couverts ({mine_covered})")
        if not decided and len(self.chosen) != len(other):
            decided = f"départagée par le nombre d'OG : la proposition en retient {len(self.chosen)}, contre {len(other)} avec elle"
            self._won(displaced, candidate, twin is not None, "le nombre d'OG")
        elif not decided:
            equal.append(f"de nombre d'OG ({len(self.chosen)})")
            first = min(displaced, key=rank_key)
            if first.received == candidate.received:
                decided = f"départagée par l'ordre de réception : reçue au même moment que {self.the(first.id)}, l'ordre de leur identifiant de dossier décide"
            elif french.short_datetime(first.received) == french.short_datetime(candidate.received):
                decided = f"départagée par l'ordre de réception : {self.the(first.id)} reçue quelques secondes avant elle, le {french.short_datetime(first.received)}"
            else:
                decided = f"départagée par l'ordre de réception : {self.the(first.id)} reçue le {french.short_datetime(first.received)}, celle-ci le {french.short_datetime(candidate.received)}"
            self._won([first], candidate, twin is not None, "l'ordre de réception")
        text = lead + (", à égalité aussi " + french.enumerate_names(equal) if equal else "") + " ; " + decided
        if twin is not None and twin.id in self.forced_ids:
            rule, _ = _the_constraints(self.describe(self.binding(twin.id, inside=True)))
            text += f" ; {self.the(twin.id)} est en outre retenue pour respecter {rule}"
        return text

    def _won(self, winners: list[Candidate], loser: Candidate, twins: bool, criterion: str) -> None:
        tie = "ex æquo" if twins else "à score total égal"
        for winner in winners:
            self.won.setdefault(winner.id, []).append((self.to(loser.id), tie, criterion))
