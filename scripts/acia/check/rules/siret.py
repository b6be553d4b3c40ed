"""SIRET numbers of établissements and organismes gestionnaires pass the Luhn check."""

from __future__ import annotations

from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.fr import siret

from acia.findings import Rule, Severity

RULE = Rule(
    id="ACIA201",
    title="Numéro SIRET invalide",
    severity=Severity.ERROR,
    hint="Recopiez le SIRET depuis l'avis de situation au répertoire SIRENE (14 chiffres, entre guillemets) : la clé de contrôle ne correspond pas.",
    example='siret: "78467169500088"',
    fix='siret: "78467169500087"',
)


def _locations(data: dict):
    if "siret" in data.get("organisme_gestionnaire", {}):
        yield ("organisme_gestionnaire", "siret"), data["organisme_gestionnaire"]["siret"]
    for index, etablissement in enumerate(data.get("etablissements", [])):
        yield ("etablissements", index, "siret"), etablissement["siret"]


def check(ctx):
    for document in ctx.applications:
        for path, value in _locations(document.data):
            compact = siret.compact(value)
            try:
                siret.validate(compact)
            except InvalidLength:
                yield document.finding(RULE, path, f"le SIRET « {value} » a {len(compact)} caractères au lieu de 14")
            except InvalidFormat:
                yield document.finding(RULE, path, f"le SIRET « {value} » ne doit contenir que des chiffres (les espaces sont tolérés)")
            except InvalidChecksum:
                yield document.finding(RULE, path, f"le SIRET « {value} » a une clé de contrôle (Luhn) incorrecte : un chiffre est sans doute mal recopié")
