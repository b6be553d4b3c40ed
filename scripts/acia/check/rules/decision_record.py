"""The committee's decision is dated on the committee day, by its members, and decides every application once."""

from __future__ import annotations

from acia import french
from acia.findings import Rule, Severity
from acia.model.programme import parse_date

RULE = Rule(
    id="ACIA320",
    title="Décision du comité incomplète ou mal datée",
    severity=Severity.ERROR,
    hint="Datez la décision du jour du comité de sélection inscrit au calendrier, listez les organisations présentes et donnez une décision pour chaque candidature reçue, une seule fois.",
    example='comite:\n  date: "2023-06-11"\ndecisions:\n  - candidature: og-exemple\n    decision: retenue',
    fix='comite:\n  date: "2023-07-11"\n  membres_presents: [aract, grades, ars]\ndecisions:\n  - candidature: og-exemple\n    decision: retenue\n  - candidature: og-autre\n    decision: non_retenue',
    scope="instance",
)


def check(ctx):
    programme = ctx.programme
    for document in ctx.of_kind("selection"):
        data = document.data
        if programme is not None:
            day = parse_date(data["comite"]["date"])
            if day <= programme.deadline.date():
                yield document.finding(RULE, ("comite", "date"), f"la décision est datée du {french.short_date(day)}, pas après la date limite de dépôt ({french.short_date(programme.deadline.date())})")
            committee = programme.milestone("comite_selection")
            if committee is not None and not committee.start <= day <= committee.end:
                yield document.finding(
                    RULE, ("comite", "date"), f"la décision est datée du {french.short_date(day)}, alors que le comité de sélection est prévu le {french.short_date(committee.start)}",
                    "Corrigez la date, ou la date du comité dans data/programme.yml (avec un erratum si le texte de l'appel change).",
                )
            body = next((item for item in programme.raw["instances"] if item["id"] == programme.raw.get("selection", {}).get("comite")), None)
            allowed = set(body.get("membres", []) + body.get("membres_facultatifs", [])) if body else {organisation.id for organisation in programme.organisations}
            for index, member in enumerate(data["comite"]["membres_presents"]):
                if member not in allowed:
                    yield document.finding(RULE, ("comite", "membres_presents", index), f"« {member} » n'est pas membre du comité de sélection", f"Membres : {', '.join(sorted(allowed))}.")
        applications = {document_.data["id"] for document_ in ctx.applications}
        seen: set[str] = set()
        for index, decision in enumerate(data["decisions"]):
            target = decision["candidature"]
            if target in seen:
                yield document.finding(RULE, ("decisions", index, "candidature"), f"« {target} » a déjà une décision plus haut")
            elif target not in applications:
                yield document.finding(RULE, ("decisions", index, "candidature"), f"aucune candidature « {target} » dans data/applications/")
            seen.add(target)
        for missing in sorted(applications - seen):
            yield document.finding(RULE, ("decisions",), f"la candidature « {missing} » n'a pas de décision", "Ajoutez une décision (retenue, liste_attente ou non_retenue) pour chaque candidature.", at_key=True)
