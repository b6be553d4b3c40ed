"""SIRET numbers of établissements and organismes gestionnaires pass the Luhn check."""

from __future__ import annotations

from collections.abc import Iterator

from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.fr import siret

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity
from acia.load.documents import Source
from acia.model.application import Application

RULE = Rule(
    id="ACIA201",
    title="Numéro SIRET invalide",
    severity=Severity.ERROR,
    hint="Recopiez le SIRET depuis l'avis de situation au répertoire SIRENE (14 chiffres, entre guillemets) : la clé de contrôle ne correspond pas.",
    example='siret: "78467169500088"',
    fix='siret: "78467169500087"',
)


def _locations(application: Application) -> Iterator[tuple[Source, str]]:
    if application.og.siret is not None:
        yield application.og.source.at("siret"), application.og.siret
    for etablissement in application.etablissements:
        yield etablissement.source.at("siret"), etablissement.siret


def check(ctx: Context) -> Iterator[Finding]:
    # Checked even when the programme is unusable (ctx.model is then None).
    applications = ctx.records.applications
    for application in applications:
        for source, value in _locations(application):
            compact = siret.compact(value)
            try:
                siret.validate(compact)
            except InvalidLength:
                yield source.finding(RULE, f"le SIRET « {value} » a {len(compact)} caractères au lieu de 14")
            except InvalidFormat:
                yield source.finding(RULE, f"le SIRET « {value} » ne doit contenir que des chiffres (les espaces sont tolérés)")
            except InvalidChecksum:
                yield source.finding(RULE, f"le SIRET « {value} » a une clé de contrôle (Luhn) incorrecte : un chiffre est sans doute mal recopié")
