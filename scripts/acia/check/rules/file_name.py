"""An application's file is named after its id, so links and reviews find it."""

from __future__ import annotations

from pathlib import PurePosixPath

from acia.findings import Rule, Severity

RULE = Rule(
    id="ACIA206",
    title="Nom de fichier différent de l'identifiant",
    severity=Severity.ERROR,
    hint="Renommez le fichier en <id>.yml, ou corrigez « id » pour qu'il reprenne le nom du fichier.",
    example="# data/applications/og-usole.yml\nid: og-u-sole",
    fix="# data/applications/og-u-sole.yml\nid: og-u-sole",
)


def check(ctx):
    for document in ctx.applications:
        stem = PurePosixPath(document.rel).stem
        if document.data["id"] != stem:
            yield document.finding(
                RULE,
                ("id",),
                f"l'identifiant « {document.data['id']} » ne correspond pas au nom du fichier « {PurePosixPath(document.rel).name} »",
                f"Renommez le fichier en {document.data['id']}.yml, ou écrivez « id: {stem} ».",
            )
