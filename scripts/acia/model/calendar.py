"""Dated events of a programme: the calendar page, its Gantt chart (SVG) and an ICS file."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta

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


def ics(programme: Programme) -> bytes:
    """An iCalendar file with stable UIDs, so that subscribed calendars update instead of duplicating."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", f"-//acia//{programme.id}//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", programme.title)
    calendar.add("x-wr-timezone", programme.timezone.key)
    stamp = datetime.combine(programme.programme_period.start, datetime.min.time())
    for item in items(programme):
        event = Event()
        event.add("uid", f"{item.uid}@{programme.id}.acia")
        event.add("summary", item.label)
        event.add("dtstart", item.start)
        event.add("dtend", item.end + timedelta(days=1))  # all-day events end the next day (RFC 5545)
        event.add("dtstamp", stamp)
        if item.source:
            event.add("description", f"Texte de l'appel : {item.source}")
        calendar.add_component(event)
    return calendar.to_ical()


def gantt_svg(programme: Programme) -> bytes:
    """Timeline of the regional calendar and the steps: readable without JavaScript."""
    import matplotlib

    matplotlib.use("svg")
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.dates import DateFormatter, MonthLocator, date2num
    from matplotlib.figure import Figure

    shown = [item for item in items(programme) if item.kind != "national"]
    colours = {"regional": "#2a5d9f", "etape": "#1f6f43"}
    with matplotlib.rc_context({"svg.hashsalt": "acia", "svg.fonttype": "none", "font.family": "DejaVu Sans"}):
        height = 1.4 + 0.42 * len(shown)
        figure = Figure(figsize=(10, height))
        FigureCanvasSVG(figure)
        axes = figure.add_subplot()
        for row, item in enumerate(reversed(shown)):
            start = date2num(item.start)
            width = max(date2num(item.end + timedelta(days=1)) - start, 1.5)
            axes.broken_barh([(start, width)], (row - 0.35, 0.7), color=colours[item.kind])
        axes.set_yticks(range(len(shown)), [item.label for item in reversed(shown)], fontsize=8)
        axes.xaxis.set_major_locator(MonthLocator())
        axes.xaxis.set_major_formatter(DateFormatter("%m/%Y"))
        axes.tick_params(axis="x", labelsize=8, rotation=45)
        axes.set_title(f"Calendrier — {programme.title}", loc="left", fontsize=10)
        axes.set_axisbelow(True)
        axes.grid(axis="x", color="#dddddd")
        axes.spines[["top", "right"]].set_visible(False)
        longest = max((len(item.label) for item in shown), default=10)
        figure.subplots_adjust(left=min(0.6, (0.3 + 0.065 * longest) / 10), right=0.98, top=1 - 0.45 / height, bottom=0.9 / height)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "acia", "Title": f"Calendrier — {programme.title}"})
    return buffer.getvalue().encode("utf-8")


def meeting_summary(programme: Programme, meeting, groups: dict[str, str] | None = None, axe: str | None = None) -> str:
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


def meetings_ics(programme: Programme, meetings, name: str, groups: dict[str, str] | None = None, axe: str | None = None) -> bytes:
    """An iCalendar file of follow-up meetings.

    The UID is built from the folder and the meeting id, never from the date:
    when a meeting moves, subscribed calendars move the event instead of
    adding a second one. Names of people are never written here.
    """
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", f"-//acia//{programme.id}//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", programme.timezone.key)
    stamp = datetime.combine(programme.programme_period.start, datetime.min.time())
    for meeting in meetings:
        event = Event()
        event.add("uid", f"{meeting.folder}-{meeting.id}@{programme.id}.acia")
        event.add("summary", meeting_summary(programme, meeting, groups, axe))
        event.add("dtstart", meeting.start)
        event.add("dtend", meeting.end)
        event.add("dtstamp", stamp)
        if meeting.cancelled:
            event.add("status", "CANCELLED")
        if meeting.place:
            event.add("location", meeting.place)
        if meeting.subject:
            event.add("description", meeting.subject)
        calendar.add_component(event)
    # The time zone's rules over the programme's years only, not since 1970.
    period = programme.programme_period
    calendar.add_missing_timezones(first_date=date(period.start.year, 1, 1), last_date=date(period.end.year + 1, 12, 31))
    return calendar.to_ical()
