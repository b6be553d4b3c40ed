"""Bad input never produces a traceback: each becomes a finding, exit code 1."""

from __future__ import annotations

import json

import pytest
from conftest import run_cli

APPLICATION = "data/applications/og-test-b.yml"
COMMENT = b"# yaml-language-server: $schema=../../schemas/application.schema.json\n"

CORPUS = {
    "garbage-bytes": (bytes(range(256)) * 4, "ACIA001"),
    "latin1-text": (COMMENT + "raison_sociale: Cré\n".encode("latin-1"), "ACIA001"),
    "nul-bytes": (COMMENT + b"id: og-test-b\x00\n", "ACIA001"),
    "empty": (b"", "ACIA002"),
    "comment-only": (COMMENT, "ACIA002"),
    "list-not-mapping": (COMMENT + b"- id: og-test-b\n- axe: axe-1\n", "ACIA103"),
    "scalar-not-mapping": (COMMENT + b"bonjour\n", "ACIA103"),
    "five-megabytes": (COMMENT + b"motivations: " + b"x" * (5 * 1024 * 1024) + b"\n", "ACIA005"),
    "tabs": (COMMENT + b"id: og-test-b\n\taxe: axe-1\n", "ACIA003"),
    "unclosed-quote": (COMMENT + b'id: "og-test-b\n', "ACIA003"),
    "duplicate-key": (COMMENT + b"id: og-test-b\nid: og-test-c\n", "ACIA004"),
    "deep-nesting": (COMMENT + b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n", None),
    "billion-laughs": (COMMENT + b"a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n", "ACIA003"),
    "python-tag": (COMMENT + b"id: !!python/object/apply:os.system [echo]\n", "ACIA003"),
    "utf16": ("id: og-test-b\n".encode("utf-16"), "ACIA001"),
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_bad_input_gives_findings_not_tracebacks(instance, name):
    content, expected_rule = CORPUS[name]
    (instance / APPLICATION).write_bytes(content)
    code, out, err = run_cli("validate", "--root", str(instance), "--format", "json", "--maintenant", "2023-08-01")
    assert err == ""
    assert "Traceback" not in out
    result = json.loads(out)
    assert code == 1
    rules = {finding["rule"] for finding in result["findings"] if finding["file"] == APPLICATION}
    assert rules, f"no finding for {name}"
    if expected_rule is not None:
        assert expected_rule in rules


def test_directory_named_like_a_file(instance):
    (instance / APPLICATION).mkdir()
    code, out, _ = run_cli("validate", "--root", str(instance), "--maintenant", "2023-08-01")
    assert code == 1
    assert "ACIA001" in out and "c'est un dossier" in out


def test_unquoted_identifier_says_to_quote_it(instance):
    path = instance / "data/applications/og-test-a.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('siret: "78467169500087"', "siret: 78467169500087", 1), encoding="utf-8")
    code, out, _ = run_cli("validate", "--root", str(instance), "--maintenant", "2023-08-01")
    assert code == 1
    assert "[ACIA103]" in out
    assert 'siret: "78467169500087"' in out  # the hint shows the quoted value to copy


def test_unreadable_file(instance, monkeypatch):
    # Tests run as root in CI, where file permissions cannot make a file unreadable.
    import os

    from acia import safe_files

    real_open = os.open

    def fake_open(path, flags, *args, **kwargs):
        if os.fspath(path).endswith("og-test-a.yml"):
            raise PermissionError(13, "Permission non accordée")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(safe_files.os, "open", fake_open)
    code, out, _ = run_cli("validate", "--root", str(instance), "--maintenant", "2023-08-01")
    assert code == 1
    assert "ACIA001" in out and "Permission non accordée" in out


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("data/applications/og-test-a.yml", "2023-06-12T10:24:00+02:00", "2023-02-30T10:24:00+02:00"),
        ("data/applications/og-test-a.yml", "2023-06-12T10:24:00+02:00", "2023-06-12T10:24:00+25:00"),
        ("data/programme.yml", 'fin: "2024-02-29"', 'fin: "2023-02-29"'),
    ],
    ids=["30-fevrier", "decalage-25h", "29-fevrier-2023"],
)
def test_impossible_dates_are_findings(instance, file, old, new):
    path = instance / file
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    code, out, err = run_cli("validate", "--root", str(instance), "--maintenant", "2023-08-01")
    assert code == 1 and err == ""
    assert f"[ACIA105] « {'date_reception' if 'applications' in file else 'fin'} »" in out
    assert "n'est pas une date valide" in out


def test_invalid_byte_column_counts_characters(instance):
    (instance / APPLICATION).write_bytes(COMMENT + "motivations: éé".encode() + b"\xff\n")
    code, out, _ = run_cli("validate", "--root", str(instance), "--maintenant", "2023-08-01")
    assert code == 1
    assert "og-test-b.yml:2:16: erreur [ACIA001]" in out  # after 15 characters (17 bytes)
