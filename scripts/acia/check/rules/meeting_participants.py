"""Participants are named by a known role; collective meetings list retained structures."""

from __future__ import annotations

from acia.findings import Rule, Severity
from acia.model.followup import COLLECTIVE, retained

RULE = Rule(
    id="ACIA514",
    title="Participant ou structure inconnus",
    severity=Severity.ERROR,
    hint="Désignez chaque participant par un rôle de l'équipe projet, du RACI ou une organisation du programme, et chaque structure par l'identifiant d'une candidature retenue.",
    example="participants:\n  - role: directrice\nstructures: [og-inconnu]",
    fix="participants:\n  - role: direction\nstructures: [og-2a-fondation-u-sole]",
    scope="instance",
)


def check(ctx):
    programme = ctx.programme
    if programme is None:
        return
    roles = set(programme.team_roles) | {role.id for role in (programme.raci.roles if programme.raci else ())} | {organisation.id for organisation in programme.organisations} | {"pilote"}
    selected = set(retained(ctx.documents))
    for document in ctx.of_kind("reunions"):
        collective = document.folder == COLLECTIVE
        for index, meeting in enumerate(document.data["reunions"]):
            base = ("reunions", index)
            if "structures" in meeting and not collective:
                yield document.finding(RULE, base + ("structures",), "« structures » ne sert qu'aux réunions du collectif (data/suivi/collectif/)", "Supprimez « structures » : la réunion concerne déjà la structure de ce dossier.", at_key=True)
            for structure_index, structure in enumerate(meeting.get("structures", [])):
                if structure not in selected:
                    yield document.finding(RULE, base + ("structures", structure_index), f"« {structure} » n'est pas une candidature retenue", f"Retenues : {', '.join(sorted(selected)) or '(aucune)'}.")
            if meeting["animee_par"] not in roles:
                yield document.finding(RULE, base + ("animee_par",), f"« {meeting['animee_par']} » n'est ni un rôle ni une organisation du programme", f"Valeurs possibles : {', '.join(sorted(roles))}.")
            for participant_index, participant in enumerate(meeting.get("participants", [])):
                path = base + ("participants", participant_index)
                if participant["role"] not in roles:
                    yield document.finding(RULE, path + ("role",), f"le rôle « {participant['role']} » n'est ni un rôle de l'équipe projet, ni du RACI, ni une organisation du programme", f"Rôles possibles : {', '.join(sorted(roles))}.")
                if "structure" in participant and not collective:
                    yield document.finding(RULE, path + ("structure",), "« structure » ne sert qu'aux participants des réunions du collectif", "Supprimez « structure » : le participant est de la structure de ce dossier.", at_key=True)
                elif "structure" in participant and participant["structure"] not in selected:
                    yield document.finding(RULE, path + ("structure",), f"« {participant['structure']} » n'est pas une candidature retenue", f"Retenues : {', '.join(sorted(selected)) or '(aucune)'}.")
