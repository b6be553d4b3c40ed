"""Official documents: Jinja2 → Markdown → pandoc → DOCX, ODT and PDF (typst, no TeX).

Every value from the data is escaped for pandoc's Markdown before templating,
so a raison sociale such as ``**x**``, ``#import``, ``$x$`` or ``<div>`` comes
out literally. Outputs are reproducible: archive timestamps come from
``SOURCE_DATE_EPOCH`` and the PDF's dates from the document's own date (the
committee day or the reception day), never from the clock. A document is
written to a temporary file and renamed: no half-written file is left behind.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

import jinja2
from markupsafe import Markup

from acia import french, notice, safe_files, templating
from acia.check.context import Context
from acia.letters import contexts, pandoc
from acia.letters.pandoc import TYPST_LAYOUT, pandoc_path  # noqa: F401 (the names other modules and tests use)
from acia.model.application import Application
from acia.model.calendar import meeting_summary
from acia.model.decisions import Decision
from acia.model.followup import STATUS_LABELS
from acia.model.programme import Body, Organisation, Person, Programme
from acia.paths import LETTER_TEMPLATES as TEMPLATES

FORMATS = ("docx", "odt", "pdf")
NAMES = ("accuse-reception", "notification", "lettre-engagement", "annexe-1-vierge", "rapport-comite-suivi")  # every Letter.name
LOGO_MAX_BYTES = 5 * 1024 * 1024
DECISION_LABELS = {"retenue": "candidature retenue", "liste_attente": "candidature placée sur liste d'attente", "non_retenue": "candidature non retenue"}
_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$@~^&\"=])")


class DocumentError(Exception):
    """A problem the user can fix, in French, naming the file and field."""


def pandoc_text(value: object) -> str:
    """Escape a value for pandoc's Markdown: every syntax character becomes literal, on one line, bidirectional controls removed."""
    if isinstance(value, Markup):
        return str(value)
    if isinstance(value, jinja2.Undefined):
        return str(value)  # raises: printing a missing key is a template bug
    if value is None:
        return ""
    return " ".join(_PUNCTUATION.sub(r"\\\1", templating.without_bidi(str(value))).split())


def _meta(value: object) -> Markup:
    """A YAML metadata value: pandoc reads it as Markdown, so escape, then quote as JSON."""
    return Markup(json.dumps(pandoc_text(value), ensure_ascii=False))


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    environment = templating.markdown_environment(TEMPLATES, pandoc_text, jinja2.StrictUndefined)
    environment.globals["meta"] = _meta
    environment.globals["guillemets"] = french.quote
    return environment


@dataclass(frozen=True)
class Letter:
    application: str
    name: str  # file name without extension, e.g. "lettre-engagement"
    markdown: str
    day: date  # the document's date: fixes PDF metadata and archive timestamps
    resources: tuple[tuple[str, bytes], ...] = ()  # (name used in the Markdown, content): logos


def _logo(root: Path, organisation: str, logo: str) -> bytes | None:
    """The bytes of a logo inside the instance, None when the file does not exist; DocumentError when refused."""
    path = root / logo
    if not path.exists() and not path.is_symlink() and safe_files.is_inside(root, logo):
        return None
    try:
        return safe_files.read_bytes(root, logo, LOGO_MAX_BYTES)
    except safe_files.Refused as refusal:
        raise DocumentError(
            f"data/programme.yml : organisations › {organisation} › logo « {logo} » refusé : {refusal.message}. "
            "Rangez l'image (PNG ou JPEG) dans le dossier du programme, par exemple logos/ars.png, et écrivez ce chemin."
        ) from None


# The last line of every letter of an example programme (« exemple: true »).
EXAMPLE_FOOTER = "*Document d'exemple : les structures, les personnes, les numéros et les décisions de ce courrier sont inventés.*\n"


def _signatory(organisation: Organisation) -> str:
    """« Madame Anne Martin, Directrice générale de l'ARS », or the function alone when the programme names nobody."""
    signatory = organisation.signatory
    if signatory is None:
        return ""
    if signatory.person is None:
        return signatory.function
    return f"{signatory.person.full_name}, {signatory.function}"


_POSTCODE = re.compile(r"\b\d{5}\s+(.+)$")
_CEDEX = re.compile(r"\s+cedex(\s+\d+)?$", re.IGNORECASE)


def address_lines(address: str) -> tuple[str, ...]:
    """A postal address as the programme writes it (one line or several) → its non-empty lines."""
    return tuple(" ".join(line.split()) for line in address.splitlines() if line.strip())


def commune(address: str) -> str:
    """The commune of a French postal address: what follows the postcode on the last line that has one, « Cedex » left out (« Ajaccio »); "" when none."""
    for line in reversed(address_lines(address)):
        match = _POSTCODE.search(line)
        if match:
            return _CEDEX.sub("", match.group(1)).strip()
    return ""


def _signature_block(name: str, article: str, function: str, person: Person | None, on_behalf: bool) -> contexts.SignatureBlock:
    """The signatory's function and their name without civility (« Laetitia Orsoni »), after « Pour l'Agence régionale de santé de Corse, »
    when ``on_behalf`` (a letter several parties sign) or when the programme gives no function."""
    signing = " ".join(part for part in (person.title, person.first_name, person.last_name) if part) if person is not None else ""
    return contexts.SignatureBlock(f"Pour {french.the(name, article)}," if on_behalf or not function else "", function, signing)


def sentence_name(name: str) -> str:
    """A body's name inside a sentence: « Comité de pilotage » → « comité de pilotage », acronyms kept (« COPIL »)."""
    return french.in_sentence(name)


class _Letters:
    def __init__(self, context: Context, root: Path = Path(".")):
        self.root = root
        self.context = context
        self.programme = context.programme
        self.model = context.model
        self.selection = self.model.selection
        self._logos: dict[str, tuple[Markup, tuple[str, bytes]] | None] = {}

    def _organisations(self, ids: tuple[str, ...]) -> tuple[Organisation, ...]:
        found = tuple(organisation for organisation_id in ids if (organisation := self.programme.organisation(organisation_id)) is not None)
        if not found:
            raise DocumentError(f"data/programme.yml : aucune des organisations « {', '.join(ids) or '(aucune)'} » n'est définie dans « organisations »")
        return found

    def programme_organisations(self) -> tuple[Organisation, ...]:
        """Who the programme's own documents come from: the parties of the lettre d'engagement, else those who analyse the applications, else who acknowledges them."""
        programme = self.programme
        if programme.commitment is not None:
            return self._organisations(programme.commitment.parties)
        if programme.selection.analysed_by:
            return self._organisations(programme.selection.analysed_by)
        return self._organisations((programme.acknowledger,))

    def acknowledger(self) -> Organisation:
        return self._organisations((self.programme.acknowledger,))[0]

    def notifier(self) -> tuple[Organisation, ...]:
        notified_by = self.programme.selection.notified_by
        return self._organisations((notified_by,)) if notified_by is not None else self.programme_organisations()

    def _logo_of(self, organisation: Organisation) -> tuple[Markup, tuple[str, bytes]] | None:
        """The logo of an organisation as Markdown and the file it needs, or None (no logo, or its file does not exist)."""
        if organisation.id not in self._logos:
            content = _logo(self.root, organisation.id, organisation.logo) if organisation.logo else None
            if content is None or organisation.logo is None:
                self._logos[organisation.id] = None
            else:
                name = f"logo-{organisation.id}{PurePosixPath(organisation.logo).suffix.lower()}"
                self._logos[organisation.id] = (Markup(f"![Logo {pandoc_text(organisation.acronym)}]({name}){{height=1.6cm}}"), (name, content))
        return self._logos[organisation.id]

    def letterhead(self, organisations: tuple[Organisation, ...] | None = None) -> tuple[Markup, tuple[tuple[str, bytes], ...]]:
        """The logos of the organisations a document is from (``logo`` in the programme), or their full names.

        A logo is read only from a regular file inside the instance: a path
        that is absolute, climbs with « .. », goes through a symbolic link or
        resolves outside the instance is a DocumentError (an official letter
        never silently loses its letterhead, and never carries a file from
        elsewhere). A logo file that does not exist is replaced by the name.
        """
        organisations = organisations if organisations is not None else self.programme_organisations()
        parts, resources = [], []
        for organisation in organisations:
            logo = self._logo_of(organisation)
            if logo is not None:
                parts.append(str(logo[0]))
                resources.append(logo[1])
            else:
                parts.append(f"**{pandoc_text(organisation.name)}**")
        # Logos side by side; full names, when an organisation has no logo, one per line.
        separator = "\u2003\u2003" if len(resources) == len(parts) else "\\\n"
        return Markup(separator.join(parts)), tuple(resources)

    def senders(self, organisations: tuple[Organisation, ...]) -> tuple[contexts.Sender, ...]:
        """The letterhead and sender block of each organisation a letter is from: its logo when given, its full name, address and contact."""
        return tuple(
            contexts.Sender(organisation.name, logo[0] if (logo := self._logo_of(organisation)) is not None else "", address_lines(organisation.address), organisation.contact)
            for organisation in organisations
        )

    def frame(self, application: Application, issuers: tuple[Organisation, ...], day: date, subject: str, signed_by_og: bool = False) -> contexts.Frame:
        """The sender, addressee, place and date, subject, salutation, closing and signatures of a letter to ``application``'s organisme gestionnaire.

        The addressee is the organisme gestionnaire, « à l'attention de » its legal representative when the application names one;
        the place is the first sender's commune (read from its address); every issuer signs, and the organisme gestionnaire too when ``signed_by_og``.
        """
        og = application.og
        representative = og.legal_representative
        addressee = [og.name]
        if representative is not None:
            addressee += [f"À l'attention de {representative.person.full_name}", representative.function]
        if og.address is not None:
            addressee += [og.address.street, f"{og.address.postcode} {og.address.town}"]
        called = french.salutation(representative.person.civility, representative.function) if representative is not None else french.salutation("")
        place = next((town for issuer in issuers if (town := commune(issuer.address))), "")
        signatures = [
            _signature_block(issuer.name, issuer.article, issuer.signatory.function if issuer.signatory else "", issuer.signatory.person if issuer.signatory else None, signed_by_og)
            for issuer in issuers
        ]
        if signed_by_og:
            signatures.append(_signature_block(og.name, og.article, representative.function if representative else "", representative.person if representative else None, True))
        several = len(issuers) > 1
        return contexts.Frame(
            expediteurs=self.senders(issuers),
            destinataire=tuple(addressee),
            lieu_date=french.place_and_date(place, day),
            objet=f"{subject} {french.quote(self.programme.title)}",
            reference=f"FINESS juridique {og.finess}",
            appel=called,
            formule=french.closing(called, several),
            nous=several,
            fait_a=french.done_at(place, day) if signed_by_og else "",
            signatures=tuple(signatures),
        )

    def render(self, template: str, context: object, organisations: tuple[Organisation, ...] | None = None) -> str:
        """Render ``template`` with its context (a dataclass of ``letters.contexts``) and the letterhead of ``organisations`` (default: the programme's)."""
        try:
            text = _environment().get_template(f"{template}.md.j2").render(programme=self.programme, entete=self.letterhead(organisations)[0], **templating.as_values(context))
        except jinja2.TemplateError as error:
            raise DocumentError(templating.describe(error, f"templates/documents/{template}.md.j2")) from None
        head, separator, body = text.partition("\n---\n")
        if self.programme.example:
            body = body.rstrip("\n") + "\n\n" + EXAMPLE_FOOTER
        return head + separator + french.spacing(body)

    def _committee_day(self) -> date:
        assert self.selection is not None  # only letters that follow a decision ask
        return self.selection.committee_day

    def acknowledgement(self, application: Application) -> Letter:
        received = application.received.astimezone(self.programme.timezone)
        deadline = self.programme.deadline
        if received <= deadline:
            delay = "dans les délais"
        else:
            delay = f"{french.duration(received - deadline)} après l'échéance"
        issuer = self.acknowledger()
        markdown = self.render(
            "accuse-reception",
            contexts.Acknowledgement(
                courrier=self.frame(application, (issuer,), received.date(), "Accusé de réception de votre candidature à l'appel"),
                candidat=french.of(application.og.name, application.og.article),
                date=french.long_date(received.date()),
                recue_le=french.long_datetime(received),
                fuseau=french.zone(self.programme.timezone.key),
                date_limite=french.long_datetime(deadline),
                delai=delay,
                og=application.og,
                etablissements=application.etablissements,
                axe=self.programme.axe(application.axe),
            ),
            (issuer,),
        )
        return Letter(application.id, "accuse-reception", markdown, received.date(), self.letterhead((issuer,))[1])

    def _decision(self, application_id: str) -> Decision | None:
        return self.selection.decision_for(application_id) if self.selection is not None else None

    def notification(self, application: Application) -> Letter | None:
        decision = self._decision(application.id)
        if decision is None:
            return None
        assert self.selection is not None
        issuers = self.notifier()
        committee = self.programme.body(self.programme.selection.committee)
        markdown = self.render(
            "notification",
            contexts.Notification(
                courrier=self.frame(
                    application,
                    issuers,
                    self._committee_day(),
                    "Décision " + (french.of(sentence_name(committee.name), committee.article) if committee is not None else "du comité de sélection") + " sur votre candidature à l'appel",
                ),
                candidat=french.of(application.og.name, application.og.article),
                comite=french.the(sentence_name(committee.name), committee.article) if committee is not None else "le comité de sélection",
                parties=french.enumerate_names([french.the(party.acronym, party.article) for party in self.programme_organisations()] + ["votre organisme"]),
                date=french.long_date(self._committee_day()),
                membres=french.enumerate_names([self._member(member) for member in self.selection.members_present]),
                decision=DECISION_LABELS[decision.decision],
                motif=decision.notified_motif,  # never the committee's internal motif
                retenue=decision.retained,
                og=application.og,
                etablissements=application.etablissements,
                axe=self.programme.axe(application.axe),
            ),
            issuers,
        )
        return Letter(application.id, "notification", markdown, self._committee_day(), self.letterhead(issuers)[1])

    def commitment(self, application: Application) -> Letter | None:
        decision = self._decision(application.id)
        if decision is None or not decision.retained:
            return None
        signatory = application.og.legal_representative
        if signatory is None:
            raise DocumentError(f"{application.file} : champ « organisme_gestionnaire.representant_legal » manquant : la lettre d'engagement doit nommer le signataire de l'organisme gestionnaire")
        steps = tuple(
            contexts.StepRow(
                f"Étape {step.number} : {step.title}",
                f"du {french.long_date(step.period.start)} au {french.long_date(step.period.end)}",
                french.number(step.mobilisation_days) if step.mobilisation_days is not None else "—",
            )
            for step in self.programme.steps
        )
        programme = self.programme
        follow_up_id = programme.commitment.follow_up_body if programme.commitment is not None else None
        bodies = tuple(
            contexts.BodyRow(body.name, french.hours(body.hours) if body.hours is not None else "", body.description)
            for body in programme.bodies
            if body.level != "programme" or body.id == follow_up_id
        )
        roles = ", ".join(role.label.lower() for role in programme.team.roles if role.mandatory)
        follow_up = programme.body(follow_up_id)
        signing = self.programme_organisations()
        parties = tuple(self._party(organisation, follow_up) for organisation in signing)
        structure_bodies = [body for body in programme.bodies if body.level != "programme"]
        shared = tuple(
            contexts.SharedLead(french.of(sentence_name(body.name), body.article), french.enumerate_names([self._leader(leader) for leader in body.led_by], "ou"))
            for body in structure_bodies
            if body.led_by and not (len(body.led_by) == 1 and body.led_by[0] in {organisation.id for organisation in signing})
        )
        rules = programme.rules
        markdown = self.render(
            "lettre-engagement",
            contexts.Commitment(
                courrier=self.frame(application, signing, self._committee_day(), "Lettre d'engagement au titre de l'appel", signed_by_og=True),
                og_designation=french.capitalise(french.the(application.og.name, application.og.article)),
                date=french.long_date(self._committee_day()),
                etapes=steps,
                instances=bodies,
                animations_partagees=shared,
                temps=", ".join(sentence_name(body.name) for body in structure_bodies if body.mandatory),
                temps_facultatifs=", ".join(sentence_name(body.name) for body in structure_bodies if not body.mandatory),
                roles=roles,
                pilote=programme.pilot_required,
                par_etablissement=programme.team.per_etablissement,
                equipes=_team_lines(application, programme.team.per_etablissement),
                coordination=_pilots_line(application) if programme.team.per_etablissement else None,
                partage=rules.regional_national_sharing,
                duplication=rules.duplication_in_og,
                reponse=rules.answer_recommendations,
                signataire=f"{signatory.person.full_name}, {signatory.function}",
                parties=parties,
                og=application.og,
                etablissements=application.etablissements,
                axe=self.programme.axe(application.axe),
            ),
        )
        return Letter(application.id, "lettre-engagement", markdown, self._committee_day(), self.letterhead()[1])

    def _member(self, member: str) -> str:
        """A member of the selection committee after « en présence »: « de l'ARS », « du GRADeS »."""
        organisation = self.programme.organisation(member)
        return french.of(organisation.acronym, organisation.article) if organisation is not None else french.of(self.programme.acronym(member))

    def _leader(self, leader: str) -> str:
        """Who leads a body, after « à »: « à l'Aract », « au pilote de projet »."""
        organisation = self.programme.organisation(leader)
        if organisation is not None:
            return french.to(organisation.acronym, organisation.article)
        return french.to(self.programme.acronym(leader), "le" if leader == "pilote" else "")

    def _party(self, organisation: Organisation, follow_up: Body | None) -> contexts.Party:
        """What an organisation commits to in the letter, read from the bodies: those it alone leads (every time, or at the structure's request when optional), writes up, or sits in to follow the programme.

        A body it may lead with others (« anime_par: [aract, pilote] ») is no commitment of its own: the letter says who may lead it (``SharedLead``).
        """
        bodies = self.programme.bodies
        alone = [body for body in bodies if body.led_by == (organisation.id,)]
        return contexts.Party(
            nom=organisation.name,
            sigle=organisation.acronym,
            designation=french.capitalise(french.the(organisation.name, organisation.article)),
            signataire=_signatory(organisation),
            anime=", ".join(sentence_name(body.name) for body in alone if body.mandatory),
            anime_sur_demande=", ".join(sentence_name(body.name) for body in alone if not body.mandatory),
            comptes_rendus=", ".join(sentence_name(body.name) for body in bodies if body.minutes_by == organisation.id),
            suivi=french.of(sentence_name(follow_up.name), follow_up.article)
            if follow_up is not None and organisation.id in (*follow_up.members, *follow_up.optional_members, *follow_up.led_by)
            else "",
        )

    def all(self, only: str | None = None, unsigned: bool = False) -> list[Letter]:
        """Every letter of every application (or of ``only``); with ``unsigned``, a letter of engagement nobody can sign yet is left out instead of refused (ACIA325 warns)."""
        made = []
        for application in self.model.applications:
            if only is not None and application.id != only:
                continue
            for produce in (self.acknowledgement, self.notification, self.commitment):
                if unsigned and produce == self.commitment and application.og.legal_representative is None:
                    continue
                result = produce(application)
                if result is not None:
                    made.append(result)
        return made


def _team_lines(application: Application, per_etablissement: bool) -> tuple[contexts.TeamLine, ...]:
    """The teams the letter names with their pilot: each établissement's, or the organisme gestionnaire's."""
    lines = []
    for etablissement, team in zip(application.etablissements if per_etablissement else (None,), application.expected_teams(per_etablissement), strict=True):
        pilot = team.pilot if team is not None else None
        lines.append(contexts.TeamLine(etablissement.name if etablissement is not None else "", pilot.person.full_name if pilot is not None else ""))
    return tuple(lines)


def _pilots_line(application: Application) -> contexts.PilotsLine | None:
    coordination = application.coordination
    if coordination is None:
        return None
    coordinator = coordination.coordinator
    return contexts.PilotsLine(coordination.joint_copil, f"{coordinator.person.full_name}, {coordinator.function}" if coordinator is not None else "")


def blank_form_sections(schemas, programme: Programme) -> list[dict]:
    """The Annexe 1 form, section by section, as the template prints it (see ``annexe``)."""
    from acia.forms import annexe

    printed = []
    for section in annexe.sections(schemas, programme):
        table = section.table
        printed.append(
            {
                "titre": section.title,
                "description": section.description,
                # The section's own fields, then one block per item of a list (« Établissement 1 »):
                # easier to fill by hand and to print than a wide table.
                "blocs": [{"titre": "", "champs": [{"titre": annexe.column_title(item), "choix": [label for label, _ in item.choices]} for item in section.fields]}]
                + [
                    {"titre": f"{table.item_title} {number}", "champs": [{"titre": annexe.column_title(column), "choix": [label for label, _ in column.choices]} for column in table.columns]}
                    for number in range(1, (table.rows if table else 0) + 1)
                ],
            }
        )
    return printed


def sending(programme: Programme) -> str:
    """How to send the form, as the programme's channel says: « par courriel à … », « sur la plateforme … », « par courrier à … »."""
    rules = programme.application
    if rules.channel == "plateforme" and rules.platform is not None:
        return f"sur la plateforme « {rules.platform.name} » ({rules.platform.url})"
    if rules.channel == "courrier" and rules.postal_address:
        return f"par courrier à l'adresse suivante : {' '.join(rules.postal_address.split())}"
    recipients = [recipient.email for recipient in rules.public_recipients]
    return f"par courriel à {', '.join(recipients)}" if recipients else "par courriel aux contacts indiqués dans l'appel"


def blank_form(context: Context, root: Path = Path(".")) -> Letter:
    """The blank Annexe 1, generated from the application schema: form and schema never differ."""
    from acia.forms import annexe

    programme = context.programme
    launch = programme.milestone("lancement") or programme.milestone("depot")
    day = launch.start if launch is not None else programme.programme_period.start
    documents = _Letters(context, root)
    markdown = documents.render(
        "annexe-1",
        contexts.BlankForm(
            titre=programme.form_title,
            date=french.long_date(day),
            date_limite=french.long_datetime(programme.deadline),
            envoi=sending(programme),
            combien=annexe.how_many(programme),
            sections=blank_form_sections(context.schemas, programme),
            rgpd=notice.notice(programme),
        ),
    )
    return Letter("", "annexe-1-vierge", markdown, day, documents.letterhead()[1])


def followup_report(context: Context, root: Path = Path(".")) -> Letter | None:
    """The report to the comité de suivi: the state of every retained structure at "now"."""
    from acia.site import followup as site_followup

    followup = context.followup
    if followup is None or not followup.structures:
        return None
    programme = context.programme
    now = context.now.astimezone(programme.timezone)
    structures = []
    for structure in sorted(followup.structures.values(), key=lambda item: item.name.lower()):
        figures = site_followup.progress(programme, structure)
        pending = [item for item in structure.recommendations if item.answer is None]
        overdue = structure.arbitrage is not None and structure.arbitrage <= now and pending
        upcoming = next((meeting for meeting in structure.meetings if not meeting.cancelled and meeting.start > now), None)
        axe = programme.axe(structure.axe)
        structures.append(
            {
                "nom": structure.name,
                "axe": axe.short_title if axe is not None else structure.axe,
                "chiffres": figures,
                "livrables": [{"libelle": item.label, "statut": STATUS_LABELS[item.status]} for item in structure.deliverables],
                "en_attente": len(pending),
                "en_retard": bool(overdue),
                "manquants": [f"{meeting_summary(programme, meeting, structure.groups)} du {french.short_date(meeting.start.date())}" for meeting in structure.minutes_missing],
                "prochaine": f"{meeting_summary(programme, upcoming, structure.groups, structure.axe)}, le {french.long_date(upcoming.start.date())}" if upcoming else "aucune réunion planifiée",
            }
        )
    committees = [meeting for meeting in followup.collective if meeting.level == "programme" and not meeting.cancelled]
    next_committee = next((meeting for meeting in committees if meeting.start > now), None)
    collective = [
        {"quand": french.short_date(meeting.start.date()), "quoi": meeting_summary(programme, meeting, {}), "etat": "tenue" if meeting.held(now) else ("annulée" if meeting.cancelled else "prévue")}
        for meeting in followup.collective
    ]
    documents = _Letters(context, root)
    body = programme.follow_up_committee
    markdown = documents.render(
        "rapport-comite-suivi",
        contexts.FollowUpReport(
            titre=f"Rapport {french.to(sentence_name(body.name), body.article)}" if body is not None else "Rapport de suivi",
            pour=body.in_sentence if body is not None else "la réunion",
            date=french.long_date(now.date()),
            heure=french.clock(now),
            comite=french.long_date(next_committee.start.date()) if next_committee else "",
            structures=structures,
            total=site_followup.programme_totals(followup),
            collectif=collective,
        ),
    )
    return Letter("", "rapport-comite-suivi", markdown, now.date(), documents.letterhead()[1])


def prepare(context: Context, only: str | None = None, root: Path = Path("."), unsigned: bool = False) -> list[Letter]:
    """Every document to produce; ``root`` is the instance folder (logos are read from it).

    ``acia courriers`` refuses a letter of engagement without the OG's signatory
    (the officer asked for it); the site passes ``unsigned`` and offers the
    structure's other letters meanwhile.
    """
    if only is not None and (context.model is None or context.model.application(only) is None):
        raise DocumentError(f"aucune candidature « {only} » dans data/applications/ (option --seulement)")
    made = _Letters(context, root).all(only, unsigned)
    if only is not None:
        return made
    report = followup_report(context, root)
    return made + [blank_form(context, root)] + ([report] if report is not None else [])


def convert(document: Letter, output_format: str, target: Path) -> None:
    """Convert one document with pandoc (and typst for PDF), atomically; ``acia.letters.conversions`` converts many at once."""
    label = f"« {document.name} » ({document.application})" if document.application else f"« {document.name} »"
    try:
        (content,) = pandoc.convert_all([pandoc.Job(document.markdown, document.day, output_format, document.resources, label)])
    except pandoc.ConversionError as error:
        raise DocumentError(str(error)) from None
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(target.suffix + ".tmp")
    temporary.write_bytes(content)
    temporary.replace(target)


def remove_stale(root: Path, written: list[Path], formats: tuple[str, ...], applications: set[str], only: str | None = None) -> list[Path]:
    """Remove the documents an earlier run wrote and this one did not; return them.

    The folders of applications no longer in the data go; in the folders this
    run covered (every one, or only ``only``'s), a document of a produced format
    that was not written again goes too (a letter of engagement after a decision
    changed). Only files acia names are touched: another file keeps its folder.
    """
    folder = root / "build" / "documents"
    if not folder.is_dir() or folder.is_symlink():
        return []
    kept = {path.resolve() for path in written}
    every = {f"{name}.{output_format}" for name in NAMES for output_format in FORMATS}
    every |= {f"{name}.tmp" for name in every}
    produced = {f"{name}.{output_format}" for name in NAMES for output_format in formats}
    removed = []

    def sweep(place: Path, names: set[str]) -> None:
        for path in sorted(place.iterdir()):
            if path.name in names and path.is_file() and not path.is_symlink() and path.resolve() not in kept:
                path.unlink()
                removed.append(path)

    if only is None:
        sweep(folder, produced)
    for place in sorted(folder.iterdir()):
        if not place.is_dir() or place.is_symlink():
            continue
        if place.name not in applications:
            sweep(place, every)
        elif only is None or place.name == only:
            sweep(place, produced)
        else:
            continue
        if not any(place.iterdir()):
            place.rmdir()
    return removed
