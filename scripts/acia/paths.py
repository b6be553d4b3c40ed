"""Where acia's own files are: the repository, its schemas and its templates.

The only module that knows the layout of the checkout, so that every stage
asks here instead of counting parent folders from its own file.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TEMPLATES = REPO / "templates"
SITE_TEMPLATES = TEMPLATES / "site"
LETTER_TEMPLATES = TEMPLATES / "documents"
REFERENCE_PAGE = REPO / "docs" / "reference-controles.md"


def schemas_dir() -> Path:
    """The repository's ``schemas/`` folder (acia is installed from its repository, editable).

    ``ACIA_SCHEMAS`` points elsewhere, e.g. for a copy of the tool outside the repository.
    """
    configured = os.environ.get("ACIA_SCHEMAS")
    if configured:
        return Path(configured)
    return REPO / "schemas"
