"""The programme of a call, as typed, immutable values with their French labels.

Built once from ``data/programme.yml`` after it passed its schema, so every
required field is there and attribute access is safe. No I/O here: the
loader reads, this module interprets. Renderers read these objects, never
the YAML: a lookup (an axe's short title, an organisation's acronym, a
body's name) is one method here, not a dictionary rebuilt in each page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from acia import french
from acia.load.documents import Document
from acia.model import datapath

LEVEL_LABELS = {"intra_structure": "dans la structure", "inter_structures": "entre structures", "programme": "programme"}
CRITERION_MODE_LABELS = {
    "automatique": "calculé à partir de la candidature",
    "manuel": "noté par le comité",
    "ensemble": "apprécié sur l'ensemble de la sélection",
}


def parse_date(text: str) -> date:
    return date.fromisoformat(text)


def parse_datetime(text: str) -> datetime:
    """Parse an ISO date-time with offset ("2023-06-12T10:24:00+02:00")."""
    return datetime.fromisoformat(text)


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    source_text: str = ""  # as the call's text words it (« début juillet à fin novembre »)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Labelled:
    """An entry of a closed list the programme declares (dimension, type of action, theme…)."""

    id: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class Signatory:
    """Who signs letters for an organisation: a function, and a person when the programme names one."""

    function: str
    person: Person | None  # personal data: never on the site


@dataclass(frozen=True)
class Organisation:
    id: str
    acronym: str
    name: str
    role: str
    logo: str | None  # path relative to the instance root
    article: str = ""  # « l' », « le », « la », « les » or "" (see french.the / french.of); the data's, else read from the name
    address: str = ""
    contact: str = ""  # a functional e-mail address
    signatory: Signatory | None = None


@dataclass(frozen=True)
class AxeStep:
    step: str  # step id
    title: str


@dataclass(frozen=True)
class Axe:
    id: str
    number: int | None
    title: str
    short_title: str  # the title itself when the programme gives no short one
    description: str
    objectives: tuple[str, ...]
    steps: tuple[AxeStep, ...]


@dataclass(frozen=True)
class Sector:
    id: str
    label: str
    eligible: bool
    description: str


@dataclass(frozen=True)
class EligibilityCriterion:
    id: str
    label: str
    description: str
    control: dict[str, Any] | None  # the automatic check, as declared (see model.selection)


@dataclass(frozen=True)
class CoverageCount:
    """How the sectors a selection covers count in choosing it: « couverture » of an « ensemble » criterion, as declared (ACIA407 checks it)."""

    mode: str  # « points » or « lexicographique »
    points_per_sector: float | None  # « points »: what each covered sector adds to the selection's total score
    rank: str | None  # « lexicographique »: « avant_score » or « apres_score »


@dataclass(frozen=True)
class SelectionCriterion:
    id: str
    axe: str | None  # None: every axe
    label: str
    mode: str  # automatique, manuel, ensemble
    computation: dict[str, Any] | None
    scale: tuple[float, float] | None  # (min, max) of a manual score
    weight: float
    coverage: CoverageCount | None = None  # « ensemble »: how the sectors covered count
    short_label: str = ""  # « libelle_court »: the label in a few words, for column headers; the label when not given

    @property
    def mode_label(self) -> str:
        return CRITERION_MODE_LABELS[self.mode]


@dataclass(frozen=True)
class Bounds:
    minimum: int | None
    maximum: int | None


@dataclass(frozen=True)
class FundingMinimum:
    funding: str
    minimum: int  # organismes gestionnaires under that funding


@dataclass(frozen=True)
class Limits:
    organismes_gestionnaires: Bounds
    etablissements: Bounds
    etablissements_per_og: Bounds
    funding_minimums: tuple[FundingMinimum, ...]
    source_text: str


@dataclass(frozen=True)
class Person:
    """A named person: personal data, never on the public site."""

    civility: str
    first_name: str
    last_name: str
    title: str = ""  # Dr, Pr

    @property
    def full_name(self) -> str:
        """« Madame Claire Martin », « Dr Paul Santoni »."""
        return " ".join(part for part in (self.title or self.civility, self.first_name, self.last_name) if part)


@dataclass(frozen=True)
class Recipient:
    organisation: str
    email: str
    person: Person | None  # a named person's address is personal data: internal only


@dataclass(frozen=True)
class Contact:
    """A person the call itself names, with their professional addresses: published by the call, so shown on the public site."""

    organisation: str
    person: Person
    function: str
    email: str
    phone: str = ""


@dataclass(frozen=True)
class Platform:
    name: str
    url: str


@dataclass(frozen=True)
class ApplicationRules:
    """How and until when applications are received (« candidature » in the programme)."""

    deadline: datetime  # aware, in the programme's time zone
    timezone: ZoneInfo
    source_text: str
    channel: str  # email, courrier, plateforme
    recipients: tuple[Recipient, ...]
    attachments: tuple[str, ...]
    answer: str
    acknowledged_by: str | None = None  # organisation id; None: see Programme.acknowledger
    platform: Platform | None = None  # canal « plateforme »
    postal_address: str = ""  # canal « courrier »
    contacts: tuple[Contact, ...] = ()  # published by the call itself: kept for every audience
    form_title: str = ""  # « titre_fiche »; empty: see Programme.form_title

    @property
    def public_recipients(self) -> tuple[Recipient, ...]:
        return tuple(recipient for recipient in self.recipients if recipient.person is None)


@dataclass(frozen=True)
class SelectionSettings:
    analysed_by: tuple[str, ...]
    committee: str | None  # body id
    notified_by: str | None
    notification_channel: str | None
    contracting: str
    terms: str


@dataclass(frozen=True)
class Event:
    id: str
    label: str
    start: date
    end: date
    index: int  # position in its calendar list, to point at the right line
    calendar: str  # "national" or "regional"
    precision: str  # jour, semaine, mois
    source_text: str
    details: str


@dataclass(frozen=True)
class StepLevel:
    """What a step does within each structure, or between structures."""

    actions: tuple[str, ...]
    objectives: tuple[str, ...]


@dataclass(frozen=True)
class Step:
    id: str
    number: int
    title: str
    vocation: str
    period: Period
    period_source_text: str
    mobilisation_days: float | None
    intra_structure: StepLevel | None
    inter_structures: StepLevel | None
    index: int


@dataclass(frozen=True)
class TeamRole:
    id: str
    label: str
    mandatory: bool
    condition: str


# Where a project team (and its pilot) is formed: « equipe_projet.niveau » of the programme.
TEAM_PER_ETABLISSEMENT = "etablissement"
TEAM_PER_OG = "organisme_gestionnaire"


@dataclass(frozen=True)
class ProjectTeam:
    roles: tuple[TeamRole, ...]
    pilot_required: bool
    pilot: str
    size: Bounds
    diversity: str
    several_etablissements: str
    composition_advice: str = ""  # the profiles the call advises to bring together
    level: str = TEAM_PER_OG  # TEAM_PER_ETABLISSEMENT or TEAM_PER_OG

    @property
    def per_etablissement(self) -> bool:
        """Whether each établissement forms its own team with its own pilot."""
        return self.level == TEAM_PER_ETABLISSEMENT


@dataclass(frozen=True)
class Body:
    """A governance body (« instance »): COPIL, temps collectif, comités."""

    id: str
    name: str
    level: str  # intra_structure, inter_structures, programme
    hours: float | None
    count: int | None
    mandatory: bool
    led_by: tuple[str, ...]  # organisation ids, or "pilote"
    minutes_by: str | None
    members: tuple[str, ...]
    optional_members: tuple[str, ...]
    participants: str
    place: str
    description: str
    given_article: str | None = None  # as the data gives it (« article »), if it does
    on_timeline: bool = False  # its dates are on the project's frise (the calendar page)

    @property
    def article(self) -> str:
        """The article before the body's name: the data's, else « l' » before a vowel, else « le »."""
        if self.given_article is not None:
            return self.given_article
        return "l'" if self.name[:1].lower() in "aeiouyhéèêàâîôû" else "le"

    @property
    def in_sentence(self) -> str:
        """The name with its article, inside a sentence: « le comité de suivi », « l'entretien amont »."""
        return french.the(french.in_sentence(self.name), self.article)

    @property
    def of_it(self) -> str:
        """« de » and the name, inside a sentence: « du comité de sélection », « de la commission d'attribution »."""
        return french.of(french.in_sentence(self.name), self.article)

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.level]


@dataclass(frozen=True)
class RaciRow:
    id: str
    axe: str
    step: str
    action: str
    hours: float | None  # None for intersession work or a sub-row
    load: str  # heures, travaux_intersession, incluse
    attached_to: str | None
    body: str | None
    description: str
    method: str
    objective: str
    roles: dict[str, str]  # RACI role id -> code
    index: int


@dataclass(frozen=True)
class Raci:
    roles: tuple[Labelled, ...]
    values: tuple[Labelled, ...]  # id is the code (R, A, C, I)
    rows: tuple[RaciRow, ...]
    rules: tuple[str, ...]


@dataclass(frozen=True)
class ProgrammeRules:
    answer_recommendations: bool
    duplication_in_og: bool
    regional_national_sharing: bool


@dataclass(frozen=True)
class AnswerAction:
    axe: str
    action: str  # RACI row by which recommendations must be answered
    justification: str


@dataclass(frozen=True)
class ExpectedDeliverable:
    id: str
    axe: str
    action: str
    label: str
    description: str
    dimensions: tuple[Labelled, ...]


@dataclass(frozen=True)
class FollowUpSettings:
    minutes_delay_days: int | None
    answer_actions: tuple[AnswerAction, ...]
    deliverables: tuple[ExpectedDeliverable, ...]
    themes: tuple[Labelled, ...]


ERRATUM_PATH_SEPARATOR = " et "  # between the paths of one erratum's « champ »


@dataclass(frozen=True)
class Erratum:
    """Where the data departs from the call's text or reads into it, and why (see the schema's « errata »)."""

    id: str
    nature: str  # correction, contradiction, choix
    field: str
    source_text: str
    retained_value: str
    justification: str
    status: str  # a_confirmer, confirme
    title: str | None = None  # « Dates de l'analyse des candidatures »; the page falls back to where it applies
    unresolved: tuple[str, ...] = ()  # why each of its paths that designates no data does not (ACIA409), in French
    places: tuple[tuple[datapath.Step, ...], ...] = ()  # each of its paths as a reader reads it, () for one that designates nothing

    @property
    def paths(self) -> tuple[str, ...]:
        """The data paths « champ » names (« a.b[c].d et e.f »), each checked by ACIA409."""
        return tuple(path.strip() for path in self.field.split(ERRATUM_PATH_SEPARATOR))


RETENTION_LABELS = {
    "candidatures_non_retenues": "Candidatures non retenues",
    "candidatures_retenues": "Candidatures retenues",
    "suivi": "Suivi du programme",
}
RETENTION_START_LABELS = {"decision": "la décision du comité de sélection", "fin_programme": "la fin du programme"}


@dataclass(frozen=True)
class Retention:
    """How long one kind of personal data is kept (« donnees_personnelles.conservation »)."""

    kind: str  # candidatures_non_retenues, candidatures_retenues, suivi
    months: int
    start: str  # decision, fin_programme
    covers: str  # what it covers, in the programme's words

    @property
    def label(self) -> str:
        return RETENTION_LABELS[self.kind]

    @property
    def start_label(self) -> str:
        return RETENTION_START_LABELS[self.start]


@dataclass(frozen=True)
class DataProtectionOfficer:
    title: str
    email: str
    address: str


@dataclass(frozen=True)
class DataProtection:
    """The processing of personal data, as the GDPR asks it to be declared (« donnees_personnelles »)."""

    controller: str  # organisation id
    joint_controllers: tuple[str, ...]
    purpose: str
    legal_basis: str
    data_subjects: tuple[str, ...]
    data_categories: tuple[str, ...]
    recipients: tuple[str, ...]  # organisation ids
    officer: DataProtectionOfficer
    retention: tuple[Retention, ...]  # in RETENTION_LABELS order
    to_confirm: bool

    def retention_for(self, kind: str) -> Retention:
        return next(item for item in self.retention if item.kind == kind)


@dataclass(frozen=True)
class Commitment:
    """The lettre d'engagement: the organisations that sign it with the OG, and where the programme is followed."""

    parties: tuple[str, ...]  # organisation ids, in signing order
    follow_up_body: str | None  # body id


@dataclass(frozen=True)
class NationalFramework:
    reference: str
    bearers: tuple[str, ...]
    summary: str


@dataclass(frozen=True)
class SiteColours:
    """The site's colours (« #1d4f91 »): ACIA207 checked that each pair the theme draws is readable (WCAG AA)."""

    main: str  # header background, links on the white page
    text_on_main: str  # header title and menus
    accent: str  # hovered links, active elements


@dataclass(frozen=True)
class Host:
    name: str
    address: str


@dataclass(frozen=True)
class LegalNotice:
    """What the « Mentions légales » page says: who publishes the site, who directs the publication (a function), who hosts it."""

    publisher: str
    director: str
    host: Host


@dataclass(frozen=True)
class SiteSettings:
    """The resource centre's identity and publication (« site »): address, colours, the footer's contact, the legal notice, the internal site's fate."""

    colours: SiteColours | None = None
    contact: str = ""
    legal_notice: LegalNotice | None = None
    address: str = ""  # the public site's https address, ending with « / »; "" when not given
    internal_publication: str = "artefact"  # « artefact » (a CI artifact for the repository's members) or « zone_protegee » (sealed under the team's key)
    artifact_days: int = 30  # how long the CI keeps the internal site's artifact


@dataclass(frozen=True)
class Programme:
    id: str
    title: str
    call_type: str | None  # ami, aap
    phase: str
    region: str
    national_framework: NationalFramework | None
    context: str
    previous_phase: str
    scheme_objectives: tuple[str, ...]
    objectives: tuple[str, ...]
    interests: tuple[str, ...]
    dimensions: tuple[Labelled, ...]
    acia_types: tuple[Labelled, ...]
    organisations: tuple[Organisation, ...]
    axes: tuple[Axe, ...]
    sectors: tuple[Sector, ...]
    fundings: tuple[Labelled, ...]
    eligibility: tuple[EligibilityCriterion, ...]
    required_engagements: tuple[str, ...]
    limits: Limits
    criteria: tuple[SelectionCriterion, ...]
    application: ApplicationRules
    selection: SelectionSettings
    programme_period: Period
    events: tuple[Event, ...]
    milestones: dict[str, str]
    steps: tuple[Step, ...]
    team: ProjectTeam
    bodies: tuple[Body, ...]
    raci: Raci | None
    rules: ProgrammeRules
    followup: FollowUpSettings | None
    errata: tuple[Erratum, ...]
    data_protection: DataProtection | None = None
    commitment: Commitment | None = None
    example: bool = False  # « exemple: true »: invented data, said on every page and letter
    eligibility_notes: tuple[str, ...] = ()  # what the call says about who may apply, beyond the checked conditions
    support_terms: tuple[str, ...] = ()  # how the support runs and what it asks of the structures
    phone_region: str = "FR"  # ISO code of the numbers written without +country code (« RE » for La Réunion)
    site: SiteSettings = SiteSettings()

    @property
    def site_contact(self) -> str:
        """The footer's address: the site's own, else the first organisation's functional one, else ""."""
        return self.site.contact or next((organisation.contact for organisation in self.organisations if organisation.contact), "")

    # --- shortcuts used by rules and renderers -------------------------------

    @property
    def timezone(self) -> ZoneInfo:
        return self.application.timezone

    @property
    def deadline(self) -> datetime:
        return self.application.deadline

    @property
    def raci_rows(self) -> tuple[RaciRow, ...]:
        return self.raci.rows if self.raci is not None else ()

    @property
    def pilot_required(self) -> bool:
        return self.team.pilot_required

    @property
    def max_etablissements_per_og(self) -> int | None:
        return self.limits.etablissements_per_og.maximum

    @property
    def axe_ids(self) -> tuple[str, ...]:
        return tuple(axe.id for axe in self.axes)

    @property
    def eligible_sectors(self) -> dict[str, bool]:
        return {sector.id: sector.eligible for sector in self.sectors}

    @property
    def form_title(self) -> str:
        """The blank form's title: the call's own name for it, else one that says whether it describes an établissement or a whole structure."""
        if self.application.form_title:
            return self.application.form_title
        return "Fiche projet établissement" if self.team.per_etablissement else "Fiche de candidature"

    @property
    def team_roles(self) -> dict[str, bool]:
        """Role id -> mandatory."""
        return {role.id: role.mandatory for role in self.team.roles}

    # --- lookups -------------------------------------------------------------

    def axe(self, axe_id: str) -> Axe | None:
        return next((axe for axe in self.axes if axe.id == axe_id), None)

    def organisation(self, organisation_id: str) -> Organisation | None:
        return next((item for item in self.organisations if item.id == organisation_id), None)

    def acronym(self, organisation_id: str) -> str:
        """An organisation's acronym, « pilote de projet » for the pilot, the id itself when unknown."""
        if organisation_id == "pilote":
            return "pilote de projet"
        organisation = self.organisation(organisation_id)
        return organisation.acronym if organisation is not None else organisation_id

    def actor(self, actor_id: str) -> str:
        """Who leads a body or writes its minutes, as a reader names it: an organisation's acronym, a RACI or team role's label."""
        if actor_id == "pilote" or self.organisation(actor_id) is not None:
            return self.acronym(actor_id)
        roles = (*(self.raci.roles if self.raci is not None else ()), *(Labelled(role.id, role.label) for role in self.team.roles))
        return next((role.label for role in roles if role.id == actor_id), actor_id)

    def sector(self, sector_id: str) -> Sector | None:
        return next((sector for sector in self.sectors if sector.id == sector_id), None)

    def sector_label(self, sector_id: str) -> str:
        """The sector's French label (« Personnes âgées »), or its code when the programme does not define it."""
        sector = self.sector(sector_id)
        return sector.label if sector is not None else sector_id

    def funding(self, funding_id: str) -> Labelled | None:
        return next((funding for funding in self.fundings if funding.id == funding_id), None)

    def body(self, body_id: str | None) -> Body | None:
        return next((body for body in self.bodies if body.id == body_id), None)

    @property
    def collective_bodies(self) -> tuple[Body, ...]:
        """The bodies whose meetings are kept in the collective's follow-up (inter-structure and programme level), the selection committee aside."""
        return tuple(body for body in self.bodies if body.level in ("inter_structures", "programme") and body.id != self.selection.committee)

    @property
    def collective_heading(self) -> str:
        """The names of those bodies, as a heading: « Temps collectif et comité de suivi »; « Réunions du collectif » when none is declared."""
        names = [body.name for body in self.collective_bodies]
        if not names:
            return "Réunions du collectif"
        return french.enumerate_names([names[0], *(french.in_sentence(name) for name in names[1:])])

    @property
    def follow_up_committee(self) -> Body | None:
        """The programme-level body that follows the programme: the lettre d'engagement's, else the only programme-level one besides the selection committee."""
        chosen = self.body(self.commitment.follow_up_body) if self.commitment is not None else None
        if chosen is not None:
            return chosen
        candidates = [body for body in self.collective_bodies if body.level == "programme"]
        return candidates[0] if len(candidates) == 1 else None

    def step(self, step_id: str | None) -> Step | None:
        return next((step for step in self.steps if step.id == step_id), None)

    def raci_row(self, row_id: str) -> RaciRow | None:
        return next((row for row in self.raci_rows if row.id == row_id), None)

    def event(self, event_id: str | None) -> Event | None:
        return next((event for event in self.events if event.id == event_id), None)

    def milestone(self, name: str) -> Event | None:
        return self.event(self.milestones.get(name))

    def hours_by_axe(self) -> dict[str, float]:
        """Meeting hours of the RACI per axe, computed from the rows (never typed in)."""
        totals: dict[str, float] = {axe.id: 0.0 for axe in self.axes}
        for row in self.raci_rows:
            if row.hours is not None:
                totals[row.axe] = totals.get(row.axe, 0.0) + row.hours
        return totals

    @property
    def acknowledger(self) -> str:
        """The organisation that acknowledges receipt of applications: as declared, else the first recipient's, else the first that analyses them, else the first organisation."""
        rules = self.application
        if rules.acknowledged_by is not None:
            return rules.acknowledged_by
        if rules.recipients:
            return rules.recipients[0].organisation
        if self.selection.analysed_by:
            return self.selection.analysed_by[0]
        return self.organisations[0].id

    def without_personal_data(self) -> Programme:
        """The programme as an audience outside the programme team may read it: no named person, nor their address.

        The call's own contacts (« candidature.contacts ») stay: the call publishes them.
        """
        organisations = tuple(
            replace(organisation, signatory=replace(organisation.signatory, person=None)) if organisation.signatory is not None else organisation for organisation in self.organisations
        )
        return replace(self, application=replace(self.application, recipients=self.application.public_recipients), organisations=organisations)


# --- building from the schema-valid YAML --------------------------------------


def _texts(value: object) -> tuple[str, ...]:
    """A list of texts, or one text, as a tuple."""
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(str(item) for item in value)
    return (str(value),)


def _labelled(items: list[dict[str, Any]] | None, key: str = "id") -> tuple[Labelled, ...]:
    return tuple(Labelled(str(item[key]), item["libelle"], item.get("description", "")) for item in items or [])


def _bounds(value: dict[str, Any] | None) -> Bounds:
    value = value or {}
    return Bounds(value.get("min"), value.get("max"))


def _period(value: dict[str, Any]) -> Period:
    return Period(parse_date(value["debut"]), parse_date(value["fin"]), value.get("texte_source", ""))


def _level(value: dict[str, Any] | None) -> StepLevel | None:
    if value is None:
        return None
    return StepLevel(_texts(value.get("actions")), _texts(value.get("objectifs")))


def person(value: dict[str, Any] | None) -> Person | None:
    """A person as the data files write one (civilite, titre, prenom, nom)."""
    if value is None:
        return None
    return Person(value.get("civilite", ""), value.get("prenom", ""), value.get("nom", ""), value.get("titre", ""))


def _contact(value: dict[str, Any]) -> Contact:
    """A contact the call publishes (« candidature.contacts »)."""
    named = Person(value.get("civilite", ""), value["prenom"], value["nom"], value.get("titre", ""))
    return Contact(value["organisation"], named, value.get("fonction", ""), value["email"], value.get("telephone", ""))


def _data_protection(value: dict[str, Any] | None) -> DataProtection | None:
    if value is None:
        return None
    officer = value["delegue"]
    retention = value["conservation"]
    return DataProtection(
        value["responsable"],
        tuple(value.get("co_responsables", [])),
        value["finalite"],
        value["base_legale"],
        _texts(value.get("categories_personnes")),
        _texts(value.get("categories_donnees")),
        tuple(value["destinataires"]),
        DataProtectionOfficer(officer["intitule"], officer["email"], officer.get("adresse", "")),
        tuple(
            Retention(kind, retention[kind]["duree"].get("mois", 0) + 12 * retention[kind]["duree"].get("ans", 0), retention[kind]["a_compter_de"], retention[kind]["donnees"])
            for kind in RETENTION_LABELS
        ),
        value.get("a_confirmer", False),
    )


def _load(charge: dict[str, Any]) -> str:
    if "heures" in charge:
        return "heures"
    if "travaux_intersession" in charge:
        return "travaux_intersession"
    return "incluse"


def build_programme(data: dict[str, Any]) -> Programme:
    application = data["candidature"]
    zone = ZoneInfo(application["fuseau_horaire"])
    limit_time = time.fromisoformat(application.get("heure_limite", "23:59:59"))
    deadline = datetime.combine(parse_date(application["date_limite"]), limit_time, tzinfo=zone)
    calendar = data["calendrier"]
    events = []
    for calendar_name in ("national", "regional"):
        for index, item in enumerate(calendar.get(calendar_name, [])):
            start = parse_date(item["debut"])
            end = parse_date(item["fin"]) if "fin" in item else start
            events.append(Event(item["id"], item["libelle"], start, end, index, calendar_name, item.get("precision", "jour"), item.get("texte_source", ""), item.get("precisions", "")))
    team = data["equipe_projet"]
    data_labels = datapath.labels(data)  # walked once for every erratum's path
    limits = data.get("limites", {})
    raci = data.get("raci")
    selection = data.get("selection", {})
    framework = data.get("cadre_national")
    followup = data.get("suivi")
    rules = data.get("regles", {})
    return Programme(
        id=data["id"],
        title=data["titre"],
        call_type=data.get("type_appel"),
        phase=data["phase"],
        region=data["region"],
        national_framework=NationalFramework(framework["reference"], _texts(framework.get("porteurs")), framework.get("resume", "")) if framework else None,
        context=data.get("contexte", ""),
        previous_phase=data.get("phase_precedente", ""),
        scheme_objectives=_texts(data.get("objectifs_dispositif")),
        objectives=_texts(data.get("objectifs")),
        interests=_texts(data.get("interets")),
        dimensions=_labelled(data.get("dimensions")),
        acia_types=_labelled(data.get("types_acia")),
        organisations=tuple(
            Organisation(
                item["id"],
                item["sigle"],
                item["nom"],
                item.get("role", ""),
                item.get("logo"),
                item.get("article", french.article(item["nom"])),  # absent: read from the name (« Agence… » → « l' »)
                item.get("adresse", ""),
                item.get("contact", ""),
                Signatory(item["signataire"]["fonction"], person(item["signataire"].get("personne"))) if "signataire" in item else None,
            )
            for item in data["organisations"]
        ),
        axes=tuple(
            Axe(
                axe["id"],
                axe.get("numero"),
                axe["titre"],
                axe.get("titre_court", axe["titre"]),
                axe["description"],
                _texts(axe.get("objectifs")),
                tuple(AxeStep(step["etape"], step["titre"]) for step in axe.get("etapes", [])),
            )
            for axe in data["axes"]
        ),
        sectors=tuple(Sector(item["id"], item["libelle"], item["eligible"], item.get("description", "")) for item in data["secteurs"]),
        fundings=_labelled(data["financements"]),
        eligibility=tuple(EligibilityCriterion(item["id"], item["libelle"], item.get("description", ""), item.get("controle")) for item in data["eligibilite"]),
        required_engagements=tuple(data.get("engagements_requis", [])),
        limits=Limits(
            _bounds(limits.get("organismes_gestionnaires")),
            _bounds(limits.get("etablissements")),
            _bounds(limits.get("etablissements_par_og")),
            tuple(FundingMinimum(item["financement"], item["organismes_gestionnaires_min"]) for item in limits.get("financements_minimum", [])),
            limits.get("texte_source", ""),
        ),
        criteria=tuple(
            SelectionCriterion(
                item["id"],
                item.get("axe"),
                item["libelle"],
                item["mode"],
                item.get("calcul"),
                (item["echelle"]["min"], item["echelle"]["max"]) if "echelle" in item else None,
                item.get("poids", 1),
                CoverageCount(item["couverture"]["mode"], item["couverture"].get("points_par_secteur"), item["couverture"].get("rang")) if "couverture" in item else None,
                item.get("libelle_court") or item["libelle"],
            )
            for item in data.get("criteres_priorisation", [])
        ),
        application=ApplicationRules(
            deadline,
            zone,
            application.get("texte_source", ""),
            application["canal"],
            tuple(Recipient(item["organisation"], item["email"], person(item.get("personne"))) for item in application.get("destinataires", [])),
            _texts(application.get("pieces")),
            application.get("reponse", ""),
            application.get("accuse_reception_par"),
            Platform(application["plateforme"]["nom"], application["plateforme"]["url"]) if "plateforme" in application else None,
            application.get("adresse_postale", ""),
            tuple(_contact(item) for item in application.get("contacts", [])),
            application.get("titre_fiche", ""),
        ),
        selection=SelectionSettings(
            tuple(selection.get("analyse_par", [])),
            selection.get("comite"),
            selection.get("notification_par"),
            selection.get("notification_canal"),
            selection.get("contractualisation", ""),
            selection.get("modalites", ""),
        ),
        programme_period=_period(calendar["periode_programme"]),
        events=tuple(events),
        milestones=dict(calendar.get("jalons", {})),
        steps=tuple(
            Step(
                item["id"],
                item["numero"],
                item["titre"],
                item.get("vocation", ""),
                _period(item["periode"]),
                item["periode"].get("texte_source", ""),
                item.get("jours_mobilisation"),
                _level(item.get("intra_structure")),
                _level(item.get("inter_structures")),
                index,
            )
            for index, item in enumerate(data.get("etapes", []))
        ),
        team=ProjectTeam(
            tuple(TeamRole(role["id"], role["libelle"], role["obligatoire"], role.get("condition", "")) for role in team["roles"]),
            team["pilote_obligatoire"],
            team.get("pilote", ""),
            _bounds(team.get("effectif")),
            team.get("mixite", ""),
            team.get("plusieurs_etablissements", ""),
            team.get("conseil_composition", ""),
            team.get("niveau", TEAM_PER_OG),
        ),
        bodies=tuple(
            Body(
                item["id"],
                item["nom"],
                item["niveau"],
                item.get("duree_heures"),
                item.get("nombre"),
                item.get("obligatoire", True),
                tuple(item.get("anime_par", [])),
                item.get("compte_rendu_par"),
                tuple(item.get("membres", [])),
                tuple(item.get("membres_facultatifs", [])),
                item.get("participants", ""),
                item.get("lieu", ""),
                item["description"],
                item.get("article"),
                item.get("frise", False),
            )
            for item in data["instances"]
        ),
        raci=Raci(
            _labelled(raci["roles"]),
            _labelled(raci["valeurs"], key="code"),
            tuple(
                RaciRow(
                    item["id"],
                    item["axe"],
                    item["etape"],
                    item["action"],
                    item["charge"].get("heures"),
                    _load(item["charge"]),
                    item.get("rattachee_a"),
                    item.get("instance"),
                    item.get("description", ""),
                    item.get("methode", ""),
                    item.get("objectif", ""),
                    dict(item["roles"]),
                    index,
                )
                for index, item in enumerate(raci["lignes"])
            ),
            _texts(raci.get("regles")),
        )
        if raci
        else None,
        rules=ProgrammeRules(rules.get("reponse_aux_recommandations", False), rules.get("duplication_dans_og", False), rules.get("partage_regional_national", False)),
        followup=FollowUpSettings(
            followup.get("delai_compte_rendu_jours"),
            tuple(AnswerAction(item["axe"], item["action"], item.get("justification", "")) for item in followup.get("reponse_recommandations", [])),
            tuple(
                ExpectedDeliverable(item["id"], item["axe"], item["action"], item["libelle"], item.get("description", ""), _labelled(item.get("dimensions"))) for item in followup.get("livrables", [])
            ),
            _labelled(followup.get("themes")),
        )
        if followup is not None
        else None,
        errata=tuple(
            Erratum(
                item["id"],
                item["nature"],
                item["champ"],
                item["texte_source"],
                item["valeur_retenue"],
                item["justification"],
                item["statut"],
                item.get("titre"),
                tuple(why for path in item["champ"].split(ERRATUM_PATH_SEPARATOR) if (why := datapath.problem(data, path)) is not None),
                tuple(datapath.steps(data, path, data_labels) for path in item["champ"].split(ERRATUM_PATH_SEPARATOR)),
            )
            for item in data.get("errata", [])
        ),
        data_protection=_data_protection(data.get("donnees_personnelles")),
        example=bool(data.get("exemple", False)),
        commitment=Commitment(tuple(data["engagement"]["parties"]), data["engagement"].get("instance_suivi")) if "engagement" in data else None,
        phone_region=data.get("region_telephone", "FR"),
        eligibility_notes=_texts(data.get("precisions_eligibilite")),
        support_terms=_texts(data.get("modalites_accompagnement")),
        site=_site(data.get("site", {})),
    )


def _site(data: dict[str, Any]) -> SiteSettings:
    colours = data.get("couleurs")
    notice = data.get("mentions_legales")
    return SiteSettings(
        SiteColours(colours["principale"], colours["texte_sur_principale"], colours["accent"]) if colours else None,
        data.get("contact", ""),
        LegalNotice(notice["editeur"], notice["directeur_publication"], Host(notice["hebergeur"]["nom"], notice["hebergeur"]["adresse"])) if notice else None,
        address=_with_slash(data.get("adresse", "")),
        internal_publication=data.get("publication", {}).get("site_interne", "artefact"),
        artifact_days=data.get("publication", {}).get("conservation_jours", 30),
    )


def _with_slash(address: str) -> str:
    """« https://x.fr/acia » and « https://x.fr/acia/ » name the same site: relative links resolve against the second."""
    return address if not address or address.endswith("/") else address + "/"


def read_programme(document: Document) -> Programme:
    """The programme of a schema-valid ``data/programme.yml``."""
    data: dict[str, Any] = document.data  # type: ignore[assignment]  # schema-valid: an object
    return build_programme(data)
