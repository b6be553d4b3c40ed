"""Nothing can have been received or decided after "now" (injectable with --maintenant)."""

from __future__ import annotations

from collections.abc import Iterator

from acia import french
from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA307",
    title="Date dans le futur",
    severity=Severity.ERROR,
    hint="Une réception ou une décision ne peut pas être datée dans le futur : vérifiez l'année et le mois.",
    example='date_reception: "2032-06-12T10:24:00+02:00"',
    fix='date_reception: "2023-06-12T10:24:00+02:00"',
)
READS_NOW = True  # its findings change with the date of the run: never kept between runs


def check(ctx: Context) -> Iterator[Finding]:
    now = ctx.now
    # Checked even when the programme is unusable: the records need none.
    applications = ctx.records.applications
    derogations = ctx.records.derogations
    for application in applications:
        if application.received > now:
            yield application.source.at("date_reception").finding(
                RULE,
                f"la date de réception {french.short_datetime(application.received)} est postérieure à aujourd'hui ({french.short_date(now.date())})",
            )
    for derogation in derogations:
        if derogation.decided_on > now.date():
            yield derogation.source.at("decidee_le").finding(
                RULE,
                f"la dérogation est datée du {french.short_date(derogation.decided_on)}, après aujourd'hui ({french.short_date(now.date())})",
            )
