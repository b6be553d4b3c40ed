"""Reporters format hand-built reports; they add nothing and lose nothing."""

from __future__ import annotations

import json

from conftest import REPO, run_cli

from acia import anchors, reporters
from acia.findings import Finding, Report

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


def test_code_quality_report_is_gitlab_s_format():
    """GitLab reads description, check_name, fingerprint, severity and location.path / lines.begin of each finding."""
    issues = json.loads(reporters.code_quality(REPORT, lambda rel: f"programme/{rel}"))
    assert [issue["check_name"] for issue in issues] == ["ACIA201", "ACIA008"]
    assert issues[0]["severity"] == "major" and issues[1]["severity"] == "minor"
    assert issues[0]["location"] == {"path": "programme/data/applications/og-a.yml", "lines": {"begin": 14}}
    assert issues[0]["description"].startswith("ACIA201 : le SIRET « 1, 2 » a une clé: incorrecte. Recopiez le SIRET.")
    assert len({issue["fingerprint"] for issue in issues}) == 2
    moved = Report([Finding(**{**FINDINGS[0].as_dict(), "line": 40})], 1)
    assert json.loads(reporters.code_quality(moved, _same))[0]["fingerprint"] == issues[0]["fingerprint"]  # a line added above: the same finding
    assert reporters.code_quality(Report([], 3), _same) == "[]\n"


def test_codequality_format_end_to_end(instance, monkeypatch):
    (instance / "data" / "applications" / "og-test-b.yml").write_text("id: [", encoding="utf-8")
    monkeypatch.chdir(instance)  # as in a GitLab job: at the root of the repository, whose paths GitLab expects
    code, out, _ = run_cli("valider", "--format", "codequality", "--maintenant", "2023-08-01")
    assert code == 1
    assert [(issue["check_name"], issue["location"]["path"]) for issue in json.loads(out)] == [("ACIA003", "data/applications/og-test-b.yml")]


def test_text_says_which_files_were_not_rule_checked():
    report = Report(findings=FINDINGS, files=2, rules_skipped=["data/applications/og-a.yml"])
    assert "Règles métier non appliquées à data/applications/og-a.yml" in reporters.text(report, _same)


def test_empty_report_is_valid():
    assert reporters.text(Report([], 0), _same).strip() == "0 fichier vérifié : 0 erreur, 0 avertissement — valide."


# --- Markdown summary (GitHub job summary) ---------------------------------------

UNSAFE = Finding(
    file="data/applications/og-a.yml",
    line=7,
    column=3,
    rule="ACIA102",
    severity="erreur",
    field="organisme_gestionnaire.raison|sociale",
    message="clé inconnue « a | b »\n<script>alert(1)</script> **gras** [lien](javascript:x) $x$",
    hint="Supprimez la clé.\n| faux | tableau |",
)


def _table_rows(summary: str) -> list[list[str]]:
    """The cells of every table row, as GitHub and Python-Markdown read them (an escaped « \\| » is text)."""
    from html.parser import HTMLParser

    import markdown

    class Cells(HTMLParser):
        def __init__(self):
            super().__init__()
            self.rows: list[list[str]] = []
            self.inside = False

        def handle_starttag(self, tag, attrs):
            if tag == "tr":
                self.rows.append([])
            elif tag in ("td", "th"):
                self.rows[-1].append("")
                self.inside = True
            elif tag == "br" and self.inside:
                self.rows[-1][-1] += "\n"

        def handle_endtag(self, tag):
            if tag in ("td", "th"):
                self.inside = False

        def handle_data(self, data):
            if self.inside:
                self.rows[-1][-1] += data

    parser = Cells()
    parser.feed(markdown.markdown(summary, extensions=["tables"]))
    # GitHub (CommonMark) unescapes « \$ » too; Python-Markdown, used here to read the table, does not.
    return [[cell.replace("\\$", "$") for cell in row] for row in parser.rows]


def test_markdown_summary_says_the_verdict_and_groups_by_file():
    summary = reporters.markdown_summary(REPORT, _same)
    assert summary.startswith("## ❌ Contrôle des données : à corriger\n")
    assert "**1 erreur à corriger** avant de pouvoir fusionner la demande ; 1 avertissement (ne bloque pas la fusion). 2 fichiers vérifiés." in summary
    assert summary.index("### data/applications/og-a.yml") < summary.index("### data/programme.yml")
    rows = _table_rows(summary)
    assert rows[0] == ["Ligne", "Gravité", "Contrôle", "Problème", "Comment corriger"]
    assert rows[1][0] == "14" and rows[1][1] == "❌ erreur" and rows[1][2] == "ACIA201 Numéro SIRET invalide"
    assert rows[1][3] == "le SIRET « 1, 2 » a une clé: incorrecte\n(champ etablissements[0].siret)"
    assert rows[1][4] == "Recopiez le SIRET.\nDeuxième ligne 100%"  # the hint's line break is kept
    assert rows[3][:3] == ["3", "⚠️ avertissement", "ACIA008 Commentaire « $schema » manquant ou incorrect"]


def test_markdown_summary_cells_cannot_be_broken_by_data():
    summary = reporters.markdown_summary(Report(findings=[UNSAFE], files=1), _same)
    row = next(line for line in summary.splitlines() if line.startswith("| 7 |"))
    assert "\n" not in row and "<script>" not in summary
    assert "&lt;script&gt;" in row and "a \\| b" in row and "<br>" in row
    rows = _table_rows(summary)
    assert len(rows) == 2 and all(len(cells) == 5 for cells in rows)  # no column added, no row split
    assert rows[1][3] == "clé inconnue « a | b »\n<script>alert(1)</script> **gras** [lien](javascript:x) $x$\n(champ organisme_gestionnaire.raison|sociale)"
    assert rows[1][4] == "Supprimez la clé.\n| faux | tableau |"


def test_markdown_summary_links_each_code_to_its_section_of_the_reference_page():
    summary = reporters.markdown_summary(REPORT, _same, reference="https://example.org/docs/reference-controles.md")
    assert "[ACIA201](https://example.org/docs/reference-controles.md#acia201--numéro-siret-invalide) Numéro SIRET invalide" in summary
    # GitHub's anchor of the rule's heading on the checked-in page
    page = (REPO / "docs" / "reference-controles.md").read_text(encoding="utf-8")
    assert "\n### ACIA201 — Numéro SIRET invalide\n" in page
    assert anchors.github("ACIA008 — Commentaire « $schema » manquant ou incorrect") == "acia008--commentaire--schema--manquant-ou-incorrect"


def test_markdown_summary_links_files_and_lines_when_given_a_source():
    summary = reporters.markdown_summary(REPORT, _same, source=lambda path, line: f"https://example.org/{path}" + (f"#L{line}" if line else ""))
    assert "### [data/applications/og-a.yml](https://example.org/data/applications/og-a.yml)" in summary
    assert "| [14](https://example.org/data/applications/og-a.yml#L14) |" in summary


def test_markdown_summary_of_a_valid_report():
    summary = reporters.markdown_summary(Report([], 3), _same)
    assert summary.splitlines()[:3] == ["## ✅ Contrôle des données : valide", "", "**Valide** : aucun problème. 3 fichiers vérifiés."]
    assert "|" not in summary


def test_markdown_summary_is_bounded():
    many = [Finding(file=f"data/applications/og-{index}.yml", line=1, column=1, rule="ACIA002", severity="erreur", field="", message="fichier vide", hint="Remplissez-le.") for index in range(12)]
    summary = reporters.markdown_summary(Report(many, 12), _same, limit=10)
    assert summary.count("| 1 |") == 10
    assert "… et 2 autres problèmes, non affichés ici" in summary


def _break(instance):
    path = instance / "data/applications/og-test-a.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('"2A0000026"', '"2A00000261"'), encoding="utf-8")


def test_github_format_appends_the_summary_to_the_job_summary(instance, tmp_path, monkeypatch):
    _break(instance)
    summary_file = tmp_path / "step_summary.md"
    summary_file.write_text("## Étape précédente\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    code, out, err = run_cli("validate", "--root", str(instance), "--format", "github", "--maintenant", "2023-08-01")
    assert code == 1 and err == ""
    assert out.startswith("::error file=")  # the annotations are still printed
    written = summary_file.read_text(encoding="utf-8")
    assert written.startswith("## Étape précédente\n## ❌ Contrôle des données de `")  # appended, not replaced
    assert "| ❌ erreur | [ACIA202](" in written and "#acia202--numéro-finess-invalide) Numéro FINESS invalide |" in written


def test_github_format_links_to_the_commit_on_github(instance, tmp_path, monkeypatch):
    _break(instance)
    summary_file = tmp_path / "step_summary.md"
    monkeypatch.chdir(instance)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "aract-corse/acia")
    monkeypatch.setenv("GITHUB_SHA", "0123abcd")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(instance))
    run_cli("validate", "--format", "github", "--maintenant", "2023-08-01")
    written = summary_file.read_text(encoding="utf-8")
    base = "https://github.com/aract-corse/acia/blob/0123abcd"
    assert written.startswith("## ❌ Contrôle des données : à corriger")
    assert f"### [data/applications/og-test-a.yml]({base}/data/applications/og-test-a.yml)" in written
    assert f"| [21]({base}/data/applications/og-test-a.yml#L21) |" in written
    assert f"[ACIA202]({base}/docs/reference-controles.md#acia202--numéro-finess-invalide)" in written


def test_no_job_summary_outside_github(instance, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # GITHUB_STEP_SUMMARY is unset for every test (conftest)
    code, out, _ = run_cli("validate", "--root", str(instance), "--format", "github", "--maintenant", "2023-08-01")
    assert code == 0 and "##" not in out and list(tmp_path.iterdir()) == [instance]


def test_markdown_format_prints_the_summary(instance):
    _break(instance)
    code, out, _ = run_cli("validate", "--root", str(instance), "--format", "markdown", "--maintenant", "2023-08-01")
    assert code == 1
    assert out.startswith("## ❌ Contrôle des données de `") and "| ❌ erreur | [ACIA202](" in out
