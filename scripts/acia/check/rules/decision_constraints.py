"""The applications the committee retains respect the programme's limits and are eligible."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA321",
    title="Décision hors des limites du programme",
    severity=Severity.ERROR,
    hint="Les candidatures retenues doivent respecter les limites de data/programme.yml (nombre d'OG, financements à représenter) et être éligibles.",
    example="# 5 candidatures « retenue » pour au plus 4 OG",
    fix="# 4 candidatures « retenue », la 5e en « liste_attente »",
    scope="instance",
)
# Runs after the other rules, with the proposal computed from their findings (ctx.proposal).
NEEDS_PROPOSAL = True


def check(ctx: Context) -> Iterator[Finding]:
    model, proposal = ctx.model, ctx.proposal
    if model is None or model.selection is None or proposal is None:  # never: the pipeline runs this rule only with all three
        return
    selection = model.selection
    candidates = {candidate.id: candidate for candidate in proposal.candidates}
    retained = [decision for decision in selection.decisions if decision.retained]
    for decision in retained:
        candidate = candidates.get(decision.application)
        if candidate is not None and not candidate.eligible:
            yield decision.source.at("decision").finding(RULE, f"« {candidate.id} » est retenue alors qu'elle est inéligible : {' ; '.join(candidate.reasons)}")
    chosen = [candidates[decision.application] for decision in retained if decision.application in candidates]
    limits = proposal.constraints
    count, etabs = len(chosen), sum(candidate.etablissements for candidate in chosen)
    problems = []
    if limits.og_max is not None and count > limits.og_max:
        problems.append(f"{count} organismes gestionnaires retenus pour {limits.og_max} au plus")
    if count < limits.og_min:
        problems.append(f"{count} organismes gestionnaires retenus pour {limits.og_min} au moins")
    if limits.etab_max is not None and etabs > limits.etab_max:
        problems.append(f"{etabs} établissements retenus pour {limits.etab_max} au plus")
    if etabs < limits.etab_min:
        problems.append(f"{etabs} établissements retenus pour {limits.etab_min} au moins")
    for funding, minimum in limits.fundings:
        have = sum(1 for candidate in chosen if funding in candidate.fundings)
        if have < minimum:
            problems.append(f"{have} OG retenu(s) sous financement « {funding} » pour {minimum} au moins")
    for problem in problems:
        yield selection.source.at("decisions").finding(RULE, f"la décision ne respecte pas les limites du programme : {problem}", at_key=True)
