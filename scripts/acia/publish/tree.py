"""The published tree: the public site, plus each structure's sealed area under ``acces/<address>/``.

Exactly what a host serves, and nothing else: no internal page, no file of
the data. The folder is made next to its target and put in place whole, so a
failed publication never leaves half a tree; a folder acia did not make is
never replaced (``STAMP``), since it may hold someone's files.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from acia import safe_files

AREAS = "acces"  # the folder of the sealed areas in the published tree
STAMP = ".acia-publication"  # in every tree acia publier made: such a folder may be replaced


class PublishError(Exception):
    """The tree cannot be written where asked; the message says why, in French."""


def check_target(target: Path) -> None:
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise PublishError(f"« {target} » n'est pas un dossier : choisissez un dossier de sortie (--dossier)")
    if target.is_dir() and any(target.iterdir()) and not (target / STAMP).is_file():
        raise PublishError(f"le dossier « {target} » n'est pas vide et ne vient pas d'acia publier : rien n'y est écrit, pour ne rien effacer. Choisissez un dossier vide ou nouveau.")


def assemble(target: Path, public_site: Path, areas: dict[str, dict[str, bytes]], rewritten: dict[str, bytes] | None = None) -> int:
    """Write the tree at ``target``: the public site (with the files of ``rewritten`` in place of, or next to, its own), then each area's sealed files; the number of files written."""
    rewritten = rewritten or {}
    check_target(target)
    files, refused = safe_files.walk(public_site, ".")
    if refused:
        raise PublishError("le site public construit contient des liens ou des fichiers spéciaux, non publiés : " + ", ".join(sorted(path for path, _ in refused)))
    if any(name == AREAS or name.startswith(f"{AREAS}/") for name in files):
        raise PublishError(f"le site public a déjà un dossier « {AREAS}/ » (une page écrite à la main ?) : c'est celui des dossiers protégés, renommez-le")
    scratch = target.parent / f".{target.name}.en-cours"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    try:
        for name in sorted(set(files) | set(rewritten)):
            destination = scratch / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            if name in rewritten:
                destination.write_bytes(rewritten[name])
            else:
                shutil.copyfile(public_site / name, destination)
        for address, sealed_files in sorted(areas.items()):
            folder = scratch / AREAS / address
            folder.mkdir(parents=True)
            for name, content in sealed_files.items():
                (folder / name).write_bytes(content)
        (scratch / STAMP).write_text("Dossier écrit par « acia publier » : il est remplacé à chaque publication.\n", encoding="utf-8")
        previous = target.parent / f".{target.name}.precedent"
        shutil.rmtree(previous, ignore_errors=True)
        if target.exists():
            target.rename(previous)
        scratch.rename(target)
        shutil.rmtree(previous, ignore_errors=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return len(set(files) | set(rewritten)) + sum(len(sealed_files) for sealed_files in areas.values())
