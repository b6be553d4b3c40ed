"""Personal data kept past the retention period the programme declares: time to run « acia purger »."""

from __future__ import annotations

from collections.abc import Iterator

from acia import french
from acia.check.context import Context
from acia.check.personal import remaining_in
from acia.findings import Finding, Rule, Severity
from acia.model import retention

RULE = Rule(
    id="ACIA516",
    title="Données personnelles à effacer",
    severity=Severity.WARNING,
    hint="Lancez « acia purger » pour voir ce qui est à effacer, puis « acia purger --appliquer » pour l'effacer (noms, prénoms, e-mails et téléphones remplacés ou retirés).",
    example='# data/selection.yml : comite.date: "2023-07-11", candidature non retenue, conservation de 12 mois ; aujourd\'hui : 2024-08-01\nequipe_projet:\n  - nom: Durand\n    prenom: Alix',
    fix='equipe_projet:\n  - nom: "[personne 1]"\n    prenom: "[effacé]"',
    scope="instance",
)


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.model is None:
        return
    documents = {document.rel: document for document in ctx.documents}
    today = ctx.now.astimezone(ctx.model.programme.timezone).date()
    for holding in retention.holdings(ctx.model, documents):
        if not holding.is_due(today) or holding.due is None:
            continue
        document = documents[holding.rel]
        remaining = remaining_in(ctx.schemas, document)
        if not remaining:
            continue
        period = holding.retention
        yield document.finding(
            RULE,
            remaining[0].path,
            f"{french.plural(len(remaining), 'donnée personnelle', 'données personnelles')} ({period.label.lower()}) "
            f"{french.agree(len(remaining), 'aurait dû', 'auraient dû')} être {french.agree(len(remaining), 'effacée')} le {french.short_date(holding.due)} : "
            f"la durée de conservation est de {french.months(period.months)} après {period.start_label}",
        )
