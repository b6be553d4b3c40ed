"""A retained structure names the legal representative who signs its lettre d'engagement."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA325",
    title="Structure retenue sans représentant légal",
    severity=Severity.WARNING,
    hint=(
        "La lettre d'engagement est signée par le représentant légal de l'organisme gestionnaire : ajoutez "
        "« representant_legal » (civilité, nom, prénom, fonction) sous « organisme_gestionnaire ». "
        "D'ici là, la lettre d'engagement n'est ni produite ni publiée ; les autres courriers le sont."
    ),
    example="organisme_gestionnaire:\n  raison_sociale: Association Exemple",
    fix="organisme_gestionnaire:\n  raison_sociale: Association Exemple\n  representant_legal:\n    civilite: Madame\n    nom: Exemple\n    prenom: Anne\n    fonction: Gérante",
    scope="instance",
)


def check(ctx: Context) -> Iterator[Finding]:
    model = ctx.model
    if model is None or model.selection is None:
        return
    retained = set(model.selection.retained)
    for application in model.applications:
        if application.id in retained and application.og.legal_representative is None:
            yield application.og.source.finding(
                RULE,
                f"{application.og.name} est retenue mais son représentant légal n'est pas renseigné : sa lettre d'engagement ne peut pas être produite",
                at_key=True,
            )
