"""What each letter template reads: one dataclass per kind of document.

The fields are the names the template uses (French, like the letter they
fill); every template also reads ``programme``, ``ars``, ``aract`` and
``entete`` (see ``letters.documents``). Templates are rendered with
``jinja2.StrictUndefined``: a name not declared here is an error, which
``tests/test_templates.py`` checks with every optional field of the data absent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from acia.model.application import Etablissement, OrganismeGestionnaire
from acia.model.programme import Axe
from acia.notice import Notice


@dataclass(frozen=True)
class About:
    """Who and what a letter about one application concerns."""

    og: OrganismeGestionnaire
    etablissements: tuple[Etablissement, ...]
    axe: Axe | None


@dataclass(frozen=True)
class Acknowledgement(About):
    """« accuse-reception »: the application was received, on time or not."""

    date: str
    recue_le: str
    fuseau: str
    date_limite: str
    delai: str


@dataclass(frozen=True)
class Notification(About):
    """« notification »: the committee's decision."""

    date: str
    membres: str
    decision: str
    motif: str
    retenue: bool


@dataclass(frozen=True)
class StepRow:
    titre: str
    periode: str
    jours: str


@dataclass(frozen=True)
class BodyRow:
    nom: str
    duree: str
    description: str


@dataclass(frozen=True)
class Commitment(About):
    """« lettre-engagement »: what each party commits to."""

    date: str
    etapes: tuple[StepRow, ...]
    instances: tuple[BodyRow, ...]
    roles: str
    partage: bool
    duplication: bool
    reponse: bool
    signataire: str
    anime_aract: str
    comptes_rendus_aract: str
    suivi: str


@dataclass(frozen=True)
class BlankForm:
    """« annexe-1 »: the blank application form, section by section."""

    date: str
    date_limite: str
    envoi: str
    max_etablissements: int | str
    sections: list[dict[str, Any]]
    rgpd: Notice | None  # the GDPR information notice (None: the programme declares none)


@dataclass(frozen=True)
class FollowUpReport:
    """« rapport-comite-suivi »: the state of every retained structure."""

    date: str
    heure: str
    comite: str
    structures: list[dict[str, Any]]
    total: dict[str, Any]
    collectif: list[dict[str, Any]]
