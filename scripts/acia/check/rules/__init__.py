"""Semantic rules: one module per rule, each with a ``RULE`` entry and a ``check(ctx)`` generator.

The list below is explicit on purpose: adding a rule means adding its module
here, its test case folders in ``tests/cases/<id>/`` and regenerating the
reference page (``acia catalogue --ecrire``).
"""

from __future__ import annotations

from acia.check.rules import application_references
from acia.check.rules import bilan
from acia.check.rules import deliverable_done
from acia.check.rules import deliverable_references
from acia.check.rules import followup_folder
from acia.check.rules import followup_ids
from acia.check.rules import lesson_personal_data
from acia.check.rules import meeting_duration
from acia.check.rules import meeting_leader
from acia.check.rules import meeting_participants
from acia.check.rules import meeting_period
from acia.check.rules import meeting_references
from acia.check.rules import minutes_consistency
from acia.check.rules import minutes_missing
from acia.check.rules import recommendation_answers
from acia.check.rules import recommendation_details
from acia.check.rules import criteria_definitions
from acia.check.rules import decision_constraints
from acia.check.rules import decision_motif
from acia.check.rules import decision_record
from acia.check.rules import evaluation_complete
from acia.check.rules import evaluation_references
from acia.check.rules import evaluation_scores
from acia.check.rules import axe_known
from acia.check.rules import calendar_order
from acia.check.rules import dates_in_programme
from acia.check.rules import derogations
from acia.check.rules import digital_tools
from acia.check.rules import email_address
from acia.check.rules import engagements
from acia.check.rules import etablissements_per_og
from acia.check.rules import file_name
from acia.check.rules import finess
from acia.check.rules import future_dates
from acia.check.rules import late_application
from acia.check.rules import limits
from acia.check.rules import period_order
from acia.check.rules import phone
from acia.check.rules import programme_references
from acia.check.rules import raci_codes
from acia.check.rules import single_pilot
from acia.check.rules import siret
from acia.check.rules import team_roles
from acia.check.rules import unique_ids

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
