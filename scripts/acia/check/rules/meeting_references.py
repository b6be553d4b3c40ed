"""A meeting is one of the programme's bodies, at the right level, and carries RACI actions of its structure's axe."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity
from acia.model.followup import COLLECTIVE, row_by_id

RULE = Rule(
    id="ACIA502",
    title="Type de réunion ou action du RACI inconnus",
    severity=Severity.ERROR,
    hint="Choisissez le type de réunion parmi les instances du programme et les actions parmi les lignes du RACI de l'axe de la structure (data/programme.yml).",
    example="- id: copil-2\n  instance: copil\n  actions: [axe2-reunion-2]   # structure de l'axe 1",
    fix="- id: copil-2\n  instance: copil\n  actions: [axe1-reunion-2]",
    scope="instance",
)
LEVELS = {"intra_structure": "dans une structure", "inter_structures": "entre structures", "programme": "à l'échelle du programme"}


def check(ctx: Context) -> Iterator[Finding]:
    programme = ctx.programme
    if programme is None or ctx.model is None or ctx.followup is None:  # both are None exactly when the programme is
        return
    bodies = sorted({body.id for body in programme.bodies})
    rows = row_by_id(programme)
    steps = {step.id for step in programme.steps}
    axes = {application.id: application.axe for application in ctx.model.applications if ctx.model.programme.axe(application.axe) is not None}  # an unknown axe is ACIA301's one finding
    for folder in ctx.followup.folders.values():
        collective = folder.id == COLLECTIVE
        axe = axes.get(folder.id)
        groups = folder.group_ids
        for meeting in folder.meetings:
            body = programme.body(meeting.body)
            if body is None:
                yield meeting.source.at("instance").finding(RULE, f"le type de réunion « {meeting.body} » n'est pas une instance du programme", f"Instances : {', '.join(bodies)}.")
            else:
                wanted = ("inter_structures", "programme") if collective else ("intra_structure",)
                if body.level not in wanted:
                    where = "du collectif (data/suivi/collectif/)" if not collective else "d'une structure (data/suivi/<structure>/)"
                    yield meeting.source.at("instance").finding(RULE, f"« {body.name} » se tient {LEVELS[body.level]} : sa réunion va dans le suivi {where}")
            for action_index, action in enumerate(meeting.actions):
                source = meeting.source.at("actions", action_index)
                row = rows.get(action)
                if row is None:
                    known = sorted(row_id for row_id, item in rows.items() if axe is None or item.axe == axe)
                    yield source.finding(RULE, f"l'action « {action} » n'est pas une ligne du RACI", f"Actions possibles : {', '.join(known) or '(aucune)'}.")
                    continue
                if not collective and axe is not None and row.axe != axe:
                    own = sorted(row_id for row_id, item in rows.items() if item.axe == axe)
                    yield source.finding(
                        RULE, f"l'action « {row.action} » ({action}) relève de l'axe « {row.axe} », alors que la structure suit l'axe « {axe} »", f"Actions de l'axe « {axe} » : {', '.join(own)}."
                    )
                if row.body is not None and row.body != meeting.body:
                    yield source.finding(RULE, f"l'action « {row.action} » ({action}) se réalise en « {row.body} », pas en « {meeting.body} »")
            if meeting.declared_step is not None:
                if meeting.declared_step not in steps:
                    yield meeting.source.at("etape").finding(RULE, f"l'étape « {meeting.declared_step} » n'existe pas dans le programme", f"Étapes : {', '.join(sorted(steps))}.")
                else:
                    action_steps = {rows[action].step for action in meeting.actions if action in rows}
                    if action_steps and meeting.declared_step not in action_steps:
                        yield meeting.source.at("etape").finding(
                            RULE, f"l'étape « {meeting.declared_step} » contredit celle de l'action du RACI ({', '.join(sorted(action_steps))})", "Supprimez « etape » : l'étape se déduit de l'action."
                        )
            if meeting.working_group is not None and meeting.working_group not in groups:
                yield meeting.source.at("groupe_travail").finding(
                    RULE, f"le groupe de travail « {meeting.working_group} » n'est pas déclaré dans « groupes_travail »", "Déclarez le groupe en tête de reunions.yml (id et intitulé)."
                )
