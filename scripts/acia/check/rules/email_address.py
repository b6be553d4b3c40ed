"""E-mail addresses are syntactically valid (no deliverability check: CI is offline)."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

from acia.findings import Rule, Severity

RULE = Rule(
    id="ACIA203",
    title="Adresse e-mail invalide",
    severity=Severity.ERROR,
    hint="Écrivez l'adresse complète, sans espace ni accent dans la partie avant « @ » (ex. prenom.nom@structure.fr).",
    example="email: marie.santoni@ usole.fr",
    fix="email: marie.santoni@usole.fr",
)


def _is_valid(address: str) -> bool:
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def check(ctx):
    for document in ctx.applications:
        for index, member in enumerate(document.data.get("equipe_projet", [])):
            if not _is_valid(member["email"]):
                yield document.finding(RULE, ("equipe_projet", index, "email"), f"l'adresse « {member['email']} » n'est pas une adresse e-mail valide")
    programme = ctx.programme_document
    if programme is not None:
        for index, recipient in enumerate(programme.data["candidature"]["destinataires"]):
            if not _is_valid(recipient["email"]):
                yield programme.finding(
                    RULE, ("candidature", "destinataires", index, "email"), f"l'adresse « {recipient['email']} » n'est pas une adresse e-mail valide"
                )
