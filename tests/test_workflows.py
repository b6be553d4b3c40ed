"""The CI and publication files, of this repository and of every new programme (acia init), are valid for their forge.

Checked against the schemas check-jsonschema ships for GitHub workflows and
GitLab CI, the ones the forges' own editors use.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, run_cli

from acia.init import files

NOW_TEXT = "2026-03-01"
GITHUB, GITLAB = "vendor.github-workflows", "vendor.gitlab-ci"


def _check(schema: str, paths: list[Path]) -> None:
    completed = subprocess.run([str(Path(sys.executable).parent / "check-jsonschema"), "--builtin-schema", schema, *map(str, paths)], capture_output=True, text=True, encoding="utf-8")
    assert completed.returncode == 0, completed.stdout + completed.stderr


@pytest.fixture(scope="module")
def new_programme(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("init") / "programme"
    code, out, err = run_cli("init", str(target), "--depuis", str(files.MODEL_ANSWERS), "--maintenant", NOW_TEXT)
    assert code == 0, out + err
    return target


def test_this_repository_s_workflows_are_valid():
    _check(GITHUB, sorted((REPO / ".github" / "workflows").glob("*.yml")))
    _check(GITLAB, [REPO / ".gitlab-ci.yml"])


def test_a_new_programme_s_workflows_are_valid(new_programme):
    workflows = sorted((new_programme / ".github" / "workflows").glob("*.yml"))
    assert [path.name for path in workflows] == ["ci.yml", "publication.yml"]
    _check(GITHUB, workflows)
    _check(GITLAB, [new_programme / ".gitlab-ci.yml"])


@pytest.mark.parametrize("root", ["repository", "new_programme"])
def test_publication_follows_a_successful_ci_on_main_and_never_publishes_the_internal_site(root, request):
    folder = REPO if root == "repository" else request.getfixturevalue("new_programme")
    github = yaml.safe_load((folder / ".github" / "workflows" / "publication.yml").read_text(encoding="utf-8"))
    trigger = github[True]  # « on », which YAML 1.1 reads as true
    assert trigger == {"workflow_run": {"workflows": ["CI"], "types": ["completed"], "branches": ["main"]}}
    build = github["jobs"]["construire"]
    assert "conclusion == 'success'" in build["if"]
    assert build["steps"][0]["with"]["ref"] == "${{ github.event.workflow_run.head_sha }}"  # the commit the CI checked
    steps = {step.get("id") or step.get("uses", "").split("@")[0]: step for step in build["steps"]}
    publish = steps["publier"]["run"]
    assert "acia publier" in publish and "--dossier publication" in publish and '--adresse "${{ steps.pages.outputs.base_url }}"' in publish
    # The internal site is written apart, never into the uploaded Pages folder, and kept as a members-only artifact for the days the data says.
    assert "--interne site-interne" in publish and steps["actions/upload-pages-artifact"]["with"]["path"] == "publication"
    internal = steps["actions/upload-artifact"]
    assert internal["if"] == "steps.publier.outputs.site-interne == 'artefact'"
    assert internal["with"] == {"name": "site-interne", "path": "site-interne", "retention-days": "${{ steps.publier.outputs.conservation-jours }}", "if-no-files-found": "error"}
    assert [step["uses"].split("@")[0] for step in build["steps"] if "uses" in step][-3:] == ["actions/configure-pages", "actions/upload-pages-artifact", "actions/upload-artifact"]
    assert github["jobs"]["mettre-en-ligne"]["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert github["jobs"]["mettre-en-ligne"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "ACIA_SECRET" in str(build) and "secrets.ACIA_SECRET" in str(build)
    gitlab = yaml.safe_load((folder / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["controle"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert any("--format codequality" in line for line in gitlab["controle"]["script"])
    assert gitlab["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert gitlab["pages"]["artifacts"]["paths"] == ["public"] and any("acia publier" in line and "--dossier public" in line for line in gitlab["pages"]["script"])
    assert "interne" not in str(gitlab["pages"]) and any('--adresse "$CI_PAGES_URL"' in line for line in gitlab["pages"]["script"])
    internal = gitlab["site-interne"]
    assert any("acia publier" in line and "--interne site-interne" in line and "--dossier" not in line for line in internal["script"])
    assert internal["artifacts"]["access"] == "developer" and internal["artifacts"]["paths"] == ["site-interne"]
    assert internal["rules"] == gitlab["pages"]["rules"]


@pytest.mark.parametrize("root", ["repository", "new_programme"])
def test_gitlab_keeps_the_internal_site_as_long_as_the_data_says(root, request):
    """GitLab reads no variable in expire_in: the written duration must be the programme's (30 days unless it says otherwise)."""
    folder = REPO if root == "repository" else request.getfixturevalue("new_programme")
    gitlab = yaml.safe_load((folder / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    programme = yaml.safe_load((folder / "data" / "programme.yml").read_text(encoding="utf-8"))
    days = programme.get("site", {}).get("publication", {}).get("conservation_jours", 30)
    assert gitlab["site-interne"]["artifacts"]["expire_in"] == f"{days} days"
