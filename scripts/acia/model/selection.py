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
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction

from acia import french
from acia.findings import Finding
from acia.load.documents import Document
from acia.model.programme import Programme, parse_datetime

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
    return french.plural(count, 'organisme gestionnaire', 'organismes gestionnaires')


@dataclass
class Proposal:
    candidates: list[Candidate]
    constraints: Constraints  # those actually applied (after any relaxation)
    selected: tuple[str, ...]
    waiting: tuple[str, ...]
    explanations: dict[str, str]
    alerts: list[str] = field(default_factory=list)
    relaxed: tuple[str, ...] = ()

    def as_dict(self) -> dict:
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


def _field(data: dict, path: str):
    current: object = data
    for part in path.split("."):
        if not isinstance(current, dict) or part not in current:
            return None
        current = current[part]
    return current


def _condition(data: dict, condition: dict) -> bool:
    value = _field(data, condition["champ"])
    if "egal" in condition:
        return value == condition["egal"]
    return isinstance(value, list) and any(item in value for item in condition["contient_un_de"])


def computed(calcul: dict, data: dict, programme: Programme, on_time: bool) -> bool:
    """Evaluate an automatic criterion or eligibility check on one application."""
    if "financement_parmi" in calcul:
        return any(funding in data["financement"] for funding in calcul["financement_parmi"])
    if "dans_les_delais" in calcul:
        return on_time
    if "equipe_complete" in calcul:
        roles = {member["role"] for member in data["equipe_projet"]}
        pilots = sum(1 for member in data["equipe_projet"] if member.get("pilote") is True)
        mandatory = {role for role, required in programme.team_roles.items() if required}
        return mandatory <= roles and (pilots == 1 or not programme.pilot_required)
    if "etablissements_au_plus" in calcul:
        return len(data["etablissements"]) <= calcul["etablissements_au_plus"]
    if "secteur_eligible" in calcul:
        return all(programme.eligible_sectors.get(etablissement["secteur"], False) for etablissement in data["etablissements"])
    if "engagements_requis" in calcul:
        return all(data["engagements"].get(name) is True for name in programme.required_engagements)
    if "toutes" in calcul:
        return all(_condition(data, condition) for condition in calcul["toutes"])
    if "une_parmi" in calcul:
        return any(_condition(data, condition) for condition in calcul["une_parmi"])
    raise ValueError(f"calcul inconnu : {sorted(calcul)}")


def _scores(programme: Programme, data: dict, on_time: bool, notes: dict[str, list[tuple[str, Fraction]]]) -> tuple[CriterionScore, ...]:
    scores = []
    for criterion in programme.raw.get("criteres_priorisation", []):
        if criterion.get("axe", data["axe"]) != data["axe"] or criterion["mode"] == "ensemble":
            continue
        weight = Fraction(str(criterion.get("poids", 1)))
        if criterion["mode"] == "automatique":
            met = computed(criterion["calcul"], data, programme, on_time)
            value = Fraction(int(met))
            detail = "oui" if met else "non"
        else:
            scale = criterion["echelle"]
            given = notes.get(criterion["id"], [])
            if not given:
                scores.append(CriterionScore(criterion["id"], criterion["libelle"], "manuel", weight, None, Fraction(0), "non évalué"))
                continue
            mean = sum((note for _, note in given), Fraction(0)) / len(given)
            low, high = Fraction(str(scale["min"])), Fraction(str(scale["max"]))
            value = (mean - low) / (high - low)
            values = [note for _, note in given]
            spread = f", écart {french.number(min(values), 1)} à {french.number(max(values), 1)}" if len(set(values)) > 1 else ""
            detail = f"{french.number(mean, 2)} sur {french.number(high, 0)} (moyenne de {french.plural(len(given), 'évaluation')}{spread})"
        scores.append(CriterionScore(criterion["id"], criterion["libelle"], criterion["mode"], weight, value, weight * value, detail))
    return tuple(scores)


def notes_by_application(evaluations: list[Document]) -> dict[str, dict[str, list[tuple[str, Fraction]]]]:
    """application id -> criterion id -> [(evaluator, note)], from schema-valid evaluation files."""
    found: dict[str, dict[str, list[tuple[str, Fraction]]]] = {}
    for document in evaluations:
        per_criterion = found.setdefault(document.data["candidature"], {})
        for evaluation in document.data["evaluations"]:
            for criterion, note in evaluation["notes"].items():
                per_criterion.setdefault(criterion, []).append((evaluation["evaluateur"], Fraction(str(note))))
    return found


def build_candidates(programme: Programme, findings: list[Finding], documents: list[Document]) -> list[Candidate]:
    """Score every application; those with validation errors or failing eligibility are ineligible."""
    errors_by_file: dict[str, list[str]] = {}
    for finding in findings:
        if finding.is_error:
            errors_by_file.setdefault(finding.file, []).append(f"{finding.rule} : {finding.message}")
    notes = notes_by_application([document for document in documents if document.kind == "evaluation"])
    candidates = []
    for document in sorted((d for d in documents if d.kind == "application"), key=lambda d: d.rel):
        data = document.data
        received = parse_datetime(data["date_reception"])
        on_time = received <= programme.deadline
        reasons = [f"rejetée par acia validate ({message})" for message in errors_by_file.get(document.rel, [])]
        for criterion in programme.raw["eligibilite"]:
            if "controle" in criterion and not computed(criterion["controle"], data, programme, on_time):
                reasons.append(f"critère d'éligibilité non rempli : {criterion['libelle']}")
        scores = _scores(programme, data, on_time, notes.get(data["id"], {}))
        candidates.append(
            Candidate(
                id=data["id"],
                name=data["organisme_gestionnaire"]["raison_sociale"],
                axe=data["axe"],
                received=received,
                fundings=frozenset(data["financement"]),
                sectors=frozenset(etablissement["secteur"] for etablissement in data["etablissements"]),
                etablissements=len(data["etablissements"]),
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
    limits = programme.raw.get("limites", {})
    coverage: list[str] = []
    for criterion in programme.raw.get("criteres_priorisation", []):
        if criterion["mode"] == "ensemble":
            coverage += [sector for sector in criterion["calcul"].get("couverture_secteurs", []) if sector not in coverage]
    return Constraints(
        og_min=limits.get("organismes_gestionnaires", {}).get("min", 0),
        og_max=limits.get("organismes_gestionnaires", {}).get("max"),
        etab_min=limits.get("etablissements", {}).get("min", 0),
        etab_max=limits.get("etablissements", {}).get("max"),
        fundings=tuple((item["financement"], item["organismes_gestionnaires_min"]) for item in limits.get("financements_minimum", [])),
        coverage=tuple(coverage),
    )


# --- Optimisation ----------------------------------------------------------


def rank_key(candidate: Candidate) -> tuple:
    return (candidate.received, candidate.id)


def coverage_of(chosen, constraints: Constraints) -> int:
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
    states: dict[tuple, tuple[int, tuple[int, ...]]] = {(0, tuple(0 for _ in caps), 0, 0): (0, ())}
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
    best = None
    for (count, funded, mask, etabs), (total, chosen) in states.items():
        if count < constraints.og_min or etabs < constraints.etab_min or any(have < cap for have, cap in zip(funded, caps, strict=True)):
            continue
        value = (total, bin(mask).count("1"), count, chosen)
        if best is None or _better_final(value, best):
            best = value
    if best is None:
        return None
    return tuple(items[index] for index in best[3])


def _better_same_state(a, b) -> bool:
    """Same size, sectors and counts: higher total, then earlier-received applications."""
    if a[0] != b[0]:
        return a[0] > b[0]
    return a[1] < b[1]


def _better_final(a, b) -> bool:
    if a[:3] != b[:3]:
        return a[:3] > b[:3]
    return a[3] < b[3]


def proposal_for(programme: Programme, findings: list[Finding], documents: list[Document]) -> Proposal:
    """The whole selection pipeline: candidates, constraints, optimum, explanations."""
    return propose(build_candidates(programme, findings, documents), constraints_of(programme))


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


def _relax(candidates: list[Candidate], constraints: Constraints):
    """When nothing is feasible, drop one constraint at a time, in a documented order."""
    options = []
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
            return chosen, (label,), relaxed_constraints, [
                f"Aucune sélection ne respecte toutes les contraintes : la contrainte « {label} » ne peut pas être tenue avec les candidatures éligibles. "
                "La proposition ci-dessous est la meilleure sans cette seule contrainte ; le comité doit en décider."
            ]
    everything = _replace(constraints, fundings=(), og_min=0, etab_min=0)
    chosen = optimise(candidates, everything) or ()
    labels = tuple(label for label, _ in options)
    return chosen, labels, everything, [
        "Aucune sélection ne respecte les contraintes, même en en levant une seule : la proposition ignore toutes les contraintes de minimum ("
        + " ; ".join(labels)
        + ")."
    ]


def _replace(constraints: Constraints, **changes) -> Constraints:
    values = {name: getattr(constraints, name) for name in Constraints.__dataclass_fields__}
    values.update(changes)
    return Constraints(**values)


def _binding_constraints(candidates, constraints: Constraints, candidate_id: str) -> list[str]:
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


def _explain(candidates, chosen, waiting, constraints: Constraints) -> dict[str, str]:
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
