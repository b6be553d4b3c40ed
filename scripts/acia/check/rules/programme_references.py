"""Every identifier the programme refers to (axe, étape, instance, organisation…) is defined in it."""

from __future__ import annotations

from acia.findings import Rule, Severity

RULE = Rule(
    id="ACIA405",
    title="Référence inconnue dans le programme",
    severity=Severity.ERROR,
    hint="Corrigez l'identifiant pour qu'il désigne un élément défini dans data/programme.yml, ou définissez cet élément.",
    example="raci:\n  lignes:\n    - axe: axe-1\n      etape: etape-4",
    fix="raci:\n  lignes:\n    - axe: axe-1\n      etape: etape-3",
)


def _ids(items) -> set[str]:
    return {item["id"] for item in items}


def check(ctx):
    document = ctx.programme_document
    if document is None:
        return
    data = document.data
    axes = _ids(data["axes"])
    steps = _ids(data.get("etapes", []))
    bodies = _ids(data["instances"])
    organisations = _ids(data["organisations"])
    fundings = _ids(data["financements"])
    raci = data.get("raci", {})
    raci_roles = _ids(raci.get("roles", []))
    team_roles = _ids(data["equipe_projet"]["roles"])
    rows = {row["id"]: row for row in raci.get("lignes", [])}
    regional = _ids(data["calendrier"].get("regional", []))

    def unknown(path, value, what, known):
        return document.finding(RULE, path, f"{what} « {value} » n'est pas défini(e) dans le programme", f"Valeurs possibles : {', '.join(sorted(known)) or '(aucune)'}.")

    references = []  # (path, value, what, known set)
    for index, porteur in enumerate(data.get("cadre_national", {}).get("porteurs", [])):
        references.append((("cadre_national", "porteurs", index), porteur, "l'organisation", organisations))
    for index, criterion in enumerate(data.get("criteres_priorisation", [])):
        if "axe" in criterion:
            references.append((("criteres_priorisation", index, "axe"), criterion["axe"], "l'axe", axes))
    for index, axe in enumerate(data["axes"]):
        for step_index, step in enumerate(axe.get("etapes", [])):
            references.append((("axes", index, "etapes", step_index, "etape"), step["etape"], "l'étape", steps))
    for index, item in enumerate(data.get("limites", {}).get("financements_minimum", [])):
        references.append((("limites", "financements_minimum", index, "financement"), item["financement"], "le financement", fundings))
    for index, recipient in enumerate(data["candidature"]["destinataires"]):
        references.append((("candidature", "destinataires", index, "organisation"), recipient["organisation"], "l'organisation", organisations))
    selection = data.get("selection", {})
    for index, organisation in enumerate(selection.get("analyse_par", [])):
        references.append((("selection", "analyse_par", index), organisation, "l'organisation", organisations))
    if "notification_par" in selection:
        references.append((("selection", "notification_par"), selection["notification_par"], "l'organisation", organisations))
    if "comite" in selection:
        references.append((("selection", "comite"), selection["comite"], "l'instance", bodies))
    for name, event_id in data["calendrier"].get("jalons", {}).items():
        references.append((("calendrier", "jalons", name), event_id, "l'événement régional", regional))
    leaders = organisations | raci_roles | team_roles
    for index, body in enumerate(data["instances"]):
        for leader_index, leader in enumerate(body.get("anime_par", [])):
            references.append((("instances", index, "anime_par", leader_index), leader, "l'animateur", leaders))
        if "compte_rendu_par" in body:
            references.append((("instances", index, "compte_rendu_par"), body["compte_rendu_par"], "le rédacteur", leaders))
        for key in ("membres", "membres_facultatifs"):
            for member_index, member in enumerate(body.get(key, [])):
                references.append((("instances", index, key, member_index), member, "l'organisation", organisations))
    for index, row in enumerate(raci.get("lignes", [])):
        base = ("raci", "lignes", index)
        references.append((base + ("axe",), row["axe"], "l'axe", axes))
        references.append((base + ("etape",), row["etape"], "l'étape", steps))
        if "instance" in row:
            references.append((base + ("instance",), row["instance"], "l'instance", bodies))
        if "rattachee_a" in row:
            parent = rows.get(row["rattachee_a"])
            if parent is None:
                references.append((base + ("rattachee_a",), row["rattachee_a"], "l'action", set(rows)))
            elif parent["axe"] != row["axe"]:
                yield document.finding(RULE, base + ("rattachee_a",), f"« {row['action']} » est rattachée à « {parent['action']} », d'un autre axe")
        elif row["charge"].get("incluse"):
            yield document.finding(
                RULE, base + ("charge",), f"« {row['action']} » a une charge « incluse » sans dire dans quelle action (« rattachee_a »)", "Ajoutez « rattachee_a: <id de l'action> »."
            )
    follow_up = data.get("suivi", {})
    for key in ("livrables", "reponse_recommandations"):
        for index, item in enumerate(follow_up.get(key, [])):
            base = ("suivi", key, index)
            references.append((base + ("axe",), item["axe"], "l'axe", axes))
            row = rows.get(item["action"])
            if row is None:
                references.append((base + ("action",), item["action"], "l'action du RACI", set(rows)))
            elif row["axe"] != item["axe"]:
                yield document.finding(RULE, base + ("action",), f"l'action « {row['action']} » ({item['action']}) relève de l'axe « {row['axe']} », pas de l'axe « {item['axe']} »")
    for path, value, what, known in references:
        if value not in known:
            yield unknown(path, value, what, known)
