"""The follow-up of the selected structures, read from data/suivi/, and its progress against the RACI.

Two layers. ``read`` turns the schema-valid files of data/suivi/ into typed
values, folder by folder (meetings and working groups, minutes,
deliverables, recommendations, bilan), each with its ``source`` so that a
rule can point at the right line; it needs no programme. ``build`` adds what
the programme and "now" give: the step of each meeting, the structures
retained and their progress. It is the only place that reads these files'
YAML: rules and renderers read the values it returns.

Built from schema-valid documents only; unknown references (an action that
is not in the RACI, a meeting of another axe) are left for the rules to
report and simply do not count here. "Held" always means: not cancelled and
finished before "now", so every figure can be recomputed at any date.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import PurePosixPath
from typing import Any

from acia import french
from acia.load.documents import Document, Source
from acia.model import labels
from acia.model.application import Application, Etablissement, Team, TeamMember, build_application
from acia.model.decisions import build_selection
from acia.model.programme import ExpectedDeliverable, Person, Programme, RaciRow, Step, parse_date, parse_datetime, person

COLLECTIVE = "collectif"
# Without « suivi.delai_compte_rendu_jours » in the programme.
DEFAULT_MINUTES_DELAY_DAYS = 15
# « à faire », « acceptée »: the schemas' labels of the values written in the files (see model.labels).
STATUS_LABELS = labels.of("livrables.schema.json", "livrables", "statut")
ANSWER_LABELS = labels.of("recommandations.schema.json", "recommandations", "reponse")
LESSON_LABELS = labels.of("compte-rendu.schema.json", "enseignements", "nature")  # « Levier » before one lesson
NATURE_LABELS = {"obstacle": "Obstacles", "levier": "Leviers", "outil": "Outils"}


# --- what the files of data/suivi/<folder>/ hold -----------------------------


@dataclass(frozen=True)
class Participant:
    """Who attended a meeting (« participants »): personal data, internal only."""

    role: str  # a role of the project team or of the RACI, an organisation, or "pilote"
    structure: str | None  # collective meetings: the retained structure the participant comes from
    person: Person | None
    source: Source


@dataclass(frozen=True)
class WorkingGroup:
    """A working group (« groupes_travail »): it makes recommendations."""

    id: str
    title: str  # « intitule »
    ground: str  # « terrain »: where the group works ("" when not said)
    source: Source


@dataclass(frozen=True)
class Meeting:
    id: str
    folder: str  # application id, or "collectif"
    body: str  # instance id of the programme
    level: str  # the body's « niveau »: intra_structure, inter_structures, programme ("" if unknown)
    actions: tuple[str, ...]
    declared_step: str | None  # « etape » as written
    step: str | None  # its RACI action's, else the one written, else the one its date falls in
    start: datetime  # in the programme's time zone (as written when read without a programme)
    hours: float
    duration_reason: str | None  # « motif_duree »: why it lasts other than planned
    leader: str  # « animee_par »
    structures: tuple[str, ...] | None  # collective meetings: who was there (None: everyone)
    participants: tuple[Participant, ...]
    cancel_reason: str | None  # « annulee.motif »; None when the meeting is not cancelled
    has_minutes: bool
    working_group: str | None
    place: str  # "" when not said
    subject: str  # « objet », "" when not said
    source: Source = field(compare=False, repr=False)
    etablissement: str | None = None  # the FINESS géographique of the établissement it concerns; None: all of the structure's

    @property
    def cancelled(self) -> bool:
        return self.cancel_reason is not None

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


@dataclass(frozen=True)
class MeetingsFile:
    """data/suivi/<folder>/reunions.yml: working groups and meetings, in the file's order."""

    folder: str
    working_groups: tuple[WorkingGroup, ...]
    meetings: tuple[Meeting, ...]
    source: Source

    @property
    def group_ids(self) -> set[str]:
        return {group.id for group in self.working_groups}


@dataclass(frozen=True)
class Lesson:
    """A lesson learnt (« enseignement ») written in minutes."""

    nature: str  # obstacle, levier, outil
    theme: str  # a theme of « suivi.themes »
    text: str
    shareable: bool  # « partageable »: published on the Capitalisation page
    source: Source


@dataclass(frozen=True)
class Minutes:
    """data/suivi/<folder>/comptes-rendus/<meeting id>.md: a YAML front matter, then Markdown."""

    folder: str
    meeting: str  # the meeting's id: the file's name
    writer: str  # « redige_par »
    written_on: date | None  # « redige_le »
    lessons: tuple[Lesson, ...]
    body: str  # the Markdown after the front matter
    body_line: int  # line of the file where ``body`` starts
    source: Source


@dataclass(frozen=True)
class DeliverableRecord:
    """One entry of livrables.yml: where a structure stands on an expected deliverable."""

    deliverable: str  # « livrable »: id of a deliverable of « suivi.livrables »
    status: str  # a_faire, en_cours, fait
    file: str | None  # « fichier », relative to the structure's follow-up folder
    link: str | None  # « lien »
    day: date | None
    dimensions: tuple[str, ...]
    comment: str
    source: Source


@dataclass(frozen=True)
class DeliverablesFile:
    folder: str
    records: tuple[DeliverableRecord, ...]
    source: Source


@dataclass(frozen=True)
class Recommendation:
    """A working group's recommendation, and the structure's answer once arbitrated."""

    text: str
    group: str  # working group id
    day: date
    answer: str | None  # acceptee, refusee, reportee
    justification: str | None
    source: Source


@dataclass(frozen=True)
class RecommendationsFile:
    folder: str
    recommendations: tuple[Recommendation, ...]
    source: Source


@dataclass(frozen=True)
class ResourceActor:
    """A resource of the territory the structure relies on (« acteurs_ressources »)."""

    name: str
    contribution: str  # « apport »
    source: Source


@dataclass(frozen=True)
class Bilan:
    """bilan.yml: the steering committee's bilan, during the last step."""

    folder: str
    day: date
    strengths: tuple[str, ...]  # « forces »
    weaknesses: tuple[str, ...]  # « faiblesses »
    resources: tuple[ResourceActor, ...]  # « acteurs_ressources »
    perspectives: str  # "" when not said
    source: Source


@dataclass(frozen=True)
class Folder:
    """data/suivi/<id>/: what one structure (or the collective) records."""

    id: str
    meetings_file: MeetingsFile | None
    deliverables_file: DeliverablesFile | None
    recommendations_file: RecommendationsFile | None
    bilan: Bilan | None
    minutes: tuple[Minutes, ...]

    @property
    def working_groups(self) -> tuple[WorkingGroup, ...]:
        return self.meetings_file.working_groups if self.meetings_file is not None else ()

    @property
    def group_ids(self) -> set[str]:
        return self.meetings_file.group_ids if self.meetings_file is not None else set()

    @property
    def meetings(self) -> tuple[Meeting, ...]:
        """Meetings in the order of reunions.yml."""
        return self.meetings_file.meetings if self.meetings_file is not None else ()

    @property
    def recommendations(self) -> tuple[Recommendation, ...]:
        return self.recommendations_file.recommendations if self.recommendations_file is not None else ()

    @property
    def structure_sources(self) -> tuple[Source, ...]:
        """The files only a structure keeps: deliverables, recommendations, bilan."""
        files = (self.deliverables_file, self.recommendations_file, self.bilan)
        return tuple(item.source for item in files if item is not None)

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every file of the folder."""
        first = (self.meetings_file.source,) if self.meetings_file is not None else ()
        return first + self.structure_sources + tuple(minutes.source for minutes in self.minutes)


@dataclass(frozen=True)
class FollowUpFiles:
    """Everything data/suivi/ holds, folder by folder, and which structures the committee retained."""

    folders: dict[str, Folder]  # by folder name, in name order
    retained: tuple[str, ...] | None  # ids of the retained applications, in decision order; None: no decision recorded

    @property
    def meetings(self) -> tuple[Meeting, ...]:
        return tuple(meeting for folder in self.folders.values() for meeting in folder.meetings)

    @property
    def minutes(self) -> tuple[Minutes, ...]:
        return tuple(minutes for folder in self.folders.values() for minutes in folder.minutes)

    def folder(self, folder_id: str) -> Folder | None:
        return self.folders.get(folder_id)


# --- the follow-up at "now", against the programme ---------------------------


@dataclass(frozen=True)
class Deliverable:
    """An expected deliverable of a structure's axe, and what the structure recorded about it."""

    expected: ExpectedDeliverable
    record: DeliverableRecord | None  # None: nothing recorded yet

    @property
    def id(self) -> str:
        return self.expected.id

    @property
    def label(self) -> str:
        return self.expected.label

    @property
    def action(self) -> str:
        return self.expected.action

    @property
    def status(self) -> str:
        return self.record.status if self.record is not None else "a_faire"

    @property
    def file(self) -> str | None:
        return self.record.file if self.record is not None else None

    @property
    def link(self) -> str | None:
        return self.record.link if self.record is not None else None

    @property
    def day(self) -> date | None:
        return self.record.day if self.record is not None else None

    @property
    def dimensions_expected(self) -> tuple[tuple[str, str], ...]:
        return tuple((dimension.id, dimension.label) for dimension in self.expected.dimensions)

    @property
    def dimensions(self) -> tuple[str, ...]:
        return self.record.dimensions if self.record is not None else ()

    @property
    def done(self) -> bool:
        return self.status == "fait"


@dataclass(frozen=True)
class SharedLesson:
    """A shareable lesson, with what the Capitalisation page says of where it comes from."""

    nature: str
    theme: str
    text: str
    axe: str | None  # None for the collective
    meeting: Meeting | None
    sectors: tuple[str, ...]
    source: Source


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
    application: Application
    meetings: list[Meeting]  # own and collective, in date order
    deliverables: list[Deliverable]
    recommendations: list[Recommendation]
    working_groups: tuple[WorkingGroup, ...]
    bilan: Bilan | None
    steps: list[StepProgress]
    arbitrage: datetime | None  # when every recommendation must have an answer
    minutes_missing: list[Meeting]

    def etablissements_of(self, meeting: Meeting) -> tuple[Etablissement, ...]:
        """The établissements one of its meetings concerns (see ``concerned_etablissements``)."""
        return concerned_etablissements(self.application, meeting)

    def teams_of(self, meeting: Meeting) -> tuple[Team, ...]:
        """The project teams one of its meetings concerns (see ``meeting_teams``)."""
        return meeting_teams(self.application, meeting)

    def pilots_of(self, meeting: Meeting) -> tuple[TeamMember, ...]:
        """Who « pilote » is at one of its meetings (see ``meeting_pilots``)."""
        return meeting_pilots(self.application, meeting)

    @property
    def groups(self) -> dict[str, str]:
        """Working group id -> title."""
        return {group.id: group.title for group in self.working_groups}

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
    files: FollowUpFiles
    meetings: list[Meeting]  # every meeting of data/suivi, in date order
    structures: dict[str, StructureFollowUp]
    collective: list[Meeting]
    lessons: list[SharedLesson]
    now: datetime

    @property
    def folders(self) -> dict[str, Folder]:
        return self.files.folders

    @property
    def minutes(self) -> tuple[Minutes, ...]:
        """Every minutes of data/suivi, of any folder."""
        return self.files.minutes

    @functools.cached_property
    def by_key(self) -> dict[tuple[str, str], Meeting]:
        """(folder, meeting id) -> meeting; an id taken twice in a folder gives its latest meeting."""
        return {(meeting.folder, meeting.id): meeting for meeting in self.meetings}

    def meeting(self, folder: str, meeting_id: str) -> Meeting | None:
        return self.by_key.get((folder, meeting_id))


def concerned_etablissements(application: Application, meeting: Meeting) -> tuple[Etablissement, ...]:
    """The établissements a meeting of a structure concerns.

    The one it names by its FINESS géographique (« etablissement »), else
    all of the structure's: for an organisme gestionnaire with several
    établissements, a COPIL without « etablissement » is the one that
    gathers their pilots. Collective meetings concern no établissement in
    particular, and an unknown FINESS (ACIA517) none.
    """
    if meeting.folder == COLLECTIVE:
        return ()
    if meeting.etablissement is None:
        return application.etablissements
    found = application.etablissement_by_finess(meeting.etablissement)
    return (found,) if found is not None else ()


def meeting_teams(application: Application, meeting: Meeting) -> tuple[Team, ...]:
    """The project teams a meeting of a structure concerns.

    With a team per établissement, the team of the établissement it names,
    or each établissement's for a joint meeting; with one team for the
    organisme gestionnaire, that team.
    """
    if meeting.folder == COLLECTIVE:
        return ()
    teams = [team for etablissement in concerned_etablissements(application, meeting) if (team := application.team_of(etablissement)) is not None]
    if application.og_team is not None:
        teams.insert(0, application.og_team)
    return tuple(teams)


def meeting_pilots(application: Application, meeting: Meeting) -> tuple[TeamMember, ...]:
    """Who « pilote » means at a meeting of a structure (as leader or participant): the pilot of each team it concerns."""
    return tuple(pilot for team in meeting_teams(application, meeting) for pilot in team.pilots)


def minutes_delay(programme: Programme) -> timedelta:
    configured = programme.followup.minutes_delay_days if programme.followup is not None else None
    days = configured if configured is not None else DEFAULT_MINUTES_DELAY_DAYS
    return timedelta(days=days)


def row_by_id(programme: Programme) -> dict[str, RaciRow]:
    return {row.id: row for row in programme.raci_rows}


def step_of(programme: Programme, actions: tuple[str, ...], explicit: str | None, start: datetime) -> str | None:
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


def needs_minutes(programme: Programme, meeting: Meeting) -> bool:
    """Bodies whose minutes someone is named to write (« compte_rendu_par »)."""
    body = programme.body(meeting.body)
    return body is not None and body.minutes_by is not None and not meeting.cancelled


def expected_deliverables(programme: Programme, axe: str) -> list[ExpectedDeliverable]:
    return [item for item in (programme.followup.deliverables if programme.followup is not None else ()) if item.axe == axe]


def arbitrage_action(programme: Programme, axe: str) -> str | None:
    for item in programme.followup.answer_actions if programme.followup is not None else ():
        if item.axe == axe:
            return item.action
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


# --- reading the files --------------------------------------------------------


def _object(document: Document) -> dict[str, Any]:
    data: dict[str, Any] = document.data  # type: ignore[assignment]  # schema-valid: an object
    return data


def _minutes_name(document: Document) -> str:
    """comptes-rendus/copil-2.md names the meeting « copil-2 »."""
    return PurePosixPath(document.rel).name[: -len(".md")]


def read(documents: list[Document], programme: Programme | None = None) -> FollowUpFiles:
    """The typed content of data/suivi/ (schema-valid ``documents``).

    With the programme, meetings get its time zone, their body's level and
    their step; without it (the programme is invalid), they keep the offset
    written and only the step written.
    """
    minutes_names = {(document.folder, _minutes_name(document)) for document in documents if document.kind == "compte_rendu"}
    by_folder: dict[str, dict[str, Document]] = {}
    minutes: dict[str, list[Minutes]] = {}
    for document in documents:
        if not document.folder:
            continue
        by_folder.setdefault(document.folder, {})
        if document.kind == "compte_rendu":
            minutes.setdefault(document.folder, []).append(_minutes(document))
        else:
            by_folder[document.folder][document.kind] = document
    folders = {}
    for folder_id in sorted(by_folder):
        kinds = by_folder[folder_id]
        folders[folder_id] = Folder(
            id=folder_id,
            meetings_file=_meetings_file(kinds["reunions"], programme, minutes_names) if "reunions" in kinds else None,
            deliverables_file=_deliverables_file(kinds["livrables"]) if "livrables" in kinds else None,
            recommendations_file=_recommendations_file(kinds["recommandations"]) if "recommandations" in kinds else None,
            bilan=_bilan(kinds["bilan"]) if "bilan" in kinds else None,
            minutes=tuple(minutes.get(folder_id, [])),
        )
    selections = [document for document in documents if document.kind == "selection"]
    return FollowUpFiles(folders, build_selection(selections[0]).retained if selections else None)


def _meetings_file(document: Document, programme: Programme | None, minutes_names: set[tuple[str, str]]) -> MeetingsFile:
    data = _object(document)
    source = Source(document)
    groups = tuple(WorkingGroup(item["id"], item["intitule"], item.get("terrain", ""), source.at("groupes_travail", index)) for index, item in enumerate(data.get("groupes_travail", [])))
    meetings = []
    for index, item in enumerate(data["reunions"]):
        here = source.at("reunions", index)
        actions = tuple(item.get("actions", []))
        start = parse_datetime(item["debut"])
        level, step = "", item.get("etape")
        if programme is not None:
            start = start.astimezone(programme.timezone)
            body = programme.body(item["instance"])
            level = body.level if body is not None else ""
            step = step_of(programme, actions, item.get("etape"), start)
        meetings.append(
            Meeting(
                id=item["id"],
                folder=document.folder,
                body=item["instance"],
                level=level,
                actions=actions,
                declared_step=item.get("etape"),
                step=step,
                start=start,
                hours=float(item["duree_heures"]),
                duration_reason=item.get("motif_duree"),
                leader=item["animee_par"],
                structures=tuple(item["structures"]) if "structures" in item else None,
                participants=tuple(
                    Participant(participant["role"], participant.get("structure"), person(participant.get("personne")), here.at("participants", participant_index))
                    for participant_index, participant in enumerate(item.get("participants", []))
                ),
                cancel_reason=item["annulee"]["motif"] if "annulee" in item else None,
                has_minutes=(document.folder, item["id"]) in minutes_names,
                working_group=item.get("groupe_travail"),
                place=item.get("lieu", ""),
                subject=item.get("objet", ""),
                source=here,
                etablissement=item.get("etablissement"),
            )
        )
    return MeetingsFile(document.folder, groups, tuple(meetings), source)


def _minutes(document: Document) -> Minutes:
    data = _object(document)
    source = Source(document)
    return Minutes(
        folder=document.folder,
        meeting=_minutes_name(document),
        writer=data["redige_par"],
        written_on=parse_date(data["redige_le"]) if "redige_le" in data else None,
        lessons=tuple(Lesson(item["nature"], item["theme"], item["texte"], item["partageable"], source.at("enseignements", index)) for index, item in enumerate(data.get("enseignements", []))),
        body=document.body,
        body_line=document.body_line,
        source=source,
    )


def _deliverables_file(document: Document) -> DeliverablesFile:
    source = Source(document)
    records = tuple(
        DeliverableRecord(
            deliverable=item["livrable"],
            status=item["statut"],
            file=item.get("fichier"),
            link=item.get("lien"),
            day=parse_date(item["date"]) if "date" in item else None,
            dimensions=tuple(item.get("dimensions", [])),
            comment=item.get("commentaire", ""),
            source=source.at("livrables", index),
        )
        for index, item in enumerate(_object(document)["livrables"])
    )
    return DeliverablesFile(document.folder, records, source)


def _recommendations_file(document: Document) -> RecommendationsFile:
    source = Source(document)
    recommendations = tuple(
        Recommendation(item["texte"], item["groupe_travail"], parse_date(item["date"]), item.get("reponse"), item.get("justification"), source.at("recommandations", index))
        for index, item in enumerate(_object(document)["recommandations"])
    )
    return RecommendationsFile(document.folder, recommendations, source)


def _bilan(document: Document) -> Bilan:
    data = _object(document)
    source = Source(document)
    return Bilan(
        folder=document.folder,
        day=parse_date(data["date"]),
        strengths=tuple(data["forces"]),
        weaknesses=tuple(data["faiblesses"]),
        resources=tuple(ResourceActor(item["nom"], item["apport"], source.at("acteurs_ressources", index)) for index, item in enumerate(data["acteurs_ressources"])),
        perspectives=data.get("perspectives", ""),
        source=source,
    )


# --- the follow-up at "now" -----------------------------------------------------


def build(programme: Programme, documents: list[Document], now: datetime, built: Sequence[Application] | None = None) -> FollowUp:
    """The follow-up of the retained structures; ``built`` are the applications already typed from ``documents`` (else typed here)."""
    files = read(documents, programme)
    all_meetings = sorted(files.meetings, key=lambda meeting: (meeting.start, meeting.folder, meeting.id))
    typed = built if built is not None else [build_application(document) for document in documents if document.kind == "application"]
    applications = {application.id: application for application in typed}
    collective = [meeting for meeting in all_meetings if meeting.folder == COLLECTIVE]
    structures = {}
    for structure_id in files.retained or ():
        application = applications.get(structure_id)
        if application is None:
            continue
        structures[structure_id] = _structure(programme, application, all_meetings, files.folder(structure_id), now)
    followup = FollowUp(files, all_meetings, structures, collective, [], now)
    followup.lessons = _lessons(programme, followup, applications)
    return followup


def _structure(programme: Programme, application: Application, all_meetings: list[Meeting], folder: Folder | None, now: datetime) -> StructureFollowUp:
    structure_id, axe = application.id, application.axe
    # Its own meetings and the collective times between structures (not the programme's comité de suivi).
    own = [meeting for meeting in all_meetings if meeting.concerns(structure_id) and (meeting.folder != COLLECTIVE or meeting.level == "inter_structures")]
    rows = row_by_id(programme)

    def raci_meeting(meeting: Meeting) -> bool:
        return any(action in rows and rows[action].axe == axe and rows[action].hours is not None for action in meeting.actions)

    steps = []
    for step in programme.steps:
        in_step = [meeting for meeting in own if meeting.step == step.id and not meeting.cancelled]
        planned_rows = [row for row in programme.raci_rows if row.axe == axe and row.step == step.id and row.hours is not None]
        actions = []
        for row in planned_rows:
            holder = next((meeting for meeting in in_step if row.id in meeting.actions and meeting.held(now)), None)
            actions.append((row, holder))
        held = [meeting for meeting in in_step if meeting.held(now)]
        steps.append(
            StepProgress(
                step=step,
                planned_hours=sum(row.hours for row in planned_rows if row.hours is not None),
                held_hours=sum(meeting.hours for meeting in held if raci_meeting(meeting)),
                scheduled_hours=sum(meeting.hours for meeting in in_step if raci_meeting(meeting)),
                other_hours=sum(meeting.hours for meeting in held if not raci_meeting(meeting) and meeting.folder != COLLECTIVE),
                planned_days=step.mobilisation_days,
                days=len({meeting.start.date() for meeting in held}),
                actions=actions,
            )
        )
    recorded = {record.deliverable: record for record in (folder.deliverables_file.records if folder is not None and folder.deliverables_file is not None else ())}
    due, _ = answer_due(programme, axe, [meeting for meeting in own if meeting.folder == structure_id])
    delay = minutes_delay(programme)
    missing = [meeting for meeting in own if meeting.folder == structure_id and needs_minutes(programme, meeting) and meeting.end + delay <= now and not meeting.has_minutes]
    return StructureFollowUp(
        id=structure_id,
        name=application.og.name,
        axe=axe,
        application=application,
        meetings=own,
        deliverables=[Deliverable(expected, recorded.get(expected.id)) for expected in expected_deliverables(programme, axe)],
        recommendations=list(folder.recommendations) if folder is not None else [],
        working_groups=folder.working_groups if folder is not None else (),
        bilan=folder.bilan if folder is not None else None,
        steps=steps,
        arbitrage=due,
        minutes_missing=missing,
    )


def _lessons(programme: Programme, followup: FollowUp, applications: dict[str, Application]) -> list[SharedLesson]:
    found = []
    for minutes in followup.minutes:
        meeting = followup.meeting(minutes.folder, minutes.meeting)
        application = applications.get(minutes.folder)
        sectors = tuple(sorted({etablissement.sector for etablissement in application.etablissements})) if application else ()
        for lesson in minutes.lessons:
            if lesson.shareable:
                found.append(SharedLesson(lesson.nature, lesson.theme, lesson.text, application.axe if application else None, meeting, sectors, lesson.source))
    return sorted(found, key=lambda lesson: (lesson.axe or "", lesson.theme, lesson.nature, lesson.meeting.start if lesson.meeting else datetime.min.replace(tzinfo=programme.timezone), lesson.text))


def person_names(documents: list[Document]) -> set[str]:
    """What identifies a person anywhere in the data: family and first names, e-mails and phone numbers.

    Any object with a « nom » and a « prenom » is a person; « email » and
    « telephone » values are taken wherever they are. Names of fewer than
    three letters are left out (they would match ordinary words).
    """
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("nom"), str) and isinstance(value.get("prenom"), str):
                found.update((value["nom"].strip(), value["prenom"].strip()))
            for key in ("email", "telephone"):
                if isinstance(value.get(key), str):
                    found.add(value[key].strip())
            for child in value.values():
                walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    for document in documents:
        walk(document.data)
    return {item for item in found if len(item) >= 3}


# An e-mail address, or a phone number of the French numbering plan, in metropolitan France or overseas: a country code
# (+33, +262, +590…, or 0033, 00262…) or 0, then nine digits, spaced or not (« +262 262 12 34 56 », « 0692 12 34 56 »).
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\d)(?:(?:\+|00)\d{2,3}[\s.-]?(?:\(0\)[\s.-]?)?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)")


def names_in(text: str, names: set[str]) -> list[str]:
    """The personal data a published text holds: a known name, e-mail or phone, or anything shaped like an e-mail or a phone."""
    found = {name for name in names if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, flags=re.IGNORECASE)}
    found.update(_EMAIL.findall(text))
    found.update(match.group(0) for match in _PHONE.finditer(text))
    return sorted(found)


def describe(programme: Programme, meeting: Meeting) -> str:
    """« copil-2 » (Comité de pilotage du 14/09/2023), for messages."""
    body = programme.body(meeting.body)
    return f"« {meeting.id} » ({body.name if body is not None else meeting.body} du {french.short_date(meeting.start.date())})"


def folder_of(rel: str) -> str:
    """data/suivi/<folder>/…: the folder part of a follow-up path."""
    return f"data/suivi/{rel.split('/')[2]}" if rel.startswith("data/suivi/") else rel
