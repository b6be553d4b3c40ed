"""Minutes are named after a meeting of their folder, have a text, and classify their lessons with the programme's themes."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity
from acia.model import followup
from acia.model.followup import Minutes

RULE = Rule(
    id="ACIA506",
    title="Compte rendu sans réunion ou incomplet",
    severity=Severity.ERROR,
    hint="Nommez le compte rendu d'après l'identifiant d'une réunion de reunions.yml du même dossier, écrivez son texte après l'en-tête et classez ses enseignements dans un thème de « suivi.themes » (data/programme.yml).",
    example="comptes-rendus/copil-deux.md   # aucune réunion « copil-deux »",
    fix="comptes-rendus/copil-2.md",
    scope="instance",
)


def check(ctx: Context) -> Iterator[Finding]:
    programme = ctx.programme
    if programme is None or ctx.followup is None:  # ctx.followup is None exactly when the programme is
        return
    themes = {theme.id for theme in (programme.followup.themes if programme.followup is not None else ())}
    for minutes in ctx.followup.minutes:
        meeting = ctx.followup.meeting(minutes.folder, minutes.meeting)
        if meeting is None:
            known = sorted(meeting_id for folder, meeting_id in ctx.followup.by_key if folder == minutes.folder)
            yield minutes.source.finding(
                RULE,
                f"aucune réunion « {minutes.meeting} » dans {followup.folder_of(minutes.source.file)}/reunions.yml pour ce compte rendu",
                f"Renommez le fichier d'après l'identifiant de sa réunion ({', '.join(known) or 'aucune réunion déclarée'}), ou déclarez la réunion.",
            )
        elif meeting.cancelled:
            yield minutes.source.finding(
                RULE,
                f"la réunion {followup.describe(programme, meeting)} est annulée : elle ne peut pas avoir de compte rendu",
                "Retirez « annulee » de la réunion si elle a eu lieu, ou supprimez ce compte rendu.",
            )
        if not minutes.body.strip():
            line = max(minutes.body_line - 1, 1)
            yield followup_finding(minutes, line, "le compte rendu n'a pas de texte après son en-tête")
        for lesson in minutes.lessons:
            if lesson.theme not in themes:
                yield lesson.source.at("theme").finding(
                    RULE,
                    f"le thème « {lesson.theme} » n'est pas un thème de capitalisation du programme",
                    f"Thèmes : {', '.join(sorted(themes)) or '(aucun : ajoutez « suivi.themes » au programme)'}.",
                )


def followup_finding(minutes: Minutes, line: int, message: str) -> Finding:
    return RULE.finding(minutes.source.file, line, 1, "", message, "Écrivez le compte rendu en Markdown sous la ligne « --- » qui ferme l'en-tête.")
