"""A derogation names an existing, actually late application and known organisations."""

from __future__ import annotations

from acia.findings import Rule, Severity
from acia.model.programme import parse_date, parse_datetime

RULE = Rule(
    id="ACIA310",
    title="Dérogation incohérente",
    severity=Severity.ERROR,
    hint="Une dérogation vise une candidature existante reçue après la date limite, décidée par des organisations du programme, après la date limite.",
    example="derogations:\n  - candidature: og-inconnu\n    decidee_par: [prefecture]",
    fix="derogations:\n  - candidature: og-exemple\n    decidee_par: [ars, aract]",
    scope="instance",
)


def check(ctx):
    programme = ctx.programme
    applications = {document.data["id"]: document for document in ctx.applications}
    seen: set[str] = set()
    for document, index, entry in ctx.derogations:
        base = ("derogations", index)
        target = entry["candidature"]
        if target in seen:
            yield document.finding(RULE, base + ("candidature",), f"une autre dérogation vise déjà « {target} »")
        seen.add(target)
        application = applications.get(target)
        if application is None:
            yield document.finding(
                RULE, base + ("candidature",), f"aucune candidature « {target} » dans data/applications/", "Écrivez l'identifiant exact de la candidature (nom de son fichier sans « .yml »)."
            )
        if programme is None:
            continue
        for org_index, organisation in enumerate(entry["decidee_par"]):
            if programme.organisation(organisation) is None:
                yield document.finding(
                    RULE, base + ("decidee_par", org_index), f"l'organisation « {organisation} » n'existe pas dans le programme", f"Organisations : {', '.join(item.id for item in programme.organisations)}."
                )
        if parse_datetime(entry["recue_jusqu_au"]) <= programme.deadline:
            yield document.finding(RULE, base + ("recue_jusqu_au",), "la limite de la dérogation n'est pas postérieure à la date limite de l'appel")
        if application is not None and parse_datetime(application.data["date_reception"]) <= programme.deadline:
            yield document.finding(
                RULE, base + ("candidature",), f"la candidature « {target} » a été reçue dans les délais : cette dérogation est inutile", severity=Severity.WARNING
            )
        if parse_date(entry["decidee_le"]) < programme.deadline.date():
            yield document.finding(RULE, base + ("decidee_le",), "la dérogation est datée d'avant la date limite : une dérogation se décide après le retard")
