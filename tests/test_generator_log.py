"""acia apercu says in French what the site generator prints, and hides none of its problems."""

import pytest

from acia.site.generator_log import translate


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("INFO    -  Building documentation...\n", "Construction des pages…"),
        ("INFO    -  Documentation built in 1.16 seconds\n", "Pages construites en 1,16 s."),
        ("INFO    -  [23:15:04] Detected file changes\n", "Modification détectée : les pages sont reconstruites."),
        ("INFO    -  [23:15:05] Reloading browsers\n", "Rechargement du navigateur."),
        ("INFO    -  Cleaning site directory\n", None),
        ("INFO    -  [23:14:26] Serving on http://127.0.0.1:8765/\n", None),
        ('INFO    -  The following pages exist in the docs directory, but are not included in the "nav" configuration:\n', None),
        ("  - dossiers/og-2a-fondation-u-sole.md\n", None),
        ("\n", None),
        ("Build started\n", "Construction des pages…"),  # Zensical
        ("Build finished in 0.94s\n", "Pages construites en 0,94 s."),
        ("No issues found\n", None),
    ],
)
def test_routine_lines_are_translated_or_left_out(line, expected):
    assert translate(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "WARNING -  A reference to 'x.md' is not found\n",
        "ERROR   -  Config value 'theme': unknown\n",
        "Traceback (most recent call last):\n",
        "Warning: page does not exist\n",
        "2 issues found\n",
    ],
)
def test_problems_are_kept_and_introduced_in_french(line):
    message = translate(line)
    assert message is not None and message.startswith("Problème signalé par le générateur du site : ")
    assert line.split("-", 1)[-1].strip().split()[0] in message


def test_colours_are_left_out():
    assert translate("\x1b[33mWarning:\x1b[0m anchor does not exist\n") == "Problème signalé par le générateur du site : Warning: anchor does not exist"
