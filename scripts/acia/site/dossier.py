"""What a dossier page shows of an application, for one audience.

The page receives a ``DossierPage`` built from the model, never the YAML.
What the public may read is still decided by the schema
(``x-acia-visibilite``): a field marked internal, or under one, is left out
of a public page here, before any template sees it.
"""

from __future__ import annotations

from dataclasses import dataclass

from acia.check.schema import SchemaSet
from acia.model.application import Application, PilotsCoordination, Team
from acia.model.programme import Person, Programme
from acia.site import visibility

KIND = "application"


@dataclass(frozen=True)
class Visibility:
    """Whether an application field may be shown to the audience of the page."""

    schemas: SchemaSet
    full: bool  # internal audience or the structure itself

    def shown(self, *path: str | int) -> bool:
        return self.full or not visibility.is_internal(self.schemas, KIND, path)

    def label(self, path: tuple[str, ...], value: str) -> str:
        """The French label the schema gives to a value of a closed list (« en cours de réflexion »)."""
        labels = self.schemas.subschema(KIND, path).get("x-acia-libelles", {})
        return str(labels.get(value, value))


@dataclass(frozen=True)
class EtablissementRow:
    name: str
    category: str
    sector: str
    capacity: int
    town: str
    finess: str
    siret: str
    director: str | None  # None when the audience may not read it


@dataclass(frozen=True)
class ProjectBlock:
    title: str
    state: str  # its label
    description: str


@dataclass(frozen=True)
class TeamRow:
    name: str
    function: str
    role: str  # the programme's label of the role
    pilot: bool
    email: str
    phone: str


@dataclass(frozen=True)
class TeamBlock:
    """One project team: an établissement's, or the organisme gestionnaire's."""

    etablissement: str  # the établissement's name; "" for the organisme gestionnaire's team
    pilot: str  # the pilot's name, "" when the team has none (or several)
    members: tuple[TeamRow, ...]


@dataclass(frozen=True)
class CoordinationBlock:
    """How the organisme gestionnaire gathers the pilots of its établissements."""

    joint_copil: bool
    coordinator: str  # « Thomas Filippi, Référent numérique du siège », "" when none is named
    email: str
    phone: str


@dataclass(frozen=True)
class DossierPage:
    """What ``templates/site/dossier.md.j2`` reads as ``a``."""

    og_name: str
    og_finess: str
    og_siret: str | None
    etablissements: tuple[EtablissementRow, ...]
    project: ProjectBlock | None
    motivations: str | None
    teams: tuple[TeamBlock, ...] | None  # None when the audience may not read them
    coordination: CoordinationBlock | None


def page(programme: Programme, application: Application, visible: Visibility) -> DossierPage:
    og = application.og
    roles = {role.id: role.label for role in programme.team.roles}
    project = application.project
    return DossierPage(
        og_name=og.name,
        og_finess=og.finess,
        og_siret=og.siret if visible.shown("organisme_gestionnaire", "siret") else None,
        etablissements=tuple(
            EtablissementRow(
                etablissement.name,
                etablissement.category,
                programme.sector_label(etablissement.sector),
                etablissement.capacity,
                etablissement.town or "",
                etablissement.finess,
                etablissement.siret,
                f"{etablissement.director.first_name} {etablissement.director.last_name}" if visible.shown("etablissements", index, "directeur") else None,
            )
            for index, etablissement in enumerate(application.etablissements)
        ),
        project=ProjectBlock(project.title, visible.label(("projet", "etat"), project.state), project.description) if project is not None and visible.shown("projet") else None,
        motivations=application.motivations if visible.shown("motivations") else None,
        teams=tuple(_team(team, roles) for team in application.teams) if _teams_shown(application, visible) else None,
        coordination=_coordination(application.coordination, visible),
    )


def _name(person: Person) -> str:
    return f"{person.first_name} {person.last_name}"


def _teams_shown(application: Application, visible: Visibility) -> bool:
    """Teams are internal wherever they are written (the organisme gestionnaire's, or each établissement's)."""
    return visible.shown("equipe_projet") and all(visible.shown("etablissements", index, "equipe_projet") for index in range(len(application.etablissements)))


def _team(team: Team, roles: dict[str, str]) -> TeamBlock:
    return TeamBlock(
        team.etablissement.name if team.etablissement is not None else "",
        _name(team.pilot.person) if team.pilot is not None else "",
        tuple(TeamRow(_name(member.person), member.function, roles.get(member.role, member.role), member.pilot, member.email, member.phone or "") for member in team.members),
    )


def _coordination(coordination: PilotsCoordination | None, visible: Visibility) -> CoordinationBlock | None:
    if coordination is None or not visible.shown("coordination_pilotes"):
        return None
    coordinator = coordination.coordinator if visible.shown("coordination_pilotes", "coordinateur") else None
    if coordinator is None:
        return CoordinationBlock(coordination.joint_copil, "", "", "")
    return CoordinationBlock(coordination.joint_copil, f"{_name(coordinator.person)}, {coordinator.function}", coordinator.email, coordinator.phone or "")
