"""The check stage: JSON Schema validation, semantic rules and their catalogue.

``acia.check.validate`` is the Python API behind ``acia validate``.
"""

from acia.check.pipeline import NOW_VARIABLE, default_now, parse_now, validate

__all__ = ["NOW_VARIABLE", "default_now", "parse_now", "validate"]
