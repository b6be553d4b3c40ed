"""A derogation names an existing, actually late application and known organisations."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA310",
    title="Dérogation incohérente",
    severity=Severity.ERROR,
    hint="Une dérogation vise une candidature existante reçue après la date limite, décidée par des organisations du programme, après la date limite.",
    example="derogations:\n  - candidature: og-inconnu\n    decidee_par: [prefecture]",
    fix="derogations:\n  - candidature: og-exemple\n    decidee_par: [ars, aract]",
    scope="instance",
)


def check(ctx: Context) -> Iterator[Finding]:
    model = ctx.model
    programme = model.programme if model is not None else None
    # Checked even when the programme is unusable (ctx.model is then None).
    applications = ctx.records.applications
    derogations = ctx.records.derogations
    # Two files with the same id (reported by ACIA205): the last file's application.
    by_id = {application.id: application for application in sorted(applications, key=lambda application: application.file)}
    seen: set[str] = set()
    for derogation in derogations:
        source = derogation.source
        target = derogation.application
        if target in seen:
            yield source.at("candidature").finding(RULE, f"une autre dérogation vise déjà « {target} »")
        seen.add(target)
        application = by_id.get(target)
        if application is None:
            yield source.at("candidature").finding(
                RULE, f"aucune candidature « {target} » dans data/applications/", "Écrivez l'identifiant exact de la candidature (nom de son fichier sans « .yml »)."
            )
        if programme is None:
            continue
        for org_index, organisation in enumerate(derogation.decided_by):
            if programme.organisation(organisation) is None:
                yield source.at("decidee_par", org_index).finding(
                    RULE, f"l'organisation « {organisation} » n'existe pas dans le programme", f"Organisations : {', '.join(item.id for item in programme.organisations)}."
                )
        if derogation.accepted_until <= programme.deadline:
            yield source.at("recue_jusqu_au").finding(RULE, "la limite de la dérogation n'est pas postérieure à la date limite de l'appel")
        if application is not None and application.received <= programme.deadline:
            yield source.at("candidature").finding(RULE, f"la candidature « {target} » a été reçue dans les délais : cette dérogation est inutile", severity=Severity.WARNING)
        if derogation.decided_on < programme.deadline.date():
            yield source.at("decidee_le").finding(RULE, "la dérogation est datée d'avant la date limite : une dérogation se décide après le retard")
