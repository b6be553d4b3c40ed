"""What semantic rules see: the schema-valid documents of one instance, "now", and the selection proposal."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from acia.check.schema import SchemaSet
from acia.load.documents import Document, Source
from acia.model import followup
from acia.model.followup import FollowUp, FollowUpFiles
from acia.model.instance import Instance, Records, build_instance, build_records
from acia.model.programme import Programme
from acia.model.selection import Proposal


@dataclass
class Context:
    documents: list[Document]  # documents that passed their schema
    programme: Programme | None
    now: datetime  # aware; injectable so that tests never depend on today
    root: Path | None = None  # the instance folder, for rules that check that a referenced file exists
    # The selection proposal, computed from the findings of the other rules;
    # set by the pipeline before the rules that read it (NEEDS_PROPOSAL) run.
    proposal: Proposal | None = None
    # The schemas the documents were checked against, read once per command and
    # reused by the stages that describe fields (forms, pages, visibility).
    schemas: SchemaSet = field(default_factory=SchemaSet)

    def of_kind(self, kind: str) -> list[Document]:
        return [document for document in self.documents if document.kind == kind]

    @property
    def programme_document(self) -> Document | None:
        found = self.of_kind("programme")
        return found[0] if found else None

    @property
    def programme_source(self) -> Source | None:
        """Where the programme's values are, for rules that point at data/programme.yml."""
        document = self.programme_document
        return Source(document) if document is not None else None

    @functools.cached_property
    def records(self) -> Records:
        """The typed applications, evaluations, selection and derogations, even without a valid programme."""
        return build_records(self.documents)

    @functools.cached_property
    def model(self) -> Instance | None:
        """The typed instance (None without a valid programme): what rules and renderers read."""
        if self.programme is None:
            return None
        return build_instance(self.programme, self.records)

    @functools.cached_property
    def followup(self) -> FollowUp | None:
        """The follow-up of the retained structures (None without a valid programme)."""
        if self.programme is None:
            return None
        return followup.build(self.programme, self.documents, self.now, self.records.applications)

    @functools.cached_property
    def followup_files(self) -> FollowUpFiles:
        """The typed follow-up files, even without a valid programme."""
        return self.followup.files if self.followup is not None else followup.read(self.documents)

    @functools.cached_property
    def person_names(self) -> set[str]:
        """Family names of every person named in the data: none may reach a published text (ACIA512)."""
        return followup.person_names(self.documents)
