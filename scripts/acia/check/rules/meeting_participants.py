"""Participants are named by a known role; collective meetings list retained structures."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity
from acia.model.followup import COLLECTIVE

RULE = Rule(
    id="ACIA514",
    title="Participant ou structure inconnus",
    severity=Severity.ERROR,
    hint="Désignez chaque participant par un rôle de l'équipe projet, du RACI ou une organisation du programme, et chaque structure par l'identifiant d'une candidature retenue.",
    example="participants:\n  - role: directrice\nstructures: [og-inconnu]",
    fix="participants:\n  - role: direction\nstructures: [og-exemple]",
    scope="instance",
)


def check(ctx: Context) -> Iterator[Finding]:
    programme = ctx.programme
    if programme is None or ctx.followup is None:  # ctx.followup is None exactly when the programme is
        return
    roles = set(programme.team_roles) | {role.id for role in (programme.raci.roles if programme.raci else ())} | {organisation.id for organisation in programme.organisations} | {"pilote"}
    selected = set(ctx.followup.files.retained or ())
    for folder in ctx.followup.folders.values():
        collective = folder.id == COLLECTIVE
        for meeting in folder.meetings:
            if meeting.structures is not None and not collective:
                yield meeting.source.at("structures").finding(
                    RULE, "« structures » ne sert qu'aux réunions du collectif (data/suivi/collectif/)", "Supprimez « structures » : la réunion concerne déjà la structure de ce dossier.", at_key=True
                )
            for structure_index, structure in enumerate(meeting.structures or ()):
                if structure not in selected:
                    yield meeting.source.at("structures", structure_index).finding(
                        RULE, f"« {structure} » n'est pas une candidature retenue", f"Retenues : {', '.join(sorted(selected)) or '(aucune)'}."
                    )
            if meeting.leader not in roles:
                yield meeting.source.at("animee_par").finding(RULE, f"« {meeting.leader} » n'est ni un rôle ni une organisation du programme", f"Valeurs possibles : {', '.join(sorted(roles))}.")
            for participant in meeting.participants:
                if participant.role not in roles:
                    yield participant.source.at("role").finding(
                        RULE, f"le rôle « {participant.role} » n'est ni un rôle de l'équipe projet, ni du RACI, ni une organisation du programme", f"Rôles possibles : {', '.join(sorted(roles))}."
                    )
                if participant.structure is not None and not collective:
                    yield participant.source.at("structure").finding(
                        RULE, "« structure » ne sert qu'aux participants des réunions du collectif", "Supprimez « structure » : le participant est de la structure de ce dossier.", at_key=True
                    )
                elif participant.structure is not None and participant.structure not in selected:
                    yield participant.source.at("structure").finding(RULE, f"« {participant.structure} » n'est pas une candidature retenue", f"Retenues : {', '.join(sorted(selected)) or '(aucune)'}.")
