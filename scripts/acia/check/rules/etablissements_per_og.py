"""An organisme gestionnaire engages at most the number of établissements the programme allows."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA304",
    title="Trop d'établissements pour un organisme gestionnaire",
    severity=Severity.ERROR,
    hint="Retenez au plus le nombre d'établissements fixé par le programme (limites.etablissements_par_og.max).",
    example="etablissements:\n  - …\n  - …\n  - …\n  - …",
    fix="etablissements:\n  - …\n  - …\n  - …",
)


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.model is None or ctx.model.programme.max_etablissements_per_og is None:
        return
    limit = ctx.model.programme.max_etablissements_per_og
    # The programme's own rule, when it has one: the OG then carries the approach to its other ESMS.
    duplication = " ; l'OG s'engage à dupliquer ensuite la démarche dans ses autres ESMS" if ctx.model.programme.rules.duplication_in_og else ""
    for application in ctx.model.applications:
        count = len(application.etablissements)
        if count > limit:
            yield application.etablissements[limit].source.finding(
                RULE,
                f"la candidature engage {count} établissements ; le programme en autorise au plus {limit} par organisme gestionnaire{duplication}",
            )
