"""Reporters format hand-built reports; they add nothing and lose nothing."""

from __future__ import annotations

import json

from acia import reporters
from acia.check import Report
from acia.findings import Finding

FINDINGS = [
    Finding(
        file="data/applications/og-a.yml",
        line=14,
        column=12,
        rule="ACIA201",
        severity="erreur",
        field="etablissements[0].siret",
        message="le SIRET « 1, 2 » a une clé: incorrecte",
        hint="Recopiez le SIRET.\nDeuxième ligne 100%",
    ),
    Finding(file="data/programme.yml", line=3, column=1, rule="ACIA008", severity="avertissement", field="", message="première ligne", hint="Écrivez le commentaire."),
]
REPORT = Report(findings=FINDINGS, files=2)


def _same(path: str) -> str:
    return path


def test_text_has_one_line_per_finding_then_its_hint():
    output = reporters.text(REPORT, _same).splitlines()
    assert output[0] == "data/applications/og-a.yml:14:12: erreur [ACIA201] le SIRET « 1, 2 » a une clé: incorrecte (etablissements[0].siret)"
    assert output[1].startswith("  → Recopiez le SIRET.")
    assert output[-1] == "2 fichiers vérifiés : 1 erreur, 1 avertissement — invalide."


def test_text_colours_only_when_asked():
    assert "\033[" not in reporters.text(REPORT, _same)
    assert "\033[31merreur" in reporters.text(REPORT, _same, colour=True)


def test_text_shows_paths_as_displayed():
    output = reporters.text(REPORT, lambda rel: f"examples/idf-2021/{rel}")
    assert output.startswith("examples/idf-2021/data/applications/og-a.yml:14:12:")


def test_json_is_the_report_as_data():
    data = json.loads(reporters.as_json(REPORT))
    assert data == REPORT.as_dict()
    assert data["summary"] == {"files": 2, "errors": 1, "warnings": 1, "valid": False, "rules_skipped": []}
    assert set(data["findings"][0]) == {"rule", "severity", "file", "line", "column", "field", "message", "hint"}


def test_github_annotations_are_escaped():
    lines = reporters.github(REPORT, _same).splitlines()
    assert lines[0].startswith("::error file=data/applications/og-a.yml,line=14,col=12,title=ACIA201 Numéro SIRET invalide::")
    assert "%0A" in lines[0] and "100%25" in lines[0]  # newline and percent escaped in the message
    assert lines[1].startswith("::warning file=data/programme.yml,line=3,col=1,title=ACIA008 Commentaire « $schema » manquant ou incorrect::")
    title_part = lines[0].split("::")[1]
    assert "," not in title_part.split("title=")[1]  # commas escaped in properties


def test_text_says_which_files_were_not_rule_checked():
    report = Report(findings=FINDINGS, files=2, rules_skipped=["data/applications/og-a.yml"])
    assert "Règles métier non appliquées à data/applications/og-a.yml" in reporters.text(report, _same)


def test_empty_report_is_valid():
    assert reporters.text(Report([], 0), _same).strip() == "0 fichier vérifié : 0 erreur, 0 avertissement — valide."
