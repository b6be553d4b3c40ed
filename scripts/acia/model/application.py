"""An application (the Annexe 1 of one organisme gestionnaire), as typed values.

Built from a schema-valid ``data/applications/<id>.yml``. Each object keeps
its ``source``, so that rules reading the model point at the file, line and
field of what they report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from acia import french
from acia.load.documents import Document, Source
from acia.model.programme import Person, parse_datetime, person


@dataclass(frozen=True)
class Address:
    street: str
    postcode: str
    town: str


@dataclass(frozen=True)
class Signatory:
    """The organisme gestionnaire's legal representative, who signs the lettre d'engagement."""

    person: Person
    function: str


@dataclass(frozen=True)
class OrganismeGestionnaire:
    name: str  # raison sociale
    finess: str  # FINESS juridique
    siret: str | None
    status: str | None  # public, prive_non_lucratif, prive_lucratif
    address: Address | None
    legal_representative: Signatory | None
    source: Source
    article: str = ""  # « l' », « la », « le », « les » or "": the data's, else read from the name (french.article)


@dataclass(frozen=True)
class Etablissement:
    name: str
    category: str
    sector: str
    capacity: int
    siret: str
    finess: str  # FINESS géographique
    town: str | None
    director: Person
    source: Source
    article: str = ""  # as the organisme gestionnaire's


@dataclass(frozen=True)
class TeamMember:
    person: Person
    function: str
    role: str  # a role of the programme's project team
    mission: str
    email: str
    phone: str | None
    pilot: bool
    source: Source


@dataclass(frozen=True)
class Team:
    """One project team (comité de pilotage) and its members.

    A programme forms one team per établissement (each établissement's
    « equipe_projet ») or one for the whole organisme gestionnaire (the
    application's top-level « equipe_projet »): ``etablissement`` says which.
    """

    etablissement: Etablissement | None  # None: the organisme gestionnaire's team
    members: tuple[TeamMember, ...]
    source: Source  # the « equipe_projet » list

    @property
    def pilots(self) -> tuple[TeamMember, ...]:
        return tuple(member for member in self.members if member.pilot)

    @property
    def pilot(self) -> TeamMember | None:
        """The team's pilot, None when it has none or several."""
        pilots = self.pilots
        return pilots[0] if len(pilots) == 1 else None

    @property
    def roles(self) -> set[str]:
        return {member.role for member in self.members}

    @property
    def label(self) -> str:
        """The team in a message: « l'équipe projet de l'établissement « IME Lisula » », « l'équipe projet de l'organisme gestionnaire »."""
        if self.etablissement is None:
            return "l'équipe projet de l'organisme gestionnaire"
        return f"l'équipe projet de l'établissement « {self.etablissement.name} »"


@dataclass(frozen=True)
class Coordinator:
    """Who coordinates the pilots of an organisme gestionnaire's établissements (« coordination_pilotes.coordinateur »)."""

    person: Person
    function: str
    email: str
    phone: str | None
    source: Source


@dataclass(frozen=True)
class PilotsCoordination:
    """How an organisme gestionnaire with several établissements gathers their pilots (« coordination_pilotes »)."""

    joint_copil: bool  # « copil_commun »: the OG's COPIL gathers the pilots of its établissements
    coordinator: Coordinator | None
    source: Source


# The form's key of each engagement the programme can require (« engagements_requis »).
ENGAGEMENT_KEYS = {"direction": "direction", "representants_personnel": "staff_representatives"}


@dataclass(frozen=True)
class Engagements:
    direction: bool
    staff_representatives: bool
    representative_bodies: tuple[str, ...]
    duplication_other_esms: bool | None
    source: Source

    def given(self, key: str) -> bool | None:
        """The answer to the engagement the programme names by its form key (« representants_personnel »), None when unknown."""
        attribute = ENGAGEMENT_KEYS.get(key)
        return getattr(self, attribute) if attribute is not None else None


@dataclass(frozen=True)
class Project:
    title: str
    state: str  # en_reflexion, en_deploiement, finalise
    description: str


@dataclass(frozen=True)
class Digital:
    """The « numérique » part of the form: tools in place and resources."""

    has_tools: bool
    tools: tuple[str, ...]
    mss_solution: str  # "" when not given (the schema forbids an empty text)
    other_tools: str  # "" when not given
    history: str
    dsi: bool
    dpo: bool
    quality_referent: bool
    esms_numerique: bool
    sons: bool
    wants_sons_order: bool | None
    source: Source


@dataclass(frozen=True)
class Application:
    id: str
    axe: str
    received: datetime  # as written, with its offset
    channel: str | None
    fundings: tuple[str, ...]
    engagements: Engagements
    og: OrganismeGestionnaire
    etablissements: tuple[Etablissement, ...]
    project: Project | None
    motivations: str
    digital: Digital
    teams: tuple[Team, ...]  # the organisme gestionnaire's team first (if given), then each établissement's, in the file's order
    coordination: PilotsCoordination | None
    source: Source

    @property
    def file(self) -> str:
        return self.source.file

    @property
    def sectors(self) -> tuple[str, ...]:
        """The sectors of its établissements, sorted, each once."""
        return tuple(sorted({etablissement.sector for etablissement in self.etablissements}))

    @property
    def members(self) -> tuple[TeamMember, ...]:
        """Every member of every team of the application."""
        return tuple(member for team in self.teams for member in team.members)

    @property
    def contacts(self) -> tuple[TeamMember | Coordinator, ...]:
        """Everyone whose e-mail and phone the application gives: the team members, then the pilots' coordinator."""
        coordinator = self.coordination.coordinator if self.coordination is not None else None
        return self.members + ((coordinator,) if coordinator is not None else ())

    @property
    def pilots(self) -> tuple[TeamMember, ...]:
        """The pilots of every team."""
        return tuple(member for member in self.members if member.pilot)

    @property
    def og_team(self) -> Team | None:
        """The team written at the organisme gestionnaire's level (top-level « equipe_projet »), if any."""
        return next((team for team in self.teams if team.etablissement is None), None)

    def team_of(self, etablissement: Etablissement) -> Team | None:
        """The team an établissement wrote (its own « equipe_projet »), if any."""
        return next((team for team in self.teams if team.etablissement is etablissement), None)

    def expected_teams(self, per_etablissement: bool) -> tuple[Team | None, ...]:
        """The teams the programme asks for: each établissement's (``per_etablissement``) or the organisme gestionnaire's; None where one is missing."""
        if per_etablissement:
            return tuple(self.team_of(etablissement) for etablissement in self.etablissements)
        return (self.og_team,)

    def etablissement_by_finess(self, finess: str) -> Etablissement | None:
        """The établissement of this FINESS géographique, as follow-up files name one."""
        return next((etablissement for etablissement in self.etablissements if etablissement.finess == finess), None)

    def value_at(self, path: str) -> Any:
        """The value at a dotted path of the form (« numerique.sons »), as the programme's criteria name fields.

        Criteria are declared in the programme against the form's own keys, so
        they are evaluated on the application as it was written. None when absent.
        """
        value: Any = self.source.document.data
        for part in path.split("."):
            if not isinstance(value, dict) or part not in value:
                return None
            value = value[part]
        return value


def build_application(document: Document) -> Application:
    data: dict[str, Any] = document.data  # type: ignore[assignment]  # schema-valid: an object
    source = Source(document)
    og = data["organisme_gestionnaire"]
    address = og.get("adresse")
    representative = og.get("representant_legal")
    engagements = data["engagements"]
    project = data.get("projet")
    digital = data["numerique"]
    etablissements = tuple(
        Etablissement(
            item["raison_sociale"],
            item["categorie"],
            item["secteur"],
            item["capacite"],
            item["siret"],
            item["finess_geographique"],
            item.get("commune"),
            person(item["directeur"]),  # type: ignore[arg-type]
            source.at("etablissements", index),
            item.get("article", french.article(item["raison_sociale"])),
        )
        for index, item in enumerate(data["etablissements"])
    )
    teams = []
    if "equipe_projet" in data:
        teams.append(_team(None, data["equipe_projet"], source.at("equipe_projet")))
    for etablissement, item in zip(etablissements, data["etablissements"], strict=True):
        if "equipe_projet" in item:
            teams.append(_team(etablissement, item["equipe_projet"], etablissement.source.at("equipe_projet")))
    return Application(
        id=data["id"],
        axe=data["axe"],
        received=parse_datetime(data["date_reception"]),
        channel=data.get("canal_reception"),
        fundings=tuple(data["financement"]),
        engagements=Engagements(
            engagements["direction"],
            engagements["representants_personnel"],
            tuple(engagements.get("instances_representatives", [])),
            engagements.get("duplication_autres_esms"),
            source.at("engagements"),
        ),
        og=OrganismeGestionnaire(
            og["raison_sociale"],
            og["finess_juridique"],
            og.get("siret"),
            og.get("statut"),
            Address(address["voie"], address["code_postal"], address["commune"]) if address else None,
            Signatory(person(representative), representative["fonction"]) if representative else None,  # type: ignore[arg-type]
            source.at("organisme_gestionnaire"),
            og.get("article", french.article(og["raison_sociale"])),
        ),
        etablissements=etablissements,
        project=Project(project["titre"], project["etat"], project.get("description", "")) if project else None,
        motivations=data["motivations"],
        digital=Digital(
            digital["dispose_outils"],
            tuple(digital.get("outils", [])),
            digital.get("mss_solution", ""),
            digital.get("autres_outils", ""),
            digital["historique"],
            digital["dsi"],
            digital["dpo"],
            digital["referent_qualite"],
            digital["esms_numerique"],
            digital["sons"],
            digital.get("souhaite_bon_commande_sons"),
            source.at("numerique"),
        ),
        teams=tuple(teams),
        coordination=_coordination(data.get("coordination_pilotes"), source.at("coordination_pilotes")),
        source=source,
    )


def _team(etablissement: Etablissement | None, members: list[dict[str, Any]], source: Source) -> Team:
    return Team(
        etablissement,
        tuple(
            TeamMember(
                Person("", member["prenom"], member["nom"]),
                member["fonction"],
                member["role"],
                member.get("mission", ""),
                member["email"],
                member.get("telephone"),
                member.get("pilote") is True,
                source.at(index),
            )
            for index, member in enumerate(members)
        ),
        source,
    )


def _coordination(value: dict[str, Any] | None, source: Source) -> PilotsCoordination | None:
    if value is None:
        return None
    coordinator = value.get("coordinateur")
    return PilotsCoordination(
        value["copil_commun"],
        Coordinator(Person("", coordinator["prenom"], coordinator["nom"]), coordinator["fonction"], coordinator["email"], coordinator.get("telephone"), source.at("coordinateur"))
        if coordinator is not None
        else None,
        source,
    )
