"""Identifiers are unique: application ids, établissements across applications, ids in the programme."""

from __future__ import annotations

from acia.findings import Rule, Severity

RULE = Rule(
    id="ACIA205",
    title="Identifiant en double",
    severity=Severity.ERROR,
    hint="Chaque identifiant doit être unique : renommez l'un des deux, ou fusionnez les deux entrées si elles désignent la même chose.",
    example="# deux candidatures qui déclarent le même établissement\nfiness_geographique: \"2A0000018\"",
    fix="Une seule candidature par établissement ; corriger le numéro erroné",
    scope="instance",
)

# Lists of the programme whose items carry an "id" that must be unique.
_PROGRAMME_LISTS = (
    ("organisations",),
    ("axes",),
    ("secteurs",),
    ("financements",),
    ("eligibilite",),
    ("criteres_priorisation",),
    ("etapes",),
    ("equipe_projet", "roles"),
    ("instances",),
    ("raci", "roles"),
    ("raci", "lignes"),
    ("errata",),
    ("dimensions",),
    ("types_acia",),
)


def _get(data, path):
    for part in path:
        if not isinstance(data, dict) or part not in data:
            return []
        data = data[part]
    return data


def check(ctx):
    programme = ctx.programme_document
    if programme is not None:
        event_ids: dict[str, tuple] = {}
        for calendar in ("national", "regional"):
            for index, event in enumerate(programme.data["calendrier"].get(calendar, [])):
                path = ("calendrier", calendar, index, "id")
                if event["id"] in event_ids:
                    yield programme.finding(RULE, path, f"l'événement « {event['id']} » est déjà défini ({_where(event_ids[event['id']])})")
                else:
                    event_ids[event["id"]] = path
        for list_path in _PROGRAMME_LISTS:
            seen: dict[str, int] = {}
            for index, item in enumerate(_get(programme.data, list_path)):
                path = list_path + (index, "id")
                if item["id"] in seen:
                    yield programme.finding(
                        RULE, path, f"l'identifiant « {item['id']} » est déjà utilisé dans « {'.'.join(list_path)} » (élément n° {seen[item['id']] + 1})"
                    )
                else:
                    seen[item["id"]] = index
        codes: set[str] = set()
        for index, value in enumerate(_get(programme.data, ("raci", "valeurs"))):
            if value["code"] in codes:
                yield programme.finding(RULE, ("raci", "valeurs", index, "code"), f"le code RACI « {value['code']} » est défini deux fois")
            codes.add(value["code"])

    application_ids: dict[str, str] = {}
    etablissements: dict[str, tuple[str, int]] = {}
    for document in ctx.applications:
        identifier = document.data["id"]
        if identifier in application_ids:
            yield document.finding(RULE, ("id",), f"l'identifiant « {identifier} » est déjà celui de {application_ids[identifier]}")
        else:
            application_ids[identifier] = document.rel
        for index, etablissement in enumerate(document.data["etablissements"]):
            finess = etablissement["finess_geographique"].replace(" ", "").upper()
            if finess in etablissements:
                other_file, other_line = etablissements[finess]
                yield document.finding(
                    RULE,
                    ("etablissements", index, "finess_geographique"),
                    f"l'établissement FINESS {finess} figure déjà dans {other_file} (ligne {other_line}) : un établissement ne peut candidater qu'une fois",
                )
            else:
                etablissements[finess] = (document.rel, document.where(("etablissements", index, "finess_geographique"))[0])


def _where(path: tuple) -> str:
    return f"calendrier {path[1]}, élément n° {path[2] + 1}"
