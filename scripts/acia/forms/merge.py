"""Several fiches of one organisme gestionnaire, one per établissement, as one application.

Where a programme forms a project team in each établissement, an
organisme gestionnaire sends one fiche per établissement; together they
make one application. Each fiche gives its établissement and that
établissement's team. What belongs to the organisme gestionnaire (its
identity, the axe, its engagements, the project's state) must be the same in
every fiche: a difference stops the import and says which field differs in
which files. What may honestly differ from one établissement to another is
kept: texts (motivations, history) joined under each établissement's name,
lists (tools, fundings) united, yes/no answers « oui » if any fiche says
yes — each merge noted « à vérifier ».
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from acia.forms import annexe
from acia.forms.annexe import ETABLISSEMENTS, OG, Field, normalise
from acia.forms.document import FormError
from acia.forms.importer import IDENTIFIERS, Reading, show

# What belongs to the organisme gestionnaire as a whole: the same in every fiche.
SHARED = (OG, "axe", "engagements")


@dataclass(frozen=True)
class Fiche:
    name: str  # the file's name, as the user gave it
    reading: Reading


def _etablissement_name(fiche: Fiche) -> str:
    etablissements = fiche.reading.application.get(ETABLISSEMENTS) or [{}]
    return str(etablissements[0].get("raison_sociale") or fiche.name)


def _must_agree(item: Field) -> bool:
    return item.path[0] in SHARED and item.kind != "choix_multiples" or item.kind in ("choix", "entier", "personne") or item.path[-1] in IDENTIFIERS


def merge(fiches: list[Fiche], form: list[annexe.Section]) -> Reading:
    """One application from the fiches of one organisme gestionnaire; FormError when they contradict each other."""
    if len(fiches) == 1:
        return fiches[0].reading
    merged = Reading({})
    problems: list[str] = []
    for fiche in fiches:
        merged.recognised += [f"{fiche.name} — {line}" for line in fiche.reading.recognised]
        merged.doubtful += [f"{fiche.name} — {line}" for line in fiche.reading.doubtful]
    shared_fields = [item for section in form for item in section.fields if item.path[0] != ETABLISSEMENTS]
    for item in shared_fields:
        answers = [(fiche, value) for fiche in fiches if (value := annexe.value_at(fiche.reading.application, item.path)) is not None]
        if not answers:
            continue
        distinct = _distinct([value for _, value in answers])
        if len(distinct) == 1:
            annexe.put_value(merged.application, item.path, copy.deepcopy(answers[0][1]))
        elif _must_agree(item):
            where = " ; ".join(f"« {show(value, item)} » dans « {fiche.name} »" for fiche, value in answers)
            problems.append(f"« {item.title} » n'est pas le même dans toutes les fiches ({where}) : c'est une réponse de l'organisme gestionnaire, commune à ses établissements.")
        else:
            value, how = _combine(item, answers)
            annexe.put_value(merged.application, item.path, value)
            merged.doubtful.append(f"{item.title} : les fiches diffèrent ({how})")
    etablissements: list[dict] = []
    seen: dict[str, str] = {}
    for fiche in fiches:
        for etablissement in fiche.reading.application.get(ETABLISSEMENTS) or []:
            key = str(etablissement.get("finess_geographique") or normalise(str(etablissement.get("raison_sociale", ""))))
            if key and key in seen:
                problems.append(f"l'établissement « {etablissement.get('raison_sociale', key)} » est décrit dans « {seen[key]} » et dans « {fiche.name} » : une seule fiche par établissement.")
                continue
            if key:
                seen[key] = fiche.name
            etablissements.append(copy.deepcopy(etablissement))
    if etablissements:
        merged.application[ETABLISSEMENTS] = etablissements
    if problems:
        raise FormError(problems)
    merged.missing = annexe.missing(form, merged.application)
    return merged


def _distinct(values: list) -> list:
    """The different answers, texts compared as a reader would (case, accents and spaces aside)."""
    found: list = []
    keys: set = set()
    for value in values:
        key = normalise(value) if isinstance(value, str) else repr(value)
        if key not in keys:
            keys.add(key)
            found.append(value)
    return found


def _combine(item: Field, answers: list[tuple[Fiche, object]]) -> tuple[object, str]:
    """The merged answer of a field that may differ between établissements, and how it was merged."""
    if item.kind == "booleen":
        yes = [fiche.name for fiche, value in answers if value is True]
        return bool(yes), f"« oui » retenu, comme dans {', '.join(f'« {name} »' for name in yes)}"
    if isinstance(answers[0][1], list):
        united: list = []
        for _, value in answers:
            united += [entry for entry in value if entry not in united]  # type: ignore[attr-defined]
        return united, f"réponses réunies : {show(united, item)}"
    joined = "\n\n".join(f"{_etablissement_name(fiche)} : {value}" for fiche, value in answers)
    return joined, "textes réunis, chacun sous le nom de son établissement"
