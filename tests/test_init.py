"""acia init: a new programme repository from answers, and acia as an installed tool.

The fast tests read answers and check the repository they make (valid, with
placeholders as warnings, never written over existing files). The acceptance
test builds the wheel from this checkout, installs it in a fresh virtual
environment, and runs a whole first application there, in a folder outside
the checkout, while an audit hook refuses any read of the checkout's files.
"""

from __future__ import annotations

import builtins
import json
import os
import shutil
import site
import subprocess
import sys
import sysconfig
import textwrap
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from conftest import REPO, run_cli

from acia.check import validate
from acia.init import answers, create, files
from acia.load import yamlsource
from acia.paths import schemas_dir

ANSWERS = Path(__file__).resolve().parent / "init"
OTHER_IDS = ANSWERS / "reponses-autres-organisations.yml"
NOW = datetime(2025, 8, 1, 12, 0, tzinfo=ZoneInfo("Europe/Paris"))
NOW_TEXT = "2025-08-01T12:00:00+02:00"
# Every file acia init writes, whatever the answers.
EXPECTED = {
    "data/programme.yml",
    "data/applications/.gitkeep",
    "docs/bienvenue.md",
    "docs/reference-controles.md",
    "mkdocs.yml",
    "README.md",
    "requirements.txt",
    ".gitignore",
    ".pre-commit-config.yaml",
    ".github/workflows/ci.yml",
    ".github/workflows/publication.yml",
    ".gitlab-ci.yml",
    ".github/CODEOWNERS",
    ".github/PULL_REQUEST_TEMPLATE.md",
    ".github/ISSUE_TEMPLATE/nouvelle-candidature.yml",
    ".github/ISSUE_TEMPLATE/erratum.yml",
} | {f"schemas/{path.name}" for path in schemas_dir().glob("*.schema.json")}


def _tree(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


def _init(target: Path, answers_file: Path = files.MODEL_ANSWERS, now: str = NOW_TEXT) -> tuple[int, str, str]:
    return run_cli("init", str(target), "--depuis", str(answers_file), "--maintenant", now)


def test_model_answers_make_a_valid_programme(tmp_path):
    """The documented answers file (acia init --modele) gives a programme that passes acia validate, its gaps as warnings."""
    given = answers.read_file(files.MODEL_ANSWERS)
    assert [organisation.id for organisation in given.organisations] == ["ars", "aract"]
    assert [axe.id for axe in given.axes] == ["axe-1", "axe-2"] and given.axes[1].titre_court == "Usages partagés"
    assert given.identifiant == "acia-normandie-2025" and given.heure_limite == "23:59:59" and given.fuseau_horaire == "Europe/Paris"
    target = tmp_path / "normandie"
    code, out, err = _init(target)
    assert code == 0, out + err
    assert _tree(target) == EXPECTED
    report = validate(target, now=NOW)
    assert report.ok and report.errors == 0
    assert {finding.rule for finding in report.findings} == {"ACIA408"}, [(f.rule, f.message) for f in report.findings if f.rule != "ACIA408"]
    assert f"{report.warnings} valeurs « À COMPLÉTER »" in out
    # The new repository's own checks: its files pass acia format (its pre-commit hook), its CI installs the pinned acia.
    texts = sorted(str(target / rel) for rel in EXPECTED if rel.endswith((".yml", ".md")))
    code, checked, _ = run_cli("format", *texts)
    assert code == 0 and "0 erreur, 0 avertissement" in checked
    workflow = yaml.safe_load((target / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    commands = [step.get("run", "") for step in workflow["jobs"]["valider"]["steps"]]
    assert "python -m pip install -r requirements.txt" in commands and "acia valider --format github" in commands
    assert any("acia init --mettre-a-jour ." in command for command in commands)
    hooks = yaml.safe_load((target / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"]
    assert [repository["repo"] for repository in hooks] == ["local"]
    assert (target / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == answers.default_requirement()
    programme = yaml.safe_load((target / "data" / "programme.yml").read_text(encoding="utf-8"))
    assert programme["titre"] == given.titre and programme["region"] == "Normandie"
    # The site's colours pass ACIA207 as written; the legal notice names the first organisation's signatory's function.
    assert programme["site"]["couleurs"] == {"principale": "#1f4e79", "texte_sur_principale": "#ffffff", "accent": "#9c2f16"}
    assert programme["site"]["mentions_legales"]["directeur_publication"] == given.organisations[0].signataire
    assert set(programme["site"]["mentions_legales"]["hebergeur"]) == {"nom", "adresse"}
    assert given.niveau_equipe == "etablissement" and programme["equipe_projet"]["niveau"] == "etablissement"  # a team and a pilot in each ESMS
    assert [item["id"] for item in programme["organisations"]] == ["ars", "aract"]
    assert programme["candidature"]["date_limite"] == "2025-06-30" and programme["candidature"]["destinataires"] == [{"organisation": "ars", "email": "ars-normandie-acia@ars.sante.fr"}]
    assert [step["periode"] for step in programme["etapes"]][0] == {"debut": "2025-09-01", "fin": "2025-10-31"}
    assert {row["id"] for row in programme["raci"]["lignes"]} == {f"a{axe}-etape-{step}" for axe in (1, 2) for step in (1, 2, 3)}
    assert programme["instances"][-1] == {
        "id": "comite-selection",
        "nom": "Comité de sélection",
        "niveau": "programme",
        "membres": ["ars", "aract"],
        "description": "Choisit les structures retenues à l'issue de l'analyse des candidatures.",
    }


def test_other_organisation_ids_init_then_validate(tmp_path):
    """Only the required answers, and organisations that are neither « ars » nor « aract »."""
    target = tmp_path / "bretagne"
    code, out, err = _init(target, OTHER_IDS, "2026-01-20")
    assert code == 0, out + err
    code, out, _ = run_cli("validate", "--root", str(target), "--maintenant", "2026-01-20")
    assert code == 0, out
    assert "0 erreur" in out and "[ACIA408]" in out and "[ACIA0" not in out
    programme = yaml.safe_load((target / "data" / "programme.yml").read_text(encoding="utf-8"))
    assert programme["id"] == "acia-bretagne-2026"
    assert programme["titre"] == "ACIA Bretagne 2026 : numérique et conditions de travail"
    assert programme["candidature"]["heure_limite"] == "12:00:00" and programme["candidature"]["canal"] == "plateforme"
    assert programme["donnees_personnelles"]["responsable"] == "agence-sante-bzh"
    assert programme["selection"]["analyse_par"] == ["agence-sante-bzh", "aract-bzh", "grades-bzh"]
    assert [sector["id"] for sector in programme["secteurs"]] == [code for code, _, _ in answers.DEFAULT_SECTORS]
    assert programme["etapes"][1]["jours_mobilisation"] == 4.5 and "calendrier" in programme and "comite-selection" not in {e["id"] for e in programme["calendrier"]["regional"]}
    assert "@aract-bretagne/acia" in (target / ".github" / "CODEOWNERS").read_text(encoding="utf-8")


def test_editors_find_the_schemas_of_the_new_repository(tmp_path):
    """The schemas are copied as they are, and every $schema comment resolves to them from its own file."""
    target = tmp_path / "programme"
    assert _init(target)[0] == 0
    for path in schemas_dir().glob("*.schema.json"):
        assert (target / "schemas" / path.name).read_bytes() == path.read_bytes()
    first_line = (target / "data" / "programme.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../schemas/programme.schema.json"
    assert ((target / "data") / first_line.split("=", 1)[1]).resolve() == (target / "schemas" / "programme.schema.json").resolve()
    code, out, err = run_cli("new", "application", "--root", str(target), "--id", "og-exemple", "--recu-le", "2025-06-12T10:24", "--maintenant", NOW_TEXT)
    assert code == 0, out + err
    written = (target / "data" / "applications" / "og-exemple.yml").read_text(encoding="utf-8")
    assert written.startswith("# yaml-language-server: $schema=../../schemas/application.schema.json\n")


def test_new_application_points_at_the_schemas_wherever_they_are(tmp_path):
    """In an instance without its own schemas/, the comment points at the tool's, relative to the file (never a fixed « ../../schemas »)."""
    target = tmp_path / "a" / "b" / "programme"
    assert _init(target)[0] == 0
    shutil.rmtree(target / "schemas")
    code, out, err = run_cli("new", "application", "--root", str(target), "--id", "og-exemple", "--recu-le", "2025-06-12T10:24", "--maintenant", NOW_TEXT)
    assert code == 0, out + err
    first_line = (target / "data" / "applications" / "og-exemple.yml").read_text(encoding="utf-8").splitlines()[0]
    pointed = (target / "data" / "applications" / first_line.split("=", 1)[1]).resolve()
    assert pointed == (schemas_dir() / "application.schema.json").resolve()


def test_never_writes_over_an_existing_file(tmp_path):
    target = tmp_path / "programme"
    (target / "data").mkdir(parents=True)
    (target / "README.md").write_text("Notre README\n", encoding="utf-8")
    (target / "data" / "programme.yml").write_text("id: ancien\n", encoding="utf-8")
    code, out, err = _init(target)
    assert code == 2
    assert "rien n'a été écrit" in err and "README.md" in err and "data/programme.yml" in err and "2 fichiers" in err
    assert _tree(target) == {"README.md", "data/programme.yml"}
    assert (target / "README.md").read_text(encoding="utf-8") == "Notre README\n"
    assert (target / "data" / "programme.yml").read_text(encoding="utf-8") == "id: ancien\n"


def test_a_folder_with_other_files_is_completed_without_touching_them(tmp_path):
    """A non-empty folder is fine when none of the files to write is there (a fresh « git init », notes…)."""
    target = tmp_path / "programme"
    (target / ".git").mkdir(parents=True)
    (target / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (target / "notes.txt").write_text("à garder\n", encoding="utf-8")
    code, out, err = _init(target)
    assert code == 0, out + err
    assert (target / "notes.txt").read_text(encoding="utf-8") == "à garder\n"
    assert (target / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/main\n"
    assert _tree(target) == EXPECTED | {"notes.txt", ".git/HEAD"}
    code, out, err = _init(target)
    assert code == 2 and "ne les remplace jamais" in err and str(len(EXPECTED)) in err
    code, _, err = _init(target / "notes.txt")
    assert code == 2 and "n'est pas un dossier" in err


def test_each_wrong_answer_is_reported_with_its_line_and_nothing_is_written(tmp_path):
    wrong = tmp_path / "reponses.yml"
    wrong.write_text(
        textwrap.dedent(
            """\
            region: Normandie
            titre: ACIA Normandie
            organisatons: []
            organisations:
              - {id: ARS, sigle: ARS, nom: Agence}
            axes: []
            date_limite: {date: 2025-02-30, heure: "25:00"}
            depot:
              canal: pigeon
              destinataires: [{organisation: ars, email: pas-une-adresse}]
            comite_selection: {membres: [ars]}
            periode_programme: {debut: 2025-01-01}
            etapes: [{titre: Cadrage, debut: 2025-09-01}]
            equipe_projet: {niveau: site}
            """
        ),
        encoding="utf-8",
    )
    target = tmp_path / "programme"
    code, out, err = _init(target, wrong)
    assert code == 1
    assert "rien n'a été écrit" in err
    for expected in (
        "reponses.yml, ligne 3 (organisatons) : clé inconnue « organisatons »",
        "ligne 5 (organisations[1].id) : « ARS » n'est pas un identifiant",
        "ligne 6 (axes) : une liste non vide est attendue",
        "ligne 7 (date_limite.date) : « 2025-02-30 » n'est pas une date",
        "(date_limite.heure) : « 25:00 » n'est pas une heure",
        "ligne 9 (depot.canal) : « pigeon » n'est pas une valeur possible (email, courrier, plateforme)",
        "(depot.destinataires[1].email) : « pas-une-adresse » n'est pas une adresse e-mail",
        "(periode_programme.fin) : « fin » est obligatoire",
        "(etapes[1].fin) : « fin » est obligatoire",
        "ligne 14 (equipe_projet.niveau) : « site » n'est pas une valeur possible (etablissement, organisme_gestionnaire)",
    ):
        assert expected in err, f"{expected!r} missing from:\n{err}"
    assert not target.exists()


@pytest.mark.parametrize(
    ("deposit", "message"),
    [
        ({"canal": "email"}, "depot.destinataires : « destinataires » est obligatoire pour un dépôt « email »"),
        ({"canal": "plateforme"}, "depot.plateforme : « plateforme » est obligatoire pour un dépôt « plateforme »"),
        ({"canal": "plateforme", "plateforme": {"nom": "Démarches", "url": "http://exemple.fr"}}, "« http://exemple.fr » n'est pas une adresse https://"),
        ({"canal": "courrier"}, "depot.adresse_postale : « adresse_postale » est obligatoire pour un dépôt « courrier »"),
    ],
)
def test_each_deposit_channel_asks_for_what_it_needs(tmp_path, deposit, message):
    data = yaml.safe_load(OTHER_IDS.read_text(encoding="utf-8"))
    data["depot"] = deposit
    with pytest.raises(answers.AnswersError) as raised:
        answers.parse(data)
    assert any(message in problem for problem in raised.value.problems), raised.value.problems


def test_a_deposit_by_post_gives_a_valid_programme(tmp_path):
    data = yaml.safe_load(OTHER_IDS.read_text(encoding="utf-8"))
    data["depot"] = {"canal": "courrier", "adresse_postale": "ARS Bretagne, 6 place des Colombes, 35042 Rennes"}
    given = answers.parse(data)
    assert given.destinataires == () and given.adresse_postale.endswith("Rennes")
    report = create.check_planned(files.repository_files(given, NOW.date()), NOW)
    assert report.ok, [(finding.rule, finding.message) for finding in report.findings if finding.is_error]


def test_answers_that_make_an_invalid_programme_write_nothing(tmp_path):
    """What the answers mean together is checked by the rules of acia validate, before anything is written."""
    data = yaml.safe_load(OTHER_IDS.read_text(encoding="utf-8"))
    data["comite_selection"]["date"] = "2026-05-15"  # after the first step has started
    data["depot"]["destinataires"][0]["organisation"] = "inconnue"
    wrong = tmp_path / "reponses.yml"
    wrong.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    target = tmp_path / "programme"
    code, out, err = _init(target, wrong, "2026-01-20")
    assert code == 1
    assert "ne serait pas valide ; rien n'a été écrit" in err
    assert "[ACIA402]" in err and "avant que les structures soient sélectionnées" in err
    assert "[ACIA405]" in err and "« inconnue »" in err
    assert "[ACIA408]" not in err  # warnings are not the problem here
    assert not target.exists()


@pytest.mark.parametrize(
    "text",
    [
        "Simple",
        "Protection de l'enfance",
        "Titre : sous-titre",
        "- tiret",
        "oui",
        "No",
        "true",
        "#1",
        "«ACIA» 2025",
        "a, b",
        "[x]",
        "{y}",
        'Dit "bonjour"',
        "C:\\dossier",
        "20200",
        " espace",
        "ACIA — Île-de-France",
        "x: y",
    ],
)
def test_values_stay_themselves_in_yaml(text):
    written = f"cle: {files.yaml_scalar(text)}\nliste: [{files.yaml_scalar(text)}]\n"
    parsed = yamlsource.parse(written)
    assert not parsed.problems, written
    assert parsed.data == {"cle": text, "liste": [text]}
    assert yaml.safe_load(written) == {"cle": text, "liste": [text]}  # YAML 1.1 readers (editors) too


# What a person types, question by question (see answers.ask_all).
TYPED = [
    "Occitanie",  # région
    "",  # titre : la valeur proposée
    "aap",
    "",  # phase
    "",  # organisation 1 : ars (proposé)
    "",  # sigle ARS
    "Agence régionale de santé Occitanie",
    "",  # rôle (facultatif)
    "",  # organisation 2 : aract (proposé)
    "",
    "Aract Occitanie",
    "Accompagne les structures.",
    "",  # organisation 3 : vide, fin de la liste
    "Implémenter un nouvel outil",
    "",  # fin des axes
    "",  # secteurs par défaut
    "",  # financements par défaut
    "2025-06-30",  # date limite
    "",  # heure
    "",  # fuseau
    "",  # canal
    "",  # organisation destinataire : ars
    "depot@ars-occitanie.example.fr",
    "",  # membres du comité : ars, aract
    "2025-07-10",
    "2025-05-01",
    "2026-06-30",
    "Cadrage",
    "2025-09-01",
    "2025-12-31",
    "2",
    "",  # fin des étapes
    "",  # instances par défaut
    "non",  # une seule équipe projet par organisme gestionnaire
    "",  # rôles de l'équipe par défaut
    "non",  # colonnes du RACI
    "aract",
    "Aract",
    "",
]


def _typing(monkeypatch, typed: list[str]) -> list[str]:
    replies, asked = iter(typed), []

    def scripted(prompt: str) -> str:
        asked.append(prompt)
        return next(replies)

    monkeypatch.setattr(builtins, "input", scripted)
    monkeypatch.setattr(answers, "on_terminal", lambda: True)
    return asked


def test_questions_on_a_terminal(tmp_path, monkeypatch):
    asked = _typing(monkeypatch, TYPED)
    target = tmp_path / "occitanie"
    code, out, err = run_cli("init", str(target), "--maintenant", NOW_TEXT)
    assert code == 0, out + err
    assert asked[0] == "Région de l'appel (ex. Normandie) : " and len(asked) == len(TYPED)
    assert "Titre de l'appel [Actions collectives innovantes et apprenantes (ACIA) — Occitanie] : " in asked
    programme = yaml.safe_load((target / "data" / "programme.yml").read_text(encoding="utf-8"))
    assert programme["type_appel"] == "aap" and programme["id"] == "acia-occitanie-2025"
    assert [item["id"] for item in programme["organisations"]] == ["ars", "aract"]
    assert programme["raci"]["roles"] == [{"id": "aract", "libelle": "Aract"}]
    assert programme["equipe_projet"]["niveau"] == "organisme_gestionnaire"
    assert programme["etapes"] == [
        {"id": "etape-1", "numero": 1, "titre": "Cadrage", "vocation": "À COMPLÉTER : à quoi sert l'étape", "periode": {"debut": "2025-09-01", "fin": "2025-12-31"}, "jours_mobilisation": 2}
    ]
    assert validate(target, now=NOW).ok


def test_wrong_terminal_answers_are_kept_for_the_answers_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    typed = list(TYPED)
    typed[TYPED.index("2025-06-30")] = "30 juin"
    _typing(monkeypatch, typed)
    code, _, err = run_cli("init", "occitanie", "--maintenant", NOW_TEXT)
    assert code == 1 and "« 30 juin » n'est pas une date" in err and "reponses-acia-init.yml" in err
    kept = yaml.safe_load((tmp_path / "reponses-acia-init.yml").read_text(encoding="utf-8"))
    assert kept["region"] == "Occitanie" and kept["date_limite"]["date"] == "30 juin"
    assert not (tmp_path / "occitanie").exists()


def test_no_question_is_asked_when_a_file_would_be_replaced(tmp_path, monkeypatch):
    target = tmp_path / "programme"
    target.mkdir()
    (target / "mkdocs.yml").write_text("site_name: le nôtre\n", encoding="utf-8")
    asked = _typing(monkeypatch, [])
    code, _, err = run_cli("init", str(target))
    assert code == 2 and "mkdocs.yml" in err and asked == []


def test_the_files_to_write_are_known_before_the_answers():
    assert files.names() == list(files.repository_files(answers.read_file(files.MODEL_ANSWERS), NOW.date())) == sorted(EXPECTED)


def test_without_a_terminal_the_answers_come_from_a_file(tmp_path, monkeypatch):
    monkeypatch.setattr(answers, "on_terminal", lambda: False)
    code, _, err = run_cli("init", str(tmp_path / "programme"))
    assert code == 2 and "--depuis" in err and "acia init --modele" in err
    assert not (tmp_path / "programme").exists()
    code, _, err = run_cli("init")
    assert code == 2 and "indiquez le dossier" in err
    code, out, _ = run_cli("init", "--modele")
    assert code == 0 and out == files.MODEL_ANSWERS.read_text(encoding="utf-8")
    code, _, err = run_cli("init", str(tmp_path / "programme"), "--depuis", str(tmp_path / "absent.yml"))
    assert code == 1 and "introuvable" in err


def test_validation_uses_the_tools_schemas_and_flags_a_stale_copy(tmp_path):
    """The programme's schemas/ only serves editors: a copy that differs changes nothing to the checks, and is reported (ACIA011)."""
    target = tmp_path / "programme"
    assert _init(target)[0] == 0
    stale = target / "schemas" / "programme.schema.json"
    schema = json.loads(stale.read_text(encoding="utf-8"))
    schema["required"].append("champ_qui_n_existe_pas")  # would fail every programme if it were used
    stale.write_text(json.dumps(schema), encoding="utf-8")
    (target / "schemas" / "bilan.schema.json").unlink()
    report = validate(target, now=NOW)
    assert report.ok
    copies = sorted((finding.file, finding.severity) for finding in report.findings if finding.rule == "ACIA011")
    assert copies == [("schemas/bilan.schema.json", "avertissement"), ("schemas/programme.schema.json", "avertissement")]
    code, out, err = run_cli("init", str(target), "--mettre-a-jour")
    assert code == 0, err
    assert "schemas/bilan.schema.json" in out and "schemas/programme.schema.json" in out
    assert not [finding for finding in validate(target, now=NOW).findings if finding.rule == "ACIA011"]
    code, out, _ = run_cli("init", str(target), "--mettre-a-jour")
    assert code == 0 and "sont à jour" in out
    code, _, err = run_cli("init", str(tmp_path), "--mettre-a-jour")
    assert code == 2 and "n'est pas le dossier d'un programme" in err


def test_the_checkout_validates_with_its_own_schemas_folder():
    """The shipped Corse instance's schemas/ is the tool's own folder: nothing to compare, no ACIA011."""
    assert schemas_dir().resolve() == (REPO / "schemas").resolve()
    assert create.files.tool_files()["docs/reference-controles.md"] == (REPO / "docs" / "reference-controles.md").read_bytes()


# --- acia as an installed tool -------------------------------------------------

# The sources a wheel is built from: everything else of the checkout stays out of it.
WHEEL_SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "scripts", "schemas", "templates")

AUDIT_GUARD = """\
import os, sys

_CHECKOUT = {checkout!r}
_ALLOWED = {allowed!r}


def _inside(path, folder):
    return path == folder or path.startswith(folder + os.sep)


def _guard(event, arguments):
    if event not in ("open", "os.listdir", "os.scandir") or not arguments:
        return
    target = arguments[0]
    if not isinstance(target, (str, bytes, os.PathLike)):
        return
    real = os.path.realpath(os.fsdecode(target))
    if _inside(real, _CHECKOUT) and not any(_inside(real, folder) for folder in _ALLOWED):
        raise PermissionError("acia installé a lu un fichier du dépôt d'acia : " + real)


sys.addaudithook(_guard)
"""


def _dependency_folders() -> list[str]:
    """Where this test's interpreter finds acia's dependencies, without acia itself."""
    candidates = [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"], *site.getsitepackages()]
    found = []
    for folder in dict.fromkeys(os.path.realpath(path) for path in candidates):
        if Path(folder).is_dir() and not (Path(folder) / "acia" / "__init__.py").exists():
            found.append(folder)
    return found


def _run(command: list[str | Path], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    completed = subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, f"{' '.join(map(str, command))} : code {completed.returncode}\n{completed.stdout}\n{completed.stderr}"
    assert "acia installé a lu un fichier du dépôt" not in completed.stderr
    return completed


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """acia built into a wheel from this checkout and installed alone in a fresh virtual environment."""
    scratch = tmp_path_factory.mktemp("installe")
    env = {name: value for name, value in os.environ.items() if name not in ("PYTHONPATH", "ACIA_SCHEMAS", "VIRTUAL_ENV")}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1")
    source = scratch / "source"  # a copy: the build leaves build/ and *.egg-info beside its sources
    source.mkdir()
    for name in WHEEL_SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copyfile(REPO / name, source / name)
    build_env = dict(env)
    if os.environ.get("PYTHONPATH"):  # the setuptools this test runs with, wherever it comes from
        build_env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "--quiet", "-w", scratch / "dist", source], scratch, build_env)
    wheel = next((scratch / "dist").glob("acia-*.whl"))
    venv = scratch / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], scratch, env)
    python = venv / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "--quiet", wheel], scratch, env)
    purelib = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], scratch, env).stdout.strip())
    # Dependencies: this interpreter's, without installing anything (no network); never the checkout's acia.
    dependencies = _dependency_folders()
    (purelib / "acia_test_dependances.pth").write_text("\n".join(dependencies) + "\n", encoding="utf-8")
    (purelib / "acia_test_garde.py").write_text(AUDIT_GUARD.format(checkout=os.path.realpath(REPO), allowed=[*dependencies, os.path.realpath(venv)]), encoding="utf-8")
    (purelib / "acia_test_garde.pth").write_text("import acia_test_garde\n", encoding="utf-8")
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return venv, env


@pytest.mark.acceptance
def test_installed_wheel_creates_and_runs_a_programme_outside_the_checkout(installed, tmp_path):
    venv, env = installed
    env = {**env, "ACIA_MAINTENANT": NOW_TEXT}
    acia = venv / "bin" / "acia"
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    assert _run([acia, "--version"], elsewhere, env).stdout.strip() == "acia 0.1.0"
    where = json.loads(
        _run([venv / "bin" / "python", "-c", "import json, acia.paths as p; print(json.dumps([p.INSTALLED, str(p.SCHEMAS), str(p.TEMPLATES), str(p.CHECKOUT)]))"], elsewhere, env).stdout
    )
    assert where[0] is True and where[3] == "None"
    assert all(Path(path).resolve().is_relative_to(venv.resolve()) for path in where[1:3]), where
    # The guard is active: reading a file of the checkout fails in the installed interpreter.
    probe = subprocess.run([venv / "bin" / "python", "-c", f"open({str(REPO / 'README.md')!r})"], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert probe.returncode != 0 and "acia installé a lu un fichier du dépôt" in probe.stderr

    (elsewhere / "reponses.yml").write_text(_run([acia, "init", "--modele"], elsewhere, env).stdout, encoding="utf-8")
    created = _run([acia, "init", "normandie", "--depuis", "reponses.yml"], elsewhere, env)
    assert "Programme « Actions collectives innovantes et apprenantes (ACIA) — Normandie 2025 » créé dans normandie/" in created.stdout
    root = elsewhere / "normandie"
    assert _tree(root) == EXPECTED
    checked = _run([acia, "validate"], root, env)
    assert "0 erreur" in checked.stdout and "[ACIA408]" in checked.stdout

    # The first application: the blank Annexe 1 the installed acia produces, filled in as an applicant does, then imported.
    _run([acia, "documents", "--format", "docx"], root, env)
    from test_new_application import fill_form

    from acia.model.programme import build_programme

    application = yaml.safe_load((REPO / "data" / "applications" / "og-2b-association-lisula.yml").read_text(encoding="utf-8"))
    programme = build_programme(yaml.safe_load((root / "data" / "programme.yml").read_text(encoding="utf-8")))
    fill_form(root / "build" / "documents" / "annexe-1-vierge.docx", elsewhere / "fiche.docx", application, programme)
    # the id is made from the form's raison sociale, « Association Lisula (fictive) »
    imported = _run([acia, "new", "application", "--from", elsewhere / "fiche.docx", "--recu-le", "12/06/2025 10:24"], root, env)
    assert "Candidature écrite : data/applications/og-2b-association-lisula-fictive.yml" in imported.stdout
    written = (root / "data" / "applications" / "og-2b-association-lisula-fictive.yml").read_text(encoding="utf-8")
    assert written.startswith("# yaml-language-server: $schema=../../schemas/application.schema.json\n")
    assert "0 erreur" in _run([acia, "validate"], root, env).stdout
    matrix = _run([acia, "matrix"], root, env)
    assert "og-2b-association-lisula-fictive" in matrix.stdout and "proposée" in matrix.stdout
    _run([acia, "build"], root, env)
    assert (root / "build" / "public" / "site" / "index.html").is_file()
    assert (root / "build" / "structure-og-2b-association-lisula-fictive" / "site" / "index.html").is_file()
    _run([acia, "documents"], root, env)
    letters = _tree(root / "build" / "documents" / "og-2b-association-lisula-fictive")
    assert any(name.startswith("accuse-reception") and name.endswith(".pdf") for name in letters), letters
    assert "sont à jour" in _run([acia, "init", ".", "--mettre-a-jour"], root, env).stdout


@pytest.mark.acceptance
def test_a_programme_without_ars_nor_aract_runs_a_first_application(tmp_path, monkeypatch):
    """Other organisation ids than the Corse ones, all the way to the letters (in-process, from the checkout)."""
    from test_new_application import fill_form

    from acia.model.programme import build_programme

    now = "2026-04-15T12:00:00+02:00"
    monkeypatch.setenv("ACIA_MAINTENANT", now)
    root = tmp_path / "bretagne"
    assert _init(root, OTHER_IDS, now)[0] == 0
    assert run_cli("documents", "--root", str(root), "--format", "docx")[0] == 0
    application = yaml.safe_load((REPO / "data" / "applications" / "og-2b-association-lisula.yml").read_text(encoding="utf-8"))
    application["axe"] = "axe-1"  # the only axe of this programme
    programme = build_programme(yaml.safe_load((root / "data" / "programme.yml").read_text(encoding="utf-8")))
    fill_form(root / "build" / "documents" / "annexe-1-vierge.docx", tmp_path / "fiche.docx", application, programme)
    code, out, err = run_cli("new", "application", "--root", str(root), "--from", str(tmp_path / "fiche.docx"), "--recu-le", "30/03/2026 09:15")
    assert code == 0 and "Contrôle : aucun problème." in out, out + err
    for command in (("validate",), ("matrix",), ("build",), ("documents",)):
        code, out, err = run_cli(*command, "--root", str(root))
        assert code == 0, f"{command}: {out}{err}"
    (written,) = (root / "data" / "applications").glob("*.yml")  # its id comes from the form's raison sociale
    letters = _tree(root / "build" / "documents" / written.stem)
    assert any(name.startswith("accuse-reception") for name in letters), letters
