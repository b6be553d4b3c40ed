"""An application's file is named after its id, so links and reviews find it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA206",
    title="Nom de fichier différent de l'identifiant",
    severity=Severity.ERROR,
    hint="Renommez le fichier en <id>.yml, ou corrigez « id » pour qu'il reprenne le nom du fichier.",
    example="# data/applications/og-lesfontaines.yml\nid: og-les-fontaines",
    fix="# data/applications/og-les-fontaines.yml\nid: og-les-fontaines",
)


def check(ctx: Context) -> Iterator[Finding]:
    # Checked even when the programme is unusable (ctx.model is then None).
    applications = ctx.records.applications
    for application in applications:
        stem = PurePosixPath(application.file).stem
        if application.id != stem:
            yield application.source.at("id").finding(
                RULE,
                f"l'identifiant « {application.id} » ne correspond pas au nom du fichier « {PurePosixPath(application.file).name} »",
                f"Renommez le fichier en {application.id}.yml, ou écrivez « id: {stem} ».",
            )
