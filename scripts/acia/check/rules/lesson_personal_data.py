"""What the public site shows of the follow-up names no person: shareable lessons, and the collective's meetings (calendar)."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity
from acia.model import followup
from acia.model.followup import COLLECTIVE

RULE = Rule(
    id="ACIA512",
    title="Nom de personne dans un texte publié du suivi",
    severity=Severity.ERROR,
    hint="Les enseignements « partageable: true » et l'objet et le lieu des réunions du collectif sont publiés sur le site public et dans son agenda : reformulez sans nom, prénom, adresse e-mail ni téléphone de personne (parlez de la fonction : « la cadre de santé »), ou passez l'enseignement en « partageable: false ».",
    example="- nature: levier\n  theme: conduite-projet\n  texte: Mme Durand a convaincu l'équipe de nuit.\n  partageable: true",
    fix="- nature: levier\n  theme: conduite-projet\n  texte: La directrice a convaincu l'équipe de nuit en venant à sa relève.\n  partageable: true",
    scope="instance",
)


def check(ctx: Context) -> Iterator[Finding]:
    files = ctx.followup_files
    collective = files.folder(COLLECTIVE)
    for meeting in collective.meetings if collective is not None else ():
        for key, text in (("objet", meeting.subject), ("lieu", meeting.place)):
            if text:
                found = followup.names_in(text, ctx.person_names)
                if found:
                    yield meeting.source.at(key).finding(RULE, f"« {key} » de la réunion « {meeting.id} », publié dans l'agenda du collectif, nomme une personne ({', '.join(found)})")
    for minutes in files.minutes:
        for lesson in minutes.lessons:
            if not lesson.shareable:
                continue
            found = followup.names_in(lesson.text, ctx.person_names)
            if found:
                yield lesson.source.at("texte").finding(RULE, f"l'enseignement publié nomme une personne ({', '.join(found)})")
