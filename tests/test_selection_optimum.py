"""The proposal is the exact optimum: checked against brute force on random instances.

Feasible or not: when no set meets every minimum, the proposal minimises the
shortfall on each minimum in the documented order (OG, établissements, then
each funding in the programme's order), then the usual objective, whichever
way the programme counts the sectors covered (points per sector, or compared
before or after the total score).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from fractions import Fraction
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from acia.model.selection import COVERAGE_FIRST, COVERAGE_POINTS, Candidate, Constraints, CoverageRule, coverage_of, optimise, propose, rank_key, relaxed_optimum

# Builds sites or documents, or runs other programs: left out of « tasks.py test --rapide ».
pytestmark = pytest.mark.acceptance

SECTORS = ("PA", "PH", "PDE", "PDS")
START = datetime(2023, 6, 1, tzinfo=UTC)


@st.composite
def candidates(draw):
    count = draw(st.integers(min_value=0, max_value=8))
    made = []
    for index in range(count):
        made.append(
            Candidate(
                id=f"og-{index}",
                name=f"OG {index}",
                axe="axe-1",
                received=START + timedelta(hours=draw(st.integers(min_value=0, max_value=3))),  # ties on purpose
                fundings=frozenset(draw(st.sets(st.sampled_from(["assurance_maladie", "conseil_departemental"])))),
                sectors=frozenset(draw(st.sets(st.sampled_from(SECTORS), min_size=1, max_size=2))),
                etablissements=draw(st.integers(min_value=1, max_value=3)),
                eligible=draw(st.booleans()) or draw(st.booleans()),
                reasons=(),
                scores=(),
                total=Fraction(draw(st.integers(min_value=0, max_value=6)), draw(st.sampled_from([1, 2]))),
            )
        )
    return made


@st.composite
def constraints(draw, wide=False):
    """Limits; ``wide`` draws larger minima, so that many instances cannot meet them all."""
    og_max = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=4)))
    etab_max = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=8)))
    top = 3 if wide else 2
    return Constraints(
        og_min=draw(st.integers(min_value=0, max_value=5 if wide else 3)),
        og_max=og_max,
        etab_min=draw(st.integers(min_value=0, max_value=10 if wide else 4)),
        etab_max=etab_max,
        fundings=tuple(draw(st.lists(st.tuples(st.sampled_from(["assurance_maladie", "conseil_departemental"]), st.integers(1, top)), max_size=2, unique_by=lambda x: x[0]))),
        coverage=draw(st.sampled_from([(), SECTORS, ("PA", "PH")])),
        coverage_rule=draw(RULES),
    )


# The three ways of counting coverage; points are fractions on purpose (exact arithmetic), some larger than a score gap.
RULES = st.one_of(
    st.just(CoverageRule()),
    st.just(CoverageRule(COVERAGE_FIRST)),
    st.builds(lambda points: CoverageRule(COVERAGE_POINTS, points), st.sampled_from([Fraction(1, 3), Fraction(1), Fraction(5, 2), Fraction(7)])),
)


def objective(chosen: list[Candidate], limits: Constraints) -> tuple:
    """The objective as the module docstring states it, written independently of CoverageRule.key."""
    total, covered, rule = sum((c.total for c in chosen), Fraction(0)), coverage_of(chosen, limits), limits.coverage_rule
    if rule.order == COVERAGE_POINTS:
        return (total + rule.points * covered, len(chosen))
    if rule.order == COVERAGE_FIRST:
        return (covered, total, len(chosen))
    return (total, covered, len(chosen))


def brute_force(items: list[Candidate], limits: Constraints):
    eligible = sorted((c for c in items if c.eligible), key=rank_key)
    best, best_key = None, None
    for size in range(len(eligible) + 1):
        for subset in combinations(range(len(eligible)), size):
            chosen = [eligible[i] for i in subset]
            if limits.og_max is not None and size > limits.og_max or size < limits.og_min:
                continue
            etabs = sum(c.etablissements for c in chosen)
            if limits.etab_max is not None and etabs > limits.etab_max or etabs < limits.etab_min:
                continue
            if any(sum(funding in c.fundings for c in chosen) < minimum for funding, minimum in limits.fundings):
                continue
            key = objective(chosen, limits)
            # Tie-break: the set whose earliest differing application (in reception order) comes first.
            if best is None or key > best_key or (key == best_key and subset < best):
                best, best_key = subset, key
    return None if best is None else {eligible[i].id for i in best}


def shortfalls(chosen: list[Candidate], limits: Constraints) -> tuple[int, ...]:
    """How far a set is from each minimum, in the documented relaxation order: OG, établissements, then each funding."""
    etabs = sum(c.etablissements for c in chosen)
    found = [max(0, limits.og_min - len(chosen)), max(0, limits.etab_min - etabs)]
    found += [max(0, minimum - sum(funding in c.fundings for c in chosen)) for funding, minimum in limits.fundings]
    return tuple(found)


def brute_force_relaxed(items: list[Candidate], limits: Constraints):
    """Minimise the shortfall on each minimum in order, then the usual objective; over every set meeting the maxima."""
    eligible = sorted((c for c in items if c.eligible), key=rank_key)
    best, best_key, best_shortfalls = None, None, None
    for size in range(len(eligible) + 1):
        for subset in combinations(range(len(eligible)), size):
            chosen = [eligible[i] for i in subset]
            etabs = sum(c.etablissements for c in chosen)
            if limits.og_max is not None and size > limits.og_max or limits.etab_max is not None and etabs > limits.etab_max:
                continue
            missing = shortfalls(chosen, limits)
            key = (tuple(-gap for gap in missing), *objective(chosen, limits))
            if best is None or key > best_key or (key == best_key and subset < best):
                best, best_key, best_shortfalls = subset, key, missing
    return {eligible[i].id for i in best}, best_shortfalls


@settings(max_examples=150, deadline=None)
@given(candidates(), constraints())
def test_optimise_matches_brute_force(items, limits):
    result = optimise(items, limits)
    expected = brute_force(items, limits)
    assert (None if result is None else {c.id for c in result}) == expected


def test_tie_is_broken_by_reception_date():
    early = Candidate("og-b", "B", "axe-1", START, frozenset(), frozenset({"PA"}), 1, True, (), (), Fraction(2))
    late = Candidate("og-a", "A", "axe-1", START + timedelta(days=1), frozenset(), frozenset({"PA"}), 1, True, (), (), Fraction(2))
    chosen = optimise([late, early], Constraints(0, 1, 0, None, (), ("PA",)))
    assert [c.id for c in chosen] == ["og-b"]


def test_tie_is_broken_by_sector_coverage_before_date():
    first = Candidate("og-1", "1", "axe-1", START, frozenset(), frozenset({"PA"}), 1, True, (), (), Fraction(2))
    second = Candidate("og-2", "2", "axe-1", START + timedelta(days=1), frozenset(), frozenset({"PA"}), 1, True, (), (), Fraction(2))
    third = Candidate("og-3", "3", "axe-1", START + timedelta(days=2), frozenset(), frozenset({"PH"}), 1, True, (), (), Fraction(2))
    chosen = optimise([first, second, third], Constraints(0, 2, 0, None, (), ("PA", "PH")))
    assert sorted(c.id for c in chosen) == ["og-1", "og-3"]


def _three(second_score: int = 85, third_score: int = 80) -> list[Candidate]:
    """Two applications of the same sector and a third, lower-scored, of another sector."""
    return [
        Candidate("og-a", "A", "axe-1", START, frozenset(), frozenset({"PA"}), 1, True, (), (), Fraction(90)),
        Candidate("og-b", "B", "axe-1", START + timedelta(hours=1), frozenset(), frozenset({"PA"}), 1, True, (), (), Fraction(second_score)),
        Candidate("og-c", "C", "axe-1", START + timedelta(hours=2), frozenset(), frozenset({"PH"}), 1, True, (), (), Fraction(third_score)),
    ]


def _chosen(items: list[Candidate], rule: CoverageRule) -> list[str]:
    return sorted(c.id for c in optimise(items, Constraints(0, 2, 0, None, (), ("PA", "PH"), coverage_rule=rule)) or ())


def test_coverage_points_change_the_proposal_when_they_exceed_the_score_gap():
    """A and B score 175 together, A and C 170 but cover two sectors: 10 points per sector outweigh the 5-point gap, 4 points do not."""
    items = _three()
    assert _chosen(items, CoverageRule()) == ["og-a", "og-b"]  # coverage only breaks ties
    assert _chosen(items, CoverageRule(COVERAGE_POINTS, Fraction(10))) == ["og-a", "og-c"]  # 170 + 20 > 175 + 10
    assert _chosen(items, CoverageRule(COVERAGE_POINTS, Fraction(4))) == ["og-a", "og-b"]  # 170 + 8 < 175 + 4
    assert _chosen(items, CoverageRule(COVERAGE_POINTS, Fraction(5))) == ["og-a", "og-b"]  # 180 = 180: then the size (equal), then reception order


def test_coverage_before_the_score_changes_the_proposal_whatever_the_gap():
    """C scores 40: coverage first still takes it; 10 points per sector do not make up a 45-point gap."""
    items = _three(third_score=40)
    assert _chosen(items, CoverageRule(COVERAGE_FIRST)) == ["og-a", "og-c"]
    assert _chosen(items, CoverageRule(COVERAGE_POINTS, Fraction(10))) == ["og-a", "og-b"]
    assert _chosen(items, CoverageRule()) == ["og-a", "og-b"]


def test_funding_minimum_forces_a_lower_score():
    high = Candidate("og-high", "H", "axe-1", START, frozenset({"conseil_departemental"}), frozenset({"PA"}), 1, True, (), (), Fraction(5))
    funded = Candidate("og-am", "AM", "axe-1", START, frozenset({"assurance_maladie"}), frozenset({"PA"}), 1, True, (), (), Fraction(1))
    chosen = optimise([high, funded], Constraints(0, 1, 0, None, (("assurance_maladie", 1),), ()))
    assert [c.id for c in chosen] == ["og-am"]


def test_infeasible_returns_none():
    only = Candidate("og-1", "1", "axe-1", START, frozenset(), frozenset({"PA"}), 1, True, (), (), Fraction(1))
    assert optimise([only], Constraints(0, 4, 0, None, (("assurance_maladie", 1),), ())) is None


@settings(max_examples=150, deadline=None)
@given(candidates(), constraints(wide=True))
def test_relaxed_proposal_matches_brute_force(items, limits):
    """Feasible or not, the proposal is the brute-force optimum of « smallest shortfall per minimum in order, then the objective »."""
    expected, missing = brute_force_relaxed(items, limits)
    chosen, applied = relaxed_optimum(items, limits)
    assert {c.id for c in chosen} == expected
    og_gap, etab_gap, *funding_gaps = missing
    assert (applied.og_min, applied.etab_min) == (limits.og_min - og_gap, limits.etab_min - etab_gap)
    assert applied.fundings == tuple((funding, minimum - gap) for (funding, minimum), gap in zip(limits.fundings, funding_gaps, strict=True))
    assert (applied.og_max, applied.etab_max) == (limits.og_max, limits.etab_max)  # maxima are never relaxed
    proposal = propose(items, limits)
    assert set(proposal.selected) == expected and proposal.constraints == applied and proposal.limits == limits
    # One relaxation per minimum that cannot hold, each keeping the largest part that can.
    gaps = [gap for gap in missing if gap]
    assert [relaxation.limit.value - relaxation.kept for relaxation in proposal.relaxed] == gaps
    assert bool(proposal.alerts) == bool(gaps)
    # Every eligible application is explained, by its name, never its identifier.
    eligible = [c for c in items if c.eligible]
    assert set(proposal.explanations) == {c.id for c in items}
    assert all("og-" not in proposal.explanations[c.id] for c in eligible)


@settings(max_examples=100, deadline=None)
@given(candidates(), constraints())
def test_feasible_instances_are_never_relaxed(items, limits):
    chosen = optimise(items, limits)
    proposal = propose(items, limits)
    if chosen is not None:
        assert set(proposal.selected) == {c.id for c in chosen}
        assert proposal.relaxed == () and proposal.constraints == limits and proposal.alerts == []
    else:
        assert proposal.relaxed
