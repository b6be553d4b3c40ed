"""The contributor guide: one source for CONTRIBUTING.md and the site, and its commands really work.

Every ``sh`` block of the guide is run, command by command and in the order
of the guide, in a throw-away copy of the shipped Corse programme turned into
a Git repository with its own remote, at the date the shipped data stands for
(ACIA_MAINTENANT). What the reader does by hand between two blocks — save the
form received by e-mail, create a file, change a line — is done by the test
from the guide's own text (``<!-- guide: … -->`` markers), so a command, an
example file or a replacement that stops working fails here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from conftest import REPO, copy_shipped, run_cli

import tasks
from acia import anchors
from acia.check.catalogue import by_id
from acia.check.pipeline import check_instance
from acia.site import guide

# Builds sites or documents, or runs other programs: left out of « tasks.py test --rapide ».
pytestmark = pytest.mark.acceptance

CONTRIBUTING = REPO / "CONTRIBUTING.md"
ACIA = Path(sys.executable).with_name("acia")  # the venv's console script


# --- one source, two pages ---------------------------------------------------------


def test_contributing_is_up_to_date():
    assert CONTRIBUTING.read_text(encoding="utf-8") == guide.render("depot", root=REPO), "regenerate: .venv/bin/acia guide --sortie CONTRIBUTING.md"


def test_site_page_and_contributing_differ_only_by_their_links():
    def unlinked(text: str) -> str:
        text = re.sub(r"<!-- Fichier généré.*?-->\n\n", "", text)
        return re.sub(r"\]\([^)]*\)", "](…)", text)

    assert unlinked(guide.render("site", root=REPO)) == unlinked(guide.render("depot", root=REPO))


def test_guide_command_prints_or_writes_the_guide(tmp_path):
    code, out, _ = run_cli("guide")
    assert code == 0 and out == guide.render("depot", root=REPO)
    code, out, _ = run_cli("guide", "--cible", "site")
    assert code == 0 and out == guide.render("site", root=REPO)
    target = tmp_path / "CONTRIBUTING.md"
    assert run_cli("guide", "--sortie", str(target)) == (0, "", "")
    assert target.read_text(encoding="utf-8") == guide.render("depot", root=REPO)
    code, _, err = run_cli("guide", "--sortie", str(tmp_path / "absent" / "x.md"))
    assert code == 2 and "impossible d'écrire" in err


def test_common_messages_come_from_the_rule_catalogue():
    text = guide.render("depot", root=REPO)
    section = text.split("## Ce que disent les contrôles et comment corriger", 1)[1]
    assert re.findall(r"^### (ACIA\d{3})", section, re.M) == list(guide.COMMON_RULES)
    for rule_id in guide.COMMON_RULES:
        rule = by_id(rule_id)
        assert f"### {rule.id} — {rule.title}\n" in section
        assert f"Comment corriger : {rule.hint.replace('<', '&lt;')}\n" in section
        assert f"\n{rule.example}\n```" in section and f"\n{rule.fix}\n```" in section


def _headings(markdown_text: str) -> list[str]:
    outside_code = re.sub(r"^```.*?^```", "", markdown_text, flags=re.M | re.S)
    return [line.lstrip("#").strip() for line in outside_code.splitlines() if re.match(r"#{1,6} ", line)]


def test_links_of_contributing_resolve_on_github():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    assert links
    for link in links:
        assert not link.startswith(("http:", "https:")), link
        path, _, anchor = link.partition("#")
        target = REPO / path if path else CONTRIBUTING
        assert target.is_file(), link
        if anchor:
            assert anchor in {anchors.github(heading) for heading in _headings(target.read_text(encoding="utf-8"))}, link


def test_site_page_links_resolve(shipped_sites):
    _, sites = shipped_sites
    site = sites["public"]
    page = (site / "contribuer" / "index.html").read_text(encoding="utf-8")
    own_ids = set(re.findall(r'id="([^"]+)"', page))
    reference_ids = set(re.findall(r'id="([^"]+)"', (site / "reference-controles" / "index.html").read_text(encoding="utf-8")))
    links = re.findall(r'href="([^"]*#[^"]+)"', page)
    assert any(link.startswith("../reference-controles/#") for link in links)
    for link in links:
        path, _, anchor = link.partition("#")
        if path == "":
            assert anchor in own_ids, link
        elif path == "../reference-controles/":
            assert anchor in reference_ids, link
    assert "<!-- guide:" in page and "Contribuer" in page


# --- the guide's commands, run ---------------------------------------------------


@dataclass
class Section:
    title: str
    steps: list[tuple[str, object]] = field(default_factory=list)  # ("commandes", [lines]) or (marker kind, (path, [blocks]))


_FENCE = re.compile(r"^```(\w*)\n(.*?)^```\n", re.M | re.S)
_MARKER = re.compile(r"^<!-- guide: (fichier|remplacer|extrait) (\S+) -->\n", re.M)


def _sections(text: str) -> list[Section]:
    """The guide's ## sections, each with its sh blocks and marked files, in reading order."""
    chunks: list[list[str]] = []
    in_code = False
    for line in text.splitlines(keepends=True):
        if line.startswith("```"):
            in_code = not in_code
        if line.startswith("## ") and not in_code:
            chunks.append([])
        if chunks:
            chunks[-1].append(line)
    sections = []
    for chunk in chunks:
        title, body = chunk[0][3:].strip(), "".join(chunk[1:])
        section = Section(title)
        events = sorted([(m.start(), "marker", m) for m in _MARKER.finditer(body)] + [(m.start(), "fence", m) for m in _FENCE.finditer(body)], key=lambda item: item[0])
        pending = None  # (kind, path, blocks wanted, blocks)
        for _, kind, match in events:
            if kind == "marker":
                wanted = 2 if match.group(1) == "remplacer" else 1
                pending = (match.group(1), match.group(2), wanted, [])
            elif pending is not None:
                pending[3].append(match.group(2))
                if len(pending[3]) == pending[2]:
                    section.steps.append((pending[0], (pending[1], pending[3])))
                    pending = None
            elif match.group(1) == "sh":
                lines = match.group(2).replace("\\\n", "").splitlines()
                section.steps.append(("commandes", [line for line in lines if line.strip() and not line.lstrip().startswith("#")]))
        assert pending is None, f"marqueur sans bloc dans « {title} »"
        sections.append(section)
    return sections


SECTIONS = _sections(guide.render("depot", root=REPO))
RUN = [section for section in SECTIONS if any(kind == "commandes" for kind, _ in section.steps)]

# The tasks that happen before the selection committee: the copy is taken back to
# that moment (no data/selection.yml, no follow-up of the retained structures yet).
BEFORE_DECISION = ("1. Ajouter une candidature", "3. Enregistrer la décision du comité")

# The guide's new application: one of the shipped applications, which the reader adds
# again from the form the applicant filled (the test removes it first).
EXAMPLES = guide.examples(check_instance(REPO, only=[]).context, REPO)
NEW = EXAMPLES["nouvelle"]["id"]
NEW_FILE = f"data/applications/{NEW}.yml"


@pytest.fixture(scope="module")
def blank_form(tmp_path_factory) -> Path:
    """The blank Annexe 1 of the shipped programme, as produced by acia documents and sent to applicants."""
    root = copy_shipped(tmp_path_factory.mktemp("formulaire"))
    code, _, err = run_cli("documents", "--root", str(root), "--format", "docx", "--maintenant", tasks.INSTANCES["."])
    assert code == 0, err
    return root / "build" / "documents" / "annexe-1-vierge.docx"


def _git(root: Path, env: dict, *arguments: str) -> None:
    subprocess.run(["git", *arguments], cwd=root, env=env, check=True, capture_output=True)


def _workspace(tmp_path: Path, before_decision: bool) -> tuple[Path, dict]:
    """A copy of the shipped programme in a Git repository whose « origin » is a local bare repository."""
    assert ACIA.is_file(), f"{ACIA} introuvable : lancez les tests avec le Python de .venv (python3 tasks.py test)"
    root = copy_shipped(tmp_path)
    if before_decision:
        (root / "data" / "selection.yml").unlink()
        shutil.rmtree(root / "data" / "suivi")
    home = tmp_path / "home"
    home.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GITHUB_", "GIT_", "ACIA_"))}
    env.update(
        HOME=str(home),
        PATH=f"{ACIA.parent}{os.pathsep}{env.get('PATH', '')}",
        ACIA_MAINTENANT=tasks.INSTANCES["."],
        NO_COLOR="1",
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Équipe ACIA",
        GIT_AUTHOR_EMAIL="acia@example.org",
        GIT_COMMITTER_NAME="Équipe ACIA",
        GIT_COMMITTER_EMAIL="acia@example.org",
    )
    _git(root, env, "init", "--quiet", "--initial-branch=main")
    _git(root, env, "add", "--all")
    _git(root, env, "commit", "--quiet", "--message", "Programme livré")
    _git(tmp_path, env, "init", "--quiet", "--bare", "depot.git")
    _git(root, env, "remote", "add", "origin", str(tmp_path / "depot.git"))
    _git(root, env, "push", "--quiet", "--set-upstream", "origin", "main")
    return root, env


def _received_form(home: Path, blank: Path) -> None:
    """The Annexe 1 filled by the association, saved from the e-mail to the Downloads folder."""
    from test_new_application import fill_form  # the applicant's way of filling the form, shared with the import tests

    from acia.model.programme import build_programme

    programme = build_programme(yaml.safe_load((REPO / "data" / "programme.yml").read_text(encoding="utf-8")))
    target = home / "Téléchargements" / f"annexe-1-{NEW}.docx"
    target.parent.mkdir(parents=True)
    fill_form(blank, target, yaml.safe_load((REPO / NEW_FILE).read_text(encoding="utf-8")), programme)


def _by_hand(root: Path, kind: str, path: str, blocks: list[str]) -> None:
    """What the reader does in an editor, from the guide's marked blocks."""
    target = root / path
    if kind == "fichier":
        assert not target.exists(), f"{path} existe déjà dans les données livrées"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(blocks[0], encoding="utf-8")
    elif kind == "remplacer":
        before, after = blocks
        text = target.read_text(encoding="utf-8")
        assert text.count(before) == 1, f"le texte « avant » du guide n'est pas (une seule fois) dans {path}"
        target.write_text(text.replace(before, after), encoding="utf-8")
    else:  # an excerpt of the shipped file: the reader writes the whole file, as shipped
        shipped = REPO / path
        excerpt, whole = yaml.safe_load(blocks[0]), yaml.safe_load(shipped.read_text(encoding="utf-8"))
        assert blocks[0].splitlines()[0] == shipped.read_text(encoding="utf-8").splitlines()[0]  # the $schema comment
        for key, value in excerpt.items():
            assert all(item in whole[key] for item in value) if isinstance(value, list) else value == whole[key], key
        shutil.copyfile(shipped, target)


def test_every_command_block_is_run():
    assert [section.title for section in RUN] == [
        "Travailler sur son ordinateur",
        "1. Ajouter une candidature reçue par courriel",
        "2. Corriger une candidature",
        "3. Enregistrer la décision du comité de sélection",
        "4. Ajouter le compte rendu d'une réunion",
        "5. Données personnelles : répondre à une demande, effacer à échéance",
    ]
    blocks = len(re.findall(r"^```sh\n", guide.render("depot", root=REPO), re.M))
    assert sum(kind == "commandes" for section in RUN for kind, _ in section.steps) == blocks


@pytest.mark.parametrize("section", RUN, ids=[section.title.split(" ", 1)[0].rstrip(".") if section.title[0].isdigit() else "ordinateur" for section in RUN])
def test_guide_commands_work(section, tmp_path, request):
    root, env = _workspace(tmp_path, before_decision=section.title.startswith(BEFORE_DECISION))
    if section.title.startswith("1."):
        _received_form(Path(env["HOME"]), request.getfixturevalue("blank_form"))
        _git(root, env, "rm", "--quiet", NEW_FILE)  # not received yet
        _git(root, env, "commit", "--quiet", "--message", "Avant la candidature")
        _git(root, env, "push", "--quiet")
    outputs = []
    by_hand = []
    for kind, content in section.steps:
        if kind != "commandes":
            _by_hand(root, kind, *content)
            by_hand.append(content[0])
            continue
        for command in content:
            completed = subprocess.run(["bash", "-c", command], cwd=root, env=env, capture_output=True, text=True, timeout=600)
            assert completed.returncode == 0, f"« {command} » a échoué ({completed.returncode}) :\n{completed.stdout}\n{completed.stderr}"
            outputs.append((command, completed.stdout))
    if by_hand:  # what the guide has the reader paste is also well laid out (the pre-commit check)
        completed = subprocess.run([str(ACIA), "format", *by_hand], cwd=root, env=env, capture_output=True, text=True)
        assert completed.returncode == 0, completed.stdout + completed.stderr
    validated = [out for command, out in outputs if command == "acia valider"]
    assert validated and all(" 0 erreur" in out for out in validated)
    if section.title.startswith("1."):
        imported = yaml.safe_load((root / NEW_FILE).read_text(encoding="utf-8"))
        assert imported == yaml.safe_load((REPO / NEW_FILE).read_text(encoding="utf-8"))
    if section.title.startswith("4."):
        assert EXAMPLES["reunion"]["id"] not in validated[-1]  # the minutes were missing (ACIA505): no longer
    branches = subprocess.run(["git", "branch", "--remotes"], cwd=root, env=env, capture_output=True, text=True, check=True).stdout
    pushed = [command.split()[-1] for command, _ in outputs if command.startswith("git push")]
    for branch in pushed:
        assert f"origin/{branch}" in branches
        changed = subprocess.run(["git", "diff", "--name-only", "main", branch], cwd=root, env=env, capture_output=True, text=True, check=True).stdout.split()
        assert changed, f"la branche {branch} n'apporte aucune modification"


# --- the pull request and issue templates, and who reviews what --------------------

GITHUB = REPO / ".github"


@pytest.mark.parametrize("name", ["nouvelle-candidature.yml", "erratum.yml"])
def test_issue_forms_are_valid_french_forms(name):
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / name).read_text(encoding="utf-8"))
    assert set(form) <= {"name", "description", "title", "labels", "assignees", "body", "projects", "type"}
    assert form["name"] and form["description"] and form["body"]
    ids = [element["id"] for element in form["body"] if "id" in element]
    assert len(ids) == len(set(ids))
    for element in form["body"]:
        assert element["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        if element["type"] != "markdown":
            assert re.fullmatch(r"[a-z0-9_-]+", element["id"]) and element["attributes"]["label"]
        if element["type"] == "dropdown":
            assert element["attributes"]["options"]
    assert any(element["type"] != "markdown" and element.get("validations", {}).get("required") for element in form["body"])


def test_new_application_form_asks_when_it_was_received_and_warns_about_personal_data():
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "nouvelle-candidature.yml").read_text(encoding="utf-8"))
    labels = [element["attributes"].get("label") for element in form["body"]]
    assert "Reçue le" in labels and "Organisme gestionnaire" in labels
    assert "données personnelles" in form["body"][0]["attributes"]["value"]


def test_pull_request_template_asks_which_application_when_and_who_checked():
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    for expected in ("Candidature (identifiant", "Reçue le", "Vérifié par", "- [ ] "):
        assert expected in text


def test_codeowners_name_existing_paths_and_teams():
    rules = [line.split() for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    owners = {pattern: teams for pattern, *teams in rules}
    for pattern, teams in owners.items():
        assert teams and all(re.fullmatch(r"@[a-z0-9-]+/[a-z0-9-]+", team) for team in teams), pattern
        if pattern != "*":
            assert (REPO / pattern.strip("/")).exists(), pattern
    assert owners["/data/applications/"] == owners["/data/evaluations/"] == ["@aract-corse/equipe-acia"]
    assert set(owners["/data/programme.yml"]) == {"@ars-corse/equipe-acia", "@aract-corse/equipe-acia"}
