"""acia purger and acia extraire end to end: what is due is erased in place, the rest stays byte for byte; a person's data is found wherever it is."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import CASES, SNAPSHOT, build_instance, build_site, copy_shipped, run_cli

from acia.check import parse_now, validate

LATE = "2026-11-30T12:00:00+01:00"  # two years after the end of the Corse programme: everything is due
USOLE = "data/applications/og-2a-fondation-u-sole.yml"
LISULA_MEETINGS = "data/suivi/og-2b-association-lisula/reunions.yml"


def _files(root: Path) -> dict[str, bytes]:
    """Every file of the instance but the cache of build/.cache (validation keeps its parses there: not a change of the data)."""
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file() and not path.relative_to(root).as_posix().startswith("build/.cache/")}


def _rules(root: Path, now: str) -> list[str]:
    report = validate(root, now=parse_now(now))
    assert report.ok, [finding for finding in report.findings if finding.is_error]
    return [finding.rule for finding in report.findings]


@pytest.fixture
def corse(tmp_path: Path) -> Path:
    return copy_shipped(tmp_path)


@pytest.fixture
def flow_case(tmp_path: Path) -> Path:
    """The base instance with og-test-b not retained, 12 months after the decision: its team, written in flow mappings, is due."""
    return build_instance(tmp_path / "instance", CASES / "ACIA516" / "ko")


FLOW_NOW = "2024-07-12T09:00:00+02:00"


# --- purger -------------------------------------------------------------------


def test_dry_run_lists_what_is_due_and_changes_no_byte(corse):
    before = _files(corse)
    code, out, err = run_cli("purger", "--root", str(corse), "--maintenant", LATE)
    assert code == 0, err
    assert _files(corse) == before
    assert f"{USOLE}:42:14: Nom (etablissements[0].equipe_projet[0].nom) « S… » : remplacé par « [personne 2] »" in out
    assert f"{USOLE}:48:20: Téléphone (etablissements[0].equipe_projet[0].telephone) « 0… » : retiré" in out
    assert f"{USOLE} (candidatures retenues, à effacer depuis le 28/02/2026) :" in out
    assert re.search(r"^\d+ données personnelles dans 12 fichiers sont à effacer\. Aucun fichier n'a été modifié\.$", out, re.M)
    assert "Pour les effacer : acia purger --appliquer --maintenant 2026-11-30T12:00:00+01:00" in out
    assert "git filter-repo --replace-text" in out and "git push --force" in out and "reconstruisez-les" in out
    assert "Santoni" not in out and "m.santoni@usole.example.fr" not in out  # initials only


def test_json_shape_is_stable_and_holds_no_personal_value(corse):
    code, out, _ = run_cli("purger", "--root", str(corse), "--maintenant", LATE, "--format", "json")
    assert code == 0
    result = json.loads(out)
    assert set(result) == {"maintenant", "a_effacer", "fichiers", "valeurs", "mentions", "applique", "prochaine_echeance", "historique_git"}
    assert result["maintenant"] == "2026-11-30T12:00:00+01:00" and result["applique"] is False and result["fichiers"] == 12
    assert result["valeurs"] == len(result["a_effacer"]) > 100
    first = result["a_effacer"][0]
    assert set(first) == {"fichier", "ligne", "colonne", "chemin", "champ", "nature", "categorie", "echeance", "action", "pseudonyme"}
    telephone = next(entry for entry in result["a_effacer"] if entry["fichier"] == USOLE and entry["chemin"] == "etablissements[0].equipe_projet[0].telephone")
    assert telephone == {
        "fichier": USOLE,
        "ligne": 48,
        "colonne": 20,
        "chemin": "etablissements[0].equipe_projet[0].telephone",
        "champ": "Téléphone",
        "nature": "champ",
        "categorie": "candidatures_retenues",
        "echeance": "2026-02-28",
        "action": "retire",
        "pseudonyme": None,
    }
    for value in ("Santoni", "Maria", "usole.example.fr", "04 95 21 40 10"):
        assert value not in out


def test_nothing_is_due_at_the_snapshot_date(corse):
    before = _files(corse)
    code, out, _ = run_cli("purger", "--root", str(corse), "--maintenant", SNAPSHOT.isoformat(), "--appliquer")
    assert code == 0
    assert out.startswith("Aucune donnée personnelle à effacer au 12/12/2023")
    assert "Prochaine échéance : le 11/07/2024 (candidatures non retenues)." in out
    assert _files(corse) == before
    code, out, _ = run_cli("purger", "--root", str(corse), "--maintenant", SNAPSHOT.isoformat(), "--format", "json")
    assert json.loads(out)["valeurs"] == 0 and json.loads(out)["prochaine_echeance"] == "2024-07-11"


def test_flow_mappings_are_rewritten_in_place(flow_case):
    path = flow_case / "data/applications/og-test-b.yml"
    before = path.read_text(encoding="utf-8")
    assert "ACIA516" in _rules(flow_case, FLOW_NOW)
    code, out, err = run_cli("purger", "--root", str(flow_case), "--maintenant", FLOW_NOW, "--appliquer")
    assert code == 0, err
    assert "9 données personnelles dans 1 fichier : effacées" in out
    expected = (
        before.replace("directeur: {nom: Santoni, prenom: Maria}", 'directeur: {nom: "[personne 1]", prenom: "[effacé]"}')
        .replace(
            '{nom: Santoni, prenom: Maria, fonction: Directrice, role: direction, email: m.santoni@test-a.example.fr, telephone: "04 95 12 34 56", pilote: true}',
            '{nom: "[personne 1]", prenom: "[effacé]", fonction: Directrice, role: direction, email: personne-1@example.org, pilote: true}',
        )
        .replace(
            '{nom: Leca, prenom: Paul, fonction: Aide-soignant, role: representant_personnel, email: p.leca@test-a.example.fr, telephone: "06 12 34 56 78"}',
            '{nom: "[personne 2]", prenom: "[effacé]", fonction: Aide-soignant, role: representant_personnel, email: personne-2@example.org}',
        )
    )
    assert path.read_text(encoding="utf-8") == expected
    assert "ACIA516" not in _rules(flow_case, FLOW_NOW)
    # The retained application og-test-a is not due: not a byte of it changes.
    assert (flow_case / "data/applications/og-test-a.yml").read_bytes() == (CASES / "_base/data/applications/og-test-a.yml").read_bytes()


def test_byte_order_mark_and_windows_line_endings_are_kept(flow_case):
    path = flow_case / "data/applications/og-test-b.yml"
    original = path.read_text(encoding="utf-8")
    assert run_cli("purger", "--root", str(flow_case), "--maintenant", FLOW_NOW, "--appliquer")[0] == 0
    purged = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + original.replace("\n", "\r\n").encode("utf-8"))
    assert run_cli("purger", "--root", str(flow_case), "--maintenant", FLOW_NOW, "--appliquer")[0] == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + purged.replace("\n", "\r\n").encode("utf-8")


def test_a_second_run_finds_nothing(flow_case):
    assert run_cli("purger", "--root", str(flow_case), "--maintenant", FLOW_NOW, "--appliquer")[0] == 0
    after = _files(flow_case)
    code, out, _ = run_cli("purger", "--root", str(flow_case), "--maintenant", FLOW_NOW, "--appliquer")
    assert code == 0 and out.startswith("Aucune donnée personnelle à effacer")
    assert _files(flow_case) == after


def test_only_due_files_change(corse):
    """On 01/03/2025 only the applications not retained (and their evaluations) are past their 12 months."""
    before = _files(corse)
    code, out, _ = run_cli("purger", "--root", str(corse), "--maintenant", "2025-03-01", "--appliquer", "--format", "json")
    assert code == 0
    changed = sorted(rel for rel, content in _files(corse).items() if before[rel] != content)
    assert changed == sorted({entry["fichier"] for entry in json.loads(out)["a_effacer"]})
    assert changed == [
        "data/applications/og-2a-a-casa-di-i-zitelli.yml",
        "data/applications/og-2a-ornano-enfance.yml",
        "data/applications/og-2b-balagna-anziani.yml",
        "data/applications/og-2b-fondation-castagniccia.yml",
    ]


def test_applying_the_erasure_empties_the_cache_that_held_the_erased_values(corse):
    """Validation keeps its parses in build/.cache/yaml.marshal: after an erasure they would still hold the names."""
    before = (corse / USOLE).read_text(encoding="utf-8")
    code, _, _ = run_cli("valider", "--root", str(corse), "--maintenant", "2025-03-01")
    assert (corse / "build" / ".cache" / "yaml.marshal").is_file()
    code, out, _ = run_cli("purger", "--root", str(corse), "--maintenant", "2025-03-01", "--appliquer")
    assert code == 0 and "Les copies de travail de build/.cache/" in out
    assert not (corse / "build" / ".cache").exists()
    code, out, _ = run_cli("purger", "--root", str(corse), "--maintenant", "2025-03-01")  # the dry run keeps the cache
    assert code == 0 and (corse / "build" / ".cache" / "yaml.marshal").is_file()
    assert (corse / USOLE).read_text(encoding="utf-8") == before  # retained: not due yet


def test_mentions_in_texts_are_replaced_with_the_same_number_across_files(corse):
    minutes = corse / "data/suivi/og-2a-fondation-u-sole/comptes-rendus/copil-1.md"
    minutes.write_text(
        minutes.read_text(encoding="utf-8") + "\nMaria SANTONI ouvre la séance ; Mme Santoni et Claire répondent (claire et nette), joindre m.santoni@usole.example.fr ou le 04.95.21.40.10.\n",
        encoding="utf-8",
    )
    meetings = corse / "data/suivi/og-2a-fondation-u-sole/reunions.yml"
    text = meetings.read_text(encoding="utf-8")
    subject = re.search(r"^    objet: (.*)$", text, re.M)
    assert subject is not None
    meetings.write_text(text.replace(subject.group(0), f"    objet: Santoni présente {subject.group(1)}", 1), encoding="utf-8")
    code, out, _ = run_cli("purger", "--root", str(corse), "--maintenant", LATE, "--appliquer")
    assert code == 0, out
    assert "mentions dans les textes" in out
    application = (corse / USOLE).read_text(encoding="utf-8")
    number = re.search(r'- nom: "\[personne (\d+)\]"\n        prenom: "\[effacé\]"\n        fonction: Directrice', application)
    assert number is not None
    n = number.group(1)
    body = minutes.read_text(encoding="utf-8")
    assert f"[personne {n}] ouvre la séance ; Mme [personne {n}] et [personne " in body
    assert "(claire et nette)" in body and f"personne-{n}@example.org ou le [effacé]." in body
    assert f'objet: "[personne {n}] présente ' in meetings.read_text(encoding="utf-8")  # a plain text may not start with « [ »: quoted
    assert "ACIA516" not in _rules(corse, LATE)


def test_replacement_list_for_the_history_is_written_outside_the_instance_only(flow_case, tmp_path):
    inside = flow_case / "remplacements.txt"
    code, _, err = run_cli("purger", "--root", str(flow_case), "--maintenant", FLOW_NOW, "--liste-remplacements", str(inside))
    assert code == 2 and "hors du dépôt" in err and not inside.exists()
    outside = tmp_path / "remplacements.txt"
    code, out, _ = run_cli("purger", "--root", str(flow_case), "--maintenant", FLOW_NOW, "--liste-remplacements", str(outside))
    assert code == 0 and "relisez-la" in out
    assert outside.read_text(encoding="utf-8").splitlines() == [
        "literal:m.santoni@test-a.example.fr==>personne-1@example.org",
        "literal:p.leca@test-a.example.fr==>personne-2@example.org",
        "literal:04 95 12 34 56==>[effacé]",
        "literal:06 12 34 56 78==>[effacé]",
        "literal:Maria Santoni==>[personne 1]",
        "literal:Santoni Maria==>[personne 1]",
        "literal:Leca Paul==>[personne 2]",
        "literal:Paul Leca==>[personne 2]",
        r"regex:(?<![\w-])Santoni(?![\w-])==>[personne 1]",
        r"regex:(?<![\w-])Maria(?![\w-])==>[effacé]",
        r"regex:(?<![\w-])Leca(?![\w-])==>[personne 2]",
        r"regex:(?<![\w-])Paul(?![\w-])==>[effacé]",
    ]  # no comment line: git filter-repo would take it for a text to replace
    assert outside.stat().st_mode & 0o077 == 0
    (tmp_path / ".git").mkdir()  # the instance in a sub-folder of a repository: the rest of the repository is refused too
    code, _, err = run_cli("purger", "--root", str(flow_case), "--maintenant", FLOW_NOW, "--liste-remplacements", str(tmp_path / "autre.txt"))
    assert code == 2 and "hors du dépôt" in err and not (tmp_path / "autre.txt").exists()


def test_no_retention_declared_says_how_to_declare_it(instance):
    programme = instance / "data/programme.yml"
    text = programme.read_text(encoding="utf-8")
    programme.write_text(text[: text.index("donnees_personnelles:")], encoding="utf-8")
    code, out, err = run_cli("purger", "--root", str(instance), "--maintenant", FLOW_NOW)
    assert code == 2 and out == ""
    assert "le programme ne déclare aucune durée de conservation" in err and "« donnees_personnelles »" in err and "Traceback" not in err


def test_invalid_data_is_not_purged(flow_case):
    (flow_case / "data/selection.yml").write_text("comite: [\n", encoding="utf-8")
    before = _files(flow_case)
    code, _, err = run_cli("purger", "--root", str(flow_case), "--maintenant", FLOW_NOW, "--appliquer")
    assert code == 2 and "corrigez-les d'abord" in err
    assert _files(flow_case) == before


@pytest.mark.acceptance  # generates the public site's pages twice
def test_round_trip_on_the_corse_programme(corse):
    from acia.check import check_instance
    from acia.letters import documents

    now = parse_now(LATE)
    assert _rules(corse, LATE).count("ACIA516") == 12
    code, out, _ = run_cli("extraire", "--root", str(corse), "--personne", "p.leca@usole.example.fr")
    assert code == 0 and "Leca" in out
    public_before = _files(build_site(corse, "public", now, run_builder=False))

    code, out, _ = run_cli("purger", "--root", str(corse), "--maintenant", LATE, "--appliquer")
    assert code == 0
    counted = re.search(r"^(\d+) données personnelles dans 12 fichiers : effacées", out, re.M)
    assert counted is not None and int(counted.group(1)) > 100, out
    assert "git filter-repo" in out

    assert "ACIA516" not in _rules(corse, LATE)
    for query in ("p.leca@usole.example.fr", "Paul Leca", "Santoni"):
        code, out, _ = run_cli("extraire", "--root", str(corse), "--personne", query)
        assert code == 0 and out.startswith(f"Aucune donnée de « {query} »"), out
    assert _files(build_site(corse, "public", now, run_builder=False)) == public_before
    build_site(corse, "interne", now, run_builder=False)  # statistics, capitalisation, register still build
    letters = documents.prepare(check_instance(corse, now=now).context, root=corse)
    assert letters and not any("Santoni" in letter.markdown for letter in letters)
    assert run_cli("purger", "--root", str(corse), "--maintenant", LATE)[1].startswith("Aucune donnée personnelle à effacer")


# --- extraire -----------------------------------------------------------------


def test_extract_by_email_whatever_the_case(corse):
    code, out, _ = run_cli("extraire", "--root", str(corse), "--personne", "P.Leca@USOLE.example.fr")
    assert code == 0
    assert out.startswith("Données de « P.Leca@USOLE.example.fr » : ")
    assert f"{USOLE}:50:14: Nom (etablissements[0].equipe_projet[1].nom) : « Leca »" in out
    assert f"{USOLE}:55:16: Adresse e-mail (etablissements[0].equipe_projet[1].email) : « p.leca@usole.example.fr »" in out
    assert f"{USOLE}:52:19: Fonction au sein de la structure (etablissements[0].equipe_projet[1].fonction) : « Aide-soignant, élu au CSE »" in out
    assert "data/suivi/og-2a-fondation-u-sole/reunions.yml:" in out  # present at meetings
    assert "ne la collez ni dans un ticket" in out


def test_extract_by_name_whatever_the_case_accents_and_order(corse):
    outs = [run_cli("extraire", "--root", str(corse), "--personne", query, "--format", "json")[1] for query in ("Maria Santoni", "SANTONI maría", "santóni MARIA")]
    found = [json.loads(out)["occurrences"] for out in outs]
    assert found[0] == found[1] == found[2]
    files = {occurrence["fichier"] for occurrence in found[0]}
    assert files == {USOLE, "data/suivi/og-2a-fondation-u-sole/reunions.yml"}
    assert {"fichier": USOLE, "ligne": 39, "colonne": 12, "chemin": "etablissements[0].directeur.nom", "champ": "Nom", "valeur": "Santoni", "nature": "champ"} in found[0]


def test_extract_by_family_name_finds_every_person_of_that_name_and_the_mentions(corse):
    minutes = corse / "data/suivi/og-2a-fondation-u-sole/comptes-rendus/copil-1.md"
    minutes.write_text(minutes.read_text(encoding="utf-8") + "\nMme Santoni présente le calendrier.\n", encoding="utf-8")
    code, out, _ = run_cli("extraire", "--root", str(corse), "--personne", "santoni", "--format", "json")
    assert code == 0
    occurrences = json.loads(out)["occurrences"]
    mention = [occurrence for occurrence in occurrences if occurrence["nature"] == "texte"]
    lines = minutes.read_text(encoding="utf-8").splitlines()
    assert mention == [
        {
            "fichier": "data/suivi/og-2a-fondation-u-sole/comptes-rendus/copil-1.md",
            "ligne": len(lines),
            "colonne": 5,
            "chemin": "",
            "champ": "Texte du compte rendu",
            "valeur": "Santoni",
            "nature": "texte",
        }
    ]
    assert len({occurrence["fichier"] for occurrence in occurrences if occurrence["chemin"].endswith(".nom")}) >= 2


def test_extract_unknown_person_is_an_answer_not_an_error(corse):
    code, out, err = run_cli("extraire", "--root", str(corse), "--personne", "Personne Inconnue", "--format", "texte")
    assert code == 0 and err == ""
    assert out.startswith("Aucune donnée de « Personne Inconnue » dans les fichiers du programme.")
    code, out, _ = run_cli("extraire", "--root", str(corse), "--personne", "inconnu@example.org", "--format", "json")
    assert code == 0 and json.loads(out) == {"personne": "inconnu@example.org", "occurrences": []}
    code, _, err = run_cli("extraire", "--root", str(corse), "--personne", "  ")
    assert code == 2 and "--personne" in err and "Traceback" not in err


def test_extract_reads_the_programme_too(instance):
    programme = instance / "data/programme.yml"
    text = programme.read_text(encoding="utf-8")
    programme.write_text(
        text.replace("{organisation: ars, email: depot@ars.example.fr}", "{organisation: ars, email: depot@ars.example.fr, personne: {nom: Durand, prenom: Jeanne}}"), encoding="utf-8"
    )
    code, out, _ = run_cli("extraire", "--root", str(instance), "--personne", "jeanne durand")
    assert code == 0
    assert "data/programme.yml:43:" in out and "Nom (candidature.destinataires[0].personne.nom) : « Durand »" in out


def test_mentions_keep_the_layout_where_yaml_allows_it_and_are_quoted_where_it_does_not(flow_case):
    path = flow_case / "data/applications/og-test-b.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("motivations: Mettre en place un dossier usager informatisé avec les équipes.", "motivations: >-\n  Mettre en place un dossier avec Maria\n  Santoni et les équipes.")
    text = text.replace("historique: Premier logiciel en 2019.", 'historique: "Premier logiciel choisi par Maria \\\n    Santoni en 2019."')
    text = text.replace("fonction: Aide-soignant,", "fonction: Aide-soignant auprès de Santoni,")
    text = text.replace("raison_sociale: IME de test", "raison_sociale: IME de test\n    commune: Leca apporte la messagerie")
    path.write_text(text, encoding="utf-8")
    code, out, err = run_cli("purger", "--root", str(flow_case), "--maintenant", FLOW_NOW, "--appliquer")
    assert code == 0, err
    assert "3 mentions dans les textes" in out
    result = path.read_text(encoding="utf-8")
    assert "motivations: >-\n  Mettre en place un dossier avec [personne 1] et les équipes.\n" in result  # in place, across the fold
    assert 'historique: "Premier logiciel choisi par [personne 1] en 2019."\n' in result  # an escaped line break: written whole
    assert 'fonction: "Aide-soignant auprès de [personne 1]",' in result  # « [ » in a flow mapping: quoted
    assert "commune: Leca apporte la messagerie" in result  # a family name alone in the name of a place is the place
    assert "ACIA516" not in _rules(flow_case, FLOW_NOW)
