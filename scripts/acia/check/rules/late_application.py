"""An application received after the deadline is rejected unless a derogation is recorded."""

from __future__ import annotations

from acia import french
from acia.findings import Rule, Severity
from acia.model.programme import parse_datetime

RULE = Rule(
    id="ACIA306",
    title="Candidature reçue après la date limite",
    severity=Severity.ERROR,
    hint="Vérifiez la date de réception (date et heure du courriel). Si l'ARS et l'Aract acceptent le retard, enregistrez la dérogation dans data/derogations.yml.",
    example='date_reception: "2023-07-03T09:15:00+02:00"   # date limite : 30/06/2023',
    fix='# data/derogations.yml\nderogations:\n  - candidature: og-exemple\n    decidee_le: "2023-07-04"\n    decidee_par: [ars, aract]\n    motif: Courriel bloqué par la messagerie de l\'OG\n    recue_jusqu_au: "2023-07-05T23:59:59+02:00"',
    scope="instance",
)


def derogation_for(ctx, application_id: str) -> dict | None:
    for _document, _index, entry in ctx.derogations:
        if entry["candidature"] == application_id:
            return entry
    return None


def check(ctx):
    programme = ctx.programme
    if programme is None:
        return
    deadline = programme.deadline
    shown = f"{french.short_datetime(deadline)} ({deadline.tzinfo.key})"
    for document in ctx.applications:
        received = parse_datetime(document.data["date_reception"])
        if received <= deadline:
            continue
        late = french.duration(received - deadline)
        derogation = derogation_for(ctx, document.data["id"])
        if derogation is None:
            yield document.finding(
                RULE,
                ("date_reception",),
                f"candidature reçue {late} après la date limite du {shown} : elle est hors délai",
            )
            continue
        accepted_until = parse_datetime(derogation["recue_jusqu_au"])
        if received > accepted_until:
            yield document.finding(
                RULE,
                ("date_reception",),
                f"candidature reçue {late} après la date limite du {shown}, et après la limite de la dérogation "
                f"({french.short_datetime(accepted_until.astimezone(programme.timezone))}) : elle reste hors délai",
            )
