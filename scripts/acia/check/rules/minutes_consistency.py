"""Minutes are named after a meeting of their folder, have a text, and classify their lessons with the programme's themes."""

from __future__ import annotations

from acia.findings import Rule, Severity
from acia.model import followup

RULE = Rule(
    id="ACIA506",
    title="Compte rendu sans réunion ou incomplet",
    severity=Severity.ERROR,
    hint="Nommez le compte rendu d'après l'identifiant d'une réunion de reunions.yml du même dossier, écrivez son texte après l'en-tête et classez ses enseignements dans un thème de « suivi.themes » (data/programme.yml).",
    example="comptes-rendus/copil-deux.md   # aucune réunion « copil-deux »",
    fix="comptes-rendus/copil-2.md",
    scope="instance",
)


def check(ctx):
    programme = ctx.programme
    if programme is None:
        return
    by_key = {(meeting.folder, meeting.id): meeting for meeting in ctx.followup.meetings}
    themes = {theme["id"] for theme in programme.raw.get("suivi", {}).get("themes", [])}
    for document in ctx.of_kind("compte_rendu"):
        name = document.rel.rsplit("/", 1)[-1][: -len(".md")]
        meeting = by_key.get((document.folder, name))
        if meeting is None:
            known = sorted(meeting_id for folder, meeting_id in by_key if folder == document.folder)
            yield document.finding(RULE, (), f"aucune réunion « {name} » dans {followup.folder_of(document.rel)}/reunions.yml pour ce compte rendu", f"Renommez le fichier d'après l'identifiant de sa réunion ({', '.join(known) or 'aucune réunion déclarée'}), ou déclarez la réunion.")
        elif meeting.cancelled:
            yield document.finding(RULE, (), f"la réunion {followup.describe(programme, meeting)} est annulée : elle ne peut pas avoir de compte rendu", "Retirez « annulee » de la réunion si elle a eu lieu, ou supprimez ce compte rendu.")
        if not document.body.strip():
            line = max(document.body_line - 1, 1)
            yield followup_finding(document, line, "le compte rendu n'a pas de texte après son en-tête")
        for index, lesson in enumerate(document.data.get("enseignements", [])):
            if lesson["theme"] not in themes:
                yield document.finding(RULE, ("enseignements", index, "theme"), f"le thème « {lesson['theme']} » n'est pas un thème de capitalisation du programme", f"Thèmes : {', '.join(sorted(themes)) or '(aucun : ajoutez « suivi.themes » au programme)'}.")


def followup_finding(document, line: int, message: str):
    return RULE.finding(document.rel, line, 1, "", message, "Écrivez le compte rendu en Markdown sous la ligne « --- » qui ferme l'en-tête.")
