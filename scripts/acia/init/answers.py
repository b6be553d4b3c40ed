"""The answers ``acia init`` starts from: read from a YAML file (``--depuis``) or asked on a terminal.

The file's keys are French, like the programme's; the model answers file
(``templates/init/reponses.yml``, printed by ``acia init --modele``) documents
each of them. Reading checks the shape of the answers (required keys, unknown
keys, dates, identifiants) and reports every problem at once, with its line;
what the answers mean together (dates in order, references between
organisations and bodies…) is checked afterwards on the programme they
produce, by the same rules as ``acia valider``.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from acia import __version__
from acia.load import yamlsource
from acia.load.yamlsource import Path as DataPath
from acia.model import placeholders

IDENTIFIER = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
SECTOR_CODE = re.compile(r"^[A-Za-z0-9_-]+$")
TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
GITHUB_TEAM = re.compile(r"^@[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)?$")
LEVELS = ("intra_structure", "inter_structures", "programme")
# Where each structure forms its project team: one per établissement (an ACIA call: « dans chaque ESMS »), or one per organisme gestionnaire.
TEAM_LEVELS = ("etablissement", "organisme_gestionnaire")
CALL_TYPES = ("ami", "aap")
PHASES = ("exploratoire", "experimentale")
CHANNELS = ("email", "courrier", "plateforme")
ARTICLES = ("le", "la", "l'", "les", "")

# Neutral defaults, used when the answers leave a list out; the model answers file shows them.
DEFAULT_SECTORS = (
    ("PA", "Personnes âgées", True),
    ("PH", "Personnes handicapées", True),
    ("PDE", "Protection de l'enfance", True),
    ("PDS", "Personnes confrontées à des difficultés spécifiques", True),
    ("autre", "Autre structure sociale ou médico-sociale", True),
)
DEFAULT_FUNDINGS = (
    ("assurance_maladie", "Assurance maladie (crédits gérés par l'ARS)"),
    ("ars", "ARS (autres crédits)"),
    ("conseil_departemental", "Conseil départemental"),
    ("etat", "État"),
    ("autre", "Autre financement"),
)
DEFAULT_TEAM_ROLES = (
    ("direction", "Un(e) représentant(e) de la direction", True),
    ("representant_personnel", "Un(e) représentant(e) du personnel", True),
    ("manager", "Un(e) manager d'équipe", False),
    ("salarie_volontaire", "Un(e) salarié(e) volontaire", False),
    ("referent_numerique", "Une personne en charge du numérique", False),
)
DEFAULT_RACI_ROLES = (("pilote", "Pilote de projet"), ("copil", "Comité de pilotage"))


class AnswersError(Exception):
    """Answers that cannot make a programme: every problem, in French."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Organisation:
    id: str
    sigle: str
    nom: str
    role: str | None = None
    equipe_github: str | None = None
    article: str | None = None  # before the acronym in a sentence: « l' » ARS, « le » GRADeS; None: unknown
    signataire: str | None = None  # the function of who signs letters on its behalf


@dataclass(frozen=True)
class Axe:
    id: str
    numero: int
    titre: str
    titre_court: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Sector:
    id: str
    libelle: str
    eligible: bool = True


@dataclass(frozen=True)
class Labelled:
    id: str
    libelle: str


@dataclass(frozen=True)
class Recipient:
    organisation: str
    email: str


@dataclass(frozen=True)
class Step:
    id: str
    numero: int
    titre: str
    debut: date
    fin: date
    jours_mobilisation: float | None = None
    vocation: str | None = None


@dataclass(frozen=True)
class Body:
    id: str
    nom: str
    niveau: str
    description: str
    duree_heures: float | None = None
    anime_par: tuple[str, ...] = ()


@dataclass(frozen=True)
class TeamRole:
    id: str
    libelle: str
    obligatoire: bool


@dataclass(frozen=True)
class Answers:
    region: str
    titre: str
    identifiant: str
    type_appel: str
    phase: str
    organisations: tuple[Organisation, ...]
    axes: tuple[Axe, ...]
    secteurs: tuple[Sector, ...]
    financements: tuple[Labelled, ...]
    date_limite: date
    heure_limite: str
    fuseau_horaire: str
    canal: str
    ouverture: date
    destinataires: tuple[Recipient, ...]
    plateforme: tuple[str, str] | None  # (nom, url) for « canal: plateforme »
    adresse_postale: str | None  # for « canal: courrier »
    accuse_reception_par: str | None
    comite_membres: tuple[str, ...]
    comite_date: date | None
    notification_par: str | None
    engagement_parties: tuple[str, ...]
    instance_suivi: str | None
    periode_debut: date
    periode_fin: date
    etapes: tuple[Step, ...]
    instances: tuple[Body, ...]
    roles_equipe: tuple[TeamRole, ...]
    pilote_obligatoire: bool
    niveau_equipe: str  # one of TEAM_LEVELS
    roles_raci: tuple[Labelled, ...]
    acia: str  # the line of requirements.txt that installs acia

    def organisation(self, organisation_id: str) -> Organisation | None:
        return next((item for item in self.organisations if item.id == organisation_id), None)


def default_requirement() -> str:
    """The requirement line of a new programme: the version of acia that created it."""
    return f"acia=={__version__}"


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return "-".join(re.findall(r"[a-z0-9]+", text))[:60].strip("-")


class _Reader:
    """Walks the raw answers, collecting every problem with its place (line, key path)."""

    def __init__(self, positions: Mapping[DataPath, yamlsource.Place] | None = None, source: str = ""):
        self.problems: list[str] = []
        self.positions = positions or {}
        self.source = source

    def where(self, path: DataPath) -> str:
        shown = ""
        for part in path:
            shown += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if shown else str(part))
        position = None
        for depth in range(len(path), -1, -1):
            position = self.positions.get(tuple(path[:depth]))
            if position is not None:
                break
        prefix = f"{self.source}, ligne {position[0]}" if position is not None and self.source else self.source
        return f"{prefix} ({shown})" if prefix and shown else (prefix or shown)

    def problem(self, path: DataPath, message: str) -> None:
        self.problems.append(f"{self.where(path)} : {message}")

    def mapping(self, value: Any, path: DataPath, allowed: tuple[str, ...], required: tuple[str, ...] = ()) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.problem(path, "un bloc « clé: valeur » est attendu")
            return {}
        for key in value:
            if key not in allowed:
                self.problem(path + (key,), f"clé inconnue « {key} » (clés possibles : {', '.join(allowed)})")
        for key in required:
            if value.get(key) in (None, "", []):
                self.problem(path + (key,), f"« {key} » est obligatoire")
        return value

    def text(self, value: Any, path: DataPath, required: bool = True) -> str | None:
        if value is None or value == "":
            if required:
                self.problem(path, "un texte est attendu")
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(path, "un texte est attendu")
            return None
        return str(value).strip()

    def identifier(self, value: Any, path: DataPath) -> str | None:
        text = self.text(value, path)
        if text is not None and not IDENTIFIER.match(text):
            self.problem(path, f"« {text} » n'est pas un identifiant : lettres minuscules, chiffres et tirets (ex. ars, axe-1)")
            return None
        return text

    def choice(self, value: Any, path: DataPath, choices: tuple[str, ...], default: str) -> str:
        if value is None:
            return default
        if value not in choices:
            self.problem(path, f"« {value} » n'est pas une valeur possible ({', '.join(choices)})")
            return default
        return str(value)

    def day(self, value: Any, path: DataPath) -> date | None:
        if isinstance(value, date):
            return value
        text = self.text(value, path)
        if text is None:
            return None
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                raise ValueError
            return date.fromisoformat(text)
        except ValueError:
            self.problem(path, f"« {text} » n'est pas une date AAAA-MM-JJ (ex. 2025-06-30)")
            return None

    def boolean(self, value: Any, path: DataPath, default: bool) -> bool:
        if value is None:
            return default
        if not isinstance(value, bool):
            self.problem(path, "true ou false est attendu")
            return default
        return value

    def number(self, value: Any, path: DataPath) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            self.problem(path, "un nombre positif est attendu")
            return None
        return value

    def items(self, value: Any, path: DataPath, required: bool = True) -> list[Any]:
        if value is None:
            if required:
                self.problem(path, "une liste est attendue (une ligne « - » par élément)")
            return []
        if not isinstance(value, list) or (required and not value):
            self.problem(path, "une liste non vide est attendue (une ligne « - » par élément)")
            return []
        return value

    def unique(self, ids: list[str | None], path: DataPath, what: str) -> None:
        seen: set[str] = set()
        for index, value in enumerate(ids):
            if value is not None and value in seen:
                self.problem(path + (index, "id"), f"{what} « {value} » apparaît deux fois")
            if value is not None:
                seen.add(value)


TOP_KEYS = (
    "region",
    "titre",
    "identifiant",
    "type_appel",
    "phase",
    "organisations",
    "axes",
    "secteurs",
    "financements",
    "date_limite",
    "depot",
    "comite_selection",
    "periode_programme",
    "etapes",
    "instances",
    "equipe_projet",
    "raci",
    "engagement",
    "acia",
)
REQUIRED_KEYS = ("region", "titre", "organisations", "axes", "date_limite", "depot", "comite_selection", "periode_programme", "etapes")


def parse(raw: Any, positions: Mapping[DataPath, yamlsource.Place] | None = None, source: str = "") -> Answers:
    """Typed answers, or an AnswersError listing every problem."""
    r = _Reader(positions, source)
    path: DataPath
    top = r.mapping(raw, (), TOP_KEYS, REQUIRED_KEYS)
    region = r.text(top.get("region"), ("region",)) if "region" in top else None
    titre = r.text(top.get("titre"), ("titre",)) if "titre" in top else None
    call_type = r.choice(top.get("type_appel"), ("type_appel",), CALL_TYPES, "ami")
    phase = r.choice(top.get("phase"), ("phase",), PHASES, "experimentale")

    organisations = []
    for index, item in enumerate(r.items(top.get("organisations"), ("organisations",)) if "organisations" in top else []):
        path = ("organisations", index)
        entry = r.mapping(item, path, ("id", "sigle", "article", "nom", "role", "signataire", "equipe_github"), ("id", "sigle", "nom"))
        github_team = r.text(entry.get("equipe_github"), path + ("equipe_github",), required=False)
        if github_team is not None and not GITHUB_TEAM.match(github_team):
            r.problem(path + ("equipe_github",), f"« {github_team} » n'est pas une équipe ou un compte GitHub (ex. @ars-normandie/equipe-acia)")
            github_team = None
        organisation_id = r.identifier(entry.get("id"), path + ("id",)) if "id" in entry else None
        sigle, nom = r.text(entry.get("sigle"), path + ("sigle",), required=False), r.text(entry.get("nom"), path + ("nom",), required=False)
        article = None
        if "article" in entry:
            article = r.choice(entry.get("article") or "", path + ("article",), ARTICLES, "")
        elif sigle and sigle[:1].lower() in "aeiouyéèêàâîôûh":
            article = "l'"
        if organisation_id and sigle and nom:
            role = r.text(entry.get("role"), path + ("role",), required=False)
            signatory = r.text(entry.get("signataire"), path + ("signataire",), required=False)
            organisations.append(Organisation(organisation_id, sigle, nom, role, github_team, article, signatory))
    r.unique([item.id for item in organisations], ("organisations",), "l'organisation")

    axes = []
    for index, item in enumerate(r.items(top.get("axes"), ("axes",)) if "axes" in top else []):
        path = ("axes", index)
        if isinstance(item, str):
            item = {"titre": item}
        entry = r.mapping(item, path, ("titre", "titre_court", "description"), ("titre",))
        title = r.text(entry.get("titre"), path + ("titre",), required=False)
        if title:
            axes.append(
                Axe(
                    f"axe-{index + 1}",
                    index + 1,
                    title,
                    r.text(entry.get("titre_court"), path + ("titre_court",), required=False),
                    r.text(entry.get("description"), path + ("description",), required=False),
                )
            )

    sectors = [Sector(code, label, eligible) for code, label, eligible in DEFAULT_SECTORS]
    if top.get("secteurs") is not None:
        sectors = []
        for index, item in enumerate(r.items(top.get("secteurs"), ("secteurs",))):
            path = ("secteurs", index)
            entry = r.mapping(item, path, ("id", "libelle", "eligible"), ("id", "libelle"))
            code, label = r.text(entry.get("id"), path + ("id",), required=False), r.text(entry.get("libelle"), path + ("libelle",), required=False)
            if code is not None and not SECTOR_CODE.match(code):
                r.problem(path + ("id",), f"« {code} » n'est pas un code de secteur : lettres, chiffres, tirets (ex. PA)")
                code = None
            if code and label:
                sectors.append(Sector(code, label, r.boolean(entry.get("eligible"), path + ("eligible",), True)))
        r.unique([item.id for item in sectors], ("secteurs",), "le secteur")

    fundings = [Labelled(code, label) for code, label in DEFAULT_FUNDINGS]
    if top.get("financements") is not None:
        fundings = _labelled(r, top.get("financements"), ("financements",), "le financement")

    deadline_entry = r.mapping(top.get("date_limite"), ("date_limite",), ("date", "heure", "fuseau_horaire"), ("date",)) if "date_limite" in top else {}
    deadline = r.day(deadline_entry.get("date"), ("date_limite", "date")) if "date" in deadline_entry else None
    hour = r.text(deadline_entry.get("heure"), ("date_limite", "heure"), required=False) or "23:59:59"
    if not TIME.match(hour):
        r.problem(("date_limite", "heure"), f"« {hour} » n'est pas une heure HH:MM ou HH:MM:SS (ex. 23:59:59)")
    zone = r.text(deadline_entry.get("fuseau_horaire"), ("date_limite", "fuseau_horaire"), required=False) or "Europe/Paris"
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        r.problem(("date_limite", "fuseau_horaire"), f"« {zone} » n'est pas un fuseau horaire IANA (ex. Europe/Paris)")

    period_entry = r.mapping(top.get("periode_programme"), ("periode_programme",), ("debut", "fin"), ("debut", "fin")) if "periode_programme" in top else {}
    period_start = r.day(period_entry.get("debut"), ("periode_programme", "debut")) if "debut" in period_entry else None
    period_end = r.day(period_entry.get("fin"), ("periode_programme", "fin")) if "fin" in period_entry else None

    deposit = r.mapping(top.get("depot"), ("depot",), ("canal", "ouverture", "destinataires", "plateforme", "adresse_postale", "accuse_reception_par")) if "depot" in top else {}
    channel = r.choice(deposit.get("canal"), ("depot", "canal"), CHANNELS, "email")
    required_for = {"email": "destinataires", "plateforme": "plateforme", "courrier": "adresse_postale"}[channel]
    if "depot" in top and deposit.get(required_for) in (None, "", []):
        r.problem(("depot", required_for), f"« {required_for} » est obligatoire pour un dépôt « {channel} »")
    platform = None
    if deposit.get("plateforme") is not None:
        platform_entry = r.mapping(deposit.get("plateforme"), ("depot", "plateforme"), ("nom", "url"), ("nom", "url"))
        platform_name = r.text(platform_entry.get("nom"), ("depot", "plateforme", "nom"), required=False)
        url = r.text(platform_entry.get("url"), ("depot", "plateforme", "url"), required=False)
        if url is not None and not re.fullmatch(r"https://\S+", url):
            r.problem(("depot", "plateforme", "url"), f"« {url} » n'est pas une adresse https:// (ex. https://www.demarches-simplifiees.fr/commencer/acia)")
            url = None
        platform = (platform_name, url) if platform_name and url else None
    postal = r.text(deposit.get("adresse_postale"), ("depot", "adresse_postale"), required=False)
    acknowledger = r.identifier(deposit.get("accuse_reception_par"), ("depot", "accuse_reception_par")) if deposit.get("accuse_reception_par") is not None else None
    opening = r.day(deposit.get("ouverture"), ("depot", "ouverture")) if deposit.get("ouverture") is not None else period_start
    recipients = []
    for index, item in enumerate(r.items(deposit.get("destinataires"), ("depot", "destinataires")) if deposit.get("destinataires") is not None else []):
        path = ("depot", "destinataires", index)
        entry = r.mapping(item, path, ("organisation", "email"), ("organisation", "email"))
        organisation = r.identifier(entry.get("organisation"), path + ("organisation",)) if "organisation" in entry else None
        email = r.text(entry.get("email"), path + ("email",), required=False)
        if email is not None and not EMAIL.match(email):
            r.problem(path + ("email",), f"« {email} » n'est pas une adresse e-mail")
            email = None
        if organisation and email:
            recipients.append(Recipient(organisation, email))

    committee = r.mapping(top.get("comite_selection"), ("comite_selection",), ("membres", "date", "notification_par"), ("membres",)) if "comite_selection" in top else {}
    notifier = r.identifier(committee.get("notification_par"), ("comite_selection", "notification_par")) if committee.get("notification_par") is not None else None
    members = tuple(
        member
        for index, item in enumerate(r.items(committee.get("membres"), ("comite_selection", "membres")) if "membres" in committee else [])
        if (member := r.identifier(item, ("comite_selection", "membres", index)))
    )
    committee_day = r.day(committee.get("date"), ("comite_selection", "date")) if committee.get("date") is not None else None

    steps = []
    for index, item in enumerate(r.items(top.get("etapes"), ("etapes",)) if "etapes" in top else []):
        path = ("etapes", index)
        entry = r.mapping(item, path, ("titre", "debut", "fin", "jours_mobilisation", "vocation"), ("titre", "debut", "fin"))
        title = r.text(entry.get("titre"), path + ("titre",), required=False)
        start = r.day(entry.get("debut"), path + ("debut",)) if "debut" in entry else None
        end = r.day(entry.get("fin"), path + ("fin",)) if "fin" in entry else None
        days = r.number(entry.get("jours_mobilisation"), path + ("jours_mobilisation",))
        if title and start and end:
            steps.append(Step(f"etape-{index + 1}", index + 1, title, start, end, days, r.text(entry.get("vocation"), path + ("vocation",), required=False)))

    bodies = list(_default_bodies())
    if top.get("instances") is not None:
        bodies = []
        for index, item in enumerate(r.items(top.get("instances"), ("instances",))):
            path = ("instances", index)
            entry = r.mapping(item, path, ("id", "nom", "niveau", "description", "duree_heures", "anime_par"), ("id", "nom", "niveau"))
            body_id = r.identifier(entry.get("id"), path + ("id",)) if "id" in entry else None
            if body_id == "comite-selection":
                r.problem(path + ("id",), "le comité de sélection ne se déclare pas ici : il vient de « comite_selection »")
                body_id = None
            name = r.text(entry.get("nom"), path + ("nom",), required=False)
            level = r.choice(entry.get("niveau"), path + ("niveau",), LEVELS, "intra_structure")
            leaders = tuple(
                leader for position, value in enumerate(r.items(entry.get("anime_par"), path + ("anime_par",), required=False)) if (leader := r.identifier(value, path + ("anime_par", position)))
            )
            description = r.text(entry.get("description"), path + ("description",), required=False) or placeholders.text("ce que fait l'instance et qui y participe")
            if body_id and name:
                bodies.append(Body(body_id, name, level, description, r.number(entry.get("duree_heures"), path + ("duree_heures",)), leaders))
        r.unique([item.id for item in bodies], ("instances",), "l'instance")

    team_roles = [TeamRole(role_id, label, required) for role_id, label, required in DEFAULT_TEAM_ROLES]
    pilot_required = True
    team_level = TEAM_LEVELS[0]
    if top.get("equipe_projet") is not None:
        team = r.mapping(top.get("equipe_projet"), ("equipe_projet",), ("niveau", "roles", "pilote_obligatoire"))
        pilot_required = r.boolean(team.get("pilote_obligatoire"), ("equipe_projet", "pilote_obligatoire"), True)
        team_level = r.choice(team.get("niveau"), ("equipe_projet", "niveau"), TEAM_LEVELS, TEAM_LEVELS[0])
        if team.get("roles") is not None:
            team_roles = []
            for index, item in enumerate(r.items(team.get("roles"), ("equipe_projet", "roles"))):
                path = ("equipe_projet", "roles", index)
                entry = r.mapping(item, path, ("id", "libelle", "obligatoire"), ("id", "libelle"))
                role_id = r.identifier(entry.get("id"), path + ("id",)) if "id" in entry else None
                label = r.text(entry.get("libelle"), path + ("libelle",), required=False)
                if role_id and label:
                    team_roles.append(TeamRole(role_id, label, r.boolean(entry.get("obligatoire"), path + ("obligatoire",), True)))
            r.unique([item.id for item in team_roles], ("equipe_projet", "roles"), "le rôle")

    raci_roles = [Labelled(role_id, label) for role_id, label in DEFAULT_RACI_ROLES]
    if top.get("raci") is not None:
        raci = r.mapping(top.get("raci"), ("raci",), ("roles",), ("roles",))
        if "roles" in raci:
            raci_roles = _labelled(r, raci.get("roles"), ("raci", "roles"), "la colonne")

    parties: tuple[str, ...] = ()
    follow_up_body = None
    if top.get("engagement") is not None:
        commitment = r.mapping(top.get("engagement"), ("engagement",), ("parties", "instance_suivi"), ("parties",))
        parties = tuple(
            party
            for index, item in enumerate(r.items(commitment.get("parties"), ("engagement", "parties")) if "parties" in commitment else [])
            if (party := r.identifier(item, ("engagement", "parties", index)))
        )
        if commitment.get("instance_suivi") is not None:
            follow_up_body = r.identifier(commitment.get("instance_suivi"), ("engagement", "instance_suivi"))

    requirement = r.text(top.get("acia"), ("acia",), required=False) or default_requirement()
    if "\n" in requirement or not requirement.lower().startswith("acia"):
        r.problem(
            ("acia",), f"« {requirement} » n'installe pas acia : écrivez une ligne de requirements.txt qui commence par « acia » (ex. acia==0.1.0, ou acia @ https://…/acia-0.1.0-py3-none-any.whl)"
        )

    identifier = None
    if top.get("identifiant") is not None:
        identifier = r.identifier(top.get("identifiant"), ("identifiant",))
    elif region and deadline:
        identifier = f"acia-{slug(region)}-{deadline.year}"

    if r.problems:
        raise AnswersError(r.problems)
    assert region and titre and identifier and deadline and opening and period_start and period_end  # guaranteed once no problem was found
    return Answers(
        region=region,
        titre=titre,
        identifiant=identifier,
        type_appel=call_type,
        phase=phase,
        organisations=tuple(organisations),
        axes=tuple(axes),
        secteurs=tuple(sectors),
        financements=tuple(fundings),
        date_limite=deadline,
        heure_limite=hour if hour.count(":") == 2 else f"{hour}:00",
        fuseau_horaire=zone,
        canal=channel,
        ouverture=opening,
        destinataires=tuple(recipients),
        plateforme=platform,
        adresse_postale=postal,
        accuse_reception_par=acknowledger,
        comite_membres=members,
        comite_date=committee_day,
        notification_par=notifier,
        engagement_parties=parties,
        instance_suivi=follow_up_body,
        periode_debut=period_start,
        periode_fin=period_end,
        etapes=tuple(steps),
        instances=tuple(bodies),
        roles_equipe=tuple(team_roles),
        pilote_obligatoire=pilot_required,
        niveau_equipe=team_level,
        roles_raci=tuple(raci_roles),
        acia=requirement,
    )


def _labelled(r: _Reader, value: Any, path: DataPath, what: str) -> list[Labelled]:
    found = []
    for index, item in enumerate(r.items(value, path)):
        entry = r.mapping(item, path + (index,), ("id", "libelle"), ("id", "libelle"))
        item_id = r.identifier(entry.get("id"), path + (index, "id")) if "id" in entry else None
        label = r.text(entry.get("libelle"), path + (index, "libelle"), required=False)
        if item_id and label:
            found.append(Labelled(item_id, label))
    r.unique([item.id for item in found], path, what)
    return found


def _default_bodies() -> tuple[Body, ...]:
    return (
        Body("copil", "Comité de pilotage", "intra_structure", "Réunion de l'équipe projet de chaque structure : avancées, difficultés, travaux d'intersession.", 3),
        Body("temps-collectif", "Temps collectif", "inter_structures", "Réunion des structures accompagnées : partage des avancées, des difficultés et des solutions trouvées.", 3),
    )


def read_file(path: Path) -> Answers:
    """The answers of a YAML file; AnswersError for an unreadable file or wrong answers."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AnswersError([f"le fichier de réponses « {path} » est introuvable"]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise AnswersError([f"le fichier de réponses « {path} » n'est pas lisible ({getattr(error, 'strerror', None) or error})"]) from None
    parsed = yamlsource.parse(text)
    if parsed.problems:
        raise AnswersError([f"{path.name}, ligne {problem.position.line} : {problem.message}" for problem in parsed.problems])
    return parse(parsed.data, parsed.positions, path.name)


# --- Questions on a terminal ---------------------------------------------------

Ask = Callable[[str], str]


def ask_all(ask: Ask | None = None, say: Callable[[str], None] = print) -> dict[str, Any]:
    """The raw answers, asked one by one (French prompts); ``parse`` reads them like a file."""
    ask = ask or input
    say("Nouveau programme ACIA : quelques questions (Entrée garde la valeur entre crochets ; une réponse vide termine une liste).")
    say("Les valeurs non demandées sont écrites « À COMPLÉTER » dans data/programme.yml, à remplacer ensuite.")

    def question(text: str, default: str | None = None, required: bool = True) -> str | None:
        while True:
            shown = f"{text} [{default}] : " if default else f"{text} : "
            answer = ask(shown).strip()
            if answer:
                return answer
            if default is not None or not required:
                return default
            say("  Une réponse est nécessaire.")

    def yes(text: str, default: bool) -> bool:
        answer = question(f"{text} (oui/non)", "oui" if default else "non")
        return (answer or "").lower() in ("o", "oui", "y", "yes")

    raw: dict[str, Any] = {}
    raw["region"] = question("Région de l'appel (ex. Normandie)")
    raw["titre"] = question("Titre de l'appel", f"Actions collectives innovantes et apprenantes (ACIA) — {raw['region']}")
    raw["type_appel"] = question("Type d'appel : ami (appel à manifestation d'intérêt) ou aap (appel à projets)", "ami")
    raw["phase"] = question("Phase du dispositif national : exploratoire ou experimentale", "experimentale")
    say("Organisations de l'appel (ARS, Aract…), une par une.")
    raw["organisations"] = []
    while True:
        number = len(raw["organisations"]) + 1
        suggestions = {1: ("ars", "ARS"), 2: ("aract", "Aract")}.get(number, (None, None))
        organisation_id = question(f"Organisation {number} — identifiant (ex. ars ; vide pour terminer)", suggestions[0] if number <= 2 else None, required=False)
        if not organisation_id:
            break
        sigle = question(f"Organisation {number} — sigle", suggestions[1] if organisation_id == suggestions[0] else organisation_id.upper())
        nom = question(f"Organisation {number} — nom complet")
        role = question(f"Organisation {number} — rôle dans l'appel (facultatif)", required=False)
        raw["organisations"].append({key: value for key, value in (("id", organisation_id), ("sigle", sigle), ("nom", nom), ("role", role)) if value})
    say("Axes d'accompagnement : un titre par axe.")
    raw["axes"] = _list(question, "Axe {n} — titre (vide pour terminer)")
    if yes("Garder les secteurs par défaut (PA, PH, PDE, PDS, autre, tous éligibles) ?", True) is False:
        raw["secteurs"] = [{"id": code, "libelle": label} for code, label in _pairs(question, "Secteur {n} — code (ex. PA ; vide pour terminer)", "Secteur {n} — libellé")]
    if yes("Garder les financements par défaut (assurance maladie, ARS, conseil départemental, État, autre) ?", True) is False:
        raw["financements"] = [{"id": code, "libelle": label} for code, label in _pairs(question, "Financement {n} — identifiant (vide pour terminer)", "Financement {n} — libellé")]
    raw["date_limite"] = {
        "date": question("Date limite de dépôt (AAAA-MM-JJ)"),
        "heure": question("Heure limite ce jour-là", "23:59:59"),
        "fuseau_horaire": question("Fuseau horaire (IANA)", "Europe/Paris"),
    }
    first = raw["organisations"][0]["id"] if raw["organisations"] else None
    channel = question("Canal de dépôt : email, courrier ou plateforme", "email")
    raw["depot"] = {"canal": channel}
    if channel == "plateforme":
        raw["depot"]["plateforme"] = {"nom": question("Plateforme de dépôt — nom"), "url": question("Plateforme de dépôt — adresse (https://…)")}
    elif channel == "courrier":
        raw["depot"]["adresse_postale"] = question("Adresse postale où envoyer les dossiers")
    if channel == "email" or yes("Donner une adresse de contact pour les questions des candidats ?", False):
        raw["depot"]["destinataires"] = [
            {"organisation": question("Destinataire des candidatures — organisation (identifiant)", first), "email": question("Destinataire des candidatures — adresse e-mail")},
        ]
    members = question("Comité de sélection — organisations membres (identifiants séparés par des virgules)", ", ".join(item["id"] for item in raw["organisations"][:2]) or None)
    raw["comite_selection"] = {"membres": [part.strip() for part in (members or "").split(",") if part.strip()]}
    committee_day = question("Comité de sélection — date (AAAA-MM-JJ, facultatif)", required=False)
    if committee_day:
        raw["comite_selection"]["date"] = committee_day
    raw["periode_programme"] = {"debut": question("Début du programme (lancement de l'appel, AAAA-MM-JJ)"), "fin": question("Fin du programme (fin de l'accompagnement, AAAA-MM-JJ)")}
    say("Étapes de l'accompagnement, dans l'ordre.")
    raw["etapes"] = []
    while True:
        number = len(raw["etapes"]) + 1
        title = question(f"Étape {number} — titre (ex. Cadrage ; vide pour terminer)", required=False)
        if not title:
            break
        step: dict[str, Any] = {"titre": title, "debut": question(f"Étape {number} — début (AAAA-MM-JJ)"), "fin": question(f"Étape {number} — fin (AAAA-MM-JJ)")}
        days = question(f"Étape {number} — jours de mobilisation des structures (facultatif)", required=False)
        if days:
            step["jours_mobilisation"] = _number(days)
        raw["etapes"].append(step)
    if yes("Garder les instances par défaut (comité de pilotage et temps collectif, 3 h chacun) ?", True) is False:
        raw["instances"] = []
        while True:
            number = len(raw["instances"]) + 1
            body_id = question(f"Instance {number} — identifiant (ex. copil ; vide pour terminer)", required=False)
            if not body_id:
                break
            body: dict[str, Any] = {
                "id": body_id,
                "nom": question(f"Instance {number} — nom"),
                "niveau": question(f"Instance {number} — niveau : intra_structure, inter_structures ou programme", "intra_structure"),
            }
            hours = question(f"Instance {number} — durée en heures (facultatif)", required=False)
            if hours:
                body["duree_heures"] = _number(hours)
            raw["instances"].append(body)
    team: dict[str, Any] = {}
    if yes("Une équipe projet et un pilote dans chaque établissement candidat (non : une seule équipe par organisme gestionnaire) ?", True) is False:
        team["niveau"] = "organisme_gestionnaire"
    if yes("Garder les rôles de l'équipe projet par défaut (direction et représentant du personnel obligatoires ; manager, salarié volontaire, référent numérique facultatifs) ?", True) is False:
        team["roles"] = [{"id": role_id, "libelle": label} for role_id, label in _pairs(question, "Rôle {n} de l'équipe projet — identifiant (vide pour terminer)", "Rôle {n} — libellé")]
    if team:
        raw["equipe_projet"] = team
    if yes("Garder les colonnes du RACI par défaut (pilote de projet, comité de pilotage) ?", True) is False:
        raw["raci"] = {"roles": [{"id": role_id, "libelle": label} for role_id, label in _pairs(question, "Colonne {n} du RACI — identifiant (vide pour terminer)", "Colonne {n} — libellé")]}
    return raw


def _number(text: str) -> float | int | str:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return text  # parse() says it is not a number
    return int(value) if value.is_integer() else value


def _list(question: Callable[..., str | None], text: str) -> list[str]:
    found: list[str] = []
    while answer := question(text.format(n=len(found) + 1), required=False):
        found.append(answer)
    return found


def _pairs(question: Callable[..., str | None], first: str, second: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    while answer := question(first.format(n=len(found) + 1), required=False):
        found.append((answer, question(second.format(n=len(found) + 1)) or ""))
    return found


def on_terminal() -> bool:
    return sys.stdin.isatty()
