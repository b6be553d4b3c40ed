"""The regional calendar runs in order: launch, deposit window, analysis, committee, notification, steps."""

from __future__ import annotations

from collections.abc import Iterator

from acia import french
from acia.check.context import Context
from acia.findings import Finding, Rule, Severity
from acia.load.documents import Source
from acia.model.programme import Event

RULE = Rule(
    id="ACIA402",
    title="Calendrier dans le désordre",
    severity=Severity.ERROR,
    hint="Le comité de sélection se tient après la date limite et après l'analyse ; la notification suit le comité ; les étapes commencent après le comité et se suivent sans se chevaucher.",
    example='- id: comite-selection\n  debut: "2023-06-11"   # date limite : 30/06/2023',
    fix='- id: comite-selection\n  debut: "2023-07-11"',
)


def check(ctx: Context) -> Iterator[Finding]:
    programme, source = ctx.programme, ctx.programme_source
    if programme is None or source is None:
        return
    deadline_day = programme.deadline.date()
    d = french.short_date

    def at(event: Event) -> Source:
        return source.at("calendrier", event.calendar, event.index, "debut")

    launch = programme.milestone("lancement")
    deposit = programme.milestone("depot")
    analysis = programme.milestone("analyse")
    committee = programme.milestone("comite_selection")
    notification = programme.milestone("notification")

    if deposit is not None and deposit.end != deadline_day:
        yield source.at("candidature", "date_limite").finding(
            RULE,
            f"la date limite ({d(deadline_day)}) ne correspond pas à la fin de la fenêtre de dépôt « {deposit.label} » ({d(deposit.end)})",
        )
    if launch is not None and deposit is not None and deposit.start < launch.start:
        yield at(deposit).finding(RULE, f"la fenêtre de dépôt s'ouvre le {d(deposit.start)}, avant le lancement de l'appel ({d(launch.start)})")
    if analysis is not None:
        if deposit is not None and analysis.start < deposit.start:
            yield at(analysis).finding(RULE, f"l'analyse commence le {d(analysis.start)}, avant l'ouverture du dépôt ({d(deposit.start)})")
        if analysis.end < deadline_day:
            yield source.at("calendrier", analysis.calendar, analysis.index, "fin" if analysis.end != analysis.start else "debut").finding(
                RULE,
                f"l'analyse des candidatures se termine le {d(analysis.end)}, avant la date limite de dépôt ({d(deadline_day)})",
            )
    if committee is not None:
        if committee.start <= deadline_day:
            yield at(committee).finding(
                RULE,
                f"le comité de sélection est daté du {d(committee.start)}, avant ou le jour de la date limite de dépôt ({d(deadline_day)})",
            )
        if analysis is not None and committee.start < analysis.end:
            yield at(committee).finding(RULE, f"le comité de sélection ({d(committee.start)}) se tient avant la fin de l'analyse ({d(analysis.end)})")
        if notification is not None and notification.start < committee.start:
            yield at(notification).finding(RULE, f"la notification ({d(notification.start)}) précède le comité de sélection ({d(committee.start)})")
    previous = None
    for expected_number, step in enumerate(programme.steps, start=1):
        if step.number != expected_number:
            yield source.at("etapes", step.index, "numero").finding(RULE, f"l'étape « {step.title} » porte le numéro {step.number} ; {expected_number} était attendu")
        if committee is not None and step.period.start <= committee.start:
            yield source.at("etapes", step.index, "periode", "debut").finding(
                RULE,
                f"l'étape « {step.title} » commence le {d(step.period.start)}, avant que les structures soient sélectionnées (comité du {d(committee.start)})",
            )
        if previous is not None and step.period.start <= previous.period.end:
            yield source.at("etapes", step.index, "periode", "debut").finding(
                RULE,
                f"l'étape « {step.title} » commence le {d(step.period.start)}, avant la fin de l'étape « {previous.title} » ({d(previous.period.end)})",
            )
        previous = step
