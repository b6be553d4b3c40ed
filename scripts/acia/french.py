"""Dates and durations written the way French users read them."""

from __future__ import annotations

from datetime import date, datetime, timedelta

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")


def short_date(day: date) -> str:
    """30/06/2023"""
    return day.strftime("%d/%m/%Y")


def long_date(day: date) -> str:
    """30 juin 2023 (1er juillet 2023)"""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def short_datetime(moment: datetime) -> str:
    """30/06/2023 23:59"""
    return moment.strftime("%d/%m/%Y %H:%M")


def duration(delta: timedelta) -> str:
    """A positive duration in words: "2 jours et 9 h", "3 h et 5 min", "moins d'une minute"."""
    total_minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(total_minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} jour{'s' if days > 1 else ''}")
    if hours:
        parts.append(f"{hours} h")
    if minutes and not days:
        parts.append(f"{minutes} min")
    if not parts:
        return "moins d'une minute"
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " et " + parts[-1]
