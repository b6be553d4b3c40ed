"""E-mail addresses are syntactically valid (no deliverability check: CI is offline)."""

from __future__ import annotations

from collections.abc import Iterator

from email_validator import EmailNotValidError, validate_email

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA203",
    title="Adresse e-mail invalide",
    severity=Severity.ERROR,
    hint="Écrivez l'adresse complète, sans espace ni accent dans la partie avant « @ » (ex. prenom.nom@structure.fr).",
    example="email: claire.exemple@ structure.fr",
    fix="email: claire.exemple@structure.fr",
)


def _is_valid(address: str) -> bool:
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def check(ctx: Context) -> Iterator[Finding]:
    # Checked even when the programme is unusable (ctx.model is then None).
    applications = ctx.records.applications
    for application in applications:
        for member in application.contacts:
            if not _is_valid(member.email):
                yield member.source.at("email").finding(RULE, f"l'adresse « {member.email} » n'est pas une adresse e-mail valide")
    source = ctx.programme_source
    if ctx.programme is not None and source is not None:  # the source is None only without a programme
        recipients = source.at("candidature", "destinataires")
        for index, recipient in enumerate(ctx.programme.application.recipients):
            if not _is_valid(recipient.email):
                yield recipients.at(index, "email").finding(RULE, f"l'adresse « {recipient.email} » n'est pas une adresse e-mail valide")
        contacts = source.at("candidature", "contacts")
        for index, contact in enumerate(ctx.programme.application.contacts):
            if not _is_valid(contact.email):
                yield contacts.at(index, "email").finding(RULE, f"l'adresse « {contact.email} » n'est pas une adresse e-mail valide")
