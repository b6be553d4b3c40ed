"""The committee's decision respects the programme's own limits, unless it records a motivated departure; what it retains or keeps waiting is eligible.

The limits are those of data/programme.yml, never the ones the proposal had
to relax: a limit the eligible applications cannot meet is still a limit, and
departing from it is the committee's decision, recorded with its motif in
« ecarts_limites » of data/selection.yml (checked by ACIA323).
"""

from __future__ import annotations

from collections.abc import Iterator

from acia import french
from acia.check.context import Context
from acia.findings import Finding, Rule, Severity
from acia.model.decisions import Outcome
from acia.model.selection import ETAB_MAX, ETAB_MIN, FUNDING_MIN, OG_MAX, OG_MIN, Candidate, Constraints, Limit, names_of

RULE = Rule(
    id="ACIA321",
    title="Décision hors des limites du programme",
    severity=Severity.ERROR,
    hint=(
        "Les candidatures retenues respectent les limites de data/programme.yml (nombre d'OG, d'établissements, financements à représenter), "
        "sauf écart motivé enregistré dans « ecarts_limites » de data/selection.yml ; une candidature retenue ou en liste d'attente est éligible."
    ),
    example="# 5 candidatures « retenue » pour au plus 4 OG, sans écart enregistré",
    fix="# 4 candidatures « retenue », la 5e en « liste_attente » ; ou, si le comité en décide ainsi :\necarts_limites:\n  - limite: organismes_gestionnaires_max\n    motif: Le comité retient une 5e structure sur crédits complémentaires de l'ARS.",
    scope="instance",
)
# Runs after the other rules, with the proposal computed from their findings (ctx.proposal).
NEEDS_PROPOSAL = True


def retained(limits: Constraints, limit: Limit, count: int) -> str:
    """« 0 OG retenu sous financement « Assurance maladie » », « 5 organismes gestionnaires retenus »."""
    if limit.key in (OG_MIN, OG_MAX):
        return french.plural(count, "organisme gestionnaire retenu", "organismes gestionnaires retenus")
    if limit.key in (ETAB_MIN, ETAB_MAX):
        return french.plural(count, "établissement retenu", "établissements retenus")
    return f"{french.plural(count, 'OG retenu', 'OG retenus')} sous financement « {limits.funding_label(limit.funding)} »"


def respected(limit: Limit, count: int) -> bool:
    return count >= limit.value if limit.is_minimum else count <= limit.value


def departure_yaml(limit: Limit) -> str:
    """The « ecarts_limites » entry that records a departure from this limit, on one line."""
    funding = f", financement: {limit.funding}" if limit.key == FUNDING_MIN else ""
    return f"« ecarts_limites: [{{limite: {limit.key}{funding}, motif: …}}] »"


def check(ctx: Context) -> Iterator[Finding]:
    model, proposal = ctx.model, ctx.proposal
    if model is None or model.selection is None or proposal is None:  # never: the pipeline runs this rule only with all three
        return
    selection = model.selection
    candidates = {candidate.id: candidate for candidate in proposal.candidates}
    names = names_of(proposal.candidates)
    for decision in selection.decisions:
        candidate = candidates.get(decision.application)
        if candidate is None or candidate.eligible or decision.decision is Outcome.NOT_RETAINED:
            continue
        state = "est retenue" if decision.retained else "est en liste d'attente"
        yield decision.source.at("decision").finding(
            RULE,
            f"« {candidate.id} » ({names[candidate.id]}) {state} alors qu'elle est inéligible : {' ; '.join(candidate.reasons)}",
            "Une candidature inéligible n'est ni retenue ni en liste d'attente : écrivez « decision: non_retenue », ou corrigez d'abord ce qui la rend inéligible.",
        )
    chosen: list[Candidate] = [candidates[decision.application] for decision in selection.decisions if decision.retained and decision.application in candidates]
    limits = proposal.limits  # the programme's own, not the relaxed ones the proposal applied
    for limit in limits.limits():
        count = limits.measure(limit, chosen)
        if respected(limit, count) or selection.departure_from(limit.key, limit.funding) is not None:
            continue
        message = f"la décision ne respecte pas les limites du programme : {retained(limits, limit, count)} pour {limit.value} au {'moins' if limit.is_minimum else 'plus'}"
        relaxation = proposal.relaxation_for(limit)
        if relaxation is not None:
            message += f" ; cette limite ne peut pas être tenue avec les candidatures éligibles ({relaxation.text})"
            if count < relaxation.kept:
                hint = (
                    f"Les candidatures éligibles permettent d'atteindre {limits.quantity(limit, relaxation.kept)} : retenez-en davantage ; "
                    f"l'écart qui reste s'enregistre avec son motif dans data/selection.yml, {departure_yaml(limit)}."
                )
            else:
                hint = f"Le comité ne peut pas tenir cette limite : enregistrez l'écart et son motif dans data/selection.yml, {departure_yaml(limit)}."
        elif limit.is_minimum:
            hint = f"Retenez d'autres candidatures pour atteindre {limits.quantity(limit)}, ou, si le comité s'en écarte, enregistrez l'écart et son motif : {departure_yaml(limit)}."
        else:
            hint = f"Ne retenez pas plus de {limits.quantity(limit)} (les autres en liste d'attente), ou, si le comité s'en écarte, enregistrez l'écart et son motif : {departure_yaml(limit)}."
        yield selection.source.at("decisions").finding(RULE, message, hint, at_key=True)
