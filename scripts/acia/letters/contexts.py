"""What each letter template reads: one dataclass per kind of document.

The fields are the names the template uses (French, like the letter they
fill); every template also reads ``programme`` and ``entete`` (the
letterhead of the organisations the letter is from, see ``letters.documents``);
a letter also reads ``courrier`` (a ``Frame``: sender, addressee, place and
date, subject, salutation, closing, signatures; ``_tete.md.j2`` and
``_pied.md.j2`` lay it out). Templates are rendered with
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
class Sender:
    """An organisation a letter is from, as its sender block reads: full name, postal address, functional contact."""

    nom: str
    logo: str  # the logo as Markdown (an image of the letter's resources), or "" for the name alone
    adresse: tuple[str, ...]  # the address lines, () when the programme gives none
    contact: str  # a functional e-mail address, or ""


@dataclass(frozen=True)
class SignatureBlock:
    """Who signs for one party: « Pour l'Agence régionale de santé de Corse » (on a letter several parties sign), the function, then the name when known."""

    pour: str  # « Pour l'Agence régionale de santé de Corse, », or "" (the function names the organisation)
    fonction: str  # « Directrice générale de l'ARS de Corse », or ""
    nom: str  # « Laetitia Orsoni », or "" (personal data: letters only, never the site)


@dataclass(frozen=True)
class Frame:
    """What every letter carries around its body, in the order a French administrative letter reads."""

    expediteurs: tuple[Sender, ...]
    destinataire: tuple[str, ...]  # « Madame Catherine Rossi », « Présidente », « Association U Ponte (fictive) », street, « 20200 Bastia »
    lieu_date: str  # « Ajaccio, le 11 juillet 2023 »
    objet: str
    reference: str  # « FINESS juridique 2B0012817 »
    appel: str  # « Madame la Présidente »
    formule: str  # the closing formula, with « nous » when several organisations sign
    nous: bool  # several organisations sign: the letter says « nous »
    fait_a: str  # above the signatures of a letter every party signs: « Fait à Ajaccio, le 11 juillet 2023, en trois exemplaires », or ""
    signatures: tuple[SignatureBlock, ...]


@dataclass(frozen=True)
class About:
    """Who and what a letter about one application concerns."""

    og: OrganismeGestionnaire
    etablissements: tuple[Etablissement, ...]
    axe: Axe | None


@dataclass(frozen=True)
class Acknowledgement(About):
    """« accuse-reception »: the application was received, on time or not."""

    courrier: Frame
    candidat: str  # the organisme gestionnaire after « de »: « de l'Association U Ponte (fictive) »
    date: str
    recue_le: str
    fuseau: str
    date_limite: str
    delai: str  # « dans les délais », « 2 jours et 3 h après l'échéance »


@dataclass(frozen=True)
class Notification(About):
    """« notification »: the committee's decision."""

    courrier: Frame
    candidat: str  # « de l'Association U Ponte (fictive) »
    comite: str  # the selection body with its article, at the start of a sentence: « Le comité de sélection »
    parties: str  # who signs the lettre d'engagement: « l'ARS, l'Aract et votre organisme »
    date: str
    membres: str  # « l'ARS, l'Aract et le GRADeS »
    decision: str
    motif: str  # the notified motif (« motif_notifie »), never the internal one
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
class Party:
    """An organisation that signs the lettre d'engagement, and what it commits to (from the bodies it leads, writes up or sits in)."""

    nom: str  # « Agence régionale de santé de Corse »
    sigle: str
    designation: str  # the name with its article, starting a sentence: « L'Association régionale… »
    signataire: str  # the signatory's function, or ""
    anime: str  # the mandatory bodies it alone leads: « comité de pilotage, temps collectif », or ""
    anime_sur_demande: str  # the optional bodies it alone leads, held when the structure asks: « temps ponctuel », or ""
    comptes_rendus: str
    suivi: str  # « du comité de suivi », or ""


@dataclass(frozen=True)
class TeamLine:
    """A project team the organisme gestionnaire commits to: its établissement and its pilot."""

    etablissement: str  # the établissement's name; "" for the organisme gestionnaire's single team
    pilote: str  # the pilot's name, "" when none is designated


@dataclass(frozen=True)
class PilotsLine:
    """How the organisme gestionnaire gathers the pilots of its établissements (« coordination_pilotes »)."""

    copil_commun: bool
    coordinateur: str  # « Thomas Filippi, Référent numérique du siège », or ""


@dataclass(frozen=True)
class SharedLead:
    """A body that one of several leaders may lead (« anime_par » lists more than one, or not a party alone)."""

    instance: str  # the body with « de » and its article: « du groupe de travail »
    animateurs: str  # « à l'Aract ou au pilote de projet »


@dataclass(frozen=True)
class Commitment(About):
    """« lettre-engagement »: what each party commits to, read from the bodies' « anime_par » and « obligatoire »."""

    courrier: Frame
    og_designation: str  # the organisme gestionnaire with its article, starting a sentence: « L'Association Lisula (fictive) »
    date: str
    etapes: tuple[StepRow, ...]
    instances: tuple[BodyRow, ...]
    animations_partagees: tuple[SharedLead, ...]
    temps: str  # the mandatory bodies of the structures: « comité de pilotage, groupe de travail, temps collectif »
    temps_facultatifs: str  # the optional ones, held at the structure's request: « temps ponctuel », or ""
    roles: str
    pilote: bool  # the programme requires a project pilot
    par_etablissement: bool  # one team and one pilot in each établissement (« equipe_projet.niveau: etablissement »)
    equipes: tuple[TeamLine, ...]  # each établissement's team, or the organisme gestionnaire's
    coordination: PilotsLine | None
    partage: bool
    duplication: bool
    reponse: bool
    signataire: str
    parties: tuple[Party, ...]  # the organisations that sign with the OG, in signing order


@dataclass(frozen=True)
class BlankForm:
    """« annexe-1 »: the blank application form, section by section."""

    titre: str  # the programme's name for the form (« Annexe 1 — Fiche projet établissement »)
    date: str
    date_limite: str
    envoi: str
    combien: str  # how many fiches an organisme gestionnaire sends (see forms.annexe.how_many)
    sections: list[dict[str, Any]]
    rgpd: Notice | None  # the GDPR information notice (None: the programme declares none)


@dataclass(frozen=True)
class FollowUpReport:
    """« rapport-comite-suivi »: the state of every retained structure."""

    titre: str  # « Rapport au comité de suivi », after the programme's follow-up body
    pour: str  # « le comité de suivi », or « la réunion »
    date: str
    heure: str
    comite: str
    structures: list[dict[str, Any]]
    total: dict[str, Any]
    collectif: list[dict[str, Any]]
