"""The pre-commit hooks (.pre-commit-config.yaml) and the validation of changed files they rely on.

The hooks run for real, with pre-commit, in a throw-away Git repository that
holds the valid test instance: no network, PRE_COMMIT_HOME in the test's
temporary folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import CASES, NOW, REPO, build_instance, run_cli

from acia.check import validate
from acia.check.catalogue import by_id

# Builds sites or documents, or runs other programs: left out of « tasks.py test --rapide ».
pytestmark = pytest.mark.acceptance

CONFIG = REPO / ".pre-commit-config.yaml"
APPLICATION = "data/applications/og-test-a.yml"
GIT = shutil.which("git")

needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed")


def _system_path() -> str:
    """A PATH with git and sh but without the acia of the test's environment."""
    folders = [str(Path(found).parent) for found in (shutil.which("git"), shutil.which("sh")) if found]
    return os.pathsep.join(dict.fromkeys(folders))


def _environment(tmp_path: Path, path: str) -> dict[str, str]:
    return {
        "PATH": path,
        "HOME": str(tmp_path / "home"),
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "ACIA_MAINTENANT": "2023-08-01",
        "LANG": "C.UTF-8",
    }


class Repository:
    """A Git repository holding the valid test instance and the project's hooks."""

    def __init__(self, tmp_path: Path, path: str):
        self.root = build_instance(tmp_path / "depot")
        shutil.copyfile(CONFIG, self.root / ".pre-commit-config.yaml")
        (self.root / ".gitignore").write_text(".venv\n", encoding="utf-8")
        (self.root / "LISEZMOI.md").write_text("# Programme de test\n", encoding="utf-8")
        self.env = _environment(tmp_path, path)
        self.git("init", "--quiet", "-b", "main")
        self.git("add", "-A")
        self.git("commit", "--quiet", "-m", "Programme de test")

    def git(self, *arguments: str) -> subprocess.CompletedProcess:
        return subprocess.run([GIT, *arguments], cwd=self.root, env=self.env, capture_output=True, text=True, check=True)

    def pre_commit(self, *arguments: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pre_commit", *arguments], cwd=self.root, env=self.env, capture_output=True, text=True)

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")

    def commits(self) -> int:
        return int(self.git("rev-list", "--count", "HEAD").stdout)


@pytest.fixture
def repository(tmp_path):
    """The repository, with the acia of the test's environment on the PATH."""
    return Repository(tmp_path, os.pathsep.join([str(Path(sys.executable).parent), _system_path()]))


def test_configuration_has_only_local_hooks_calling_acia_or_the_venv_tools():
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    hooks = config["repos"][0]["hooks"]
    assert {hook["language"] for hook in hooks} == {"system"}
    data_hooks = [hook for hook in hooks if hook["id"].startswith("acia")]
    assert all(hook["args"][0] in ("valider", "format") for hook in data_hooks)
    # The Python tools of the repository's own code, from .venv/ (pinned), on Python files only.
    code_hooks = [hook for hook in hooks if not hook["id"].startswith("acia")]
    assert {hook["id"] for hook in code_hooks} == {"ruff", "ruff-format", "mypy"}
    assert all(hook["types"] == ["python"] and hook["args"][0] in ("ruff", "mypy") for hook in code_hooks)
    validation = next(hook for hook in hooks if hook["id"] == "acia-validate")
    assert validation["pass_filenames"] and validation["require_serial"] and validation["files"] == "^data/"


@needs_git
def test_good_application_is_accepted(repository):
    repository.edit(APPLICATION, "Premier logiciel en 2019.", "Premier logiciel en 2019, remplacé en 2022.")
    result = repository.pre_commit("run", "--files", APPLICATION, "LISEZMOI.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contrôle des fichiers de données modifiés (acia valider)" in result.stdout
    assert result.stdout.count("Passed") == 2  # validation and layout; the other hooks have no file
    assert "Traceback" not in result.stdout + result.stderr


@needs_git
def test_wrong_siret_is_refused_in_french(repository):
    repository.edit(APPLICATION, '  siret: "78467169500087"\n  representant_legal', '  siret: "78467169500088"\n  representant_legal')
    result = repository.pre_commit("run", "--files", APPLICATION)
    assert result.returncode == 1
    assert "Failed" in result.stdout
    assert f"{APPLICATION}:13:10: erreur [ACIA201] le SIRET « 78467169500088 » a une clé de contrôle (Luhn) incorrecte" in result.stdout
    assert "→ Recopiez le SIRET" in result.stdout


@needs_git
def test_trailing_space_is_refused_and_the_file_left_alone(repository):
    repository.edit(APPLICATION, "axe: axe-1\n", "axe: axe-1 \n")
    before = (repository.root / APPLICATION).read_bytes()
    result = repository.pre_commit("run", "--files", APPLICATION)
    assert result.returncode == 1
    assert f"{APPLICATION}:3:11: erreur [ACIA601] 1 espace en fin de ligne" in result.stdout
    assert "Mise en forme des fichiers YAML et Markdown (acia format)" in result.stdout
    assert (repository.root / APPLICATION).read_bytes() == before
    assert "files were modified by this hook" not in result.stdout


@needs_git
def test_trailing_space_in_another_text_file_is_refused(repository):
    (repository.root / "outil.py").write_text("x = 1  \n", encoding="utf-8")
    repository.git("add", "outil.py")
    result = repository.pre_commit("run", "--files", "outil.py")
    assert result.returncode == 1
    assert "outil.py:1:6: erreur [ACIA601] 2 espaces en fin de ligne" in result.stdout
    assert "--espaces-seulement" in result.stdout


@needs_git
def test_commit_is_refused_then_accepted_once_corrected(repository):
    installed = repository.pre_commit("install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    repository.edit(APPLICATION, '"2A0000026"', '"2A00000261"')
    repository.git("add", APPLICATION)
    refused = subprocess.run([GIT, "commit", "-m", "FINESS"], cwd=repository.root, env=repository.env, capture_output=True, text=True)
    assert refused.returncode != 0
    assert "erreur [ACIA202]" in refused.stdout + refused.stderr
    assert repository.commits() == 1
    repository.edit(APPLICATION, '"2A00000261"', '"2A0000026"')
    repository.edit(APPLICATION, "Premier logiciel en 2019.", "Premier logiciel en 2018.")
    repository.git("add", APPLICATION)
    accepted = subprocess.run([GIT, "commit", "-m", "Historique"], cwd=repository.root, env=repository.env, capture_output=True, text=True)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert repository.commits() == 2


@needs_git
def test_duplicate_across_applications_is_caught_when_one_file_changes(repository):
    """The new application alone is given; the rule that compares applications still sees the other one."""
    shutil.copyfile(CASES / "ACIA205" / "ko" / APPLICATION.replace("og-test-a", "og-test-b"), repository.root / "data/applications/og-test-b.yml")
    result = repository.pre_commit("run", "--files", "data/applications/og-test-b.yml")
    assert result.returncode == 1
    assert "data/applications/og-test-b.yml:20:26: erreur [ACIA205]" in result.stdout


@needs_git
def test_hook_finds_acia_in_the_virtual_environment_without_activation(tmp_path):
    if sys.prefix == sys.base_prefix:
        pytest.skip("the tests do not run in a virtual environment")
    repository = Repository(tmp_path, _system_path())
    assert shutil.which("acia", path=repository.env["PATH"]) is None
    (repository.root / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    repository.edit(APPLICATION, "axe: axe-1\n", "axe: axe-9\n")
    result = repository.pre_commit("run", "--files", APPLICATION)
    assert result.returncode == 1
    assert "erreur [ACIA301]" in result.stdout


@needs_git
def test_hook_explains_when_acia_is_not_installed(tmp_path):
    repository = Repository(tmp_path, _system_path())
    if shutil.which("acia", path=repository.env["PATH"]):
        pytest.skip("acia is installed system-wide")
    result = repository.pre_commit("run", "--files", APPLICATION)
    assert result.returncode == 1
    assert "acia est introuvable : lancez d’abord « python3 tasks.py build » à la racine du dépôt." in result.stdout


# Validation of the changed files only (acia validate FICHIER…), as the hook runs it.


def _two_applications(instance: Path) -> Path:
    """The ACIA205 ko case: og-test-b declares the établissement of og-test-a."""
    return build_instance(instance, CASES / "ACIA205" / "ko")


def test_rule_that_compares_files_reports_wherever_it_finds(tmp_path):
    root = _two_applications(tmp_path / "instance")
    for given in ("data/applications/og-test-a.yml", "data/applications/og-test-b.yml"):
        report = validate(root, now=NOW, only=[given])
        assert [(finding.rule, finding.file, finding.line) for finding in report.findings] == [("ACIA205", "data/applications/og-test-b.yml", 20)]
        assert report.files == 1


def test_single_file_findings_are_kept_for_the_given_files_only(tmp_path):
    root = _two_applications(tmp_path / "instance")
    for rel, old, new in (
        ("data/applications/og-test-a.yml", '"78467169500087"\n  representant_legal', '"78467169500088"\n  representant_legal'),  # ACIA201
        ("data/applications/og-test-b.yml", "axe: axe-2", "axe: axe-7"),  # ACIA301
        ("data/derogations.yml", "derogations: []", "derogations: [{}]"),  # schema
    ):
        path = root / rel
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    full = validate(root, now=NOW)
    assert {finding.rule for finding in full.findings} >= {"ACIA201", "ACIA301", "ACIA205"}
    files = sorted({finding.file for finding in full.findings} | {"data/programme.yml"})
    for given in files:
        narrowed = validate(root, now=NOW, only=[given])
        expected = [finding for finding in full.findings if finding.file == given or by_id(finding.rule).scope == "instance"]
        assert narrowed.findings == expected, given
        assert narrowed.rules_skipped == [rel for rel in full.rules_skipped if rel == given]
    both = validate(root, now=NOW, only=files)
    assert both.findings == full.findings


def test_schema_error_of_another_file_is_not_reported(instance):
    (instance / "data/applications/og-test-b.yml").write_text("id: [", encoding="utf-8")
    code, out, _ = run_cli("validate", "--root", str(instance), "--maintenant", "2023-08-01", str(instance / APPLICATION))
    assert code == 0, out
    assert out == "1 fichier vérifié : 0 erreur, 0 avertissement — valide.\n"


def test_invalid_programme_is_reported_whatever_the_given_file(instance, monkeypatch):
    monkeypatch.chdir(instance)
    programme = instance / "data/programme.yml"
    text = programme.read_text(encoding="utf-8") + "inconnu: 1\n"
    programme.write_text(text, encoding="utf-8")
    code, out, _ = run_cli("validate", "--maintenant", "2023-08-01", APPLICATION)
    assert code == 1
    assert f"data/programme.yml:{text.count(chr(10))}:1: erreur [ACIA102]" in out and "Règles métier non appliquées à data/programme.yml" in out


def test_missing_programme_is_reported_whatever_the_given_file(instance):
    (instance / "data/programme.yml").unlink()
    code, out, _ = run_cli("validate", "--root", str(instance), "--maintenant", "2023-08-01", str(instance / APPLICATION))
    assert code == 1
    assert "[ACIA009]" in out


def test_non_data_and_deleted_files_are_ignored(instance):
    (instance / "README.md").write_text("# Lisez-moi \n", encoding="utf-8")
    (instance / "docs").mkdir()
    (instance / "docs/x.md").write_text("x\n", encoding="utf-8")
    given = [str(instance / name) for name in ("README.md", "docs/x.md", "data/applications/supprimee.yml", "data/suivi/og-test-a/livrables/note.pdf")]
    code, out, err = run_cli("validate", "--root", str(instance), "--maintenant", "2023-08-01", *given)
    assert code == 0, out
    assert out == "0 fichier vérifié : 0 erreur, 0 avertissement — valide.\n"
    assert err == ""


def test_misnamed_data_file_is_reported_when_given(instance):
    misnamed = instance / "data/applications/og-test-c.yaml"
    shutil.copyfile(instance / APPLICATION, misnamed)
    code, out, _ = run_cli("validate", "--root", str(instance), "--maintenant", "2023-08-01", str(misnamed))
    assert code == 1
    assert "og-test-c.yaml:1:1: erreur [ACIA006]" in out


def test_json_output_keeps_its_shape(instance):
    code, out, _ = run_cli("validate", "--root", str(instance), "--format", "json", "--maintenant", "2023-08-01T12:00:00+02:00", str(instance / APPLICATION))
    assert code == 0
    result = json.loads(out)
    assert result == validate(instance, now=NOW, only=[APPLICATION]).as_dict()
    assert set(result) == {"findings", "summary"}
    assert set(result["summary"]) == set(validate(instance, now=NOW).as_dict()["summary"])


def test_shipped_programme_changed_files_match_the_full_validation():
    """On the shipped Corse data, each file alone gives the full report's findings for it and those that compare files."""
    from conftest import SNAPSHOT

    full = validate(REPO, now=SNAPSHOT)
    for given in ("data/applications/og-2b-association-lisula.yml", "data/selection.yml", "data/suivi/og-2b-association-lisula/reunions.yml"):
        narrowed = validate(REPO, now=SNAPSHOT, only=[given])
        assert narrowed.findings == [finding for finding in full.findings if finding.file == given or by_id(finding.rule).scope == "instance"]
        assert narrowed.ok
