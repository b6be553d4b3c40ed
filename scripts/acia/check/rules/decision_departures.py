"""Each departure from the programme's limits in data/selection.yml names a limit the programme sets, once, and one the decision breaks."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.check.rules.decision_constraints import respected, retained
from acia.findings import Finding, Rule, Severity
from acia.model.selection import FUNDING_MIN

RULE = Rule(
    id="ACIA323",
    title="Écart aux limites mal enregistré",
    severity=Severity.ERROR,
    hint=(
        "Chaque écart de « ecarts_limites » (data/selection.yml) nomme une limite que data/programme.yml fixe, une seule fois, "
        "et que la décision ne respecte pas ; « financement » accompagne « limite: financement_minimum », et elle seule."
    ),
    example="ecarts_limites:\n  - limite: financement_minimum\n    motif: Aucune candidature éligible sous ce financement.",
    fix="ecarts_limites:\n  - limite: financement_minimum\n    financement: assurance_maladie\n    motif: Aucune candidature éligible sous ce financement.",
    scope="instance",
)
# Runs after the other rules, with the proposal computed from their findings (ctx.proposal).
NEEDS_PROPOSAL = True


def check(ctx: Context) -> Iterator[Finding]:
    model, proposal = ctx.model, ctx.proposal
    if model is None or model.selection is None or proposal is None:  # never: the pipeline runs this rule only with all three
        return
    selection = model.selection
    limits = proposal.limits
    set_by_programme = {(limit.key, limit.funding): limit for limit in limits.limits()}
    named = ", ".join(
        f"{limit.key} ({limits.describe_limit(limit)})" if not limit.funding else f"{limit.key} + financement: {limit.funding} ({limits.describe_limit(limit)})" for limit in limits.limits()
    )
    candidates = {candidate.id: candidate for candidate in proposal.candidates}
    chosen = [candidates[decision.application] for decision in selection.decisions if decision.retained and decision.application in candidates]
    seen: set[tuple[str, str]] = set()
    for departure in selection.departures:
        where = departure.source
        if departure.limit == FUNDING_MIN and not departure.funding:
            fundings = ", ".join(funding for funding, _ in limits.fundings) or "aucun"
            yield where.at("limite").finding(
                RULE, "l'écart à un minimum de financement ne dit pas de quel financement", f"Ajoutez « financement: … » : l'un de ceux de « limites.financements_minimum » ({fundings})."
            )
            continue
        if departure.limit != FUNDING_MIN and departure.funding:
            yield where.at("financement").finding(
                RULE, f"« financement » ne va qu'avec « limite: financement_minimum », pas avec « {departure.limit} »", "Supprimez la ligne « financement », ou corrigez la limite."
            )
            continue
        key = (departure.limit, departure.funding)
        if key in seen:
            yield where.at("limite").finding(RULE, "cet écart est déjà enregistré plus haut", "Gardez un seul écart par limite, avec un seul motif.")
            continue
        seen.add(key)
        limit = set_by_programme.get(key)
        if limit is None:
            what = f"de minimum d'OG sous financement « {limits.funding_label(departure.funding)} »" if departure.funding else f"de limite « {departure.limit} »"
            yield where.at("financement" if departure.funding else "limite").finding(
                RULE, f"le programme ne fixe pas {what} : il n'y a pas d'écart à enregistrer", f"Limites que fixe data/programme.yml : {named or 'aucune'}."
            )
            continue
        count = limits.measure(limit, chosen)
        if respected(limit, count):
            yield where.at("limite").finding(
                RULE,
                f"l'écart à « {limits.describe_limit(limit)} » est enregistré alors que la décision respecte cette limite ({retained(limits, limit, count)})",
                "Supprimez cet écart : il dirait que le comité s'écarte d'une limite qu'il respecte.",
            )
