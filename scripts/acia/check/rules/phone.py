"""Phone numbers are valid numbers of the programme's region, or of any region with their country code.

Read with Google's numbering plans (``acia.phones``): a number without
country code is read in the region the programme declares
(``region_telephone``, « FR » by default), so that « 0262 12 34 56 » is a
Réunion landline and « +590 590 12 34 56 » a Guadeloupe one. Only the shape
is checked, not whether the line exists.
"""

from __future__ import annotations

from collections.abc import Iterator

from acia import french, phones
from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA204",
    title="Numéro de téléphone invalide",
    severity=Severity.ERROR,
    hint='Écrivez le numéro complet entre guillemets, éventuellement groupé par deux : "04 95 12 34 56", ou avec l\'indicatif international : "+33 4 95 12 34 56", "+262 262 12 34 56". Un numéro sans indicatif se lit dans la région téléphonique du programme (« region_telephone », FR par défaut).',
    example="telephone: 04 95 12 34",
    fix='telephone: "04 95 12 34 56"',
)


def check(ctx: Context) -> Iterator[Finding]:
    # Checked even when the programme is unusable (ctx.model is then None): the region is then the default one.
    region = ctx.programme.phone_region if ctx.programme is not None else phones.DEFAULT_REGION
    national, international = phones.examples(region)
    hint = (
        f"Écrivez le numéro complet entre guillemets, éventuellement groupé : « {national} », ou avec l'indicatif international : « {international} ». "
        f"Sans indicatif, le numéro se lit comme un numéro de {french.phone_region(region)} (« region_telephone: {region} » dans data/programme.yml)."
    )
    for application in ctx.records.applications:
        for member in application.contacts:
            if member.phone is not None and not phones.is_valid(member.phone, region):
                yield member.source.at("telephone").finding(RULE, f"« {member.phone} » n'est pas un numéro de téléphone valide", hint)
    source = ctx.programme_source
    if ctx.programme is not None and source is not None:
        for index, contact in enumerate(ctx.programme.application.contacts):
            if contact.phone and not phones.is_valid(contact.phone, region):
                yield source.at("candidature", "contacts", index, "telephone").finding(RULE, f"« {contact.phone} » n'est pas un numéro de téléphone valide", hint)
