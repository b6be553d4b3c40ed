"""The check stage: JSON Schema validation, semantic rules and their catalogue.

``acia.check.validate`` is the Python API behind ``acia valider`` and returns
a ``Report``; ``acia.check.check_instance`` returns a ``Checked`` (the report,
the schema-valid context and the selection proposal) for the stages that build
on validated data.
"""

from acia.check.pipeline import NOW_VARIABLE, Checked, check_instance, default_now, parse_now, validate

__all__ = ["NOW_VARIABLE", "Checked", "check_instance", "default_now", "parse_now", "validate"]
