"""A meeting lasts what the programme plans (its RACI action, else its body), unless a reason is given."""

from __future__ import annotations

from collections.abc import Iterator

from acia import french
from acia.check.context import Context
from acia.findings import Finding, Rule, Severity
from acia.model.followup import Meeting, row_by_id
from acia.model.programme import Programme

RULE = Rule(
    id="ACIA503",
    title="Durée de réunion différente du programme",
    severity=Severity.ERROR,
    hint="Donnez à la réunion la durée prévue par le programme (action du RACI, sinon instance), ou expliquez l'écart dans « motif_duree ».",
    example="- id: copil-2\n  instance: copil\n  duree_heures: 2",
    fix="- id: copil-2\n  instance: copil\n  duree_heures: 2\n  motif_duree: Réunion écourtée par une grève des transports ; la suite au COPIL 3.",
    scope="instance",
)


def expected_hours(programme: Programme, meeting: Meeting) -> tuple[float | None, str]:
    """The planned duration and where it comes from."""
    rows = row_by_id(programme)
    planned = [rows[action] for action in meeting.actions if action in rows and rows[action].hours is not None]
    if planned:
        longest = max(planned, key=lambda row: row.hours or 0)
        return longest.hours, f"l'action « {longest.action} » du RACI"
    body = programme.body(meeting.body)
    if body is not None and body.hours is not None:
        return float(body.hours), f"l'instance « {body.name} »"
    return None, ""


def check(ctx: Context) -> Iterator[Finding]:
    programme = ctx.programme
    if programme is None or ctx.followup is None:  # ctx.followup is None exactly when the programme is
        return
    for meeting in ctx.followup.meetings:
        expected, source = expected_hours(programme, meeting)
        if expected is None or meeting.duration_reason is not None or meeting.cancelled:
            continue
        if abs(meeting.hours - expected) > 1e-9:
            yield meeting.source.at("duree_heures").finding(
                RULE, f"la réunion « {meeting.id} » dure {french.hours(meeting.hours)}, alors que le programme prévoit {french.hours(expected)} pour {source}"
            )
