"""The GDPR information notice and processing-register entry, as French values for templates.

The Candidater page, the blank Annexe 1 and the internal site's register all
print the same facts from « donnees_personnelles » of the programme: this
module turns them into labelled texts once, so the three never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from acia import french
from acia.model.programme import DataProtection, Programme


@dataclass(frozen=True)
class RetentionLine:
    label: str  # « Candidatures non retenues »
    covers: str  # what it covers, in the programme's words
    period: str  # « 1 an après la décision du comité de sélection »


@dataclass(frozen=True)
class Notice:
    controller: str  # « Agence régionale de santé de Corse (ARS) »
    joint_controllers: tuple[str, ...]
    purpose: str
    legal_basis: str
    data_subjects: tuple[str, ...]
    data_categories: tuple[str, ...]
    recipients: tuple[str, ...]
    retention: tuple[RetentionLine, ...]
    officer: str  # « Délégué à la protection des données de l'ARS de Corse »
    officer_email: str
    officer_address: str
    to_confirm: bool


def _organisation(programme: Programme, organisation_id: str) -> str:
    organisation = programme.organisation(organisation_id)
    if organisation is None:
        return organisation_id  # reported by ACIA107; never reached on a valid instance
    if organisation.acronym and organisation.acronym != organisation.name:
        return f"{organisation.name} ({organisation.acronym})"
    return organisation.name


def notice(programme: Programme) -> Notice | None:
    """The notice of the programme, or None when it declares no processing (« donnees_personnelles » absent)."""
    protection: DataProtection | None = programme.data_protection
    if protection is None:
        return None
    return Notice(
        controller=_organisation(programme, protection.controller),
        joint_controllers=tuple(_organisation(programme, item) for item in protection.joint_controllers),
        purpose=protection.purpose,
        legal_basis=protection.legal_basis,
        data_subjects=protection.data_subjects,
        data_categories=protection.data_categories,
        recipients=tuple(_organisation(programme, item) for item in protection.recipients),
        retention=tuple(RetentionLine(item.label, item.covers, f"{french.months(item.months)} après {item.start_label}") for item in protection.retention),
        officer=protection.officer.title,
        officer_email=protection.officer.email,
        officer_address=protection.officer.address,
        to_confirm=protection.to_confirm,
    )
