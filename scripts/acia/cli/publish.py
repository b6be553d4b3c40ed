"""``acia publier``: the tree a host serves, the public site and each structure's dossier sealed under its passphrase."""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import shutil
import sys
from pathlib import Path
from typing import Any

from acia.cli import EXIT_FINDINGS, EXIT_OK, add_command, add_now, add_root, fail, root_and_now

COMMAND = "publier"  # as typed: « acia publier »
ALIAS = "publish"


def register(commands: Any) -> None:
    command = add_command(
        commands,
        COMMAND,
        ALIAS,
        help="prépare le site à mettre en ligne",
        description=(
            "Construit le site public et, si le secret ACIA_SECRET est défini, le dossier complet de chaque structure, "
            "chiffré avec sa phrase de passe (acia acces), puis écrit dans un dossier exactement ce qu'un hébergeur doit servir. "
            "Le site interne n'y est jamais en clair : selon site.publication.site_interne (data/programme.yml), il est écrit à part "
            "pour devenir un artefact de la CI réservé aux membres du dépôt (--interne), ou publié chiffré avec la phrase de passe de l'équipe (acia acces --equipe)."
        ),
    )
    add_root(command)
    command.add_argument("--dossier", metavar="SORTIE", help="dossier où écrire le site à publier (vide, nouveau, ou écrit par une publication précédente)")
    command.add_argument(
        "--interne",
        metavar="SORTIE",
        help="dossier où écrire aussi le site interne, pour en faire un artefact de la CI (quand site.publication.site_interne vaut « artefact », le défaut)",
    )
    command.add_argument(
        "--adresse",
        metavar="URL",
        help="adresse https où le site sera servi, à la place de site.adresse (data/programme.yml) : celle que donne l'hébergeur, par exemple GitHub Pages",
    )
    add_now(command)


def run(arguments: argparse.Namespace) -> int:
    from acia import french, reporters
    from acia.check import check_instance
    from acia.publish import area, keys, tree
    from acia.site.pages import READER_PAGE, Audience, SiteError, build

    root, now = root_and_now(arguments)
    if not arguments.dossier and not arguments.interne:
        return fail("indiquez où écrire le site à publier (--dossier SORTIE), ou le site interne pour l'artefact de la CI (--interne SORTIE), ou les deux")
    target = Path(arguments.dossier) if arguments.dossier else None
    internal_target = Path(arguments.interne) if arguments.interne else None
    overlap = _apart(target, internal_target)
    if overlap is not None:
        return fail(overlap)
    try:
        for folder in (target, internal_target):
            if folder is not None:
                tree.check_target(folder)  # before anything is built: a folder someone else wrote is never replaced
    except tree.PublishError as error:
        return fail(str(error))
    try:
        secret = keys.optional_secret()  # unset: the public site only; set but too short: a mistake to correct
    except keys.SecretError as error:
        return fail(str(error))
    checked = check_instance(root, now=now)
    if not checked.report.ok:
        sys.stdout.write(reporters.text(checked.report, lambda rel: rel))
        print("acia : rien n'est publié tant que les données ont des erreurs.", file=sys.stderr)
        return EXIT_FINDINGS
    context = checked.context
    programme = context.programme
    assert programme is not None and context.model is not None  # a valid instance
    if arguments.adresse:
        pattern = context.schemas.by_name["programme.schema.json"]["properties"]["site"]["properties"]["adresse"]["pattern"]
        address = arguments.adresse if arguments.adresse.endswith("/") else arguments.adresse + "/"
        if not re.fullmatch(pattern, address):
            return fail(f"--adresse « {arguments.adresse} » n'est pas une adresse https de site (ex. « https://ars-corse.github.io/acia-2023/ »)")
        programme = dataclasses.replace(programme, site=dataclasses.replace(programme.site, address=address))
        context.programme = programme
    sealed_internal = programme.site.internal_publication == "zone_protegee"
    areas: dict[str, dict[str, bytes]] = {}
    written = 0
    try:
        public_site = build(root, Audience("public"), checked.report, context, proposal=lambda: checked.proposal) if target is not None else None
        if public_site is not None and secret is not None:
            applications = sorted(context.model.applications, key=lambda application: application.id)
            for number, application in enumerate(applications, start=1):
                print(f"Dossier protégé {number} sur {len(applications)}…", flush=True)  # no name: CI logs are read by others
                structure_site = build(root, Audience("structure", application.id), checked.report, context, proposal=lambda: checked.proposal)
                opened = keys.area_keys(keys.passphrase(secret, programme.id, application.id), programme.id)
                areas[opened.address] = area.seal_area(opened, area.entries(public_site, structure_site))
        internal_site = None
        if (sealed_internal and secret is not None and public_site is not None) or (not sealed_internal and internal_target is not None):
            print("Site interne…", flush=True)
            internal_site = build(root, Audience("interne"), checked.report, context, proposal=lambda: checked.proposal)
        if sealed_internal and internal_site is not None and public_site is not None and secret is not None:
            opened = keys.area_keys(keys.passphrase(secret, programme.id, keys.TEAM), programme.id)
            areas[opened.address] = area.seal_area(opened, area.entries(public_site, internal_site))
        if target is not None and public_site is not None:
            written = tree.assemble(target, public_site, areas, _unindexed(public_site, programme.site.address, READER_PAGE))
        if internal_site is not None and not sealed_internal and internal_target is not None:
            _copy_internal(internal_site, internal_target)
    except (SiteError, area.AreaError, tree.PublishError) as error:
        return fail(str(error))
    _tell_the_ci(programme.site.internal_publication, programme.site.artifact_days)
    if target is not None:
        if secret is None:
            team = " ni le site interne de l'équipe" if sealed_internal else ""
            print(
                f"{keys.VARIABLE} n'est pas défini : aucun dossier protégé{team} n'est publié, seulement le site public. "
                "Définissez ce secret (celui de la CI) pour publier le dossier de chaque structure.",
                file=sys.stderr,
            )
        protected = f" et {french.plural(len(areas), 'dossier protégé', 'dossiers protégés')}" if areas else ""
        print(f"Site à publier écrit dans {target} : {french.plural(written, 'fichier')}, le site public{protected}.")
    if sealed_internal and internal_target is not None:
        print(f"Le site interne est publié chiffré pour l'équipe (site.publication.site_interne : zone_protegee) : rien n'est écrit dans {internal_target}.")
    elif internal_target is not None:
        print(
            f"Site interne écrit dans {internal_target}, pour l'artefact de la CI (gardé {french.plural(programme.site.artifact_days, 'jour')}) : "
            "il contient toutes les données personnelles, ne le publiez jamais."
        )
    return EXIT_OK


def _apart(target: Path | None, internal_target: Path | None) -> str | None:
    """Why the two output folders cannot be used (the internal site inside the published tree, or the reverse), or None."""
    if target is None or internal_target is None:
        return None
    published, internal = target.resolve(), internal_target.resolve()
    if published == internal or published in internal.parents or internal in published.parents:
        return f"le site interne (--interne {internal_target}) serait dans le site publié (--dossier {target}), ou l'inverse : choisissez deux dossiers séparés"
    return None


def _unindexed(public_site: Path, address: str, reader_page: str) -> dict[str, bytes]:
    """The files of the public site that publication rewrites or adds so that the protected areas and their reader stay out of search engines."""
    from acia.publish import indexing, tree

    stem = reader_page.removesuffix(".md")
    rewritten: dict[str, bytes] = {}
    for built, url in ((f"{stem}/index.html", f"{stem}/"), (f"{stem}.html", f"{stem}.html")):
        if (public_site / built).is_file():
            rewritten[built] = indexing.unindexed((public_site / built).read_bytes())
            if address and (public_site / "sitemap.xml").is_file():
                rewritten["sitemap.xml"] = indexing.sitemap_without((public_site / "sitemap.xml").read_bytes(), address, [url])
    own = (public_site / "robots.txt").read_bytes() + b"\n" if (public_site / "robots.txt").is_file() else b""  # docs/robots.txt, if the instance wrote one
    rewritten["robots.txt"] = own + indexing.robots_txt(address, [f"{tree.AREAS}/"])
    return rewritten


def _copy_internal(internal_site: Path, target: Path) -> None:
    """The internal site at ``target``, for the CI's artifact: replaced whole when it is a folder an earlier run wrote."""
    from acia.publish import tree

    tree.check_target(target)
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(internal_site, target, symlinks=True)
    (target / tree.STAMP).write_text("Dossier écrit par « acia publier --interne » : il est remplacé à chaque publication.\n", encoding="utf-8")


def _tell_the_ci(internal: str, days: int) -> None:
    """In GitHub Actions, what the workflow's next steps need: whether to keep the internal site as an artifact, and for how long."""
    outputs = os.environ.get("GITHUB_OUTPUT")
    if not outputs:
        return
    with open(outputs, "a", encoding="utf-8") as handle:
        handle.write(f"site-interne={internal}\nconservation-jours={days}\n")
