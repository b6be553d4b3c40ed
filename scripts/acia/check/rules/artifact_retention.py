"""The internal site's CI artifact is not kept longer than the personal data it holds."""

from __future__ import annotations

from collections.abc import Iterator

from acia import french
from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA208",
    title="Artefact du site interne gardé trop longtemps",
    severity=Severity.ERROR,
    hint=(
        "Le site interne contient toutes les données personnelles : réduisez « site.publication.conservation_jours » "
        "à la plus courte des durées de conservation (donnees_personnelles.conservation), ou revoyez cette durée avec le délégué à la protection des données."
    ),
    example="site: {publication: {conservation_jours: 60}}\ndonnees_personnelles:\n  conservation:\n    candidatures_non_retenues: {duree: {mois: 1}, a_compter_de: decision, donnees: …}",
    fix="site: {publication: {conservation_jours: 30}}",
)

DAYS_PER_MONTH = 30  # a month of retention counts as 30 days: the artifact never outlives the shortest duration by more than a day or so


def check(ctx: Context) -> Iterator[Finding]:
    programme, source = ctx.programme, ctx.programme_source
    if programme is None or source is None or programme.data_protection is None or not programme.data_protection.retention:
        return
    if programme.site.internal_publication != "artefact":
        return  # no artifact: the internal site is sealed in the published tree
    shortest = min(programme.data_protection.retention, key=lambda retention: retention.months)
    days = programme.site.artifact_days
    if days > shortest.months * DAYS_PER_MONTH:
        # Written or not (30 days by default), the field to change is this one; the line is the nearest one written.
        yield source.at("site", "publication", "conservation_jours").finding(
            RULE,
            f"la CI garderait l'artefact du site interne {french.plural(days, 'jour')}, plus longtemps que les données personnelles "
            f"qu'il contient (« {shortest.label} » : {french.months(shortest.months)})",
        )
