"""What the committee and the partners decided: scores, the selection, derogations.

Built from schema-valid ``data/evaluations/<id>.yml``, ``data/selection.yml``
and ``data/derogations.yml``. Labels a person reads come from here, never
from the identifiers written in the files.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from acia.load.documents import Document, Source
from acia.model import labels
from acia.model.programme import Person, parse_date, parse_datetime, person


class Outcome(StrEnum):
    """The committee's decision on an application, as ``data/selection.yml`` writes it."""

    RETAINED = "retenue"
    WAITING_LIST = "liste_attente"
    NOT_RETAINED = "non_retenue"

    @property
    def label(self) -> str:
        """« retenue », « liste d'attente », « non retenue »."""
        return DECISION_LABELS[self]


# The schema's labels (see model.labels), for every outcome: « liste_attente » reads « liste d'attente ».
DECISION_LABELS = {Outcome(value): label for value, label in labels.of("selection.schema.json", "decisions", "decision").items()}


@dataclass(frozen=True)
class Score:
    """One evaluator's notes on the manual criteria of one application."""

    evaluator: str  # organisation id
    person: Person | None
    day: date
    notes: dict[str, float]  # criterion id -> note
    comment: str
    source: Source


@dataclass(frozen=True)
class Evaluation:
    application: str
    scores: tuple[Score, ...]
    source: Source


@dataclass(frozen=True)
class Decision:
    application: str
    decision: Outcome
    motif: str  # for the committee and the programme team only
    source: Source
    notified_motif: str = ""  # what the notification letter tells the structure

    @property
    def label(self) -> str:
        """« retenue », « liste d'attente », « non retenue »."""
        return self.decision.label

    @property
    def retained(self) -> bool:
        return self.decision is Outcome.RETAINED


@dataclass(frozen=True)
class LimitDeparture:
    """A limit of the programme the committee knowingly departs from, and why (« ecarts_limites » of data/selection.yml)."""

    limit: str  # organismes_gestionnaires_min, organismes_gestionnaires_max, etablissements_min, etablissements_max or financement_minimum
    funding: str  # the funding of a « financement_minimum »; empty otherwise
    motif: str
    source: Source


@dataclass(frozen=True)
class Selection:
    """The selection committee's meeting, its decision on each application and its departures from the programme's limits."""

    committee_day: date
    members_present: tuple[str, ...]
    decisions: tuple[Decision, ...]
    source: Source
    departures: tuple[LimitDeparture, ...] = ()

    def departure_from(self, limit: str, funding: str = "") -> LimitDeparture | None:
        return next((departure for departure in self.departures if (departure.limit, departure.funding) == (limit, funding)), None)

    def decision_for(self, application_id: str) -> Decision | None:
        return next((decision for decision in self.decisions if decision.application == application_id), None)

    @property
    def retained(self) -> tuple[str, ...]:
        return tuple(decision.application for decision in self.decisions if decision.retained)


@dataclass(frozen=True)
class Derogation:
    """A late application accepted all the same, by whom, why and until when."""

    application: str
    decided_on: date
    decided_by: tuple[str, ...]
    motif: str
    accepted_until: datetime
    source: Source


def _object(document: Document) -> dict[str, Any]:
    data: dict[str, Any] = document.data  # type: ignore[assignment]  # schema-valid: an object
    return data


def build_evaluation(document: Document) -> Evaluation:
    data = _object(document)
    source = Source(document)
    return Evaluation(
        data["candidature"],
        tuple(
            Score(item["evaluateur"], person(item.get("personne")), parse_date(item["date"]), dict(item["notes"]), item.get("commentaire", ""), source.at("evaluations", index))
            for index, item in enumerate(data["evaluations"])
        ),
        source,
    )


def build_selection(document: Document) -> Selection:
    data = _object(document)
    source = Source(document)
    return Selection(
        parse_date(data["comite"]["date"]),
        tuple(data["comite"]["membres_presents"]),
        tuple(
            Decision(item["candidature"], Outcome(item["decision"]), item.get("motif", ""), source.at("decisions", index), item.get("motif_notifie", ""))
            for index, item in enumerate(data["decisions"])
        ),
        source,
        tuple(LimitDeparture(item["limite"], item.get("financement", ""), item["motif"], source.at("ecarts_limites", index)) for index, item in enumerate(data.get("ecarts_limites", []))),
    )


def build_derogations(document: Document) -> tuple[Derogation, ...]:
    data = _object(document)
    source = Source(document)
    return tuple(
        Derogation(item["candidature"], parse_date(item["decidee_le"]), tuple(item["decidee_par"]), item["motif"], parse_datetime(item["recue_jusqu_au"]), source.at("derogations", index))
        for index, item in enumerate(data["derogations"])
    )
