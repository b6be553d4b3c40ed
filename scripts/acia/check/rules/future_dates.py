"""Nothing can have been received or decided after "now" (injectable with --maintenant)."""

from __future__ import annotations

from acia import french
from acia.findings import Rule, Severity
from acia.model.programme import parse_date, parse_datetime

RULE = Rule(
    id="ACIA307",
    title="Date dans le futur",
    severity=Severity.ERROR,
    hint="Une réception ou une décision ne peut pas être datée dans le futur : vérifiez l'année et le mois.",
    example='date_reception: "2032-06-12T10:24:00+02:00"',
    fix='date_reception: "2023-06-12T10:24:00+02:00"',
)


def check(ctx):
    now = ctx.now
    for document in ctx.applications:
        received = parse_datetime(document.data["date_reception"])
        if received > now:
            yield document.finding(
                RULE,
                ("date_reception",),
                f"la date de réception {french.short_datetime(received)} est postérieure à aujourd'hui ({french.short_date(now.date())})",
            )
    for document, index, entry in ctx.derogations:
        decided = parse_date(entry["decidee_le"])
        if decided > now.date():
            yield document.finding(
                RULE,
                ("derogations", index, "decidee_le"),
                f"la dérogation est datée du {french.short_date(decided)}, après aujourd'hui ({french.short_date(now.date())})",
            )
