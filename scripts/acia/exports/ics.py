"""iCalendar files: the programme's calendar, and the follow-up meetings of a structure or of the collective.

UIDs are stable (built from ids, never from dates), so that a subscribed
calendar moves an event instead of adding a second one.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from acia.model.calendar import items, meeting_summary
from acia.model.programme import Programme


def one_line(text: str) -> str:
    """A calendar's name on one line: icalendar writes X- properties unescaped, and refuses a line break in them."""
    return " ".join(text.split())


def programme_ics(programme: Programme) -> bytes:
    """An iCalendar file with stable UIDs, so that subscribed calendars update instead of duplicating."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", f"-//acia//{programme.id}//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", one_line(programme.title))
    calendar.add("x-wr-timezone", programme.timezone.key)
    stamp = datetime.combine(programme.programme_period.start, datetime.min.time())
    address = programme.site.address
    if address:
        # RFC 7986: where a subscribed agenda refreshes the calendar (SOURCE), and the page it comes from (URL).
        calendar.add("source", f"{address}programme.ics")
        calendar.add("url", f"{address}calendrier/")
    for item in items(programme):
        event = Event()
        event.add("uid", f"{item.uid}@{programme.id}.acia")
        event.add("summary", item.label)
        if address:
            event.add("url", f"{address}calendrier/")
        event.add("dtstart", item.start)
        event.add("dtend", item.end + timedelta(days=1))  # all-day events end the next day (RFC 5545)
        event.add("dtstamp", stamp)
        if item.source:
            event.add("description", f"Texte de l'appel : {item.source}")
        calendar.add_component(event)
    return calendar.to_ical()


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
    calendar.add("x-wr-calname", one_line(name))
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
