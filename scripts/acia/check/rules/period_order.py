"""Every period of the programme ends on or after the day it starts."""

from __future__ import annotations

from acia import french
from acia.findings import Rule, Severity
from acia.model.programme import parse_date

RULE = Rule(
    id="ACIA401",
    title="Période qui finit avant de commencer",
    severity=Severity.ERROR,
    hint="Vérifiez le jour et surtout le mois des deux dates (une faute de frappe sur le mois est fréquente), puis consignez la correction dans « errata ».",
    example='- id: analyse\n  debut: "2023-06-30"\n  fin: "2023-06-10"',
    fix='- id: analyse\n  debut: "2023-06-30"\n  fin: "2023-07-10"',
)


def periods(data: dict):
    """(path of the period, its mapping) for every dated period of a programme."""
    yield ("calendrier", "periode_programme"), data["calendrier"]["periode_programme"]
    for calendar in ("national", "regional"):
        for index, event in enumerate(data["calendrier"].get(calendar, [])):
            yield ("calendrier", calendar, index), event
    for index, step in enumerate(data.get("etapes", [])):
        yield ("etapes", index, "periode"), step["periode"]


def check(ctx):
    document = ctx.programme_document
    if document is None:
        return
    for path, period in periods(document.data):
        if "fin" not in period:
            continue
        start, end = parse_date(period["debut"]), parse_date(period["fin"])
        if end < start:
            label = period.get("libelle") or period.get("texte_source") or ".".join(str(part) for part in path)
            yield document.finding(
                RULE,
                path + ("fin",),
                f"« {label} » finit le {french.short_date(end)}, avant de commencer le {french.short_date(start)}",
            )
