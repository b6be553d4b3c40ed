"""acia new application: import of a filled Annexe 1 (.docx, .odt) and the commented template."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest
import yaml
from conftest import REPO, copy_shipped, run_cli

from acia.check.schema import SchemaSet
from acia.forms import annexe
from acia.letters.documents import pandoc_path
from acia.model.programme import Programme, build_programme

# Builds sites or documents, or runs other programs: left out of « tasks.py test --rapide ».
pytestmark = pytest.mark.acceptance

RECEIVED = "2023-06-19T14:05:00+02:00"


def _read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> Path:
    """The blank Annexe 1 produced by acia documents, as the Aract sends it."""
    root = copy_shipped(tmp_path_factory.mktemp("blank"))
    code, _, err = run_cli("documents", "--root", str(root), "--format", "docx", "--maintenant", "2023-08-01")
    assert code == 0, err
    return root / "build" / "documents" / "annexe-1-vierge.docx"


@pytest.fixture
def instance(tmp_path) -> Path:
    root = copy_shipped(tmp_path)
    return root


def _write_answer(paragraph, item: annexe.Field, value) -> None:
    """Write a value after its label, or tick its boxes, as an applicant does in Word."""
    if value is None or len(paragraph.runs) < 2:
        return
    answer = paragraph.runs[1]
    if item.choices:
        chosen = value if isinstance(value, list) else [value]
        text = answer.text
        for choice_label, choice in item.choices:
            if any(choice == one and type(choice) is type(one) for one in chosen):
                text = text.replace(f"☐ {choice_label.replace(chr(39), '’')}", f"☒ {choice_label.replace(chr(39), '’')}")
        answer.text = text
    elif item.kind == "personne":
        answer.text = "\u00a0: " + " ".join(part for part in (value.get("civilite"), value.get("titre"), f"{value['nom']}, {value['prenom']}") if part)
    else:
        answer.text = f"\u00a0: {value}"


def fill_form(blank: Path, target: Path, data: dict, programme: Programme, etablissement: int | None = None) -> None:
    """Fill the blank form: answers after each label, ticked boxes, one block per item of a list.

    With ``etablissement``, the fiche of that établissement alone (a programme forming a team per établissement).
    """
    document = docx.Document(str(blank))
    if etablissement is not None:
        data = {**data, "etablissements": [data["etablissements"][etablissement]]}
    form = annexe.sections(SchemaSet(), programme)
    fields = {annexe.normalise(annexe.column_title(item)): item for section in form for item in section.fields}
    tables = {annexe.normalise(section.table.item_title): section.table for section in form if section.table is not None}
    current = None  # (table, index) under a heading « Établissement 2 »
    for paragraph in document.paragraphs:
        if paragraph.style.name.startswith("Heading"):
            numbered = re.fullmatch(r"(.*?) (\d+)", paragraph.text)
            table = tables.get(annexe.normalise(numbered.group(1))) if numbered else None
            current = (table, int(numbered.group(2)) - 1) if table is not None else None
            continue
        label = annexe.normalise(paragraph.runs[0].text) if paragraph.runs else ""
        if current is not None:
            table, index = current
            column = next((column for column in table.columns if annexe.normalise(annexe.column_title(column)) == label), None)
            entries = annexe.value_at(data, table.path) or []
            if column is not None and index < len(entries):
                _write_answer(paragraph, column, entries[index].get(column.path[0]))
        elif label in fields:
            _write_answer(paragraph, fields[label], annexe.value_at(data, fields[label].path))
    document.save(str(target))


def test_round_trip_blank_form_filled_then_imported(instance, blank, tmp_path):
    """Lisula's two établissements, each on its own fiche, make Lisula's application again."""
    original_path = instance / "data" / "applications" / "og-2b-association-lisula.yml"
    original = _read(original_path)
    programme = build_programme(_read(instance / "data" / "programme.yml"))
    fiches = []
    for index, etablissement in enumerate(original["etablissements"]):
        fiches.append(tmp_path / f"fiche-{annexe.normalise(etablissement['raison_sociale'])}.docx")
        fill_form(blank, fiches[-1], original, programme, etablissement=index)
    original_path.unlink()
    sources = [argument for fiche in fiches for argument in ("--from", str(fiche))]
    code, out, err = run_cli("new", "application", "--root", str(instance), *sources, "--id", "og-2b-association-lisula", "--recu-le", original["date_reception"], "--maintenant", "2023-08-01")
    assert code == 0, out + err
    assert "Candidature écrite : data/applications/og-2b-association-lisula.yml" in out
    assert "Reconnu" in out and "fiche-imelisula.docx — Raison sociale : Association Lisula (fictive)" in out
    assert "À vérifier" not in out  # the two fiches agree on everything the organisme gestionnaire answers
    imported = _read(original_path)
    # The coordination of the pilots is not on the fiche: the team writes it after talking with the organisme gestionnaire.
    assert imported == {key: value for key, value in original.items() if key != "coordination_pilotes"}
    assert (
        original_path.read_text(encoding="utf-8").splitlines()[1]
        == "# Importée des fiches « fiche-imelisula.docx » et « fiche-esatlisula.docx » par acia nouvelle candidature : relisez chaque champ avec les fiches reçues."
    )
    assert "Contrôle : aucun problème." in out


def test_idf_form_still_describes_the_whole_application(tmp_path):
    """A programme forming one team per organisme gestionnaire keeps one fiche per application: its établissements as blocks, one team."""
    root = copy_shipped(tmp_path, REPO / "examples" / "idf-2021")
    code, _, err = run_cli("documents", "--root", str(root), "--format", "docx", "--maintenant", "2021-10-01")
    assert code == 0, err
    original_path = root / "data" / "applications" / "og-91-ch-coteaux-essonne-fictif.yml"
    original = _read(original_path)
    assert len(original["etablissements"]) == 2 and original["equipe_projet"]
    fill_form(root / "build" / "documents" / "annexe-1-vierge.docx", tmp_path / "fiche.docx", original, build_programme(_read(root / "data" / "programme.yml")))
    original_path.unlink()
    code, out, err = run_cli(
        "new", "application", "--root", str(root), "--from", str(tmp_path / "fiche.docx"), "--id", original["id"], "--recu-le", original["date_reception"], "--maintenant", "2021-10-01"
    )
    assert "Candidature écrite" in out, out + err
    assert _read(original_path) == original


def test_odt_form_is_read_like_docx(instance, blank, tmp_path):
    original = _read(instance / "data" / "applications" / "og-2b-association-lisula.yml")
    programme = build_programme(_read(instance / "data" / "programme.yml"))
    first, second = tmp_path / "fiche-1.docx", tmp_path / "fiche-2.docx"
    fill_form(blank, first, original, programme, etablissement=0)
    fill_form(blank, second, original, programme, etablissement=1)
    odt = tmp_path / "fiche-2.odt"
    subprocess.run([pandoc_path(), str(second), "-o", str(odt)], check=True)
    code, out, err = run_cli(
        "new", "application", "--root", str(instance), "--from", str(first), "--from", str(odt), "--id", "og-copie-odt", "--recu-le", "2023-06-19 14:05", "--maintenant", "2023-08-01"
    )
    imported = _read(instance / "data" / "applications" / "og-copie-odt.yml")
    assert imported["date_reception"] == "2023-06-19T14:05:00+02:00"
    assert {key: value for key, value in imported.items() if key != "id"} == {key: value for key, value in original.items() if key not in ("id", "coordination_pilotes")}
    assert code == 1 and "[ACIA" in out  # same SIRET and FINESS as Lisula's: the checks say so


def _docx(path: Path, paragraphs: list[str], tables: list[list[list[str]]] = ()) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    for rows in tables:
        grid = document.add_table(rows=len(rows), cols=len(rows[0]))
        for row, values in zip(grid.rows, rows, strict=False):
            for cell, value in zip(row.cells, values, strict=False):
                cell.text = value
    document.save(str(path))
    return path


SEED_PARAGRAPHS = [
    "ANNEXE 1 : Fiche projet établissement",
    "Description de votre structure :",
    "Raison social de la structure : EHPAD Les Oliviers",
    "Catégorie d’établissement : EHPAD",
    "Secteur d’activité : PA",
    "Nombre de personnes accompagnées/capacité d’accueil : 64",
    "Numéro SIRET : 784 671 695 00087",
    "Numéro FINESS Juridique : 2A0000018",
    "Numéro FINESS Géographique : 2A0000026",
    "Nom et Prénom du directeur d’établissement : ORSONI Marie-Laure",
    "Description du projet :",
    "Votre structure souhaite candidater :",
    "☒Sur l’axe 1\t\t ☐Sur l’axe 2",
    "Pour quelles raisons souhaitez-vous participer au projet ACIA ?",
    "Nous déployons un DUI en 2024 et voulons y associer les équipes de nuit.",
    "Etat des lieux du numérique dans votre structure :",
    "Votre structure bénéficie-t-elle d’outils numériques ?\t ☒Oui \t\t☐Non",
    "Si oui, lesquels ?",
    "☒DUI \t☐DMP\t☒MSS (précisez la solution) : Mailiz \t ☐e-parcours",
    "☐télémédecine \t☐Via Trajectoire\t☐Autres (précisez)",
    "Décrivez brièvement l’historique du numérique dans votre structure",
    "Premier logiciel de soins en 2015, messagerie sécurisée depuis 2021.",
    "Votre structure a-t-elle un DSI,DPO et/ou référent qualité ? DPO et référent qualité",
    "Avez-vous déjà participé au programme ESMS Numérique ?\t ☐Oui \t\t☒Non",
    "Avez-vous déjà bénéficié du SONS ?\t ☐Oui \t\t☒Non",
    "Equipe projet :",
]
SEED_TEAM = [
    ["Nom et Prénom", "Fonction au sein de la structure", "Rôle et mission dans le projet", "Coordonnées"],
    ["ORSONI Marie-Laure", "Directrice", "Direction, pilote du projet", "ml.orsoni@oliviers.example.fr 04 95 10 20 30"],
    ["Leca Paul", "Aide-soignant, élu au CSE", "Représentant du personnel", "p.leca@oliviers.example.fr / 06 12 34 56 78"],
]


def test_form_laid_out_like_the_call_is_recognised(instance, tmp_path):
    form = _docx(tmp_path / "fiche-appel.docx", SEED_PARAGRAPHS, [SEED_TEAM])
    code, out, err = run_cli("new", "application", "--root", str(instance), "--from", str(form), "--recu-le", "12/06/2023 10:24", "--maintenant", "2023-08-01")
    path = instance / "data" / "applications" / "og-2a-ehpad-les-oliviers.yml"
    assert path.exists(), out + err
    data = _read(path)
    assert data["axe"] == "axe-1" and data["date_reception"] == "2023-06-12T10:24:00+02:00"
    team = data["etablissements"][0].pop("equipe_projet")
    assert data["etablissements"][0] == {
        "raison_sociale": "EHPAD Les Oliviers",
        "categorie": "EHPAD",
        "secteur": "PA",
        "capacite": 64,
        "siret": "78467169500087",
        "finess_geographique": "2A0000026",
        "directeur": {"nom": "Orsoni", "prenom": "Marie-Laure"},
    }
    assert data["numerique"]["outils"] == ["dui", "mss"] and data["numerique"]["mss_solution"] == "Mailiz"
    assert data["numerique"]["dpo"] is True and data["numerique"]["dsi"] is False and data["numerique"]["esms_numerique"] is False
    assert [member["role"] for member in team] == ["direction", "representant_personnel"]
    assert team[0]["pilote"] is True and "pilote de projet déduit" in out
    assert team[1] == {
        "nom": "Leca",
        "prenom": "Paul",
        "fonction": "Aide-soignant, élu au CSE",
        "role": "representant_personnel",
        "mission": "Représentant du personnel",
        "email": "p.leca@oliviers.example.fr",
        "telephone": "06 12 34 56 78",
    }
    # What the call's form does not ask is reported as missing, and the checks run on the new file.
    assert "Absent de la fiche" in out and "Financements" in out and "Organisme gestionnaire" not in out.split("Absent de la fiche")[0]
    assert "  - Organisme gestionnaire — Raison sociale\n" in out.split("Absent de la fiche")[1]
    assert code == 1 and "[ACIA101]" in out and "Le fichier est écrit" in out


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("deux-axes", "deux axes sont cochés"),
        ("autres-sans-precision", "« autres (précisez) » est coché dans « Outils utilisés » sans la précision demandée"),
        ("sans-tableau", "la partie « Équipe projet de l'établissement » est introuvable"),
        ("illisible", "est illisible"),
    ],
)
def test_unreliable_forms_write_nothing(instance, tmp_path, case, message):
    paragraphs, tables = list(SEED_PARAGRAPHS), [SEED_TEAM]
    if case == "deux-axes":
        paragraphs[paragraphs.index("☒Sur l’axe 1\t\t ☐Sur l’axe 2")] = "☒Sur l’axe 1\t\t ☒Sur l’axe 2"
    elif case == "autres-sans-precision":
        paragraphs[paragraphs.index("☐télémédecine \t☐Via Trajectoire\t☐Autres (précisez)")] = "☐télémédecine \t☐Via Trajectoire\t☒Autres (précisez)"
    elif case == "sans-tableau":
        tables = []
    form = _docx(tmp_path / f"{case}.docx", paragraphs, tables)
    if case == "illisible":
        form.write_bytes(b"PK\x03\x04 ceci n'est pas un document Word")
    before = sorted(path.name for path in (instance / "data" / "applications").iterdir())
    code, out, err = run_cli("new", "application", "--root", str(instance), "--from", str(form), "--recu-le", "12/06/2023 10:24", "--maintenant", "2023-08-01")
    assert code == 1
    assert message in err and "rien n'a été écrit" in err
    assert sorted(path.name for path in (instance / "data" / "applications").iterdir()) == before


def test_reception_date_is_never_guessed(instance, tmp_path, monkeypatch):
    form = _docx(tmp_path / "fiche.docx", SEED_PARAGRAPHS, [SEED_TEAM])
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, _, err = run_cli("new", "application", "--root", str(instance), "--from", str(form), "--maintenant", "2023-08-01")
    assert code == 2 and "--recu-le" in err and "jamais devinée" in err
    code, _, err = run_cli("new", "application", "--root", str(instance), "--from", str(form), "--recu-le", "2023-06-12", "--maintenant", "2023-08-01")
    assert code == 2 and "l'heure de réception" in err
    assert not (instance / "data" / "applications" / "og-2a-ehpad-les-oliviers.yml").exists()


class _Terminal(io.StringIO):
    """Answers typed at the prompt, on what looks like a terminal."""

    def isatty(self) -> bool:
        return True


def test_reception_date_is_asked_on_a_terminal(instance, tmp_path, monkeypatch):
    form = _docx(tmp_path / "fiche.docx", SEED_PARAGRAPHS, [SEED_TEAM])
    monkeypatch.setattr(sys, "stdin", _Terminal("hier\n12/06/2023 10:24\n"))
    code, out, err = run_cli("new", "application", "--root", str(instance), "--from", str(form), "--maintenant", "2023-08-01")
    assert "n'est pas une date lisible" in err  # the first answer is refused, the question asked again
    assert _read(instance / "data" / "applications" / "og-2a-ehpad-les-oliviers.yml")["date_reception"] == "2023-06-12T10:24:00+02:00"
    monkeypatch.setattr(sys, "stdin", _Terminal("\n"))
    code, _, err = run_cli("new", "application", "--root", str(instance), "--from", str(form), "--id", "og-autre", "--maintenant", "2023-08-01")
    assert code == 2 and "rien n'a été écrit" in err
    assert not (instance / "data" / "applications" / "og-autre.yml").exists()


def test_existing_file_is_never_overwritten(instance, tmp_path):
    form = _docx(tmp_path / "fiche.docx", SEED_PARAGRAPHS, [SEED_TEAM])
    target = instance / "data" / "applications" / "og-2b-association-lisula.yml"
    before = target.read_bytes()
    code, _, err = run_cli("new", "application", "--root", str(instance), "--from", str(form), "--id", "og-2b-association-lisula", "--recu-le", "12/06/2023 10:24")
    assert code == 1 and "existe déjà" in err and "rien n'a été écrit" in err
    assert target.read_bytes() == before
    code, _, err = run_cli("new", "application", "--root", str(instance), "--id", "og-2b-association-lisula")
    assert code == 1 and target.read_bytes() == before


def test_template_lists_every_field_with_its_description(instance):
    code, out, err = run_cli("new", "application", "--root", str(instance), "--id", "og-2a-nouvelle", "--recu-le", "2023-06-20T09:00")
    assert code == 0, err
    path = instance / "data" / "applications" / "og-2a-nouvelle.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/application.schema.json\n")
    data = yaml.safe_load(text)
    assert data["id"] == "og-2a-nouvelle" and data["date_reception"] == "2023-06-20T09:00:00+02:00"
    schema = _read(REPO / "schemas" / "application.schema.json")
    assert set(data) == set(schema["properties"])
    assert "# Numéro SIRET du siège (facultatif) :" in text
    programme = build_programme(_read(instance / "data" / "programme.yml"))
    assert "Valeurs possibles : " + ", ".join(f"{axe.id} ({axe.title})" for axe in programme.axes) + "." in text
    assert set(data["etablissements"][0]) == set(schema["properties"]["etablissements"]["items"]["properties"])
    code, out, _ = run_cli("validate", "--root", str(instance), "--maintenant", "2023-08-01", str(path))
    assert code == 1 and "[ACIA10" in out  # the checks then say what to fill


def test_template_cites_the_programme_s_own_axes_and_sectors(tmp_path):
    """Another programme's template names its axes and sectors, and nothing of Corsica."""
    root = copy_shipped(tmp_path, REPO / "examples" / "idf-2021")
    code, _, err = run_cli("new", "application", "--root", str(root), "--id", "og-nouvelle", "--recu-le", "2021-06-20T09:00")
    assert code == 0, err
    text = (root / "data" / "applications" / "og-nouvelle.yml").read_text(encoding="utf-8")
    programme = build_programme(_read(root / "data" / "programme.yml"))
    for axe in programme.axes:
        assert f"{axe.id} ({axe.title})" in text
    for sector in programme.sectors:
        assert f"{sector.id} ({sector.label})" in text
    for foreign in ("Corse", "2A", "2B", "og-2a", "l'axe 1 / "):
        assert foreign not in text, foreign


def test_usage_errors(instance, tmp_path):
    code, _, err = run_cli("new", "application", "--root", str(instance))
    assert code == 2 and "--id" in err
    code, _, err = run_cli("new", "application", "--root", str(instance), "--from", str(tmp_path / "absente.docx"), "--recu-le", "2023-06-12T10:24")
    assert code == 2 and "introuvable" in err
    pdf = tmp_path / "fiche.pdf"
    pdf.write_bytes(b"%PDF")
    code, _, err = run_cli("new", "application", "--root", str(instance), "--from", str(pdf), "--recu-le", "2023-06-12T10:24")
    assert code == 1 and ".docx ni .odt" in err
    code, _, err = run_cli("new", "application", "--root", str(instance), "--id", "Nom Avec Espaces")
    assert code == 2 and "n'est pas un identifiant" in err


# --- one fiche per établissement: the fiches of one organisme gestionnaire make one application ---

PINS = {
    "Raison social de la structure : EHPAD Les Oliviers": "Raison social de la structure : EHPAD Les Pins",
    "Numéro SIRET : 784 671 695 00087": "Numéro SIRET : 784 671 695 00095",
    "Numéro FINESS Géographique : 2A0000026": "Numéro FINESS Géographique : 2A0000034",
    "Nous déployons un DUI en 2024 et voulons y associer les équipes de nuit.": "Nos soignants attendent la télémédecine.",
    "☒DUI \t☐DMP\t☒MSS (précisez la solution) : Mailiz \t ☐e-parcours": "☐DUI \t☒DMP\t☐MSS (précisez la solution) \t ☐e-parcours",
    "Avez-vous déjà bénéficié du SONS ?\t ☐Oui \t\t☒Non": "Avez-vous déjà bénéficié du SONS ?\t ☒Oui \t\t☐Non",
}


def _fiche(path: Path, changes: dict[str, str]) -> Path:
    assert set(changes) <= set(SEED_PARAGRAPHS)
    return _docx(path, [changes.get(line, line) for line in SEED_PARAGRAPHS], [SEED_TEAM])


def _applications(instance: Path) -> list[str]:
    return sorted(path.name for path in (instance / "data" / "applications").iterdir())


def test_fiches_of_one_organisme_gestionnaire_make_one_application(instance, tmp_path):
    oliviers, pins = _fiche(tmp_path / "fiche-oliviers.docx", {}), _fiche(tmp_path / "fiche-pins.docx", PINS)
    odt = tmp_path / "fiche-pins.odt"
    subprocess.run([pandoc_path(), str(pins), "-o", str(odt)], check=True)
    code, out, err = run_cli("new", "application", "--root", str(instance), "--from", str(oliviers), "--from", str(odt), "--recu-le", "12/06/2023 10:24", "--maintenant", "2023-08-01")
    path = instance / "data" / "applications" / "og-2a-ehpad-les-oliviers.yml"
    assert path.exists(), out + err
    data = _read(path)
    assert [(item["raison_sociale"], item["finess_geographique"], len(item["equipe_projet"])) for item in data["etablissements"]] == [
        ("EHPAD Les Oliviers", "2A0000026", 2),
        ("EHPAD Les Pins", "2A0000034", 2),
    ]
    assert data["axe"] == "axe-1" and data["organisme_gestionnaire"] == {"finess_juridique": "2A0000018"}
    assert data["motivations"] == "EHPAD Les Oliviers : Nous déployons un DUI en 2024 et voulons y associer les équipes de nuit.\n\nEHPAD Les Pins : Nos soignants attendent la télémédecine."
    assert (data["numerique"]["outils"], data["numerique"]["mss_solution"], data["numerique"]["sons"], data["numerique"]["esms_numerique"]) == (["dui", "mss", "dmp"], "Mailiz", True, False)
    notes = out.split("À vérifier")[1]
    assert "Motivations : les fiches diffèrent (textes réunis, chacun sous le nom de son établissement)" in notes
    assert "Outils utilisés : les fiches diffèrent (réponses réunies : DUI, MSS (précisez la solution), DMP)" in notes
    assert "SONS : les fiches diffèrent (« oui » retenu, comme dans « fiche-pins.odt »)" in notes
    assert "fiche-oliviers.docx — Équipe projet de l'établissement, ligne 1 : pilote de projet déduit du mot « pilote »" in notes
    assert path.read_text(encoding="utf-8").splitlines()[1].startswith("# Importée des fiches « fiche-oliviers.docx » et « fiche-pins.odt »")


@pytest.mark.parametrize(
    ("case", "changes", "messages"),
    [
        (
            "axe-et-finess-juridique",
            {**PINS, "☒Sur l’axe 1\t\t ☐Sur l’axe 2": "☐Sur l’axe 1\t\t ☒Sur l’axe 2", "Numéro FINESS Juridique : 2A0000018": "Numéro FINESS Juridique : 2A0000042"},
            [
                "« Axe choisi » n'est pas le même dans toutes les fiches (« Implémentation d'un nouvel outil » dans « fiche-1.docx » ; « Construction d'usages partagés » dans « fiche-2.docx »)",
                "« Numéro FINESS juridique » n'est pas le même dans toutes les fiches (« 2A0000018 » dans « fiche-1.docx » ; « 2A0000042 » dans « fiche-2.docx »)",
            ],
        ),
        ("meme-etablissement", {}, ["l'établissement « EHPAD Les Oliviers » est décrit dans « fiche-1.docx » et dans « fiche-2.docx » : une seule fiche par établissement."]),
    ],
)
def test_fiches_that_contradict_each_other_write_nothing(instance, tmp_path, case, changes, messages):
    first, second = _fiche(tmp_path / "fiche-1.docx", {}), _fiche(tmp_path / "fiche-2.docx", changes)
    before = _applications(instance)
    code, out, err = run_cli("new", "application", "--root", str(instance), "--from", str(first), "--from", str(second), "--recu-le", "12/06/2023 10:24", "--maintenant", "2023-08-01")
    assert code == 1 and "Les fiches « fiche-1.docx », « fiche-2.docx » ne forment pas une candidature cohérente ; rien n'a été écrit" in err
    for message in messages:
        assert message in err
    assert _applications(instance) == before


def test_one_unreadable_fiche_among_several_writes_nothing(instance, tmp_path):
    good = _fiche(tmp_path / "fiche-oliviers.docx", {})
    bad = tmp_path / "fiche-pins.docx"
    bad.write_bytes(b"PK\x03\x04 abimee")
    before = _applications(instance)
    code, _, err = run_cli("new", "application", "--root", str(instance), "--from", str(good), "--from", str(bad), "--recu-le", "12/06/2023 10:24", "--maintenant", "2023-08-01")
    assert code == 1 and "La fiche « fiche-pins.docx » n'a pas pu être importée ; rien n'a été écrit" in err and "« fiche-pins.docx » est illisible" in err
    assert "Traceback" not in err and _applications(instance) == before


def test_a_programme_with_one_team_per_og_takes_one_fiche(tmp_path):
    root = copy_shipped(tmp_path, REPO / "examples" / "idf-2021")
    first, second = _fiche(tmp_path / "fiche-1.docx", {}), _fiche(tmp_path / "fiche-2.docx", PINS)
    code, _, err = run_cli("new", "application", "--root", str(root), "--from", str(first), "--from", str(second), "--recu-le", "12/06/2021 10:24")
    assert code == 2 and "sa candidature tient en une seule fiche" in err
