"""One programme instance as the model: the programme, its applications and the decisions on them.

Built once per command from the documents that passed their schema; rules,
the optimiser and every renderer read it instead of the YAML.
"""

from __future__ import annotations

from dataclasses import dataclass

from acia.load.documents import Document
from acia.model.application import Application, build_application
from acia.model.decisions import Derogation, Evaluation, Selection, build_derogations, build_evaluation, build_selection
from acia.model.programme import Programme


@dataclass(frozen=True)
class Records:
    """The typed data files of an instance, which need no programme to be read.

    Rules that check a file on its own (a SIRET, a date, a duplicate id) use
    these when the programme is missing or invalid.
    """

    applications: tuple[Application, ...]  # sorted by id
    evaluations: tuple[Evaluation, ...]
    selection: Selection | None
    derogations: tuple[Derogation, ...]


@dataclass(frozen=True)
class Instance:
    programme: Programme
    applications: tuple[Application, ...]  # sorted by id
    evaluations: tuple[Evaluation, ...]
    selection: Selection | None
    derogations: tuple[Derogation, ...]

    def application(self, application_id: str) -> Application | None:
        return next((application for application in self.applications if application.id == application_id), None)

    def derogation_for(self, application_id: str) -> Derogation | None:
        return next((derogation for derogation in self.derogations if derogation.application == application_id), None)

    def evaluations_of(self, application_id: str) -> tuple[Evaluation, ...]:
        return tuple(evaluation for evaluation in self.evaluations if evaluation.application == application_id)


def _of_kind(documents: list[Document], kind: str) -> list[Document]:
    return [document for document in documents if document.kind == kind]


def build_applications(documents: list[Document]) -> tuple[Application, ...]:
    """The applications among the schema-valid ``documents``, sorted by id (files with the same id stay in file order).

    Needs no programme: the rules that check an application on its own
    (SIRET, FINESS, dates…) still run when the programme is unusable.
    """
    return tuple(sorted((build_application(document) for document in _of_kind(documents, "application")), key=lambda application: application.id))


def build_all_derogations(documents: list[Document]) -> tuple[Derogation, ...]:
    """Every derogation recorded in the schema-valid ``documents``, in file order; needs no programme."""
    return tuple(derogation for document in _of_kind(documents, "derogations") for derogation in build_derogations(document))


def build_records(documents: list[Document]) -> Records:
    """The applications, evaluations, selection and derogations among the schema-valid ``documents``."""
    selections = _of_kind(documents, "selection")
    return Records(
        applications=build_applications(documents),
        evaluations=tuple(build_evaluation(document) for document in _of_kind(documents, "evaluation")),
        selection=build_selection(selections[0]) if selections else None,
        derogations=build_all_derogations(documents),
    )


def build_instance(programme: Programme, records: Records) -> Instance:
    """The model: the programme and the records; files of the follow-up are read by ``model.followup``."""
    return Instance(programme, records.applications, records.evaluations, records.selection, records.derogations)
