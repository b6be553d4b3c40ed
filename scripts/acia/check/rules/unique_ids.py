"""Identifiers are unique: application ids, établissements across applications, ids in the programme."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity
from acia.load.documents import Source
from acia.model.programme import Programme

RULE = Rule(
    id="ACIA205",
    title="Identifiant en double",
    severity=Severity.ERROR,
    hint="Chaque identifiant doit être unique : renommez l'un des deux, ou fusionnez les deux entrées si elles désignent la même chose.",
    example='# deux candidatures qui déclarent le même établissement\nfiness_geographique: "750000002"',
    fix="Une seule candidature par établissement ; corriger le numéro erroné",
    scope="instance",
)


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


def _programme_lists(programme: Programme) -> tuple[tuple[tuple[str, ...], Sequence[_Identified]], ...]:
    """The lists of the programme whose items carry an "id" that must be unique, with their path in the file."""
    raci = programme.raci
    return (
        (("organisations",), programme.organisations),
        (("axes",), programme.axes),
        (("secteurs",), programme.sectors),
        (("financements",), programme.fundings),
        (("eligibilite",), programme.eligibility),
        (("criteres_priorisation",), programme.criteria),
        (("etapes",), programme.steps),
        (("equipe_projet", "roles"), programme.team.roles),
        (("instances",), programme.bodies),
        (("raci", "roles"), raci.roles if raci is not None else ()),
        (("raci", "lignes"), raci.rows if raci is not None else ()),
        (("errata",), programme.errata),
        (("dimensions",), programme.dimensions),
        (("types_acia",), programme.acia_types),
    )


def _line(source: Source) -> int:
    return source.document.where(source.path)[0]


def check(ctx: Context) -> Iterator[Finding]:
    programme, programme_source = ctx.programme, ctx.programme_source
    if programme is not None and programme_source is not None:  # the source is None only without a programme
        event_ids: dict[str, tuple[str, str, int, str]] = {}
        for event in programme.events:
            path = ("calendrier", event.calendar, event.index, "id")
            if event.id in event_ids:
                yield programme_source.at(*path).finding(RULE, f"l'événement « {event.id} » est déjà défini ({_where(event_ids[event.id])})")
            else:
                event_ids[event.id] = path
        for list_path, items in _programme_lists(programme):
            seen: dict[str, int] = {}
            for index, item in enumerate(items):
                if item.id in seen:
                    yield programme_source.at(*list_path, index, "id").finding(RULE, f"l'identifiant « {item.id} » est déjà utilisé dans « {'.'.join(list_path)} » (élément n° {seen[item.id] + 1})")
                else:
                    seen[item.id] = index
        codes: set[str] = set()
        for index, value in enumerate(programme.raci.values if programme.raci is not None else ()):
            if value.id in codes:
                yield programme_source.at("raci", "valeurs", index, "code").finding(RULE, f"le code RACI « {value.id} » est défini deux fois")
            codes.add(value.id)

    # Checked even when the programme is unusable (ctx.model is then None); in file order, so that the later file is the one reported.
    applications = ctx.records.applications
    application_ids: dict[str, str] = {}
    etablissements: dict[str, Source] = {}  # the line is looked up only for a duplicate: most runs never unpack a file's positions
    for application in sorted(applications, key=lambda application: application.file):
        if application.id in application_ids:
            yield application.source.at("id").finding(RULE, f"l'identifiant « {application.id} » est déjà celui de {application_ids[application.id]}")
        else:
            application_ids[application.id] = application.file
        for etablissement in application.etablissements:
            finess = etablissement.finess.replace(" ", "").upper()
            source = etablissement.source.at("finess_geographique")
            if finess in etablissements:
                other = etablissements[finess]
                yield source.finding(
                    RULE,
                    f"l'établissement FINESS {finess} figure déjà dans {other.file} (ligne {_line(other)}) : un établissement ne peut candidater qu'une fois",
                )
            else:
                etablissements[finess] = source


def _where(path: tuple[str, str, int, str]) -> str:
    return f"calendrier {path[1]}, élément n° {path[2] + 1}"
