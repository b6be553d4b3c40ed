"""A decision that departs from the computed proposal says why."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity
from acia.model.decisions import Outcome
from acia.model.selection import Proposal

RULE = Rule(
    id="ACIA322",
    title="Écart à la proposition sans motif",
    severity=Severity.ERROR,
    hint="Quand le comité s'écarte de la proposition calculée (acia matrice), il l'explique : ajoutez un « motif ».",
    example="- candidature: og-exemple   # proposée\n  decision: non_retenue",
    fix="- candidature: og-exemple\n  decision: non_retenue\n  motif: Le comité privilégie une structure d'un territoire non couvert.",
    scope="instance",
)
# Runs after the other rules, with the proposal computed from their findings (ctx.proposal).
NEEDS_PROPOSAL = True


def _state(outcome: str) -> str:
    """« retenue », « en liste d'attente », « non retenue »: the decision's label (model.decisions), as the sentence needs it."""
    decision = Outcome(outcome)
    return f"en {decision.label}" if decision is Outcome.WAITING_LIST else decision.label


def expected_decision(proposal: Proposal, application_id: str) -> str:
    if application_id in proposal.selected:
        return "retenue"
    if application_id in proposal.waiting:
        return "liste_attente"
    return "non_retenue"


def check(ctx: Context) -> Iterator[Finding]:
    model, proposal = ctx.model, ctx.proposal
    if model is None or model.selection is None or proposal is None:  # never: the pipeline runs this rule only with all three
        return
    selection = model.selection
    for decision in selection.decisions:
        expected = expected_decision(proposal, decision.application)
        if decision.decision != expected and not decision.motif:
            yield decision.source.at("decision").finding(
                RULE,
                f"« {decision.application} » est {_state(decision.decision)} alors que la proposition la place {_state(expected)} : un motif est nécessaire",
                "Ajoutez « motif: … » à cette décision.",
            )
