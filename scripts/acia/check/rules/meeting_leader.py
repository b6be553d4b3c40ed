"""Each meeting is led by whom the programme names for its body (the Aract leads the COPIL)."""

from __future__ import annotations

from acia.findings import Rule, Severity
from acia.model.followup import body_by_id

RULE = Rule(
    id="ACIA504",
    title="Réunion animée par une autre personne que prévu",
    severity=Severity.ERROR,
    hint="Indiquez dans « animee_par » l'animateur prévu par le programme pour ce type de réunion (clé « anime_par » de l'instance dans data/programme.yml).",
    example="- id: copil-2\n  instance: copil\n  animee_par: pilote",
    fix="- id: copil-2\n  instance: copil\n  animee_par: aract",
    scope="instance",
)


def check(ctx):
    programme = ctx.programme
    if programme is None:
        return
    bodies = body_by_id(programme)
    names = {item["id"]: item["sigle"] for item in programme.raw["organisations"]}
    for document in ctx.of_kind("reunions"):
        for index, meeting in enumerate(document.data["reunions"]):
            body = bodies.get(meeting["instance"])
            if body is None:
                continue
            allowed = body.get("anime_par") or body.get("membres", []) + body.get("membres_facultatifs", [])
            if allowed and meeting["animee_par"] not in allowed:
                shown = ", ".join(names.get(item, item) for item in allowed)
                yield document.finding(RULE, ("reunions", index, "animee_par"), f"« {meeting['id']} » ({body['nom']}) est animée par « {meeting['animee_par']} », alors que le programme la confie à : {shown}", f"Écrivez « animee_par: {allowed[0]} »{' (ou une autre valeur de la liste)' if len(allowed) > 1 else ''}.")
