"""The acia command end to end: shipped instances, formats, exit codes, French help."""

from __future__ import annotations

import argparse
import gettext
import io
import json
import os
import shutil
import subprocess
import sys
from contextlib import redirect_stderr
from pathlib import Path

import pytest
from conftest import NOW, REPO, run_cli

import tasks
from acia.check import validate

INSTANCES = [REPO, REPO / "examples" / "idf-2021"]


@pytest.mark.parametrize(("root", "warnings"), [(REPO, 1), (REPO / "examples" / "idf-2021", 0)], ids=["corse-2023", "idf-2021"])
def test_shipped_instance_is_valid_at_the_date_it_stands_for(root, warnings):
    snapshot = tasks.INSTANCES[str(root.relative_to(REPO).as_posix()) if root != REPO else "."]
    code, out, err = run_cli("validate", "--root", str(root), *(["--maintenant", snapshot] if snapshot else []))
    assert code == 0, out
    assert err == ""
    # Corse: the one planned warning is the COPIL without minutes of the follow-up data.
    assert out.strip().endswith(f"0 erreur, {warnings} avertissement{'s' if warnings > 1 else ''} — valide.")


@pytest.mark.parametrize("root", INSTANCES, ids=["corse-2023", "idf-2021"])
def test_shipped_instance_stays_valid_today(root):
    """Time passing adds reminders (warnings), never an error that would block every pull request."""
    code, out, _ = run_cli("validate", "--root", str(root))
    assert code == 0, out


@pytest.mark.parametrize("root", INSTANCES, ids=["corse-2023", "idf-2021"])
def test_json_output_equals_python_api(root):
    code, out, _ = run_cli("validate", "--root", str(root), "--format", "json", "--maintenant", "2023-08-01T12:00:00+02:00")
    assert code == 0
    assert json.loads(out) == validate(root, now=NOW).as_dict()


def test_json_output_equals_python_api_with_findings(instance):
    path = instance / "data/applications/og-test-a.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("2023-06-12T10:24:00", "2023-07-03T09:15:00"), encoding="utf-8")
    code, out, _ = run_cli("validate", "--root", str(instance), "--format", "json", "--maintenant", "2023-08-01T12:00:00+02:00")
    assert code == 1
    result = json.loads(out)
    assert result == validate(instance, now=NOW).as_dict()
    assert [finding["rule"] for finding in result["findings"]] == ["ACIA306"]
    assert result["summary"]["errors"] == 1


def test_late_application_message_says_how_late(instance):
    path = instance / "data/applications/og-test-a.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("2023-06-12T10:24:00+02:00", "2023-07-03T02:59:59+02:00"), encoding="utf-8")
    code, out, _ = run_cli("validate", "--root", str(instance), "--maintenant", "2023-08-01")
    assert code == 1
    assert "data/applications/og-test-a.yml:4:17: erreur [ACIA306] candidature reçue 2 jours et 3 h après la date limite du 30/06/2023 à 23 h 59 (heure de Paris)" in out


def test_github_format_annotates_the_faulty_line(instance):
    path = instance / "data/applications/og-test-a.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('"2A0000026"', '"2A00000261"'), encoding="utf-8")
    code, out, _ = run_cli("validate", "--root", str(instance), "--format", "github", "--maintenant", "2023-08-01")
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith("::error file=")
    assert "og-test-a.yml,line=21,col=26,title=ACIA202 Numéro FINESS invalide::" in first


def test_paths_are_shown_relative_to_the_current_directory(instance, monkeypatch):
    monkeypatch.chdir(instance.parent)
    (instance / "data/applications/og-test-a.yml").write_text("", encoding="utf-8")
    _, out, _ = run_cli("validate", "--root", "instance", "--maintenant", "2023-08-01")
    assert out.startswith(f"instance{os.sep}data{os.sep}applications{os.sep}og-test-a.yml:1:1: erreur [ACIA002]")


def test_only_given_files_are_checked(instance):
    second = instance / "data/applications/og-test-b.yml"
    second.write_text("id: [", encoding="utf-8")
    code, out, _ = run_cli("validate", "--root", str(instance), "--maintenant", "2023-08-01", str(instance / "data/applications/og-test-a.yml"))
    assert code == 0, out
    code, out, _ = run_cli("validate", "--root", str(instance), "--maintenant", "2023-08-01", str(second))
    assert code == 1 and "og-test-b.yml" in out


def test_validation_gives_the_cycle_collector_back(instance):
    """acia valider runs without Python's cycle collector (its objects hold no cycle), then switches it back on for whoever called it."""
    import gc

    assert gc.isenabled()
    (instance / "data" / "applications" / "cassee.yml").write_text("id: [\n", encoding="utf-8")
    code, out, _ = run_cli("valider", "--racine", str(instance))
    assert code == 1 and "ACIA003" in out
    assert gc.isenabled()


def test_now_comes_from_the_environment(instance, monkeypatch):
    monkeypatch.setenv("ACIA_MAINTENANT", "2023-06-01")
    code, out, _ = run_cli("validate", "--root", str(instance))
    assert code == 1
    assert "[ACIA307]" in out and "postérieure à aujourd'hui (01/06/2023)" in out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["validate", "--root", "/nonexistent/acia"], "n'existe pas"),
        (["validate", "--maintenant", "demain"], "n'est pas une date"),
        (["validate", "--format", "xml"], "choix invalide"),
        (["validate", "--inconnue"], "arguments non reconnus"),
        ([], "arguments obligatoires manquants"),
    ],
)
def test_usage_problems_exit_2_in_french(arguments, message):
    code, out, err = run_cli(*arguments)
    assert code == 2
    assert message in err
    assert "Traceback" not in err + out


def test_help_is_in_french():
    code, out, _ = run_cli("valider", "--help")
    assert code == 0
    assert "utilisation : acia valider" in out
    assert "affiche cette aide et quitte" in out
    assert "dossier du programme" in out


FRENCH_COMMANDS = ("init", "valider", "matrice", "construire", "apercu", "courriers", "nouvelle", "format", "catalogue", "guide", "purger", "extraire")
ENGLISH_ALIASES = {"validate": "valider", "matrix": "matrice", "build": "construire", "serve": "apercu", "documents": "courriers", "new": "nouvelle"}


def test_commands_are_listed_under_their_french_names_only():
    code, out, _ = run_cli("--help")
    assert code == 0
    listed = out.split("COMMANDE\n", 1)[1]
    for name in FRENCH_COMMANDS:
        assert f"    {name}" in listed, name
    for english in ENGLISH_ALIASES:
        assert f"    {english} " not in listed and f"    {english}\n" not in listed, english


@pytest.mark.parametrize(("english", "french"), sorted(ENGLISH_ALIASES.items()))
def test_english_command_names_stay_as_hidden_aliases(english, french):
    """Scripts, CI jobs and hooks written with the English names keep working."""
    code, out, _ = run_cli(english, "--help")
    assert code == 0
    assert "utilisation : acia" in out


@pytest.mark.parametrize(("french", "english"), [("--racine", "--root"), ("--public", "--audience"), ("--seulement", "--only"), ("--depuis", "--from")])
def test_options_are_french_and_english_spellings_stay_hidden(french, english):
    command = {"--racine": "valider", "--public": "construire", "--seulement": "courriers", "--depuis": "nouvelle"}[french]
    code, out, _ = run_cli(command, "--help")
    assert code == 0
    assert french in out
    assert english not in out


def test_english_option_is_read_like_the_french_one(tmp_path):
    code, _, err = run_cli("valider", "--root", str(tmp_path / "absent"))
    assert code == 2
    assert "n'existe pas (option --racine)" in err


@pytest.mark.parametrize("typed", ["2023-07-15", "15/07/2023", "15/07/2023 10:24", "15/07/2023 10h24", "2023-07-15T10:24", "2023-07-15T10:24:00+02:00"])
def test_dates_are_read_alike_iso_and_french(typed):
    from acia.check import parse_now

    moment = parse_now(typed)
    assert (moment.year, moment.month, moment.day) == (2023, 7, 15)
    if ":" in typed or "h" in typed:
        assert (moment.hour, moment.minute) == (10, 24)
    else:
        assert (moment.hour, moment.minute) == (23, 59)


def test_argparse_speaks_french_only_while_acia_reads_its_arguments():
    """Importing acia changes nothing in argparse: other programs (pytest's own options…) keep their messages."""
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]  # acia.cli is imported (conftest)
    code, _, err = run_cli("--option-inconnue")
    assert code == 2
    assert err.startswith("utilisation : acia [-h] [--version] COMMANDE ...\n")
    assert "acia : erreur : arguments obligatoires manquants : COMMANDE" in err
    code, _, err = run_cli("validate", "--option-inconnue")
    assert code == 2
    assert "acia : erreur : arguments non reconnus : --option-inconnue" in err
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]
    other = argparse.ArgumentParser(prog="autre")
    with redirect_stderr(io.StringIO()) as stderr, pytest.raises(SystemExit):
        other.parse_args(["--option-inconnue"])
    assert "autre: error: unrecognized arguments: --option-inconnue" in stderr.getvalue()


def test_importing_every_command_leaves_argparse_unchanged():
    script = (
        "import argparse, importlib; before = argparse._; import acia.cli; "
        "[importlib.import_module(f'acia.cli.{name}') for name in acia.cli.COMMANDS]; "
        "assert argparse._ is before, 'argparse._ replaced at import'"
    )
    imported = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert imported.returncode == 0, imported.stderr
    unknown = subprocess.run([sys.executable, "-m", "acia", "--option-inconnue"], capture_output=True, text=True)
    assert unknown.returncode == 2
    assert unknown.stderr == "utilisation : acia [-h] [--version] COMMANDE ...\nacia : erreur : arguments obligatoires manquants : COMMANDE\n"


def test_console_script_end_to_end(tmp_path):
    """The installed `acia` command, in its own process, as CI runs it."""
    executable = shutil.which("acia", path=str(Path(sys.executable).parent)) or shutil.which("acia")
    assert executable, "the acia console script is installed with the package"
    ok = subprocess.run([executable, "validate", "--root", str(REPO)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "0 erreur" in ok.stdout
    module = subprocess.run([sys.executable, "-m", "acia", "validate", "--root", str(tmp_path)], capture_output=True, text=True)
    assert module.returncode == 1
    assert "[ACIA009]" in module.stdout and "data/programme.yml est introuvable" in module.stdout
