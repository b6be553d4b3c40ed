"""Every working-group recommendation has an answer once the arbitrage has happened (the call's rule)."""

from __future__ import annotations

from collections.abc import Iterator

from acia import french
from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA508",
    title="Recommandation sans réponse après l'arbitrage",
    severity=Severity.WARNING,
    hint="Après l'arbitrage, donnez à chaque recommandation « reponse » (acceptee, refusee ou reportee) et sa « justification ». Avertissement : il apparaît avec le temps, sans bloquer les autres modifications.",
    example='- texte: Un temps de transmission de 10 minutes entre équipes\n  groupe_travail: gt-transmissions\n  date: "2023-10-05"',
    fix='- texte: Un temps de transmission de 10 minutes entre équipes\n  groupe_travail: gt-transmissions\n  date: "2023-10-05"\n  reponse: acceptee\n  justification: Mis en place dès janvier sur les deux unités.',
    scope="instance",
)


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.followup is None:
        return
    for structure in ctx.followup.structures.values():
        if structure.arbitrage is None or structure.arbitrage > ctx.now or not structure.recommendations:
            continue
        when = french.short_date(structure.arbitrage.date())
        # The call's rule, when the programme states it (regles.reponse_aux_recommandations).
        rule = " ; l'appel veut une réponse, positive ou négative, à chaque recommandation" if ctx.programme is not None and ctx.programme.rules.answer_recommendations else ""
        for item in structure.recommendations:
            if item.answer is None:
                yield item.source.finding(
                    RULE, f"la recommandation du {french.short_date(item.day)} (groupe « {item.group} ») n'a pas de réponse, alors que l'arbitrage a eu lieu (fin le {when}){rule}", at_key=True
                )
