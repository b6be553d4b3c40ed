"""Minutes exist for every held meeting whose body has a named writer, once the grace period is over."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity
from acia.model import followup

RULE = Rule(
    id="ACIA505",
    title="Compte rendu manquant",
    severity=Severity.WARNING,
    hint="Déposez le compte rendu de la réunion dans le dossier comptes-rendus/ de son suivi, sous le nom <identifiant de la réunion>.md. Ce n'est qu'un avertissement : il apparaît avec le temps, sans bloquer les autres modifications.",
    example="reunions.yml : copil-2 tenue le 14/09/2023, et pas de comptes-rendus/copil-2.md un mois après",
    fix='---\nredige_par: aract\nredige_le: "2023-09-20"\n---\n# COPIL 2\n\nPrésents : …',
    scope="instance",
)


def check(ctx: Context) -> Iterator[Finding]:
    programme = ctx.programme
    if programme is None or ctx.followup is None:  # ctx.followup is None exactly when the programme is
        return
    delay = followup.minutes_delay(programme)
    for meeting in ctx.followup.meetings:
        body = programme.body(meeting.body)
        if body is None or body.minutes_by is None or meeting.cancelled or meeting.has_minutes or meeting.end + delay > ctx.now:
            continue
        writer = body.minutes_by
        yield meeting.source.at("id").finding(
            RULE,
            f"pas de compte rendu pour {followup.describe(programme, meeting)}, {delay.days} jours ou plus après la réunion (compte rendu attendu de : {writer})",
            f"Créez {followup.folder_of(meeting.source.file)}/comptes-rendus/{meeting.id}.md : un en-tête « redige_par: {writer} » entre deux lignes « --- », puis le compte rendu en Markdown. Si la réunion n'a pas eu lieu, ajoutez « annulee: {{motif: …}} » ou changez sa date.",
        )
