"""Typed, immutable views of valid documents, with the derived facts rules need.

Built only from documents that passed their schema, so attribute access is
safe. No I/O here: the loader reads, this module interprets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo


def parse_date(text: str) -> date:
    return date.fromisoformat(text)


def parse_datetime(text: str) -> datetime:
    """Parse an ISO date-time with offset ("2023-06-12T10:24:00+02:00")."""
    return datetime.fromisoformat(text)


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Event:
    id: str
    label: str
    start: date
    end: date
    index: int  # position in its calendar list, to point at the right line
    calendar: str  # "national" or "regional"


@dataclass(frozen=True)
class Step:
    id: str
    number: int
    title: str
    period: Period
    mobilisation_days: float | None
    index: int


@dataclass(frozen=True)
class RaciRow:
    id: str
    axe: str
    step: str
    action: str
    hours: float | None  # None for intersession work or a sub-row
    roles: dict[str, str]
    index: int


@dataclass(frozen=True)
class Programme:
    id: str
    title: str
    timezone: ZoneInfo
    deadline: datetime  # aware, in the programme's time zone
    programme_period: Period
    axes: tuple[str, ...]
    sectors: dict[str, bool]  # code -> eligible
    fundings: tuple[str, ...]
    organisations: tuple[str, ...]
    required_engagements: tuple[str, ...]
    team_roles: dict[str, bool]  # role id -> mandatory
    pilot_required: bool
    team_size_min: int | None
    team_size_max: int | None
    max_etablissements_per_og: int | None
    events: tuple[Event, ...]
    milestones: dict[str, str]
    steps: tuple[Step, ...]
    raci_roles: tuple[str, ...]
    raci_values: tuple[str, ...]
    raci_rows: tuple[RaciRow, ...]
    bodies: tuple[str, ...]
    raw: dict = field(repr=False, compare=False, hash=False, default_factory=dict)

    def event(self, event_id: str | None) -> Event | None:
        for event in self.events:
            if event.id == event_id:
                return event
        return None

    def milestone(self, name: str) -> Event | None:
        return self.event(self.milestones.get(name))

    def hours_by_axe(self) -> dict[str, float]:
        """Meeting hours of the RACI per axe, computed from the rows (never typed in)."""
        totals: dict[str, float] = {axe: 0.0 for axe in self.axes}
        for row in self.raci_rows:
            if row.hours is not None:
                totals[row.axe] = totals.get(row.axe, 0.0) + row.hours
        return totals


def build_programme(data: dict) -> Programme:
    application = data["candidature"]
    zone = ZoneInfo(application["fuseau_horaire"])
    limit_time = time.fromisoformat(application.get("heure_limite", "23:59:59"))
    deadline = datetime.combine(parse_date(application["date_limite"]), limit_time, tzinfo=zone)
    calendar = data["calendrier"]
    events = []
    for calendar_name in ("national", "regional"):
        for index, item in enumerate(calendar.get(calendar_name, [])):
            start = parse_date(item["debut"])
            end = parse_date(item["fin"]) if "fin" in item else start
            events.append(Event(item["id"], item["libelle"], start, end, index, calendar_name))
    team = data["equipe_projet"]
    size = team.get("effectif", {})
    limits = data.get("limites", {})
    steps = tuple(
        Step(
            item["id"],
            item["numero"],
            item["titre"],
            Period(parse_date(item["periode"]["debut"]), parse_date(item["periode"]["fin"])),
            item.get("jours_mobilisation"),
            index,
        )
        for index, item in enumerate(data.get("etapes", []))
    )
    raci = data.get("raci", {})
    rows = tuple(
        RaciRow(
            item["id"],
            item["axe"],
            item["etape"],
            item["action"],
            item["charge"].get("heures"),
            dict(item["roles"]),
            index,
        )
        for index, item in enumerate(raci.get("lignes", []))
    )
    period = calendar["periode_programme"]
    return Programme(
        id=data["id"],
        title=data["titre"],
        timezone=zone,
        deadline=deadline,
        programme_period=Period(parse_date(period["debut"]), parse_date(period["fin"])),
        axes=tuple(axe["id"] for axe in data["axes"]),
        sectors={sector["id"]: sector["eligible"] for sector in data["secteurs"]},
        fundings=tuple(item["id"] for item in data["financements"]),
        organisations=tuple(item["id"] for item in data["organisations"]),
        required_engagements=tuple(data.get("engagements_requis", [])),
        team_roles={role["id"]: role["obligatoire"] for role in team["roles"]},
        pilot_required=team["pilote_obligatoire"],
        team_size_min=size.get("min"),
        team_size_max=size.get("max"),
        max_etablissements_per_og=limits.get("etablissements_par_og", {}).get("max"),
        events=tuple(events),
        milestones=dict(calendar.get("jalons", {})),
        steps=steps,
        raci_roles=tuple(role["id"] for role in raci.get("roles", [])),
        raci_values=tuple(value["code"] for value in raci.get("valeurs", [])),
        raci_rows=rows,
        bodies=tuple(item["id"] for item in data["instances"]),
        raw=data,
    )
