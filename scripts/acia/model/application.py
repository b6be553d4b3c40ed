"""An application (the Annexe 1 of one organisme gestionnaire), as typed values.

Built from a schema-valid ``data/applications/<id>.yml``. Each object keeps
its ``source``, so that rules reading the model point at the file, line and
field of what they report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

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
    team: tuple[TeamMember, ...]
    source: Source

    @property
    def file(self) -> str:
        return self.source.file

    @property
    def sectors(self) -> tuple[str, ...]:
        """The sectors of its établissements, sorted, each once."""
        return tuple(sorted({etablissement.sector for etablissement in self.etablissements}))

    @property
    def pilots(self) -> tuple[TeamMember, ...]:
        return tuple(member for member in self.team if member.pilot)

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
        ),
        etablissements=tuple(
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
            )
            for index, item in enumerate(data["etablissements"])
        ),
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
        team=tuple(
            TeamMember(
                Person("", member["prenom"], member["nom"]),
                member["fonction"],
                member["role"],
                member.get("mission", ""),
                member["email"],
                member.get("telephone"),
                member.get("pilote") is True,
                source.at("equipe_projet", index),
            )
            for index, member in enumerate(data["equipe_projet"])
        ),
        source=source,
    )
