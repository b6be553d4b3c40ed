"""The engagements the programme requires (direction, staff representatives) are given."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA305",
    title="Engagement requis manquant",
    severity=Severity.ERROR,
    hint="L'engagement de la direction et des représentants du personnel est un critère d'éligibilité : obtenez-le avant d'enregistrer la candidature, puis mettez la valeur à true.",
    example="engagements:\n  direction: true\n  representants_personnel: false",
    fix="engagements:\n  direction: true\n  representants_personnel: true",
)

_LABELS = {"direction": "de la direction", "representants_personnel": "des représentants du personnel"}


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.model is None:
        return
    for application in ctx.model.applications:
        for name in ctx.model.programme.required_engagements:
            value = application.engagements.given(name)
            if value is not True:
                state = f"« {name}: false »" if value is False else f"« {name} » n'est pas renseigné"
                yield application.engagements.source.at(name).finding(
                    RULE,
                    f"l'engagement {_LABELS.get(name, name)} est requis par le programme, mais n'est pas acquis ({state})",
                )
