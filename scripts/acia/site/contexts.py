"""What each site template reads: one dataclass per kind of page.

The fields are the names the template uses (French, like the page); every
template also reads ``p``, the typed programme. Templates are rendered with
``jinja2.StrictUndefined``: a name not declared here is an error, which
``tests/test_templates.py`` checks with every optional field of the data absent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from acia.model.programme import Erratum, Labelled
from acia.model.selection import Proposal
from acia.notice import Notice
from acia.site.dossier import DossierPage
from acia.site.downloads import Download

Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class Home:
    """accueil.md.j2: what the programme is, its dates, what to do first."""

    dates: Rows
    date_limite: str
    fuseau: str
    etat_candidatures: str
    candidatures_ouvertes: bool = True  # before the deadline: « Candidater » comes first
    equipe: Rows = field(default_factory=list)  # the programme team's own pages ({titre, lien}), on its internal site
    lecteur: bool = False  # the public site's « Votre dossier » page, where each structure opens its protected dossier


@dataclass(frozen=True)
class ProgrammePage:
    """programme.md.j2: axes, eligibility, limits and criteria."""

    limites: list[str]
    criteres: Rows


@dataclass(frozen=True)
class CalendarPage:
    """calendrier.md.j2: regional and national dates, collective meetings."""

    regional: Rows
    national: Rows
    collectif: Rows
    abonnement: Markup | str = ""  # the calendar's address on the published site, for an agenda to subscribe to; "" without site › adresse


@dataclass(frozen=True)
class StepsPage:
    """accompagnement.md.j2: the steps of the support."""

    etapes: Rows
    ressources: Markup | None  # link to the hand-written resources page, when there is one
    modalites: tuple[str, ...]  # how the support runs (« modalites_accompagnement »), before the steps


@dataclass(frozen=True)
class GovernancePage:
    """gouvernance.md.j2: the organisations' roles, the project team and the bodies."""

    instances: Rows  # {"nom", "niveau", "duree", "anime", "membres", "obligatoire", "description", "participants", "lieu", "compte_rendu", "frise"}
    organisations: Rows  # {"nom", "sigle", "role"}, those whose role the programme gives
    calendrier: Markup  # the calendar page: the project's frise, which bodies marked « frise » link to


@dataclass(frozen=True)
class RaciPage:
    """raci.md.j2: who does what, per axe and per role."""

    valeurs: tuple[Labelled, ...]
    axes: Rows
    roles: tuple[Labelled, ...]
    par_role: Rows
    regles: tuple[str, ...]


@dataclass(frozen=True)
class ApplyPage:
    """candidater.md.j2: how, until when and with which fields to apply."""

    date_limite: str
    fuseau: str
    reponse: str
    pieces: tuple[str, ...]
    envoi: Markup  # how to send the application, with its links (mailto or the platform)
    contacts: list[Markup]  # the call's published contacts, one line each, with their links
    combien: str  # how many fiches an organisme gestionnaire sends (see forms.annexe.how_many)
    fiche: Download  # the blank form, in every format
    parties: Rows  # each part of the form in words: {"titre", "description", "lignes"} (see pages.form_parts)
    champs: Rows  # the fields as the data names them, for the programme team's contributors; empty elsewhere
    rgpd: Notice | None  # the GDPR information notice (None: the programme declares none)


@dataclass(frozen=True)
class ErrataEntry:
    """One erratum as the page shows it: the call's words, what the data holds, why, and its status in words."""

    erratum: Erratum
    statut: str  # « à confirmer », from the schema's labels
    titre: str  # its title, else where it applies
    ou: tuple[str, ...]  # where in the data, for a reader: « Calendrier régional, « Analyse des candidatures », fin »


@dataclass(frozen=True)
class ErrataGroup:
    """The errata of one nature (corrections, contradictions, choices), under a title and a short introduction from the schema."""

    titre: str
    introduction: str
    errata: tuple[ErrataEntry, ...]


@dataclass(frozen=True)
class ErrataPage:
    """errata.md.j2: where the data departs from the text of the call or reads into it, and why, grouped by nature."""

    groupes: tuple[ErrataGroup, ...]  # in the schema's order of natures; a nature without errata is left out


@dataclass(frozen=True)
class LegalNoticePage:
    """mentions-legales.md.j2: publisher, director of publication (a function), host, from « site › mentions_legales »."""

    mentions: dict[str, str]
    contact: Markup | None


@dataclass(frozen=True)
class AccessibilityPage:
    """accessibilite.md.j2: the accessibility statement (programme data only)."""

    contacts: list[Markup]  # where to report an access problem, with its mailto: link, one line each
    conformite: str  # the state of compliance, as the footer says it (identity.COMPLIANCE)


@dataclass(frozen=True)
class DossierView:
    """dossier.md.j2: one application, as its audience may read it."""

    a: DossierPage
    axe: str
    statut: str
    recue_le: str
    complet: bool
    avancement: dict[str, Any] | None
    etat_au: str
    suivi: dict[str, Any] | None
    calendrier: Markup | None
    courriers: list[Download]  # its letters, for the programme team and the structure itself; empty elsewhere


@dataclass(frozen=True)
class DossierIndex:
    """dossiers.md.j2: the list of dossiers, filterable, or counts before the decision."""

    introduction: str
    lignes: Rows
    comptes: Rows
    filtres: dict[str, list[str]]


@dataclass(frozen=True)
class RegisterPage:
    """registre.md.j2 (internal): the processing-register entry and where each file stands against its retention period."""

    rgpd: Notice
    maintenant: str
    lignes: Rows  # {"qui", "categorie", "echeance", "etat", "a_effacer"}
    alerte: str  # « 3 fichiers gardent des données personnelles… », empty when none is past its period


@dataclass(frozen=True)
class SelectionPage:
    """selection.md.j2 (internal): the proposal, its reasons and the committee's decision."""

    proposition: Proposal
    contraintes: str  # the programme's limits
    contraintes_appliquees: str  # after relaxation; empty when none was needed
    lignes: Rows
    decision: dict[str, Any] | None
    couverture: str = ""  # how the sectors covered count, and what the proposal gets; empty without a coverage criterion
    fichiers: tuple[tuple[str, Markup], ...] = ()  # (title, path): the matrix, the chart and the proposal, to download
    criteres: bool = True  # whether the programme scores applications at all
    scores: bool = True  # whether any application has a score yet (the chart is shown)


@dataclass(frozen=True)
class Capitalisation:
    """capitalisation.md.j2: shareable lessons by axe, theme and nature."""

    axes: Rows


@dataclass(frozen=True)
class FollowUpDashboard:
    """suivi.md.j2 (internal): progress of every retained structure."""

    etat_au: str
    structures: Rows
    total: dict[str, Any]
    collectif: Rows


@dataclass(frozen=True)
class Minutes:
    """compte-rendu.md.j2: one meeting's minutes, text made inert."""

    titre: str
    quand: str
    redige_par: str
    redige_le: str
    etablissement: str  # the établissement(s) a structure's meeting concerns, when the structure has several; else ""
    pilotes: str  # the pilot(s) of the teams it concerns, by name; "" for a collective meeting
    pilotes_libelle: str  # « Pilote de projet » or « Pilotes de projet »
    texte: Markup
    enseignements: Rows


@dataclass(frozen=True)
class ProtectedReader:
    """lecteur-dossier.md.j2: the public page where a structure opens its protected dossier with its passphrase (``acia.publish``)."""

    sel: str  # the programme's PBKDF2 salt, hexadecimal: public
    tours: int  # PBKDF2 iterations
    mots: int  # words in a passphrase
    equipe: bool = False  # the internal site is sealed for the project team too (« site.publication.site_interne: zone_protegee »)


@dataclass(frozen=True)
class StructureHome:
    """votre-dossier.md.j2: a structure's home, what it needs first."""

    nom: str
    dossier: Markup  # its full dossier page
    statut: str  # « retenue », « éligible »…
    decision: str  # the committee's decision, "" before it
    motif: str  # the motif the notification gives the structure, "" when none
    courriers: list[Download]
    calendrier: Markup | None  # its calendar (.ics), None before it is followed
    reunions: Rows  # {"quand", "quoi", "lieu"}: its next meetings
    etat_au: str


@dataclass(frozen=True)
class LettersPage:
    """courriers.md.j2 (internal): every letter, by application, the blank form and the follow-up report."""

    lignes: Rows  # {"nom", "lien", "statut", "courriers"}
    fiche: Download
    rapport: Download | None
