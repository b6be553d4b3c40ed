"""A meeting lasts what the programme plans (its RACI action, else its body), unless a reason is given."""

from __future__ import annotations

from acia import french
from acia.findings import Rule, Severity
from acia.model.followup import body_by_id, row_by_id

RULE = Rule(
    id="ACIA503",
    title="Durée de réunion différente du programme",
    severity=Severity.ERROR,
    hint="Donnez à la réunion la durée prévue par le programme (action du RACI, sinon instance), ou expliquez l'écart dans « motif_duree ».",
    example="- id: copil-2\n  instance: copil\n  duree_heures: 2",
    fix="- id: copil-2\n  instance: copil\n  duree_heures: 2\n  motif_duree: Réunion écourtée par une grève des transports ; la suite au COPIL 3.",
    scope="instance",
)


def expected_hours(programme, meeting: dict) -> tuple[float | None, str]:
    """The planned duration and where it comes from."""
    rows = row_by_id(programme)
    planned = [rows[action] for action in meeting.get("actions", []) if action in rows and rows[action].hours is not None]
    if planned:
        longest = max(planned, key=lambda row: row.hours)
        return longest.hours, f"l'action « {longest.action} » du RACI"
    body = body_by_id(programme).get(meeting["instance"])
    if body is not None and "duree_heures" in body:
        return float(body["duree_heures"]), f"l'instance « {body['nom']} »"
    return None, ""


def check(ctx):
    programme = ctx.programme
    if programme is None:
        return
    for document in ctx.of_kind("reunions"):
        for index, meeting in enumerate(document.data["reunions"]):
            expected, source = expected_hours(programme, meeting)
            if expected is None or "motif_duree" in meeting or "annulee" in meeting:
                continue
            if abs(meeting["duree_heures"] - expected) > 1e-9:
                yield document.finding(RULE, ("reunions", index, "duree_heures"), f"la réunion « {meeting['id']} » dure {french.hours(meeting['duree_heures'])}, alors que le programme prévoit {french.hours(expected)} pour {source}")
