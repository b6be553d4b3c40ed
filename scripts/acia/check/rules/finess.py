"""FINESS numbers have 9 characters, a known département and a valid Luhn key.

The key is the Luhn check digit of the number's numeric form. For Corsica
(2A, 2B) no official statement of that numeric form could be established; we
use the convention of the NIR (2A -> 19, 2B -> 18) and report a mismatch as a
warning only, so that a genuine Corsican number is never blocked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum import luhn

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity
from acia.load.documents import Source
from acia.model.application import Application

RULE = Rule(
    id="ACIA202",
    title="Numéro FINESS invalide",
    severity=Severity.ERROR,
    hint='Recopiez le numéro depuis le répertoire FINESS (9 caractères entre guillemets : le code du département, puis 7 chiffres, ex. "750000001").',
    example='finess_geographique: "75000003"',
    fix='finess_geographique: "750000002"',
)

_SHAPE = re.compile(r"^(?:[0-9]{2}|2[AB])[0-9]{7}$")
_CORSICA = {"2A": "19", "2B": "18"}


def _locations(application: Application) -> Iterator[tuple[Source, str]]:
    yield application.og.source.at("finess_juridique"), application.og.finess
    for etablissement in application.etablissements:
        yield etablissement.source.at("finess_geographique"), etablissement.finess


def problem(value: str) -> tuple[str, Severity] | None:
    """What is wrong with a FINESS number, or None."""
    text = value.replace(" ", "").upper()
    if len(text) != 9:
        return f"le FINESS « {value} » a {len(text)} caractères au lieu de 9", Severity.ERROR
    if not _SHAPE.match(text):
        corsica = " ; les départements de Corse s'écrivent 2A et 2B" if text.startswith("2") else ""
        return f"le FINESS « {value} » doit commencer par un code de département (2 chiffres, ex. 75) suivi de 7 chiffres{corsica}", Severity.ERROR
    if text[:2] == "20":
        return f"le FINESS « {value} » commence par 20, qui n'est pas un code de département : les départements de Corse s'écrivent 2A et 2B", Severity.ERROR
    department = text[:2]
    numeric = _CORSICA.get(department, department) + text[2:]
    if luhn.is_valid(numeric):
        return None
    if department in _CORSICA:
        return (
            f"la clé du FINESS « {value} » ne correspond pas au calcul utilisé pour les départements 2A et 2B (2A→19, 2B→18) ; la règle officielle pour ces départements n'étant pas établie, vérifiez le numéro sans bloquer",
            Severity.WARNING,
        )
    return f"le FINESS « {value} » a une clé de contrôle (Luhn) incorrecte : un caractère est sans doute mal recopié", Severity.ERROR


def check(ctx: Context) -> Iterator[Finding]:
    # Checked even when the programme is unusable (ctx.model is then None).
    applications = ctx.records.applications
    for application in applications:
        for source, value in _locations(application):
            found = problem(value)
            if found is not None:
                message, severity = found
                yield source.finding(RULE, message, severity=severity)
