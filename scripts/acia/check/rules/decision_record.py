"""The committee's decision is dated on the committee day, by its members, and decides every application once."""

from __future__ import annotations

from collections.abc import Iterator

from acia import french
from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA320",
    title="Décision du comité incomplète ou mal datée",
    severity=Severity.ERROR,
    hint="Datez la décision du jour du comité de sélection inscrit au calendrier, listez les organisations présentes et donnez une décision pour chaque candidature reçue, une seule fois.",
    example='comite:\n  date: "2023-06-11"\ndecisions:\n  - candidature: og-exemple\n    decision: retenue',
    fix='comite:\n  date: "2023-07-11"\n  membres_presents: [aract, ars]\ndecisions:\n  - candidature: og-exemple\n    decision: retenue\n  - candidature: og-autre\n    decision: non_retenue',
    scope="instance",
)


def check(ctx: Context) -> Iterator[Finding]:
    programme, model = ctx.programme, ctx.model
    if model is not None:
        applications, selection = model.applications, model.selection
    else:  # without a valid programme there is no model: what needs none is still checked
        applications = ctx.records.applications
        selection = ctx.records.selection
    if selection is None:
        return
    if programme is not None:
        day = selection.committee_day
        at_day = selection.source.at("comite", "date")
        if day <= programme.deadline.date():
            yield at_day.finding(RULE, f"la décision est datée du {french.short_date(day)}, pas après la date limite de dépôt ({french.short_date(programme.deadline.date())})")
        committee = programme.milestone("comite_selection")
        if committee is not None and not committee.start <= day <= committee.end:
            yield at_day.finding(
                RULE,
                f"la décision est datée du {french.short_date(day)}, alors que le comité de sélection est prévu le {french.short_date(committee.start)}",
                "Corrigez la date, ou la date du comité dans data/programme.yml (avec un erratum si le texte de l'appel change).",
            )
        body = programme.body(programme.selection.committee)
        # A committee that lists no members (« membres » is optional) may sit with any organisation of the programme.
        listed = set(body.members + body.optional_members) if body else set()
        allowed = listed or {organisation.id for organisation in programme.organisations}
        for index, member in enumerate(selection.members_present):
            if member not in allowed:
                yield selection.source.at("comite", "membres_presents", index).finding(RULE, f"« {member} » n'est pas membre du comité de sélection", f"Membres : {', '.join(sorted(allowed))}.")
    known = {application.id for application in applications}
    seen: set[str] = set()
    for decision in selection.decisions:
        target = decision.application
        if target in seen:
            yield decision.source.at("candidature").finding(RULE, f"« {target} » a déjà une décision plus haut")
        elif target not in known:
            yield decision.source.at("candidature").finding(RULE, f"aucune candidature « {target} » dans data/applications/")
        seen.add(target)
    for missing in sorted(known - seen):
        yield selection.source.at("decisions").finding(
            RULE, f"la candidature « {missing} » n'a pas de décision", "Ajoutez une décision (retenue, liste_attente ou non_retenue) pour chaque candidature.", at_key=True
        )
