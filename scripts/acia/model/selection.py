"""Eligibility, scores and the best selection under the programme's constraints.

Scores are exact fractions, so that ties are real ties. An application's
score is the weighted mean of its applicable criteria, out of 100 (each
criterion normalised to 0..1: automatic ones are 0 or 1, manual ones are the
mean of the evaluators' notes placed on their scale). The proposal is the
exact optimum of a lexicographic objective, computed by dynamic programming
over the eligible applications taken in reception order:

1. the largest total weighted score;
2. then the largest number of sectors covered (criterion of mode "ensemble");
3. then the largest number of organismes gestionnaires;
4. then the earliest-received applications (the set whose earliest differing
   application was received first; equal times fall back to the id).

Constraints come from ``limites`` in the programme: number of OG (min/max),
total établissements (min/max) and minimum numbers of OG under a funding.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class Constraints:
    og_min: int
    og_max: int | None
    etab_min: int
    etab_max: int | None
    fundings: tuple[tuple[str, int], ...]  # (funding id, minimum number of OG)
    coverage: tuple[str, ...]  # sectors whose coverage is the second objective

    def describe(self) -> list[str]:
        described = []
        if self.og_max is not None:
            described.append(f"au plus {_og(self.og_max)}")
        if self.og_min:
            described.append(f"au moins {_og(self.og_min)}")
        if self.etab_max is not None:
            described.append(f"au plus {french.plural(self.etab_max, 'établissement')}")
        if self.etab_min:
            described.append(f"au moins {french.plural(self.etab_min, 'établissement')}")
        for funding, minimum in self.fundings:
            described.append(f"au moins {minimum} OG sous financement « {funding} »")
        return described


def _og(count: int) -> str:
    return french.plural(count, "organisme gestionnaire", "organismes gestionnaires")


@dataclass
class Proposal:
    candidates: list[Candidate]
    constraints: Constraints  # those actually applied (after any relaxation)
    selected: tuple[str, ...]
    waiting: tuple[str, ...]
    explanations: dict[str, str]
    alerts: list[str] = field(default_factory=list)
    relaxed: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "proposition": list(self.selected),
            "liste_attente": list(self.waiting),
            "contraintes_relachees": list(self.relaxed),
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
        roles = {member.role for member in application.team}
        mandatory = {role.id for role in programme.team.roles if role.mandatory}
        return mandatory <= roles and (len(application.pilots) == 1 or not programme.pilot_required)
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
        reasons = [f"rejetée par acia validate ({message})" for message in errors_by_file.get(application.file, [])]
        for criterion in programme.eligibility:
            if applicable(criterion.control) and not computed(criterion.control, application, programme, on_time):
                reasons.append(f"critère d'éligibilité non rempli : {criterion.label}")
        scores = _scores(programme, application, on_time, notes.get(application.id, {}))
        candidates.append(
            Candidate(
                id=application.id,
                name=application.og.name,
                axe=application.axe,
                received=application.received,
                fundings=frozenset(application.fundings),
                sectors=frozenset(etablissement.sector for etablissement in application.etablissements),
                etablissements=len(application.etablissements),
                eligible=not reasons,
                reasons=tuple(reasons),
                scores=scores,
                total=_total(scores),
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


def constraints_of(programme: Programme) -> Constraints:
    limits = programme.limits
    coverage: list[str] = []
    for criterion in programme.criteria:
        if criterion.mode == "ensemble" and criterion.computation is not None:
            coverage += [sector for sector in criterion.computation.get("couverture_secteurs", []) if sector not in coverage]
    return Constraints(
        og_min=limits.organismes_gestionnaires.minimum or 0,
        og_max=limits.organismes_gestionnaires.maximum,
        etab_min=limits.etablissements.minimum or 0,
        etab_max=limits.etablissements.maximum,
        fundings=tuple((minimum.funding, minimum.minimum) for minimum in limits.funding_minimums),
        coverage=tuple(coverage),
    )


# --- Optimisation ----------------------------------------------------------

# A state of the search: (count, funding counts capped, sector mask, établissements),
# its value: (total, chosen indices), and a final value: (total, sectors covered, count, chosen indices).
_State = tuple[int, tuple[int, ...], int, int]
_Value = tuple[int, tuple[int, ...]]
_Final = tuple[int, int, int, tuple[int, ...]]


def rank_key(candidate: Candidate) -> tuple[datetime, str]:
    return (candidate.received, candidate.id)


def coverage_of(chosen: Iterable[Candidate], constraints: Constraints) -> int:
    return len({sector for candidate in chosen for sector in candidate.sectors} & set(constraints.coverage))


def optimise(candidates: list[Candidate], constraints: Constraints) -> tuple[Candidate, ...] | None:
    """The best feasible set of eligible candidates, or None when no set is feasible."""
    items = sorted((c for c in candidates if c.eligible), key=rank_key)
    sector_bit = {sector: 1 << index for index, sector in enumerate(constraints.coverage)}
    masks = [sum(sector_bit.get(sector, 0) for sector in set(item.sectors)) for item in items]
    funding_hits = [tuple(int(funding in item.fundings) for funding, _ in constraints.fundings) for item in items]
    caps = tuple(minimum for _, minimum in constraints.fundings)
    og_max = constraints.og_max if constraints.og_max is not None else len(items)
    # Exact integer scores (common denominator): same order as the fractions, much faster.
    scale = math.lcm(*(item.total.denominator for item in items)) if items else 1
    scores = [int(item.total * scale) for item in items]
    # state (count, funding counts capped, sector mask, établissements) -> (total, chosen indices)
    states: dict[_State, _Value] = {(0, tuple(0 for _ in caps), 0, 0): (0, ())}
    for index, item in enumerate(items):
        for (count, funded, mask, etabs), (total, chosen) in list(states.items()):
            if count >= og_max:
                continue
            new_etabs = etabs + item.etablissements
            if constraints.etab_max is not None and new_etabs > constraints.etab_max:
                continue
            new_funded = tuple(min(cap, have + hit) for cap, have, hit in zip(caps, funded, funding_hits[index], strict=True))
            key = (count + 1, new_funded, mask | masks[index], new_etabs)
            candidate_value = (total + scores[index], chosen + (index,))
            current = states.get(key)
            if current is None or _better_same_state(candidate_value, current):
                states[key] = candidate_value
    best: _Final | None = None
    for (count, funded, mask, etabs), (total, chosen) in states.items():
        if count < constraints.og_min or etabs < constraints.etab_min or any(have < cap for have, cap in zip(funded, caps, strict=True)):
            continue
        value = (total, bin(mask).count("1"), count, chosen)
        if best is None or _better_final(value, best):
            best = value
    if best is None:
        return None
    return tuple(items[index] for index in best[3])


def _better_same_state(a: _Value, b: _Value) -> bool:
    """Same size, sectors and counts: higher total, then earlier-received applications."""
    if a[0] != b[0]:
        return a[0] > b[0]
    return a[1] < b[1]


def _better_final(a: _Final, b: _Final) -> bool:
    if a[:3] != b[:3]:
        return a[:3] > b[:3]
    return a[3] < b[3]


def proposal_for(instance: Instance, findings: list[Finding]) -> Proposal:
    """The whole selection pipeline on the model: candidates, constraints, optimum, explanations.

    ``findings`` are those of validation on every file: an application with an error is ineligible.
    """
    return propose(build_candidates(instance, findings), constraints_of(instance.programme))


def propose(candidates: list[Candidate], constraints: Constraints) -> Proposal:
    alerts: list[str] = []
    relaxed: tuple[str, ...] = ()
    chosen = optimise(candidates, constraints)
    if chosen is None:
        chosen, relaxed, constraints, alerts = _relax(candidates, constraints)
    selected_ids = {candidate.id for candidate in chosen}
    eligible = [candidate for candidate in candidates if candidate.eligible]
    waiting = sorted((c for c in eligible if c.id not in selected_ids), key=lambda c: (-c.total, rank_key(c)))
    explanations = _explain(candidates, chosen, waiting, constraints)
    selected = tuple(c.id for c in sorted(chosen, key=lambda c: (-c.total, rank_key(c))))
    return Proposal(candidates, constraints, selected, tuple(c.id for c in waiting), explanations, alerts, relaxed)


def _relax(candidates: list[Candidate], constraints: Constraints) -> tuple[tuple[Candidate, ...], tuple[str, ...], Constraints, list[str]]:
    """When nothing is feasible, drop one constraint at a time, in a documented order."""
    options: list[tuple[str, Constraints]] = []
    for funding, minimum in constraints.fundings:
        kept = tuple(item for item in constraints.fundings if item[0] != funding)
        options.append((f"au moins {minimum} OG sous financement « {funding} »", _replace(constraints, fundings=kept)))
    if constraints.og_min:
        options.append((f"au moins {_og(constraints.og_min)}", _replace(constraints, og_min=0)))
    if constraints.etab_min:
        options.append((f"au moins {french.plural(constraints.etab_min, 'établissement')}", _replace(constraints, etab_min=0)))
    for label, relaxed_constraints in options:
        chosen = optimise(candidates, relaxed_constraints)
        if chosen is not None:
            return (
                chosen,
                (label,),
                relaxed_constraints,
                [
                    f"Aucune sélection ne respecte toutes les contraintes : la contrainte « {label} » ne peut pas être tenue avec les candidatures éligibles. "
                    "La proposition ci-dessous est la meilleure sans cette seule contrainte ; le comité doit en décider."
                ],
            )
    everything = _replace(constraints, fundings=(), og_min=0, etab_min=0)
    chosen = optimise(candidates, everything) or ()
    labels = tuple(label for label, _ in options)
    return (
        chosen,
        labels,
        everything,
        ["Aucune sélection ne respecte les contraintes, même en en levant une seule : la proposition ignore toutes les contraintes de minimum (" + " ; ".join(labels) + ")."],
    )


def _replace(constraints: Constraints, **changes: Any) -> Constraints:
    values = {name: getattr(constraints, name) for name in Constraints.__dataclass_fields__}
    values.update(changes)
    return Constraints(**values)


def _binding_constraints(candidates: list[Candidate], constraints: Constraints, candidate_id: str) -> list[str]:
    """The minimum constraints whose removal alone would bring this candidate into the proposal."""
    binding = []
    for funding, minimum in constraints.fundings:
        kept = tuple(item for item in constraints.fundings if item[0] != funding)
        if candidate_id in {c.id for c in optimise(candidates, _replace(constraints, fundings=kept)) or ()}:
            binding.append(f"au moins {minimum} OG sous financement « {funding} »")
    if constraints.og_min and candidate_id in {c.id for c in optimise(candidates, _replace(constraints, og_min=0)) or ()}:
        binding.append(f"au moins {_og(constraints.og_min)}")
    if constraints.etab_min and candidate_id in {c.id for c in optimise(candidates, _replace(constraints, etab_min=0)) or ()}:
        binding.append(f"au moins {constraints.etab_min} établissements")
    return binding


def _explain(candidates: list[Candidate], chosen: tuple[Candidate, ...], waiting: list[Candidate], constraints: Constraints) -> dict[str, str]:
    explanations: dict[str, str] = {}
    eligible = [c for c in candidates if c.eligible]
    by_score = sorted(eligible, key=lambda c: (-c.total, rank_key(c)))
    position = {c.id: index + 1 for index, c in enumerate(by_score)}
    free = _replace(constraints, fundings=(), og_min=0, etab_min=0)
    unconstrained = {c.id for c in (optimise(candidates, free) or ())}
    forced = [c for c in chosen if c.id not in unconstrained]
    for candidate in chosen:
        ordinal = "1re" if position[candidate.id] == 1 else f"{position[candidate.id]}e"
        text = f"proposée : score {french.number(candidate.total, 2)}, {ordinal} sur {french.plural(len(eligible), 'candidature')} {french.agree(len(eligible), 'éligible')}"
        if candidate in forced:
            text += " ; retenue pour respecter les contraintes (" + " ; ".join(constraints.describe()) + ")"
        explanations[candidate.id] = text
    for rank, candidate in enumerate(waiting, start=1):
        prefix = f"liste d'attente n° {rank} : "
        twin = next((c for c in chosen if c.total == candidate.total), None)
        if candidate.id in unconstrained:
            names = ", ".join(c.id for c in forced) or "d'autres candidatures"
            binding = _binding_constraints(candidates, constraints, candidate.id)
            if len(binding) == 1:
                reason = f"écartée : la contrainte « {binding[0]} » impose de retenir {names}"
            else:
                reason = "écartée : les contraintes de la sélection (" + " ; ".join(binding or constraints.describe()) + f") imposent de retenir {names}"
        elif twin is not None:
            swapped = [c for c in chosen if c.id != twin.id] + [candidate]
            if coverage_of(swapped, constraints) < coverage_of(chosen, constraints):
                reason = f"ex æquo avec {twin.id} (score {french.number(candidate.total, 2)}), départagée par la couverture des secteurs"
            else:
                reason = (
                    f"ex æquo avec {twin.id} (score {french.number(candidate.total, 2)}), départagée par la date de réception "
                    f"({twin.id} reçue le {french.short_datetime(twin.received)}, celle-ci le {french.short_datetime(candidate.received)})"
                )
        elif chosen and candidate.total > min(c.total for c in chosen):
            reason = f"écartée malgré son score {french.number(candidate.total, 2)} : la combinaison proposée couvre plus de secteurs ou respecte mieux les contraintes"
        else:
            lowest = min((c.total for c in chosen), default=Fraction(0))
            reason = f"écartée : score {french.number(candidate.total, 2)}, inférieur au plus faible score proposé ({french.number(lowest, 2)})"
        explanations[candidate.id] = prefix + reason
    for candidate in candidates:
        if not candidate.eligible:
            explanations[candidate.id] = "inéligible : " + " ; ".join(candidate.reasons)
    return explanations
