"""Every identifier the programme refers to (axe, étape, instance, organisation…) is defined in it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity
from acia.load.yamlsource import Path as DataPath
from acia.model.programme import AnswerAction, ExpectedDeliverable

RULE = Rule(
    id="ACIA405",
    title="Référence inconnue dans le programme",
    severity=Severity.ERROR,
    hint="Corrigez l'identifiant pour qu'il désigne un élément défini dans data/programme.yml, ou définissez cet élément.",
    example="raci:\n  lignes:\n    - axe: axe-1\n      etape: etape-4",
    fix="raci:\n  lignes:\n    - axe: axe-1\n      etape: etape-3",
)


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


def _ids(items: Iterable[_Identified]) -> set[str]:
    return {item.id for item in items}


def check(ctx: Context) -> Iterator[Finding]:
    programme, source = ctx.programme, ctx.programme_source
    if programme is None or source is None:
        return
    axes = _ids(programme.axes)
    steps = _ids(programme.steps)
    bodies = _ids(programme.bodies)
    organisations = _ids(programme.organisations)
    fundings = _ids(programme.fundings)
    raci_roles = _ids(programme.raci.roles) if programme.raci is not None else set()
    team_roles = _ids(programme.team.roles)
    rows = {row.id: row for row in programme.raci_rows}
    regional = {event.id for event in programme.events if event.calendar == "regional"}

    def unknown(path: DataPath, value: str, what: str, known: set[str]) -> Finding:
        return source.at(*path).finding(RULE, f"{what} « {value} » n'est pas défini(e) dans le programme", f"Valeurs possibles : {', '.join(sorted(known)) or '(aucune)'}.")

    references: list[tuple[DataPath, str, str, set[str]]] = []  # (path, value, what, known set)
    bearers = programme.national_framework.bearers if programme.national_framework is not None else ()
    for index, porteur in enumerate(bearers):
        references.append((("cadre_national", "porteurs", index), porteur, "l'organisation", organisations))
    for index, criterion in enumerate(programme.criteria):
        if criterion.axe is not None:
            references.append((("criteres_priorisation", index, "axe"), criterion.axe, "l'axe", axes))
    for index, axe in enumerate(programme.axes):
        for step_index, step in enumerate(axe.steps):
            references.append((("axes", index, "etapes", step_index, "etape"), step.step, "l'étape", steps))
    for index, minimum in enumerate(programme.limits.funding_minimums):
        references.append((("limites", "financements_minimum", index, "financement"), minimum.funding, "le financement", fundings))
    for index, recipient in enumerate(programme.application.recipients):
        references.append((("candidature", "destinataires", index, "organisation"), recipient.organisation, "l'organisation", organisations))
    for index, contact in enumerate(programme.application.contacts):
        references.append((("candidature", "contacts", index, "organisation"), contact.organisation, "l'organisation", organisations))
    selection = programme.selection
    for index, organisation in enumerate(selection.analysed_by):
        references.append((("selection", "analyse_par", index), organisation, "l'organisation", organisations))
    if selection.notified_by is not None:
        references.append((("selection", "notification_par"), selection.notified_by, "l'organisation", organisations))
    if selection.committee is not None:
        references.append((("selection", "comite"), selection.committee, "l'instance", bodies))
    for name, event_id in programme.milestones.items():
        references.append((("calendrier", "jalons", name), event_id, "l'événement régional", regional))
    leaders = organisations | raci_roles | team_roles
    for index, body in enumerate(programme.bodies):
        for leader_index, leader in enumerate(body.led_by):
            references.append((("instances", index, "anime_par", leader_index), leader, "l'animateur", leaders))
        if body.minutes_by is not None:
            references.append((("instances", index, "compte_rendu_par"), body.minutes_by, "le rédacteur", leaders))
        for key, members in (("membres", body.members), ("membres_facultatifs", body.optional_members)):
            for member_index, member in enumerate(members):
                references.append((("instances", index, key, member_index), member, "l'organisation", organisations))
    for row in programme.raci_rows:
        base = ("raci", "lignes", row.index)
        references.append((base + ("axe",), row.axe, "l'axe", axes))
        references.append((base + ("etape",), row.step, "l'étape", steps))
        if row.body is not None:
            references.append((base + ("instance",), row.body, "l'instance", bodies))
        if row.attached_to is not None:
            parent = rows.get(row.attached_to)
            if parent is None:
                references.append((base + ("rattachee_a",), row.attached_to, "l'action", set(rows)))
            elif parent.axe != row.axe:
                yield source.at(*base, "rattachee_a").finding(RULE, f"« {row.action} » est rattachée à « {parent.action} », d'un autre axe")
        elif row.load == "incluse":
            yield source.at(*base, "charge").finding(RULE, f"« {row.action} » a une charge « incluse » sans dire dans quelle action (« rattachee_a »)", "Ajoutez « rattachee_a: <id de l'action> ».")
    follow_up = programme.followup
    expected: tuple[tuple[str, Sequence[ExpectedDeliverable | AnswerAction]], ...] = (
        (("livrables", follow_up.deliverables), ("reponse_recommandations", follow_up.answer_actions)) if follow_up is not None else ()
    )
    for key, items in expected:
        for index, item in enumerate(items):
            base = ("suivi", key, index)
            references.append((base + ("axe",), item.axe, "l'axe", axes))
            action_row = rows.get(item.action)
            if action_row is None:
                references.append((base + ("action",), item.action, "l'action du RACI", set(rows)))
            elif action_row.axe != item.axe:
                yield source.at(*base, "action").finding(RULE, f"l'action « {action_row.action} » ({item.action}) relève de l'axe « {action_row.axe} », pas de l'axe « {item.axe} »")
    application_rules = programme.application
    if application_rules.acknowledged_by is not None:
        references.append((("candidature", "accuse_reception_par"), application_rules.acknowledged_by, "l'organisation", organisations))
    commitment = programme.commitment
    if commitment is not None:
        for index, organisation in enumerate(commitment.parties):
            references.append((("engagement", "parties", index), organisation, "l'organisation", organisations))
        if commitment.follow_up_body is not None:
            references.append((("engagement", "instance_suivi"), commitment.follow_up_body, "l'instance", bodies))
    protection = programme.data_protection
    if protection is not None:
        references.append((("donnees_personnelles", "responsable"), protection.controller, "l'organisation", organisations))
        for index, organisation in enumerate(protection.joint_controllers):
            references.append((("donnees_personnelles", "co_responsables", index), organisation, "l'organisation", organisations))
        for index, organisation in enumerate(protection.recipients):
            references.append((("donnees_personnelles", "destinataires", index), organisation, "l'organisation", organisations))
    for path, value, what, known in references:
        if value not in known:
            yield unknown(path, value, what, known)
