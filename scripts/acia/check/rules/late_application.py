"""An application received after the deadline is rejected unless a derogation is recorded."""

from __future__ import annotations

from collections.abc import Iterator

from acia import french
from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA306",
    title="Candidature reçue après la date limite",
    severity=Severity.ERROR,
    hint="Vérifiez la date de réception (date et heure du courriel). Si l'ARS et l'Aract acceptent le retard, enregistrez la dérogation dans data/derogations.yml.",
    example='date_reception: "2023-07-03T09:15:00+02:00"   # date limite : 30/06/2023',
    fix='# data/derogations.yml\nderogations:\n  - candidature: og-exemple\n    decidee_le: "2023-07-04"\n    decidee_par: [ars, aract]\n    motif: Courriel bloqué par la messagerie de l\'OG\n    recue_jusqu_au: "2023-07-05T23:59:59+02:00"',
    scope="instance",
)


def check(ctx: Context) -> Iterator[Finding]:
    model = ctx.model
    if model is None:
        return
    programme = model.programme
    deadline = programme.deadline
    shown = f"{french.short_datetime(deadline)} ({french.zone(programme.timezone.key)})"
    for application in model.applications:
        received = application.received
        if received <= deadline:
            continue
        late = french.duration(received - deadline)
        derogation = model.derogation_for(application.id)
        if derogation is None:
            yield application.source.at("date_reception").finding(
                RULE,
                f"candidature reçue {late} après la date limite du {shown} : elle est hors délai",
            )
            continue
        accepted_until = derogation.accepted_until
        if received > accepted_until:
            yield application.source.at("date_reception").finding(
                RULE,
                f"candidature reçue {late} après la date limite du {shown}, et après la limite de la dérogation "
                f"({french.short_datetime(accepted_until.astimezone(programme.timezone))}) : elle reste hors délai",
            )
