"""A structure's meeting names the établissement it concerns by the FINESS géographique of one of its établissements."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity
from acia.model.followup import COLLECTIVE

RULE = Rule(
    id="ACIA517",
    title="Établissement inconnu dans une réunion",
    severity=Severity.ERROR,
    hint="Écrivez dans « etablissement » le numéro FINESS géographique, entre guillemets, d'un établissement de la candidature de la structure ; sans cette clé, la réunion concerne tous ses établissements.",
    example='- id: copil-1\n  instance: copil\n  etablissement: "750000099"   # FINESS d\'aucun établissement de la structure',
    fix='- id: copil-1\n  instance: copil\n  etablissement: "750000002"',
    scope="instance",
)


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.model is None or ctx.followup is None:  # both are None exactly when the programme is
        return
    applications = {application.id: application for application in ctx.model.applications}
    for folder in ctx.followup.folders.values():
        application = applications.get(folder.id)
        for meeting in folder.meetings:
            if meeting.etablissement is None:
                continue
            source = meeting.source.at("etablissement")
            if folder.id == COLLECTIVE:
                yield source.finding(
                    RULE,
                    "« etablissement » ne sert qu'aux réunions d'une structure",
                    "Supprimez « etablissement » : un temps du collectif nomme les structures présentes dans « structures ».",
                    at_key=True,
                )
            elif application is not None and application.etablissement_by_finess(meeting.etablissement) is None:
                known = ", ".join(f"{etablissement.finess} ({etablissement.name})" for etablissement in application.etablissements)
                yield source.finding(
                    RULE, f"« {meeting.etablissement} » n'est le FINESS géographique d'aucun établissement de la candidature « {application.og.name} »", f"FINESS possibles : {known}."
                )
