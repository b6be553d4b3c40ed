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


def build_instance(programme: Programme, documents: list[Document]) -> Instance:
    """The model of the schema-valid ``documents``; files of other kinds are read by the follow-up."""

    def of_kind(kind: str) -> list[Document]:
        return [document for document in documents if document.kind == kind]

    selections = of_kind("selection")
    return Instance(
        programme=programme,
        applications=tuple(sorted((build_application(document) for document in of_kind("application")), key=lambda application: application.id)),
        evaluations=tuple(build_evaluation(document) for document in of_kind("evaluation")),
        selection=build_selection(selections[0]) if selections else None,
        derogations=tuple(derogation for document in of_kind("derogations") for derogation in build_derogations(document)),
    )
