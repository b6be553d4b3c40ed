"""The follow-up of the selected structures, read from data/suivi/, and its progress against the RACI.

Built from schema-valid documents only; unknown references (an action that
is not in the RACI, a meeting of another axe) are left for the rules to
report and simply do not count here. "Held" always means: not cancelled and
finished before "now", so every figure can be recomputed at any date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from acia import french
from acia.load.documents import Document
from acia.model.programme import Programme, RaciRow, Step, parse_date, parse_datetime

COLLECTIVE = "collectif"
# Without « suivi.delai_compte_rendu_jours » in the programme.
DEFAULT_MINUTES_DELAY_DAYS = 15
STATUS_LABELS = {"a_faire": "à faire", "en_cours": "en cours", "fait": "fait"}
ANSWER_LABELS = {"acceptee": "acceptée", "refusee": "refusée", "reportee": "reportée"}
NATURE_LABELS = {"obstacle": "Obstacles", "levier": "Leviers", "outil": "Outils"}


@dataclass(frozen=True)
class Meeting:
    id: str
    folder: str  # application id, or "collectif"
    body: str  # instance id of the programme
    level: str  # the body's « niveau »: intra_structure, inter_structures, programme ("" if unknown)
    actions: tuple[str, ...]
    step: str | None
    start: datetime  # in the programme's time zone
    hours: float
    leader: str
    structures: tuple[str, ...] | None  # collective meetings: who was there (None: everyone)
    cancelled: bool
    has_minutes: bool
    working_group: str | None
    place: str
    subject: str
    index: int
    document: Document = field(compare=False, repr=False)

    @property
    def end(self) -> datetime:
        return self.start + timedelta(hours=self.hours)

    def held(self, now: datetime) -> bool:
        return not self.cancelled and self.end <= now

    def concerns(self, structure: str) -> bool:
        """Whether a structure takes part: its own meetings, and collective times it attends."""
        if self.folder == COLLECTIVE:
            return self.structures is None or structure in self.structures
        return self.folder == structure

    @property
    def data(self) -> dict:
        return self.document.data["reunions"][self.index]


@dataclass(frozen=True)
class Deliverable:
    id: str
    label: str
    action: str
    status: str  # a_faire, en_cours, fait
    file: str | None
    link: str | None
    day: date | None
    dimensions_expected: tuple[tuple[str, str], ...]
    dimensions: tuple[str, ...]

    @property
    def done(self) -> bool:
        return self.status == "fait"


@dataclass(frozen=True)
class Recommendation:
    text: str
    group: str
    day: date
    answer: str | None
    justification: str | None
    index: int


@dataclass(frozen=True)
class Lesson:
    nature: str
    theme: str
    text: str
    axe: str | None  # None for the collective
    meeting: Meeting | None
    sectors: tuple[str, ...]


@dataclass
class StepProgress:
    step: Step
    planned_hours: float  # RACI hours of the step, for the structure's axe
    held_hours: float  # hours of held meetings that carry those RACI actions
    scheduled_hours: float  # the same, counting meetings still to come
    other_hours: float  # held meetings outside the RACI (groupes de travail, temps ponctuels)
    planned_days: float | None  # "jours de mobilisation" of the step
    days: int  # distinct days with a held meeting of the structure
    actions: list[tuple[RaciRow, Meeting | None]]  # RACI meetings of the step and the meeting that held them

    @property
    def actions_done(self) -> int:
        return sum(1 for _, meeting in self.actions if meeting is not None)


@dataclass
class StructureFollowUp:
    id: str
    name: str
    axe: str
    meetings: list[Meeting]  # own and collective, in date order
    deliverables: list[Deliverable]
    recommendations: list[Recommendation]
    groups: dict[str, str]  # working group id -> title
    bilan: dict | None
    steps: list[StepProgress]
    arbitrage: datetime | None  # when every recommendation must have an answer
    minutes_missing: list[Meeting]

    @property
    def planned_hours(self) -> float:
        return sum(step.planned_hours for step in self.steps)

    @property
    def held_hours(self) -> float:
        return sum(step.held_hours for step in self.steps)

    @property
    def scheduled_hours(self) -> float:
        return sum(step.scheduled_hours for step in self.steps)

    @property
    def deliverables_done(self) -> int:
        return sum(1 for item in self.deliverables if item.done)

    @property
    def answered(self) -> int:
        return sum(1 for item in self.recommendations if item.answer is not None)

    @property
    def days(self) -> int:
        return sum(step.days for step in self.steps)

    @property
    def planned_days(self) -> float:
        return sum(step.planned_days or 0 for step in self.steps)


@dataclass
class FollowUp:
    meetings: list[Meeting]  # every meeting of data/suivi, in date order
    structures: dict[str, StructureFollowUp]
    collective: list[Meeting]
    lessons: list[Lesson]
    now: datetime

    def meetings_of(self, structure: str) -> list[Meeting]:
        return self.structures[structure].meetings if structure in self.structures else []


def minutes_delay(programme: Programme) -> timedelta:
    configured = programme.followup.minutes_delay_days if programme.followup is not None else None
    days = configured if configured is not None else DEFAULT_MINUTES_DELAY_DAYS
    return timedelta(days=days)


def retained(documents: list[Document]) -> list[str]:
    """Ids of the applications the committee retained, in decision order."""
    for document in documents:
        if document.kind == "selection":
            return [item["candidature"] for item in document.data["decisions"] if item["decision"] == "retenue"]
    return []


def row_by_id(programme: Programme) -> dict[str, RaciRow]:
    return {row.id: row for row in programme.raci_rows}


def body_by_id(programme: Programme) -> dict[str, dict]:
    return {body["id"]: body for body in programme.raw["instances"]}


def step_of(programme: Programme, actions, explicit: str | None, start: datetime) -> str | None:
    """The step of a meeting: its RACI action's, else the one written, else the one its date falls in."""
    rows = row_by_id(programme)
    for action in actions:
        if action in rows:
            return rows[action].step
    if explicit is not None:
        return explicit
    for step in programme.steps:
        if step.period.contains(start.date()):
            return step.id
    return None


def meetings(programme: Programme, documents: list[Document]) -> list[Meeting]:
    """Every meeting of data/suivi, with whether its minutes file exists."""
    minutes = {(document.folder, document.rel.rsplit("/", 1)[-1][: -len(".md")]) for document in documents if document.kind == "compte_rendu"}
    bodies = body_by_id(programme)
    found = []
    for document in documents:
        if document.kind != "reunions":
            continue
        for index, item in enumerate(document.data["reunions"]):
            start = parse_datetime(item["debut"]).astimezone(programme.timezone)
            actions = tuple(item.get("actions", []))
            found.append(
                Meeting(
                    id=item["id"],
                    folder=document.folder,
                    body=item["instance"],
                    level=bodies.get(item["instance"], {}).get("niveau", ""),
                    actions=actions,
                    step=step_of(programme, actions, item.get("etape"), start),
                    start=start,
                    hours=float(item["duree_heures"]),
                    leader=item["animee_par"],
                    structures=tuple(item["structures"]) if "structures" in item else None,
                    cancelled="annulee" in item,
                    has_minutes=(document.folder, item["id"]) in minutes,
                    working_group=item.get("groupe_travail"),
                    place=item.get("lieu", ""),
                    subject=item.get("objet", ""),
                    index=index,
                    document=document,
                )
            )
    return sorted(found, key=lambda meeting: (meeting.start, meeting.folder, meeting.id))


def expected_deliverables(programme: Programme, axe: str) -> list[dict]:
    return [item for item in programme.raw.get("suivi", {}).get("livrables", []) if item["axe"] == axe]


def arbitrage_action(programme: Programme, axe: str) -> str | None:
    for item in programme.raw.get("suivi", {}).get("reponse_recommandations", []):
        if item["axe"] == axe:
            return item["action"]
    return None


def answer_due(programme: Programme, axe: str, own: list[Meeting]) -> tuple[datetime | None, Meeting | None]:
    """When recommendations must have an answer: the end of the arbitrage meeting, else of the last step."""
    action = arbitrage_action(programme, axe)
    if action is None:
        if not programme.steps:
            return None, None
        last = max(step.period.end for step in programme.steps)
        return datetime.combine(last + timedelta(days=1), time(0, 0), tzinfo=programme.timezone), None
    for meeting in own:
        if action in meeting.actions and not meeting.cancelled:
            return meeting.end, meeting
    # No arbitrage held or planned: the answers are due at the end of the last step all the same.
    if not programme.steps:
        return None, None
    last = max(step.period.end for step in programme.steps)
    return datetime.combine(last + timedelta(days=1), time(0, 0), tzinfo=programme.timezone), None


def build(programme: Programme, documents: list[Document], now: datetime) -> FollowUp:
    all_meetings = meetings(programme, documents)
    applications = {document.data["id"]: document.data for document in documents if document.kind == "application"}
    by_folder: dict[tuple[str, str], Document] = {(document.folder, document.kind): document for document in documents if document.folder}
    collective = [meeting for meeting in all_meetings if meeting.folder == COLLECTIVE]
    structures = {}
    for structure_id in retained(documents):
        application = applications.get(structure_id)
        if application is None:
            continue
        structures[structure_id] = _structure(programme, structure_id, application, all_meetings, by_folder, now)
    return FollowUp(all_meetings, structures, collective, _lessons(programme, documents, all_meetings, applications), now)


def _structure(programme, structure_id, application, all_meetings, by_folder, now) -> StructureFollowUp:
    axe = application["axe"]
    # Its own meetings and the collective times between structures (not the programme's comité de suivi).
    own = [meeting for meeting in all_meetings if meeting.concerns(structure_id) and (meeting.folder != COLLECTIVE or meeting.level == "inter_structures")]
    rows = row_by_id(programme)
    reunions = by_folder.get((structure_id, "reunions"))
    groups = {item["id"]: item["intitule"] for item in (reunions.data.get("groupes_travail", []) if reunions else [])}
    steps = []
    for step in programme.steps:
        in_step = [meeting for meeting in own if meeting.step == step.id and not meeting.cancelled]
        planned_rows = [row for row in programme.raci_rows if row.axe == axe and row.step == step.id and row.hours is not None]
        actions = []
        for row in planned_rows:
            holder = next((meeting for meeting in in_step if row.id in meeting.actions and meeting.held(now)), None)
            actions.append((row, holder))

        def raci_meeting(meeting: Meeting) -> bool:
            return any(action in rows and rows[action].axe == axe and rows[action].hours is not None for action in meeting.actions)

        held = [meeting for meeting in in_step if meeting.held(now)]
        steps.append(
            StepProgress(
                step=step,
                planned_hours=sum(row.hours for row in planned_rows),
                held_hours=sum(meeting.hours for meeting in held if raci_meeting(meeting)),
                scheduled_hours=sum(meeting.hours for meeting in in_step if raci_meeting(meeting)),
                other_hours=sum(meeting.hours for meeting in held if not raci_meeting(meeting) and meeting.folder != COLLECTIVE),
                planned_days=step.mobilisation_days,
                days=len({meeting.start.date() for meeting in held}),
                actions=actions,
            )
        )
    deliverables = _deliverables(programme, axe, by_folder.get((structure_id, "livrables")))
    recommendations_document = by_folder.get((structure_id, "recommandations"))
    recommendations = [
        Recommendation(item["texte"], item["groupe_travail"], parse_date(item["date"]), item.get("reponse"), item.get("justification"), index)
        for index, item in enumerate(recommendations_document.data["recommandations"] if recommendations_document else [])
    ]
    bilan = by_folder.get((structure_id, "bilan"))
    due, _ = answer_due(programme, axe, [meeting for meeting in own if meeting.folder == structure_id])
    delay = minutes_delay(programme)
    missing = [meeting for meeting in own if meeting.folder == structure_id and needs_minutes(programme, meeting) and meeting.end + delay <= now and not meeting.has_minutes]
    return StructureFollowUp(
        id=structure_id,
        name=application["organisme_gestionnaire"]["raison_sociale"],
        axe=axe,
        meetings=own,
        deliverables=deliverables,
        recommendations=recommendations,
        groups=groups,
        bilan=bilan.data if bilan else None,
        steps=steps,
        arbitrage=due,
        minutes_missing=missing,
    )


def needs_minutes(programme: Programme, meeting: Meeting) -> bool:
    """Bodies whose minutes someone is named to write (« compte_rendu_par »)."""
    body = body_by_id(programme).get(meeting.body)
    return body is not None and "compte_rendu_par" in body and not meeting.cancelled


def _deliverables(programme: Programme, axe: str, document: Document | None) -> list[Deliverable]:
    recorded = {item["livrable"]: item for item in (document.data["livrables"] if document else [])}
    found = []
    for expected in expected_deliverables(programme, axe):
        item = recorded.get(expected["id"], {})
        found.append(
            Deliverable(
                id=expected["id"],
                label=expected["libelle"],
                action=expected["action"],
                status=item.get("statut", "a_faire"),
                file=item.get("fichier"),
                link=item.get("lien"),
                day=parse_date(item["date"]) if "date" in item else None,
                dimensions_expected=tuple((dimension["id"], dimension["libelle"]) for dimension in expected.get("dimensions", [])),
                dimensions=tuple(item.get("dimensions", [])),
            )
        )
    return found


def _lessons(programme, documents, all_meetings, applications) -> list[Lesson]:
    by_key = {(meeting.folder, meeting.id): meeting for meeting in all_meetings}
    found = []
    for document in documents:
        if document.kind != "compte_rendu":
            continue
        meeting = by_key.get((document.folder, document.rel.rsplit("/", 1)[-1][: -len(".md")]))
        application = applications.get(document.folder)
        sectors = tuple(sorted({item["secteur"] for item in application["etablissements"]})) if application else ()
        for item in document.data.get("enseignements", []):
            if item["partageable"]:
                found.append(Lesson(item["nature"], item["theme"], item["texte"], application["axe"] if application else None, meeting, sectors))
    return sorted(found, key=lambda lesson: (lesson.axe or "", lesson.theme, lesson.nature, lesson.meeting.start if lesson.meeting else datetime.min.replace(tzinfo=programme.timezone), lesson.text))


def person_names(documents: list[Document]) -> set[str]:
    """Family names of every person recorded anywhere in the data (for the public-lesson check)."""
    names: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("nom"), str) and isinstance(value.get("prenom"), str):
                names.add(value["nom"].strip())
            for child in value.values():
                walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    for document in documents:
        walk(document.data)
    return {name for name in names if len(name) >= 3}


def names_in(text: str, names: set[str]) -> list[str]:
    return sorted(name for name in names if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, flags=re.IGNORECASE))


def describe(programme: Programme, meeting: Meeting) -> str:
    """« copil-2 » (Comité de pilotage du 14/09/2023), for messages."""
    body = body_by_id(programme).get(meeting.body, {}).get("nom", meeting.body)
    return f"« {meeting.id} » ({body} du {french.short_date(meeting.start.date())})"


def folder_of(rel: str) -> str:
    """data/suivi/<folder>/…: the folder part of a follow-up path."""
    return f"data/suivi/{rel.split('/')[2]}" if rel.startswith("data/suivi/") else rel
