"""A meeting is one of the programme's bodies, at the right level, and carries RACI actions of its structure's axe."""

from __future__ import annotations

from acia.findings import Rule, Severity
from acia.model.followup import COLLECTIVE, body_by_id, row_by_id

RULE = Rule(
    id="ACIA502",
    title="Type de réunion ou action du RACI inconnus",
    severity=Severity.ERROR,
    hint="Choisissez le type de réunion parmi les instances du programme et les actions parmi les lignes du RACI de l'axe de la structure (data/programme.yml).",
    example="- id: copil-2\n  instance: copil\n  actions: [a2-copil-2]   # structure de l'axe 1",
    fix="- id: copil-2\n  instance: copil\n  actions: [a1-copil-2]",
    scope="instance",
)
LEVELS = {"intra_structure": "dans une structure", "inter_structures": "entre structures", "programme": "à l'échelle du programme"}


def check(ctx):
    programme = ctx.programme
    if programme is None:
        return
    bodies = body_by_id(programme)
    rows = row_by_id(programme)
    steps = {step.id for step in programme.steps}
    axes = {document.data["id"]: document.data["axe"] for document in ctx.applications}
    for document in ctx.of_kind("reunions"):
        folder = document.folder
        collective = folder == COLLECTIVE
        axe = axes.get(folder)
        groups = {group["id"] for group in document.data.get("groupes_travail", [])}
        for index, meeting in enumerate(document.data["reunions"]):
            base = ("reunions", index)
            body = bodies.get(meeting["instance"])
            if body is None:
                yield document.finding(RULE, base + ("instance",), f"le type de réunion « {meeting['instance']} » n'est pas une instance du programme", f"Instances : {', '.join(sorted(bodies))}.")
            else:
                wanted = ("inter_structures", "programme") if collective else ("intra_structure",)
                if body["niveau"] not in wanted:
                    where = "du collectif (data/suivi/collectif/)" if not collective else "d'une structure (data/suivi/<structure>/)"
                    yield document.finding(RULE, base + ("instance",), f"« {body['nom']} » se tient {LEVELS[body['niveau']]} : sa réunion va dans le suivi {where}")
            for action_index, action in enumerate(meeting.get("actions", [])):
                path = base + ("actions", action_index)
                row = rows.get(action)
                if row is None:
                    known = sorted(row_id for row_id, item in rows.items() if axe is None or item.axe == axe)
                    yield document.finding(RULE, path, f"l'action « {action} » n'est pas une ligne du RACI", f"Actions possibles : {', '.join(known) or '(aucune)'}.")
                    continue
                if not collective and axe is not None and row.axe != axe:
                    own = sorted(row_id for row_id, item in rows.items() if item.axe == axe)
                    yield document.finding(RULE, path, f"l'action « {row.action} » ({action}) relève de l'axe « {row.axe} », alors que la structure suit l'axe « {axe} »", f"Actions de l'axe « {axe} » : {', '.join(own)}.")
                raci_body = programme.raw["raci"]["lignes"][row.index].get("instance")
                if raci_body is not None and raci_body != meeting["instance"]:
                    yield document.finding(RULE, path, f"l'action « {row.action} » ({action}) se réalise en « {raci_body} », pas en « {meeting['instance']} »")
            if "etape" in meeting:
                if meeting["etape"] not in steps:
                    yield document.finding(RULE, base + ("etape",), f"l'étape « {meeting['etape']} » n'existe pas dans le programme", f"Étapes : {', '.join(sorted(steps))}.")
                else:
                    action_steps = {rows[action].step for action in meeting.get("actions", []) if action in rows}
                    if action_steps and meeting["etape"] not in action_steps:
                        yield document.finding(RULE, base + ("etape",), f"l'étape « {meeting['etape']} » contredit celle de l'action du RACI ({', '.join(sorted(action_steps))})", "Supprimez « etape » : l'étape se déduit de l'action.")
            if "groupe_travail" in meeting and meeting["groupe_travail"] not in groups:
                yield document.finding(RULE, base + ("groupe_travail",), f"le groupe de travail « {meeting['groupe_travail']} » n'est pas déclaré dans « groupes_travail »", "Déclarez le groupe en tête de reunions.yml (id et intitulé).")
