"""Dated events of a programme and what a calendar calls a meeting: read by the pages, the ICS files and the chart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from acia.model.followup import Meeting
from acia.model.programme import Programme


@dataclass(frozen=True)
class DatedItem:
    uid: str
    label: str
    start: date
    end: date
    kind: str  # "national", "regional", "etape"
    precision: str
    source: str


def items(programme: Programme) -> list[DatedItem]:
    found = []
    for event in programme.events:
        found.append(DatedItem(f"{event.calendar}-{event.id}", event.label, event.start, event.end, event.calendar, event.precision, event.source_text))
    for step in programme.steps:
        found.append(DatedItem(f"etape-{step.id}", f"Étape {step.number} : {step.title}", step.period.start, step.period.end, "etape", "jour", ""))
    return sorted(found, key=lambda item: (item.start, item.end, item.uid))


def meeting_summary(programme: Programme, meeting: Meeting, groups: dict[str, str] | None = None, axe: str | None = None) -> str:
    """What a calendar shows: the RACI actions carried out (those of ``axe`` when given), else the body (and working group)."""
    carried = [row for action in meeting.actions if (row := programme.raci_row(action)) is not None]
    if axe is not None and any(row.axe == axe for row in carried):
        carried = [row for row in carried if row.axe == axe]
    own = [row.action for row in carried if row.body == meeting.body]
    if own:
        return " / ".join(dict.fromkeys(own))
    body = found.name if (found := programme.body(meeting.body)) is not None else meeting.body
    group = (groups or {}).get(meeting.working_group or "")
    summary = f"{body} — {group}" if group else body
    if carried:
        summary += f" ({', '.join(dict.fromkeys(row.action for row in carried))})"
    return summary
