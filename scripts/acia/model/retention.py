"""Which data files hold personal data of which kind, and from when they must be purged.

The programme declares a retention period per kind of data
(« donnees_personnelles.conservation »); this module ties each file to its
kind and computes the day its personal data passes that period. The warning
of ``acia valider``, ``acia purger`` and the processing register all read
these dates, so they never disagree.

Kinds: an application file and its evaluations belong to « candidatures
retenues » or « candidatures non retenues » according to the committee's
decision; every follow-up file (data/suivi/…) belongs to « suivi ». A
waiting-list application may still be called until the programme ends, so its
clock never starts before that end.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from acia.model.decisions import Outcome
from acia.model.instance import Instance
from acia.model.programme import Retention

NOT_RETAINED = "candidatures_non_retenues"
RETAINED = "candidatures_retenues"
FOLLOW_UP = "suivi"


@dataclass(frozen=True)
class Holding:
    """One data file holding personal data, its kind and when the data must be gone."""

    rel: str  # path from the instance root, "/" separators
    kind: str  # a retention kind: candidatures_non_retenues, candidatures_retenues, suivi
    application: str | None  # the application the file belongs to (None: collective follow-up)
    start: date | None  # when the retention period starts (None: not known yet, e.g. no decision)
    retention: Retention

    @property
    def due(self) -> date | None:
        """The first day the data is kept too long (None while the start is unknown)."""
        return add_months(self.start, self.retention.months) if self.start is not None else None

    def is_due(self, today: date) -> bool:
        return self.due is not None and today >= self.due


def add_months(day: date, months: int) -> date:
    """``day`` plus whole months, on the last day of the month when it is shorter (31 January + 1 month = 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def application_of(rel: str) -> str | None:
    """The application a data file belongs to: data/applications/<id>.yml, data/evaluations/<id>.yml, data/suivi/<id>/…"""
    parts = rel.split("/")
    if len(parts) == 3 and parts[0] == "data" and parts[1] in ("applications", "evaluations") and parts[2].endswith(".yml"):
        return parts[2][: -len(".yml")]
    if len(parts) >= 4 and parts[:2] == ["data", "suivi"] and parts[2] != "collectif":
        return parts[2]
    return None


def kind_of(rel: str, instance: Instance) -> str | None:
    """The retention kind of a data file, or None for files that hold no personal data of the call (programme, selection…)."""
    parts = rel.split("/")
    if parts[:2] == ["data", "suivi"]:
        return FOLLOW_UP
    application = application_of(rel)
    if application is None:
        return None
    decision = instance.selection.decision_for(application) if instance.selection is not None else None
    return RETAINED if decision is not None and decision.retained else NOT_RETAINED


def _start(kind: str, retention: Retention, application: str | None, instance: Instance) -> date | None:
    programme_end = instance.programme.programme_period.end
    if retention.start == "fin_programme":
        return programme_end
    # « decision »: the committee's day, once there is a selection.
    if instance.selection is None:
        return None
    day = instance.selection.committee_day
    decision = instance.selection.decision_for(application) if application is not None else None
    if kind == NOT_RETAINED and decision is not None and decision.decision is Outcome.WAITING_LIST:
        return max(day, programme_end)  # may still be called in until the programme ends
    return day


def holdings(instance: Instance, rels: Iterable[str]) -> tuple[Holding, ...]:
    """The files among ``rels`` that hold personal data of a declared kind (empty without « donnees_personnelles »)."""
    protection = instance.programme.data_protection
    if protection is None:
        return ()
    found = []
    for rel in sorted(rels):
        kind = kind_of(rel, instance)
        if kind is None:
            continue
        retention = protection.retention_for(kind)
        application = application_of(rel)
        found.append(Holding(rel, kind, application, _start(kind, retention, application, instance), retention))
    return tuple(found)
