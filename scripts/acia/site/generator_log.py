"""What the site generator prints while ``acia apercu`` runs, said in French.

Users of acia read French only: the generator's routine lines are translated,
its chatter (paths watched, pages outside the menu, the theme's notices) is
left out, and anything that reports a problem is kept, introduced in French,
so that nothing that matters is hidden.
"""

from __future__ import annotations

import re

from acia import french

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_LEVEL = re.compile(r"^(INFO|WARNING|ERROR|DEBUG)\s*-\s*(?:\[[\d:]+\]\s*)?")
_ROUTINE: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (re.compile(r"^(?:Building documentation|Build started)"), "Construction des pages…"),
    (re.compile(r"^(?:Documentation built|Build finished) in ([\d.]+) ?s(?:econds)?"), "Pages construites en {seconds} s."),
    (re.compile(r"^No issues found"), None),  # Zensical
    (re.compile(r"^Detected file changes"), "Modification détectée : les pages sont reconstruites."),
    (re.compile(r"^Reloading browsers"), "Rechargement du navigateur."),
    (re.compile(r"^(Cleaning site directory|Watching paths|Serving on|Browser connected|Shutting down|Start watching|Stop watching)"), None),
    (re.compile(r"^The following pages exist in the docs directory"), None),
)
_PROBLEM = re.compile(r"^(WARNING|ERROR|Warning:|Error:)|Traceback|Error\b|Exception\b|\bissues? found")


def translate(line: str) -> str | None:
    """The French line to show for one line of the generator's output, or None to leave it out."""
    text = _ANSI.sub("", line).rstrip()
    if not text.strip():
        return None
    level = _LEVEL.match(text)
    body = text[level.end() :] if level else text.strip()
    for pattern, message in _ROUTINE:
        found = pattern.search(body)
        if found:
            return message.format(seconds=french.number(float(found.group(1)), 2) if found.groups() else "") if message else None
    if _PROBLEM.search(text):
        return f"Problème signalé par le générateur du site : {body}"
    return None
