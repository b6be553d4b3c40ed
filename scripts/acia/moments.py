"""Dates and times as people type them on the command line, read one way everywhere.

ISO (``2023-07-15``, ``2023-07-15T10:24``, with or without an offset) and
French (``15/07/2023``, ``15/07/2023 10:24``, ``15/07/2023 10 h 24``) are both
accepted by every option that takes a date (--maintenant, --recu-le…).
"""

from __future__ import annotations

import re
from datetime import datetime

FORMATS = "AAAA-MM-JJ ou JJ/MM/AAAA, suivie si besoin de l'heure (ex. 15/07/2023 10:24 ou 2023-07-15T10:24)"
_FRENCH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:(?:\s+|\s*T\s*|\s+à\s+)(\d{1,2})\s*[:h]\s*(\d{2})?)?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read(text: str) -> tuple[datetime, bool]:
    """The moment written in ``text`` and whether it gave a time; naive unless the text has an offset.

    Raises ValueError with a French message naming the accepted formats.
    """
    text = text.strip()
    match = _FRENCH.match(text)
    try:
        if match:
            day, month, year, hour, minute = match.groups()
            return datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0)), hour is not None
        if _ISO_DATE.match(text):
            return datetime.fromisoformat(text), False
        return datetime.fromisoformat(text.replace(" ", "T", 1)), True
    except ValueError:
        raise ValueError(f"« {text} » n'est pas une date lisible ; formats acceptés : {FORMATS}") from None
