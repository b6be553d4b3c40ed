"""Semantic rules: one module per rule, each with a ``RULE`` entry and a ``check(ctx)`` generator.

The list below is explicit on purpose: adding a rule means adding its module
here, its test case folders in ``tests/cases/<id>/`` and regenerating the
reference page (``acia catalogue --ecrire``).
"""

from __future__ import annotations

from acia.check.rules import (
    application_references,
    axe_known,
    bilan,
    calendar_order,
    criteria_definitions,
    dates_in_programme,
    decision_constraints,
    decision_motif,
    decision_record,
    deliverable_done,
    deliverable_references,
    derogations,
    digital_tools,
    email_address,
    engagements,
    etablissements_per_og,
    evaluation_complete,
    evaluation_references,
    evaluation_scores,
    file_name,
    finess,
    followup_folder,
    followup_ids,
    future_dates,
    late_application,
    lesson_personal_data,
    limits,
    meeting_duration,
    meeting_leader,
    meeting_participants,
    meeting_period,
    meeting_references,
    minutes_consistency,
    minutes_missing,
    period_order,
    phone,
    programme_references,
    raci_codes,
    recommendation_answers,
    recommendation_details,
    single_pilot,
    siret,
    team_roles,
    unique_ids,
)

MODULES = (
    siret,
    finess,
    email_address,
    phone,
    unique_ids,
    file_name,
    axe_known,
    team_roles,
    single_pilot,
    etablissements_per_og,
    engagements,
    late_application,
    future_dates,
    digital_tools,
    application_references,
    derogations,
    period_order,
    calendar_order,
    dates_in_programme,
    raci_codes,
    programme_references,
    limits,
    criteria_definitions,
    evaluation_references,
    evaluation_scores,
    evaluation_complete,
    decision_record,
    followup_folder,
    meeting_references,
    meeting_duration,
    meeting_leader,
    minutes_missing,
    minutes_consistency,
    meeting_period,
    recommendation_answers,
    recommendation_details,
    deliverable_references,
    deliverable_done,
    lesson_personal_data,
    bilan,
    meeting_participants,
    followup_ids,
)
# Rules on the committee's decision, compared with the computed proposal:
# they run last, because the proposal depends on every other finding.
DECISION_MODULES = (decision_constraints, decision_motif)

RULES = [module.RULE for module in MODULES + DECISION_MODULES]


def run(ctx):
    """All findings of every semantic rule, in rule order."""
    findings = []
    for module in MODULES:
        findings.extend(module.check(ctx))
    return findings


def run_decision_rules(ctx, proposal):
    findings = []
    for module in DECISION_MODULES:
        findings.extend(module.check(ctx, proposal))
    return findings
