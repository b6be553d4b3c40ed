"""Sectors and fundings named in an application are those the programme defines.

The programme's lists (« secteurs », « financements » in data/programme.yml)
are the only closed lists: the schema accepts any code, this rule checks it
against the programme, and names the possible codes with their labels.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity
from acia.model.programme import Labelled, Sector

RULE = Rule(
    id="ACIA309",
    title="Secteur ou financement inconnu du programme",
    severity=Severity.ERROR,
    hint="Utilisez un code défini dans data/programme.yml (clés « secteurs » et « financements »).",
    example="financement: [cpam]\nsecteur: personnes âgées",
    fix="financement: [assurance_maladie]\nsecteur: PA",
)


def _normalise(text: str) -> str:
    """« Personnes âgées » and « personnes-agees » alike: no accents, case, spaces or punctuation."""
    return re.sub(r"[^a-z0-9]+", "", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower())


def _listing(items: tuple[Sector, ...] | tuple[Labelled, ...]) -> str:
    """« PA (Personnes âgées), PH (Personnes handicapées) »."""
    return ", ".join(f"{item.id} ({item.label})" for item in items)


def _suggestion(value: str, items: tuple[Sector, ...] | tuple[Labelled, ...]) -> str:
    """« Vouliez-vous dire « PA » ? » when the value is a code in other letters or a label written out."""
    key = _normalise(value)
    close = next((item for item in items if key and key in (_normalise(item.id), _normalise(item.label))), None)
    return f"Vouliez-vous dire « {close.id} » ({close.label}) ? " if close is not None else ""


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.model is None:
        return
    programme = ctx.model.programme
    for application in ctx.model.applications:
        for index, funding in enumerate(application.fundings):
            if programme.funding(funding) is None:
                yield application.source.at("financement", index).finding(
                    RULE,
                    f"le financement « {funding} » n'existe pas dans le programme",
                    f"{_suggestion(funding, programme.fundings)}Financements possibles : {_listing(programme.fundings)}.",
                )
        for etablissement in application.etablissements:
            if programme.sector(etablissement.sector) is None:
                yield etablissement.source.at("secteur").finding(
                    RULE,
                    f"le secteur « {etablissement.sector} » de l'établissement « {etablissement.name} » n'est pas prévu par ce programme",
                    f"{_suggestion(etablissement.sector, programme.sectors)}Secteurs possibles (clé « secteurs » de data/programme.yml) : {_listing(programme.sectors)}.",
                )
