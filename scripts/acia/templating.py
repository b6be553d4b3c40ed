"""The Jinja2 environments of pages and letters, their context objects, and French explanations of template errors."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any

import jinja2

# Bidirectional controls (embeddings, overrides, isolates, marks): a value holding
# one could reorder the text that follows it on the page or in the letter.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def without_bidi(text: str) -> str:
    """``text`` with every bidirectional control character removed (pages and documents print values through it)."""
    return BIDI_CONTROLS.sub("", text)


def as_values(context: object) -> dict[str, Any]:
    """A context dataclass's fields as template names (shallow: model objects stay objects)."""
    return {field.name: getattr(context, field.name) for field in fields(context)}  # type: ignore[arg-type]


def markdown_environment(folder: Path, finalize: Callable[[object], str], undefined: type[jinja2.Undefined]) -> jinja2.Environment:
    """Templates that produce Markdown: block tags leave no blank lines, every printed value goes through ``finalize`` (escaping)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=undefined,
        finalize=finalize,
        autoescape=False,
    )


def describe(error: jinja2.TemplateError, template_path: str) -> str:
    """« erreur dans le gabarit templates/x.md.j2, ligne 5 : « nom » n'existe pas dans les données »."""
    line = getattr(error, "lineno", None)
    traceback = error.__traceback__
    while traceback is not None:  # Jinja2 maps template frames back to the template's lines
        if traceback.tb_frame.f_code.co_filename.endswith(template_path.rsplit("/", 1)[-1]):
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    message = error.message or ""
    missing = re.search(r"has no attribute '([^']+)'|'([^']+)' is undefined", message)
    if isinstance(error, jinja2.UndefinedError) and missing:
        message = f"« {missing.group(1) or missing.group(2)} » n'existe pas dans les données"
    where = f", ligne {line}" if line else ""
    return f"erreur dans le gabarit {template_path}{where} : {message}"
