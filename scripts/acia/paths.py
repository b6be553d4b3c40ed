"""Where acia's own files are: its schemas and its templates.

The only module that knows the layout of the tool, so that every stage asks
here instead of counting parent folders from its own file. Two layouts:

- installed from a wheel (``pip install acia-….whl``, anywhere): the wheel
  carries ``schemas/`` and ``templates/`` inside the package, next to this
  file (copied there by ``setup.py`` at build time);
- a checkout of the acia repository (editable install, or ``PYTHONPATH=scripts``):
  the package is ``scripts/acia`` and the two folders are at the repository
  root, the one copy that developers edit and that the shipped Corse
  instance's ``$schema`` comments point at.

A programme is always validated against the tool's schemas (``schemas_dir``):
the rules and the model are written for them. The ``schemas/`` folder of a
programme repository is a copy for editors (completion as you type), made by
``acia init``; ``acia valider`` warns when it differs from the tool's (ACIA011).
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
# A wheel has them inside the package; a checkout, at the repository root (scripts/acia/../..).
INSTALLED = (PACKAGE / "schemas").is_dir() and (PACKAGE / "templates").is_dir()
TOOL_FILES = PACKAGE if INSTALLED else PACKAGE.parents[1]
# The acia repository when running from it (None once installed from a wheel).
CHECKOUT: Path | None = None if INSTALLED else PACKAGE.parents[1]

SCHEMAS = TOOL_FILES / "schemas"
TEMPLATES = TOOL_FILES / "templates"
SITE_TEMPLATES = TEMPLATES / "site"
LETTER_TEMPLATES = TEMPLATES / "documents"
INIT_TEMPLATES = TEMPLATES / "init"
# The rule reference of the repository's own instance (Corse), in a checkout only.
REFERENCE_PAGE: Path | None = CHECKOUT / "docs" / "reference-controles.md" if CHECKOUT else None


def schemas_dir() -> Path:
    """The tool's schemas: those every programme is validated against.

    ``ACIA_SCHEMAS`` points elsewhere, e.g. for a copy of the tool's schemas under test.
    """
    configured = os.environ.get("ACIA_SCHEMAS")
    if configured:
        return Path(configured)
    return SCHEMAS
