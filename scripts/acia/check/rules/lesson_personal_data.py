"""What the public site shows of the follow-up names no person: shareable lessons, and the collective's meetings (calendar)."""

from __future__ import annotations

from acia.findings import Rule, Severity
from acia.model import followup
from acia.model.followup import COLLECTIVE

RULE = Rule(
    id="ACIA512",
    title="Nom de personne dans un texte publié du suivi",
    severity=Severity.ERROR,
    hint="Les enseignements « partageable: true » et l'objet et le lieu des réunions du collectif sont publiés sur le site public et dans son agenda : reformulez sans nom de personne (parlez de la fonction : « la cadre de santé »), ou passez l'enseignement en « partageable: false ».",
    example="- nature: levier\n  theme: conduite-projet\n  texte: Mme Durand a convaincu l'équipe de nuit.\n  partageable: true",
    fix="- nature: levier\n  theme: conduite-projet\n  texte: La directrice a convaincu l'équipe de nuit en venant à sa relève.\n  partageable: true",
    scope="instance",
)


def check(ctx):
    names = None
    for document in ctx.of_kind("reunions"):
        if document.folder != COLLECTIVE:
            continue
        for index, meeting in enumerate(document.data["reunions"]):
            for key in ("objet", "lieu"):
                if key in meeting:
                    names = names if names is not None else followup.person_names(ctx.documents)
                    found = followup.names_in(meeting[key], names)
                    if found:
                        yield document.finding(RULE, ("reunions", index, key), f"« {key} » de la réunion « {meeting['id']} », publié dans l'agenda du collectif, nomme une personne ({', '.join(found)})")
    for document in ctx.of_kind("compte_rendu"):
        for index, lesson in enumerate(document.data.get("enseignements", [])):
            if not lesson["partageable"]:
                continue
            if names is None:
                names = followup.person_names(ctx.documents)
            found = followup.names_in(lesson["texte"], names)
            if found:
                yield document.finding(RULE, ("enseignements", index, "texte"), f"l'enseignement publié nomme une personne ({', '.join(found)})")
