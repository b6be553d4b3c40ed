"""`acia format`: the text layout of YAML and Markdown files (ACIA601–ACIA606), checked and safely fixed."""

from __future__ import annotations

import ast
import codecs
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, build_instance, run_cli

from acia import format as layout
from acia.check.catalogue import ALL_RULES, render_markdown

# (file name, content, rule, "file:line:column", words of the message): one bad input per case.
BAD = [
    ("espaces.yml", b"id: og-test\nville: Ajaccio  \n", "ACIA601", "espaces.yml:2:15", "2 espaces en fin de ligne"),
    ("tabulation-finale.yml", b"ville: Ajaccio\t\n", "ACIA601", "tabulation-finale.yml:1:15", "1 tabulation en fin de ligne"),
    ("ligne-blanche.yml", b"a: 1\n   \nb: 2\n", "ACIA601", "ligne-blanche.yml:2:1", "ligne vide qui contient 3 espaces"),
    ("titre.md", b"# Compte rendu \n\nTexte.\n", "ACIA601", "titre.md:1:15", "1 espace en fin de ligne"),
    ("en-tete.md", b"---\nredige_par: aract  \n---\nTexte.\n", "ACIA601", "en-tete.md:2:18", "2 espaces en fin de ligne"),
    ("tabulation.yml", b"equipe_projet:\n\t- nom: Dupont\n", "ACIA602", "tabulation.yml:2:1", "tabulation dans l'indentation"),
    ("tabulation-apres-espaces.yml", b"a:\n  \tb: 1\n", "ACIA602", "tabulation-apres-espaces.yml:2:3", "tabulation dans l'indentation"),
    ("tabulation-en-tete.md", b"---\nredige_par: aract\nparticipants:\n\t- aract\n---\nTexte.\n", "ACIA602", "tabulation-en-tete.md:4:1", "tabulation dans l'indentation"),
    ("windows.yml", b"a: 1\r\nb: 2\r\n", "ACIA603", "windows.yml:1:5", "fins de ligne Windows (CRLF) sur 2 lignes"),
    ("windows.md", b"# Titre\r\n\r\nTexte.\r\n", "ACIA603", "windows.md:1:8", "sur 3 lignes"),
    ("sans-fin.yml", b"a: 1\nb: 2", "ACIA604", "sans-fin.yml:2:5", "n'est pas suivie d'un retour à la ligne"),
    ("sans-fin.md", b"# Titre\n\nTexte.", "ACIA604", "sans-fin.md:3:7", "n'est pas suivie d'un retour à la ligne"),
    ("lignes-vides.yml", b"a: 1\n\n\n", "ACIA605", "lignes-vides.yml:2:1", "2 lignes vides après la dernière ligne écrite"),
    ("ligne-vide.md", b"Texte.\n\n", "ACIA605", "ligne-vide.md:2:1", "1 ligne vide après"),
    ("lignes-vides-espaces.yml", b"a: 1\n  \n\t\n", "ACIA605", "lignes-vides-espaces.yml:2:1", "2 lignes vides"),
    ("cle-impaire.yml", b'organisme_gestionnaire:\n   siret: "78467169500087"\n', "ACIA606", "cle-impaire.yml:2:4", "indentation de 3 espaces : utilisez un multiple de 2 (2 ou 4)"),
    ("liste-impaire.yml", b"financement:\n - assurance_maladie\n", "ACIA606", "liste-impaire.yml:2:2", "indentation de 1 espace"),
    ("liste-de-cles.yml", b"equipe_projet:\n   - nom: Dupont\n     prenom: Marie\n", "ACIA606", "liste-de-cles.yml:3:6", "indentation de 5 espaces"),
    ("indentation-en-tete.md", b"---\nredige_par: aract\nenseignements:\n   - texte: Oui\n---\nTexte.\n", "ACIA606", "indentation-en-tete.md:4:4", "indentation de 3 espaces"),
]

# Layouts that look odd but are right: nothing to report.
GOOD = [
    ("vide.yml", b""),
    ("simple.yml", b"# yaml-language-server: $schema=x.json\nid: og-test\nliste:\n  - a\n  - b: 1\n    c: 2\nautre:\n- x\n"),
    ("quatre-espaces.yml", b"a:\n    b:\n        c: 1\n"),
    ("bloc-litteral.yml", b"motivations: |\n   un texte libre\n       dont l'indentation est du contenu\nsuite: 1\n"),
    ("texte-replie.yml", b"motivations: >-\n  un texte\n     qui continue\n"),
    ("suite-de-ligne.yml", b"motivations: un texte\n   qui continue sur la ligne suivante\n"),
    ("accolades.yml", b"directeur: {nom: Santoni,\n   prenom: Maria}\n"),
    ("commentaire.yml", b"a:\n   # un commentaire decale\n  b: 1\n"),
    ("saut-de-ligne.md", b"---\nredige_par: aract\n---\nPremiere ligne  \nseconde ligne.\n"),
    ("code.md", b"Exemple :\n\n\tcode indente par une tabulation\n"),
    ("bom.yml", codecs.BOM_UTF8 + b"a: 1\n"),
    ("en-tete-ouvert.md", b"---\nredige_par: aract\n   texte sans fin d'en-tete\n"),
]


def _write(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


def test_every_layout_rule_is_in_the_catalogue_and_has_a_bad_input_here():
    ids = {rule.id for rule in layout.RULES}
    assert ids == {f"ACIA60{number}" for number in range(1, 7)}
    assert ids <= {rule.id for rule in ALL_RULES}
    assert ids == {case[2] for case in BAD}
    assert all(rule.scope == layout.SCOPE for rule in layout.RULES)
    page = render_markdown()
    assert "## Mise en forme des fichiers" in page and "vérifiée par `acia format`" in page


@pytest.mark.parametrize(("name", "content", "rule", "where", "message"), BAD, ids=[case[0] for case in BAD])
def test_bad_layout_is_reported_in_french_and_the_file_is_left_alone(tmp_path, monkeypatch, name, content, rule, where, message):
    monkeypatch.chdir(tmp_path)
    path = _write(tmp_path, name, content)
    code, out, err = run_cli("format", name)
    assert code == 1, out
    assert err == ""
    lines = out.splitlines()
    reported = [line for line in lines if line.startswith(f"{where}: erreur [{rule}] ")]
    assert reported, out
    assert message in reported[0]
    hint = lines[lines.index(reported[0]) + 1]
    assert hint.startswith("  → ") and len(hint) > 20
    assert "1 fichier vérifié : " in out and "— invalide." in out
    assert path.read_bytes() == content, "acia format never modifies a file without --corriger"


@pytest.mark.parametrize(("name", "content"), GOOD, ids=[case[0] for case in GOOD])
def test_right_layout_passes(tmp_path, monkeypatch, name, content):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, name, content)
    code, out, _ = run_cli("format", name)
    assert code == 0, out
    assert out == "1 fichier vérifié : 0 erreur, 0 avertissement — valide.\n"


def test_trailing_blank_lines_are_not_also_reported_as_trailing_spaces(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "a.yml", b"a: 1\n  \n")
    _, out, _ = run_cli("format", "a.yml")
    assert "[ACIA605]" in out and "[ACIA601]" not in out


def test_fix_corrects_what_is_safe_and_says_what_it_changed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "a.yml", b"id: og-test  \r\nville: Ajaccio\r\n\r\n\r\n")
    _write(tmp_path, "b.md", b"---\nredige_par: aract \n---\nLigne avec saut  \nsuite \n\tcode")
    code, out, _ = run_cli("format", "--corriger", "a.yml", "b.md")
    assert code == 0, out
    assert (tmp_path / "a.yml").read_bytes() == b"id: og-test\nville: Ajaccio\n"
    # The Markdown line break (two spaces) and the tab of the Markdown body are kept.
    assert (tmp_path / "b.md").read_bytes() == b"---\nredige_par: aract\n---\nLigne avec saut  \nsuite\n\tcode\n"
    assert ("corrigé : a.yml : espaces en fin de ligne supprimés (ligne 1) ; fins de ligne Windows (CRLF) remplacées par « LF » ; 2 lignes vides supprimées en fin de fichier") in out
    assert "corrigé : b.md : espaces en fin de ligne supprimés (lignes 2, 5) ; retour à la ligne ajouté après la dernière ligne" in out
    assert out.endswith("2 fichiers vérifiés : 0 erreur, 0 avertissement — valide.\n")
    code, out, _ = run_cli("format", "a.yml", "b.md")
    assert code == 0 and "corrigé" not in out


def test_fix_leaves_tabs_and_indentation_to_the_user(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "a.yml", b"a:\n   b: 1 \nc:\n\t- d")
    code, out, _ = run_cli("format", "--corriger", "a.yml")
    assert code == 1
    assert (tmp_path / "a.yml").read_bytes() == b"a:\n   b: 1\nc:\n\t- d\n"
    assert "corrigé : a.yml : espaces en fin de ligne supprimés (ligne 2) ; retour à la ligne ajouté après la dernière ligne" in out
    assert "a.yml:2:4: erreur [ACIA606]" in out
    assert "a.yml:4:1: erreur [ACIA602]" in out
    assert "[ACIA601]" not in out and "[ACIA604]" not in out
    assert "Pour corriger automatiquement" not in out


def test_fix_keeps_the_bytes_it_does_not_understand(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "a.yml", codecs.BOM_UTF8 + b"nom: caf\xe9 \n")  # Latin-1, not UTF-8: acia validate reports it
    code, _, _ = run_cli("format", "--corriger", "a.yml")
    assert code == 0
    assert (tmp_path / "a.yml").read_bytes() == codecs.BOM_UTF8 + b"nom: caf\xe9\n"


def test_fix_keeps_the_file_permissions(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = _write(tmp_path, "a.yml", b"a: 1 \n")
    path.chmod(0o640)
    run_cli("format", "--corriger", "a.yml")
    assert path.read_bytes() == b"a: 1\n"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [child.name for child in tmp_path.iterdir()] == ["a.yml"]


def test_fix_that_cannot_write_is_explained(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "a.yml", b"a: 1 \n")

    def refuse(*_):
        raise PermissionError(13, "Permission non accordée")

    monkeypatch.setattr(layout.os, "replace", refuse)
    code, out, err = run_cli("format", "--corriger", "a.yml")
    assert code == 2
    assert "impossible de corriger « a.yml » (Permission non accordée)" in err
    assert "Traceback" not in out + err
    assert (tmp_path / "a.yml").read_bytes() == b"a: 1 \n"
    assert [child.name for child in tmp_path.iterdir()] == ["a.yml"]


def test_summary_names_the_command_that_fixes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "mon fichier.yml", b"a: 1 \n")
    _write(tmp_path, "b.yml", b"a:\n   b: 1\n")
    _, out, _ = run_cli("format", "mon fichier.yml", "b.yml")
    assert out.splitlines()[-1] == "Pour corriger automatiquement ACIA601 (espaces invisibles, fins de ligne, fin du fichier) : .venv/bin/acia format --corriger 'mon fichier.yml'"


def test_spaces_only_checks_any_text_file_and_nothing_else(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "outil.py", b"x = 1 \r\ny = 2")
    code, out, _ = run_cli("format", "outil.py")
    assert code == 0 and out.startswith("0 fichier vérifié"), "without the option, only YAML and Markdown files are checked"
    code, out, _ = run_cli("format", "--espaces-seulement", "outil.py")
    assert code == 1
    assert "outil.py:1:6: erreur [ACIA601] 1 espace en fin de ligne" in out
    assert "[ACIA603]" not in out and "[ACIA604]" not in out
    assert "--corriger --espaces-seulement outil.py" in out
    code, out, _ = run_cli("format", "--espaces-seulement", "--corriger", "outil.py")
    assert code == 0
    assert (tmp_path / "outil.py").read_bytes() == b"x = 1\r\ny = 2", "line endings and the end of the file are not its business"


def test_spaces_only_keeps_markdown_line_breaks(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "a.md", b"Ligne  \nsuite\n")
    code, out, _ = run_cli("format", "--espaces-seulement", "a.md")
    assert code == 0, out


def test_without_files_checks_the_data_files_of_the_programme(tmp_path, monkeypatch):
    root = build_instance(tmp_path / "instance")
    application = root / "data/applications/og-test-a.yml"
    application.write_bytes(application.read_bytes().replace(b"id: og-test-a\n", b"id: og-test-a \n"))
    (root / "notes.yml").write_bytes(b"a: 1 \n")  # not a data file
    code, out, _ = run_cli("format", "--root", str(root))
    assert code == 1
    assert f"{os.path.relpath(application)}:2:14: erreur [ACIA601]" in out
    assert "notes.yml" not in out
    assert "3 fichiers vérifiés" in out
    monkeypatch.chdir(root)
    code, out, _ = run_cli("format", "data")
    assert code == 1 and "data/applications/og-test-a.yml:2:14: erreur [ACIA601]" in out


def test_folders_missing_files_and_binary_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dossier" / ".cache").mkdir(parents=True)
    _write(tmp_path / "dossier", "a.yml", b"a: 1\n")
    _write(tmp_path / "dossier", "b.md", b"Texte.\n")
    _write(tmp_path / "dossier", "c.txt", b"x \n")
    _write(tmp_path / "dossier" / ".cache", "d.yml", b"d: 1 \n")
    _write(tmp_path, "binaire.yml", b"a: 1 \n\x00\x01")
    code, out, err = run_cli("format", "dossier", "binaire.yml", "supprime.yml")
    assert code == 0, out
    assert out == "2 fichiers vérifiés : 0 erreur, 0 avertissement — valide.\n"
    assert err == "acia : « supprime.yml » introuvable : ignoré\n"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["format", "--root", "/nonexistent/acia"], "n'existe pas"),
        (["format", "--inconnue"], "arguments non reconnus"),
    ],
)
def test_usage_problems_exit_2_in_french(arguments, message):
    code, out, err = run_cli(*arguments)
    assert code == 2
    assert message in err
    assert "Traceback" not in out + err


def test_help_is_in_french():
    code, out, _ = run_cli("format", "--help")
    assert code == 0
    assert "utilisation : acia format" in out and "--corriger" in out and "--espaces-seulement" in out


def test_the_repository_follows_its_own_layout():
    """What the pre-commit hooks check on every commit holds for every file in the repository."""
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a Git checkout")
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout.decode().split("\0")
    files = [str(REPO / name) for name in listed if name and not name.startswith(("tests/cases/", "tests/vendor/")) and (REPO / name).is_file()]
    code, out, _ = run_cli("format", *files)
    assert code == 0, out
    code, out, _ = run_cli("format", "--espaces-seulement", *files)
    assert code == 0, out


@pytest.mark.parametrize("colour", [False, True])
def test_report_looks_exactly_like_acia_validate(tmp_path, colour):
    """acia format renders without loading the validator (speed of the hook); the text must not drift."""
    from acia import reporters
    from acia.findings import Report, Severity

    path = _write(tmp_path, "a.yml", b"a:\n   b: 1 \nc: 2")
    findings = layout.check(path, "a.yml").findings
    findings.append(layout.TRAILING_SPACES.finding("b.yml", 1, 1, "champ", "message", severity=Severity.WARNING))
    for shown, files in ((findings, 2), ([], 1), (findings[:1], 1)):
        assert layout.render(shown, files, colour) == reporters.text(Report(shown, files), lambda rel: rel, colour)


def test_format_does_not_load_the_validator():
    """The pre-commit hook runs acia format on every commit: it stays light."""
    code = "import sys; from acia import cli; cli.main(['format', '--root', sys.argv[1]]); print(sorted(m for m in sys.modules if m.startswith('acia')))"
    result = subprocess.run([sys.executable, "-c", code, str(REPO)], capture_output=True, text=True, check=True)
    loaded = ast.literal_eval(result.stdout.strip().splitlines()[-1])
    assert not [name for name in loaded if name.startswith("acia.check")]
