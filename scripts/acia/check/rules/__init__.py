"""Semantic rules: one module per rule, each with a ``RULE`` entry and a ``check(ctx)`` generator.

``NAMES`` below is the one list of rule modules, in the order their findings
are produced: adding a rule means adding its module name here, its test case
folders in ``tests/cases/<id>/`` and regenerating the reference page
(``acia catalogue --sortie docs/reference-controles.md``).

A module that sets ``NEEDS_PROPOSAL = True`` checks the committee's decision
against the computed selection proposal (``ctx.proposal``): it runs after the
others, because the proposal depends on their findings (see
``acia.check.pipeline``). A rule of the file scope (``FILE_SCOPE``, the default) finds in a file what
that file and the programme hold, nothing else, unless its module sets
``READS_NOW = True`` (it reads the date of the run): the findings of the
others are kept per file between runs (``acia.check.kept``), so their scope
must be true (``tests/test_rule_scopes.py`` checks it on every case).
"""

from __future__ import annotations

import importlib
from types import ModuleType

from acia.check.context import Context
from acia.findings import FILE_SCOPE, Finding, Rule

NAMES = (
    "siret",
    "finess",
    "email_address",
    "phone",
    "unique_ids",
    "file_name",
    "site_colours",
    "artifact_retention",
    "axe_known",
    "team_level",
    "team_roles",
    "single_pilot",
    "etablissements_per_og",
    "engagements",
    "late_application",
    "future_dates",
    "digital_tools",
    "application_references",
    "derogations",
    "period_order",
    "calendar_order",
    "dates_in_programme",
    "raci_codes",
    "programme_references",
    "limits",
    "criteria_definitions",
    "errata_fields",
    "placeholders",
    "evaluation_references",
    "evaluation_scores",
    "evaluation_complete",
    "decision_record",
    "followup_folder",
    "meeting_references",
    "meeting_duration",
    "meeting_leader",
    "minutes_missing",
    "minutes_consistency",
    "meeting_period",
    "recommendation_answers",
    "recommendation_details",
    "deliverable_references",
    "deliverable_done",
    "lesson_personal_data",
    "bilan",
    "meeting_participants",
    "meeting_etablissement",
    "followup_ids",
    "retention_due",
    "decision_constraints",
    "decision_motif",
    "notified_motif",
    "legal_representative",
    "decision_departures",
)

MODULES = tuple(importlib.import_module(f"{__name__}.{name}") for name in NAMES)

RULES: list[Rule] = [module.RULE for module in MODULES]


def needs_proposal(module: ModuleType) -> bool:
    return getattr(module, "NEEDS_PROPOSAL", False)


def per_file(module: ModuleType) -> bool:
    """Whether the rule's findings in a file depend on that file and the programme only: they can be kept per file."""
    return module.RULE.scope == FILE_SCOPE and not getattr(module, "READS_NOW", False) and not needs_proposal(module)


def run(ctx: Context, proposal_rules: bool = False, kept: bool | None = None) -> list[Finding]:
    """The findings of the rules that do not read ``ctx.proposal`` (or, with ``proposal_rules``, of those that do), in rule order.

    ``kept`` True runs only the rules whose findings are kept per file, False only the others, None both.
    """
    findings: list[Finding] = []
    for module in MODULES:
        if needs_proposal(module) == proposal_rules and (kept is None or per_file(module) == kept):
            findings.extend(module.check(ctx))
    return findings
