"""Phone numbers follow the French numbering plan (10 digits, or +33 and 9 digits).

A regular expression is enough here: the French plan is fixed-length and we
only check the shape, not whether the line exists.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA204",
    title="Numéro de téléphone invalide",
    severity=Severity.ERROR,
    hint='Écrivez un numéro français à 10 chiffres entre guillemets, éventuellement groupés par deux : "04 95 12 34 56" ou "+33 4 95 12 34 56".',
    example="telephone: 04 95 12 34",
    fix='telephone: "04 95 12 34 56"',
)

_SEPARATORS = re.compile(r"[\s.\-]")
_FRENCH = re.compile(r"^(?:0|\+33|0033)[1-9][0-9]{8}$")


def is_french_phone(value: str) -> bool:
    return bool(_FRENCH.match(_SEPARATORS.sub("", value.replace("(0)", ""))))


def check(ctx: Context) -> Iterator[Finding]:
    # Checked even when the programme is unusable (ctx.model is then None).
    applications = ctx.records.applications
    for application in applications:
        for member in application.team:
            if member.phone is not None and not is_french_phone(member.phone):
                yield member.source.at("telephone").finding(RULE, f"« {member.phone} » n'est pas un numéro de téléphone français valide")
