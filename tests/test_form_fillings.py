"""The call's own Annexe 1, filled the ways people really fill it in Word or LibreOffice, is read exactly.

Each case starts from a fiche laid out like the Corse call's Annexe 1
(« ANNEXE 1 : Fiche projet établissement ») and changes the way one field is
answered: precision after « (précisez …) » with or without a colon, boxes
ticked with ☒, ☑, X, ✓ or deleted, answers on the label's line, on the next
lines or in a « label | answer » table, a team table with merged or missing
cells. The value read is asserted exactly; an uncertain reading must leave a
note « à vérifier », an ambiguous one stops the import.
"""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from conftest import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acia.check.schema import SchemaSet
from acia.forms import annexe, importer
from acia.forms.document import Block
from acia.letters.documents import pandoc_path
from acia.model.programme import build_programme

pytestmark = pytest.mark.acceptance  # runs pandoc

PROGRAMME = build_programme(yaml.safe_load((REPO / "data" / "programme.yml").read_text(encoding="utf-8")))

HEADER = ["Nom et Prénom", "Fonction au sein de la structure", "Rôle et mission dans le projet", "Coordonnées"]
TEAM = [
    HEADER,
    ["ORSONI Marie-Laure", "Directrice", "Direction, pilote du projet", "ml.orsoni@oliviers.example.fr 04 95 10 20 30"],
    ["LECA Paul", "Aide-soignant, élu au CSE", "Représentant du personnel", "p.leca@oliviers.example.fr / 06 12 34 56 78"],
    ["", "", "", ""],
    ["", "", "", ""],
]


class Table:
    """A table of the fiche: rows of cell texts, cells to merge ((row, column), (row, column)), rows to shorten."""

    def __init__(self, rows, merges=(), drop_last_cell=()):
        self.rows, self.merges, self.drop_last_cell = rows, merges, drop_last_cell


class Heading:
    """A heading of the document (Word's « Titre 1 »)."""

    def __init__(self, text):
        self.text = text


class Struck:
    """A paragraph whose runs are (text, struck through)."""

    def __init__(self, *runs):
        self.runs = runs


BASE: dict[str, list] = {
    "titre": ["ANNEXE 1 : Fiche projet établissement", "Description de votre structure :"],
    "raison_sociale": ["Raison social de la structure : EHPAD Les Oliviers"],
    "categorie": ["Catégorie d’établissement : EHPAD"],
    "secteur": ["Secteur d’activité : PA"],
    "capacite": ["Nombre de personnes accompagnées/capacité d’accueil : 64"],
    "siret": ["Numéro SIRET : 78467169500087"],
    "finess_juridique": ["Numéro FINESS Juridique : 2A0000018"],
    "finess_geographique": ["Numéro FINESS Géographique : 2A0000026"],
    "directeur": ["Nom et Prénom du directeur d’établissement : ORSONI Marie-Laure"],
    "projet": ["Description du projet :"],
    "axe": ["Votre structure souhaite candidater :", "☒Sur l’axe 1\t\t ☐Sur l’axe 2"],
    "motivations": ["Pour quelles raisons souhaitez-vous participer au projet ACIA ?", "Nous déployons un DUI en 2024."],
    "numerique": ["Etat des lieux du numérique dans votre structure :"],
    "dispose_outils": ["Votre structure bénéficie-t-elle d’outils numériques ?\t ☒Oui \t\t☐Non"],
    "outils": ["Si oui, lesquels ?", "☒DUI \t☐DMP\t☒MSS (précisez la solution) Mailiz \t ☐e-parcours", "☐télémédecine \t☐Via Trajectoire\t☐Autres (précisez) \t"],
    "historique": ["Décrivez brièvement l’historique du numérique dans votre structure", "Premier logiciel de soins en 2015."],
    "dsi": ["Votre structure a-t-elle un DSI,DPO et/ou référent qualité ?", "DPO et référent qualité"],
    "esms_numerique": ["Avez-vous déjà participé au programme ESMS Numérique ?\t ☐Oui \t\t☒Non"],
    "sons": ["Avez-vous déjà bénéficié du SONS ?\t ☐Oui \t\t☒Non"],
    "equipe": ["Equipe projet :", "L’équipe projet est idéalement constituée de référents métiers et d’utilisateurs.", Table(TEAM)],
}


def build(path: Path, changes: dict[str, list]) -> Path:
    """The base fiche with some parts replaced, as a .docx (or .odt through pandoc when ``path`` says so)."""
    document = docx.Document()
    for slot, items in BASE.items():
        for item in changes.get(slot, items):
            if isinstance(item, Table):
                width = max(len(row) for row in item.rows)
                grid = document.add_table(rows=len(item.rows), cols=width)
                for row, values in zip(grid.rows, item.rows, strict=False):
                    for cell, value in zip(row.cells, values, strict=False):
                        cell.text = value
                for (top, left), (bottom, right) in item.merges:
                    text = grid.cell(top, left).text
                    merged = grid.cell(top, left).merge(grid.cell(bottom, right))
                    merged.text = text
                for index in item.drop_last_cell:
                    row = grid.rows[index]._tr
                    row.remove(row.tc_lst[-1])
            elif isinstance(item, Heading):
                document.add_heading(item.text, level=1)
            elif isinstance(item, Struck):
                paragraph = document.add_paragraph()
                for text, struck in item.runs:
                    paragraph.add_run(text).font.strike = struck
            else:
                document.add_paragraph(item)
    target = path.with_suffix(".docx")
    document.save(str(target))
    if path.suffix == ".odt":
        subprocess.run([pandoc_path(), str(target), "-o", str(path)], check=True)
        return path
    return target


def read(tmp_path: Path, changes: dict[str, list], name: str = "fiche.docx") -> importer.Reading:
    return importer.read(build(tmp_path / name, changes), SchemaSet(), PROGRAMME)


def team(data: dict) -> list[dict]:
    """The project team of the fiche's établissement."""
    etablissement = data.get("etablissements", [{}])[0]
    return etablissement.get("equipe_projet", data.get("equipe_projet", []))


def value_at(data, path):
    for part in path:
        if isinstance(data, list):
            data = data[part] if len(data) > part else None
        elif isinstance(data, dict):
            data = data.get(part)
        if data is None:
            return None
    return data


def the_table(*rows):
    return [Table([list(row) for row in rows])]


# --- one field at a time: (case id, slot replaced, new lines, path read, exact value, note expected) ---

RAISON = ("etablissements", 0, "raison_sociale")
LABEL = "Raison social de la structure"
FIELD_CASES = [
    ("raison-deux-points", "raison_sociale", [f"{LABEL} : EHPAD Les Oliviers"], RAISON, "EHPAD Les Oliviers", None),
    ("raison-deux-points-colles", "raison_sociale", [f"{LABEL}:EHPAD Les Oliviers"], RAISON, "EHPAD Les Oliviers", None),
    ("raison-sans-deux-points", "raison_sociale", [f"{LABEL} EHPAD Les Oliviers"], RAISON, "EHPAD Les Oliviers", None),
    ("raison-tabulation", "raison_sociale", [f"{LABEL} :\tEHPAD Les Oliviers"], RAISON, "EHPAD Les Oliviers", None),
    ("raison-ligne-suivante", "raison_sociale", [f"{LABEL} :", "EHPAD Les Oliviers"], RAISON, "EHPAD Les Oliviers", None),
    ("raison-ligne-suivante-sans-deux-points", "raison_sociale", [LABEL, "EHPAD Les Oliviers"], RAISON, "EHPAD Les Oliviers", None),
    ("raison-pointilles", "raison_sociale", [f"{LABEL} : EHPAD Les Oliviers ……………"], RAISON, "EHPAD Les Oliviers", None),
    ("raison-orthographe-corrigee", "raison_sociale", ["Raison sociale de la structure : EHPAD Les Oliviers"], RAISON, "EHPAD Les Oliviers", None),
    ("raison-tableau-deux-colonnes", "raison_sociale", the_table([f"{LABEL} :", "EHPAD Les Oliviers"], ["Catégorie d’établissement", "EHPAD"]), RAISON, "EHPAD Les Oliviers", None),
    ("categorie-sigle", "categorie", ["Catégorie d’établissement : EHPAD"], ("etablissements", 0, "categorie"), "EHPAD", None),
    (
        "categorie-en-toutes-lettres",
        "categorie",
        ["Catégorie d’établissement : Établissement d’hébergement pour personnes âgées dépendantes (EHPAD)"],
        ("etablissements", 0, "categorie"),
        "Établissement d’hébergement pour personnes âgées dépendantes (EHPAD)",
        None,
    ),
    ("categorie-ligne-suivante", "categorie", ["Catégorie d’établissement :", "Résidence autonomie"], ("etablissements", 0, "categorie"), "Résidence autonomie", None),
    ("categorie-sans-deux-points", "categorie", ["Catégorie d’établissement IME"], ("etablissements", 0, "categorie"), "IME", None),
    ("secteur-code", "secteur", ["Secteur d’activité : PA"], ("etablissements", 0, "secteur"), "PA", None),
    ("secteur-libelle", "secteur", ["Secteur d’activité : Personnes âgées"], ("etablissements", 0, "secteur"), "PA", None),
    ("secteur-minuscules-sans-accent", "secteur", ["Secteur d’activité : personnes agees"], ("etablissements", 0, "secteur"), "PA", None),
    ("secteur-libelle-et-code", "secteur", ["Secteur d’activité : Personnes âgées (PA)"], ("etablissements", 0, "secteur"), "PA", None),
    ("secteur-ligne-suivante", "secteur", ["Secteur d’activité :", "PH"], ("etablissements", 0, "secteur"), "PH", None),
    ("secteur-formule-proche", "secteur", ["Secteur d’activité : personnes en situation de handicap"], ("etablissements", 0, "secteur"), "PH", "lu comme « Personnes handicapées »"),
    ("secteur-enfance", "secteur", ["Secteur d’activité : Protection de l’enfance"], ("etablissements", 0, "secteur"), "PDE", None),
    ("capacite-nombre", "capacite", ["Nombre de personnes accompagnées/capacité d’accueil : 64"], ("etablissements", 0, "capacite"), 64, None),
    ("capacite-places", "capacite", ["Nombre de personnes accompagnées/capacité d’accueil : 45 places"], ("etablissements", 0, "capacite"), 45, None),
    ("capacite-lits", "capacite", ["Nombre de personnes accompagnées/capacité d’accueil : 120 lits"], ("etablissements", 0, "capacite"), 120, None),
    ("capacite-milliers", "capacite", ["Nombre de personnes accompagnées/capacité d’accueil : 1 200 personnes accompagnées"], ("etablissements", 0, "capacite"), 1200, None),
    ("capacite-ligne-suivante", "capacite", ["Nombre de personnes accompagnées/capacité d’accueil :", "80 places"], ("etablissements", 0, "capacite"), 80, None),
    ("capacite-deux-nombres", "capacite", ["Nombre de personnes accompagnées/capacité d’accueil : 80 places dont 10 en accueil de jour"], ("etablissements", 0, "capacite"), 80, "lu comme 80"),
    ("siret-groupe", "siret", ["Numéro SIRET : 423 674 597 00145"], ("etablissements", 0, "siret"), "42367459700145", None),
    ("siret-colle", "siret", ["Numéro SIRET : 42367459700145"], ("etablissements", 0, "siret"), "42367459700145", None),
    ("siret-points", "siret", ["Numéro SIRET : 423.674.597.00145"], ("etablissements", 0, "siret"), "42367459700145", None),
    ("siret-espaces-insecables", "siret", ["Numéro SIRET : 423\u00a0674\u00a0597\u00a000145"], ("etablissements", 0, "siret"), "42367459700145", None),
    ("siret-sans-deux-points", "siret", ["Numéro SIRET 423 674 597 00145"], ("etablissements", 0, "siret"), "42367459700145", None),
    ("siret-ligne-suivante", "siret", ["Numéro SIRET :", "423 674 597 00145"], ("etablissements", 0, "siret"), "42367459700145", None),
    ("finess-juridique-colle", "finess_juridique", ["Numéro FINESS Juridique : 2A0000018"], ("organisme_gestionnaire", "finess_juridique"), "2A0000018", None),
    ("finess-juridique-espaces", "finess_juridique", ["Numéro FINESS Juridique : 2A 000 001 8"], ("organisme_gestionnaire", "finess_juridique"), "2A0000018", None),
    ("finess-juridique-minuscule", "finess_juridique", ["Numéro FINESS Juridique : 2a0000018"], ("organisme_gestionnaire", "finess_juridique"), "2A0000018", None),
    ("finess-geographique-espaces", "finess_geographique", ["Numéro FINESS Géographique : 2A 0000026"], ("etablissements", 0, "finess_geographique"), "2A0000026", None),
    ("finess-geographique-ligne-suivante", "finess_geographique", ["Numéro FINESS Géographique :", "2A0000026"], ("etablissements", 0, "finess_geographique"), "2A0000026", None),
    ("finess-geographique-continent", "finess_geographique", ["Numéro FINESS Géographique : 13 078 505 3"], ("etablissements", 0, "finess_geographique"), "130785053", None),
    (
        "directeur-nom-en-capitales",
        "directeur",
        ["Nom et Prénom du directeur d’établissement : ORSONI Marie-Laure"],
        ("etablissements", 0, "directeur"),
        {"nom": "Orsoni", "prenom": "Marie-Laure"},
        None,
    ),
    (
        "directeur-prenom-d-abord",
        "directeur",
        ["Nom et Prénom du directeur d’établissement : Marie-Laure ORSONI"],
        ("etablissements", 0, "directeur"),
        {"nom": "Orsoni", "prenom": "Marie-Laure"},
        None,
    ),
    ("directeur-virgule", "directeur", ["Nom et Prénom du directeur d’établissement : Orsoni, Marie-Laure"], ("etablissements", 0, "directeur"), {"nom": "Orsoni", "prenom": "Marie-Laure"}, None),
    (
        "directeur-civilite-prenom-nom",
        "directeur",
        ["Nom et Prénom du directeur d’établissement : Mme Marie-Laure Orsoni"],
        ("etablissements", 0, "directeur"),
        {"civilite": "Madame", "nom": "Orsoni", "prenom": "Marie-Laure"},
        "vérifiez l'ordre",
    ),
    (
        "directeur-civilite-capitales",
        "directeur",
        ["Nom et Prénom du directeur d’établissement : Madame ORSONI Marie-Laure"],
        ("etablissements", 0, "directeur"),
        {"civilite": "Madame", "nom": "Orsoni", "prenom": "Marie-Laure"},
        None,
    ),
    ("directeur-titre", "directeur", ["Nom et Prénom du directeur d’établissement : Dr Jean SANTINI"], ("etablissements", 0, "directeur"), {"titre": "Dr", "nom": "Santini", "prenom": "Jean"}, None),
    (
        "directeur-ordre-de-la-fiche",
        "directeur",
        ["Nom et Prénom du directeur d’établissement : Orsoni Marie-Laure"],
        ("etablissements", 0, "directeur"),
        {"nom": "Orsoni", "prenom": "Marie-Laure"},
        "vérifiez l'ordre",
    ),
    (
        "directeur-ligne-suivante",
        "directeur",
        ["Nom et Prénom du directeur d’établissement :", "ORSONI Marie-Laure"],
        ("etablissements", 0, "directeur"),
        {"nom": "Orsoni", "prenom": "Marie-Laure"},
        None,
    ),
    ("axe-croix-de-la-fiche", "axe", ["Votre structure souhaite candidater :", "☒Sur l’axe 1\t\t ☐Sur l’axe 2"], ("axe",), "axe-1", None),
    ("axe-deuxieme", "axe", ["Votre structure souhaite candidater :", "☐Sur l’axe 1\t\t ☒Sur l’axe 2"], ("axe",), "axe-2", None),
    ("axe-case-cochee-coche", "axe", ["Votre structure souhaite candidater :", "☐Sur l’axe 1\t\t ☑Sur l’axe 2"], ("axe",), "axe-2", None),
    ("axe-coche-simple", "axe", ["Votre structure souhaite candidater :", "✓Sur l’axe 1\t\t ☐Sur l’axe 2"], ("axe",), "axe-1", None),
    ("axe-coche-grasse", "axe", ["Votre structure souhaite candidater :", "☐Sur l’axe 1\t\t ✔ Sur l’axe 2"], ("axe",), "axe-2", None),
    ("axe-x-majuscule-a-la-place", "axe", ["Votre structure souhaite candidater :", "X Sur l’axe 1\t\t ☐Sur l’axe 2"], ("axe",), "axe-1", None),
    ("axe-x-minuscule-a-la-place", "axe", ["Votre structure souhaite candidater :", "☐Sur l’axe 1\t\t x Sur l’axe 2"], ("axe",), "axe-2", None),
    ("axe-x-dans-la-case", "axe", ["Votre structure souhaite candidater :", "☐ X Sur l’axe 1\t\t ☐Sur l’axe 2"], ("axe",), "axe-1", None),
    ("axe-crochets", "axe", ["Votre structure souhaite candidater :", "[ ] Sur l’axe 1\t\t [x] Sur l’axe 2"], ("axe",), "axe-2", None),
    ("axe-meme-ligne", "axe", ["Votre structure souhaite candidater : ☐Sur l’axe 1\t\t ☒Sur l’axe 2"], ("axe",), "axe-2", None),
    ("axe-une-case-par-ligne", "axe", ["Votre structure souhaite candidater :", "☐Sur l’axe 1", "☒Sur l’axe 2"], ("axe",), "axe-2", None),
    ("axe-cases-supprimees", "axe", ["Votre structure souhaite candidater :", "Sur l’axe 2"], ("axe",), "axe-2", None),
    ("axe-ecrit-sur-la-ligne", "axe", ["Votre structure souhaite candidater : axe 2"], ("axe",), "axe-2", None),
    ("axe-ecrit-sous-les-cases", "axe", ["Votre structure souhaite candidater :", "☐Sur l’axe 1\t\t ☐Sur l’axe 2", "Axe 1"], ("axe",), "axe-1", None),
    ("axe-mention-rayee", "axe", ["Votre structure souhaite candidater :", Struck(("Sur l’axe 1 ", False), ("Sur l’axe 2", True))], ("axe",), "axe-1", None),
    ("motivations-ligne-suivante", "motivations", BASE["motivations"], ("motivations",), "Nous déployons un DUI en 2024.", None),
    (
        "motivations-plusieurs-paragraphes",
        "motivations",
        ["Pour quelles raisons souhaitez-vous participer au projet ACIA ?", "Nous déployons un DUI en 2024.", "Les équipes de nuit veulent y être associées."],
        ("motivations",),
        "Nous déployons un DUI en 2024.\nLes équipes de nuit veulent y être associées.",
        None,
    ),
    (
        "motivations-meme-ligne-puis-suite",
        "motivations",
        ["Pour quelles raisons souhaitez-vous participer au projet ACIA ? Nous déployons un DUI en 2024.", "Les équipes de nuit veulent y être associées."],
        ("motivations",),
        "Nous déployons un DUI en 2024.\nLes équipes de nuit veulent y être associées.",
        None,
    ),
    (
        "motivations-tableau",
        "motivations",
        the_table(["Pour quelles raisons souhaitez-vous participer au projet ACIA ?", "Nous déployons un DUI en 2024.\nLes équipes de nuit veulent y être associées."]),
        ("motivations",),
        "Nous déployons un DUI en 2024.\nLes équipes de nuit veulent y être associées.",
        None,
    ),
    ("outils-oui-coche", "dispose_outils", ["Votre structure bénéficie-t-elle d’outils numériques ?\t ☒Oui \t\t☐Non"], ("numerique", "dispose_outils"), True, None),
    ("outils-non-coche", "dispose_outils", ["Votre structure bénéficie-t-elle d’outils numériques ?\t ☐Oui \t\t☒Non"], ("numerique", "dispose_outils"), False, None),
    ("outils-oui-ecrit", "dispose_outils", ["Votre structure bénéficie-t-elle d’outils numériques ? Oui"], ("numerique", "dispose_outils"), True, None),
    ("outils-oui-ecrit-sans-point", "dispose_outils", ["Votre structure bénéficie-t-elle d’outils numériques Oui"], ("numerique", "dispose_outils"), True, None),
    ("outils-oui-apres-les-cases", "dispose_outils", ["Votre structure bénéficie-t-elle d’outils numériques ?\t ☐Oui \t\t☐Non   OUI"], ("numerique", "dispose_outils"), True, None),
    ("outils-oui-sous-les-cases", "dispose_outils", ["Votre structure bénéficie-t-elle d’outils numériques ?\t ☐Oui \t\t☐Non", "Oui"], ("numerique", "dispose_outils"), True, None),
    ("outils-x-a-la-place", "dispose_outils", ["Votre structure bénéficie-t-elle d’outils numériques ?\t X Oui \t\t☐Non"], ("numerique", "dispose_outils"), True, None),
    ("outils-crochets", "dispose_outils", ["Votre structure bénéficie-t-elle d’outils numériques ?\t [X] Oui \t\t[ ] Non"], ("numerique", "dispose_outils"), True, None),
    ("outils-case-apres-le-mot", "dispose_outils", ["Votre structure bénéficie-t-elle d’outils numériques ?\t Oui ☒ \t\tNon ☐"], ("numerique", "dispose_outils"), True, None),
    ("outils-ligne-suivante", "dispose_outils", ["Votre structure bénéficie-t-elle d’outils numériques ?", "☒Oui \t\t☐Non"], ("numerique", "dispose_outils"), True, None),
    (
        "historique-sans-deux-points",
        "historique",
        ["Décrivez brièvement l’historique du numérique dans votre structure Premier logiciel de soins en 2015."],
        ("numerique", "historique"),
        "Premier logiciel de soins en 2015.",
        None,
    ),
    (
        "historique-deux-points",
        "historique",
        ["Décrivez brièvement l’historique du numérique dans votre structure : Premier logiciel de soins en 2015."],
        ("numerique", "historique"),
        "Premier logiciel de soins en 2015.",
        None,
    ),
    (
        "historique-avec-deux-points-dans-la-reponse",
        "historique",
        ["Décrivez brièvement l’historique du numérique dans votre structure En 2015 : premier logiciel de soins ; en 2021 : MSS."],
        ("numerique", "historique"),
        "En 2015 : premier logiciel de soins ; en 2021 : MSS.",
        None,
    ),
    (
        "historique-plusieurs-lignes",
        "historique",
        ["Décrivez brièvement l’historique du numérique dans votre structure", "2015 : premier logiciel de soins.", "2021 : messagerie sécurisée."],
        ("numerique", "historique"),
        "2015 : premier logiciel de soins.\n2021 : messagerie sécurisée.",
        None,
    ),
    ("esms-non-coche", "esms_numerique", ["Avez-vous déjà participé au programme ESMS Numérique ?\t ☐Oui \t\t☒Non"], ("numerique", "esms_numerique"), False, None),
    ("esms-oui-coche", "esms_numerique", ["Avez-vous déjà participé au programme ESMS Numérique ?\t ☒Oui \t\t☐Non"], ("numerique", "esms_numerique"), True, None),
    ("esms-non-ecrit", "esms_numerique", ["Avez-vous déjà participé au programme ESMS Numérique ? Non"], ("numerique", "esms_numerique"), False, None),
    ("esms-non-explique", "esms_numerique", ["Avez-vous déjà participé au programme ESMS Numérique ? Non, pas encore."], ("numerique", "esms_numerique"), False, None),
    ("esms-x-sur-non", "esms_numerique", ["Avez-vous déjà participé au programme ESMS Numérique ?\t ☐Oui \t\tX Non"], ("numerique", "esms_numerique"), False, None),
    ("esms-non-sous-les-cases", "esms_numerique", ["Avez-vous déjà participé au programme ESMS Numérique ?\t ☐Oui \t\t☐Non", "Non"], ("numerique", "esms_numerique"), False, None),
    ("esms-coche-grasse", "esms_numerique", ["Avez-vous déjà participé au programme ESMS Numérique ?\t ✔Oui \t\t☐Non"], ("numerique", "esms_numerique"), True, None),
    ("sons-oui-coche", "sons", ["Avez-vous déjà bénéficié du SONS ?\t ☒Oui \t\t☐Non"], ("numerique", "sons"), True, None),
    ("sons-oui-ecrit-avec-annee", "sons", ["Avez-vous déjà bénéficié du SONS ? oui (2022)"], ("numerique", "sons"), True, None),
    ("sons-non-minuscule", "sons", ["Avez-vous déjà bénéficié du SONS ?\t ☐Oui \t\t☐Non non"], ("numerique", "sons"), False, None),
    ("sons-x-minuscule", "sons", ["Avez-vous déjà bénéficié du SONS ?\t x Oui \t\t☐Non"], ("numerique", "sons"), True, None),
]


@pytest.mark.parametrize(("case", "slot", "lines", "path", "expected", "note"), FIELD_CASES, ids=[case[0] for case in FIELD_CASES])
def test_each_field_filled_as_people_do(tmp_path, case, slot, lines, path, expected, note):
    reading = read(tmp_path, {slot: lines})
    assert value_at(reading.application, path) == expected, reading.doubtful
    title = next(item.title for section in annexe.sections(SchemaSet(), PROGRAMME) for item in [*section.fields, *(section.table.columns if section.table else ())] if item.path[-1] == path[-1])
    about = [line for line in reading.doubtful if line.startswith(title)]
    assert about if note is not None else not about, reading.doubtful
    assert note is None or any(note in line for line in about), reading.doubtful


# --- the digital tools and their precisions ---

OUTILS_CASES = [
    ("mss-precision-sans-deux-points", ["☒DUI \t☐DMP\t☒MSS (précisez la solution) Mailiz \t ☐e-parcours"], ["dui", "mss"], {"mss_solution": "Mailiz"}, None),
    ("mss-precision-deux-points", ["☒DUI \t☐DMP\t☒MSS (précisez la solution) : Mailiz \t ☐e-parcours"], ["dui", "mss"], {"mss_solution": "Mailiz"}, None),
    ("mss-precision-deux-points-colles", ["☒DUI \t☐DMP\t☒MSS (précisez la solution): Mailiz\t☐e-parcours"], ["dui", "mss"], {"mss_solution": "Mailiz"}, None),
    ("mss-precision-tabulation", ["☒DUI \t☐DMP\t☒MSS (précisez la solution)\tMailiz\t\t☐e-parcours"], ["dui", "mss"], {"mss_solution": "Mailiz"}, None),
    ("mss-precision-dans-la-parenthese", ["☒DUI \t☐DMP\t☒MSS (précisez la solution : Mailiz) \t ☐e-parcours"], ["dui", "mss"], {"mss_solution": "Mailiz"}, None),
    ("mss-consigne-remplacee", ["☒DUI \t☐DMP\t☒MSS (Mailiz) \t ☐e-parcours"], ["dui", "mss"], {"mss_solution": "Mailiz"}, None),
    ("mss-consigne-supprimee", ["☒DUI \t☐DMP\t☒MSS : Mailiz \t ☐e-parcours"], ["dui", "mss"], {"mss_solution": "Mailiz"}, None),
    (
        "mss-solution-en-plusieurs-mots",
        ["☒DUI \t☐DMP\t☒MSS (précisez la solution) Mailiz et MSSanté hospitalière \t ☐e-parcours"],
        ["dui", "mss"],
        {"mss_solution": "Mailiz et MSSanté hospitalière"},
        None,
    ),
    ("x-a-la-place-des-cases", ["X DUI \t☐DMP\tX MSS (précisez la solution) Mailiz \t ☐e-parcours"], ["dui", "mss"], {"mss_solution": "Mailiz"}, None),
    ("cases-cochees-coche", ["☑DUI \t☐DMP\t☑MSS (précisez la solution) Mailiz \t ☐e-parcours"], ["dui", "mss"], {"mss_solution": "Mailiz"}, None),
    ("coches", ["✓DUI \t☐DMP\t✔ MSS (précisez la solution) Mailiz \t ☐e-parcours"], ["dui", "mss"], {"mss_solution": "Mailiz"}, None),
    ("crochets", ["[x] DUI \t[ ] DMP\t[X] MSS (précisez la solution) Mailiz \t [ ] e-parcours"], ["dui", "mss"], {"mss_solution": "Mailiz"}, None),
    ("precision-sans-case-cochee", ["☒DUI \t☐DMP\t☐MSS (précisez la solution) Mailiz \t ☐e-parcours"], ["dui", "mss"], {"mss_solution": "Mailiz"}, "bien que sa case ne soit pas cochée"),
]
OTHERS = "☐télémédecine \t☐Via Trajectoire\t"
OUTILS_CASES += [
    ("autres-deux-points", [f"{OTHERS}☒Autres (précisez) : logiciel RH Octime"], ["autres"], {"autres_outils": "logiciel RH Octime"}, None),
    ("autres-sans-deux-points", [f"{OTHERS}☒Autres (précisez) logiciel RH Octime"], ["autres"], {"autres_outils": "logiciel RH Octime"}, None),
    ("autres-tabulation", [f"{OTHERS}☒Autres (précisez)\tlogiciel RH Octime"], ["autres"], {"autres_outils": "logiciel RH Octime"}, None),
    ("autres-ligne-suivante", [f"{OTHERS}☒Autres (précisez)", "logiciel RH Octime"], ["autres"], {"autres_outils": "logiciel RH Octime"}, None),
    ("autres-liste", [f"{OTHERS}☒Autres (précisez) : Octime, Teams"], ["autres"], {"autres_outils": "Octime, Teams"}, None),
    ("autres-et-telemedecine-x", ["X télémédecine \t☐Via Trajectoire\tX Autres (précisez) Octime"], ["telemedecine", "autres"], {"autres_outils": "Octime"}, None),
]


@pytest.mark.parametrize(("case", "lines", "expected", "precisions", "note"), OUTILS_CASES, ids=[case[0] for case in OUTILS_CASES])
def test_digital_tools_and_their_precisions(tmp_path, case, lines, expected, precisions, note):
    first = lines if "DUI" in lines[0] else ["☐DUI \t☐DMP\t☐MSS (précisez la solution) \t ☐e-parcours"]
    second = lines[len(first) :] if "DUI" in lines[0] else lines
    if not second:
        second = ["☐télémédecine \t☐Via Trajectoire\t☐Autres (précisez) \t"]
    reading = read(tmp_path, {"outils": ["Si oui, lesquels ?", *first, *second]})
    digital = reading.application["numerique"]
    assert digital["outils"] == expected, reading.doubtful
    assert {key: digital[key] for key in ("mss_solution", "autres_outils") if key in digital} == precisions
    if note is None:
        assert not [line for line in reading.doubtful if "Outils" in line], reading.doubtful
    else:
        assert any(note in line for line in reading.doubtful), reading.doubtful


TYPED_TOOLS = [
    ("liste-sur-la-ligne", ["Si oui, lesquels ? DUI, MSS (Mailiz), télémédecine"], ["dui", "mss", "telemedecine"], {"mss_solution": "Mailiz"}),
    ("liste-ligne-suivante", ["Si oui, lesquels ?", "DUI – MSS : Mailiz – Via Trajectoire"], ["dui", "mss", "via_trajectoire"], {"mss_solution": "Mailiz"}),
    ("une-ligne-par-outil", ["Si oui, lesquels ?", "DUI", "MSS Mailiz", "e-parcours"], ["dui", "mss", "e_parcours"], {"mss_solution": "Mailiz"}),
    ("autres-ecrit", ["Si oui, lesquels ?", "DMP ; autres : Octime"], ["dmp", "autres"], {"autres_outils": "Octime"}),
]


@pytest.mark.parametrize(("case", "lines", "expected", "precisions"), TYPED_TOOLS, ids=[case[0] for case in TYPED_TOOLS])
def test_digital_tools_written_instead_of_ticked(tmp_path, case, lines, expected, precisions):
    reading = read(tmp_path, {"outils": lines})
    digital = reading.application["numerique"]
    assert digital["outils"] == expected, reading.doubtful
    assert {key: digital[key] for key in ("mss_solution", "autres_outils") if key in digital} == precisions


# --- one question, three answers: « DSI, DPO et/ou référent qualité ? » ---

DSI_CASES = [
    ("deux-cites", ["DPO et référent qualité"], (False, True, True), "DSI : « non » déduit"),
    ("meme-ligne", ["Votre structure a-t-elle un DSI,DPO et/ou référent qualité ? DPO et référent qualité"], (False, True, True), "DSI : « non » déduit"),
    ("oui-et-lequel", ["Oui, un DPO mutualisé avec l’association"], (False, True, False), "Référent qualité : « non » déduit"),
    ("non", ["Non"], (False, False, False), None),
    ("aucun", ["Aucun"], (False, False, False), None),
    ("un-par-un", ["DSI : non, DPO : oui, référent qualité : oui"], (False, True, True), None),
    ("negation", ["Pas de DSI ; un DPO et un référent qualité"], (False, True, True), None),
    ("mais-pas", ["DSI et DPO mais pas de référent qualité"], (True, True, False), None),
    ("les-trois", ["Oui, les trois"], (True, True, True), None),
    ("cases", ["☐DSI ☒DPO ☒référent qualité"], (False, True, True), None),
    ("oui-seul", ["Oui"], (None, None, None), "ne dit pas lequel"),
]


@pytest.mark.parametrize(("case", "lines", "expected", "note"), DSI_CASES, ids=[case[0] for case in DSI_CASES])
def test_one_question_for_three_answers(tmp_path, case, lines, expected, note):
    question = [] if lines[0].startswith("Votre") else ["Votre structure a-t-elle un DSI,DPO et/ou référent qualité ?"]
    reading = read(tmp_path, {"dsi": question + lines})
    digital = reading.application["numerique"]
    assert (digital.get("dsi"), digital.get("dpo"), digital.get("referent_qualite")) == expected
    if note is None:
        assert not [line for line in reading.doubtful if line.startswith(("DSI", "DPO", "Référent"))], reading.doubtful
    else:
        assert any(note in line for line in reading.doubtful), reading.doubtful


# --- the project team table ---

LECA = {
    "nom": "Leca",
    "prenom": "Paul",
    "fonction": "Aide-soignant, élu au CSE",
    "role": "representant_personnel",
    "mission": "Représentant du personnel",
    "email": "p.leca@oliviers.example.fr",
    "telephone": "06 12 34 56 78",
}


def test_team_table_of_the_call(tmp_path):
    reading = read(tmp_path, {})
    members = team(reading.application)
    assert members == [
        {
            "nom": "Orsoni",
            "prenom": "Marie-Laure",
            "fonction": "Directrice",
            "role": "direction",
            "mission": "Direction, pilote du projet",
            "email": "ml.orsoni@oliviers.example.fr",
            "telephone": "04 95 10 20 30",
            "pilote": True,
        },
        LECA,
    ]
    assert any("pilote de projet déduit du mot « pilote »" in line for line in reading.doubtful)


NAME_CASES = [
    ("civilite-prenom-nom", "Mme Marie Dupont", {"nom": "Dupont", "prenom": "Marie"}, "vérifiez l'ordre"),
    ("nom-en-capitales", "DUPONT Marie", {"nom": "Dupont", "prenom": "Marie"}, None),
    ("prenom-puis-capitales", "Marie DUPONT", {"nom": "Dupont", "prenom": "Marie"}, None),
    ("virgule", "Dupont, Marie", {"nom": "Dupont", "prenom": "Marie"}, None),
    ("ordre-de-la-fiche", "Dupont Marie", {"nom": "Dupont", "prenom": "Marie"}, "vérifiez l'ordre"),
    ("nom-compose", "DUPONT-SANTONI Marie-Claire", {"nom": "Dupont-Santoni", "prenom": "Marie-Claire"}, None),
    ("monsieur-capitales", "M. Jean-Paul CASANOVA", {"nom": "Casanova", "prenom": "Jean-Paul"}, None),
    ("pilote-entre-parentheses", "DUPONT Marie (pilote)", {"nom": "Dupont", "prenom": "Marie"}, None),
]


@pytest.mark.parametrize(("case", "cell", "expected", "note"), NAME_CASES, ids=[case[0] for case in NAME_CASES])
def test_name_and_first_name_in_one_cell(tmp_path, case, cell, expected, note):
    rows = [HEADER, [cell, "Infirmière coordinatrice", "Manager d’équipe", "m.dupont@oliviers.example.fr"]]
    reading = read(tmp_path, {"equipe": ["Equipe projet :", Table(rows)]})
    member = team(reading.application)[0]
    assert {key: member[key] for key in ("nom", "prenom")} == expected
    assert member["role"] == "manager"
    notes = [line for line in reading.doubtful if "ligne 1" in line and "rôle" not in line and "pilote" not in line]
    assert (note is None and not notes) or (note is not None and any(note in line for line in notes)), reading.doubtful
    assert member.get("pilote") is (True if "pilote" in cell else None)


CONTACT_CASES = [
    ("mail-slash-telephone", "m.dupont@oliviers.example.fr / 04 95 10 20 30", "m.dupont@oliviers.example.fr", "04 95 10 20 30"),
    ("telephone-points-puis-mail", "Tél. 04.95.10.20.30 – m.dupont@oliviers.example.fr", "m.dupont@oliviers.example.fr", "04.95.10.20.30"),
    ("deux-lignes", "m.dupont@oliviers.example.fr\n06 12 34 56 78", "m.dupont@oliviers.example.fr", "06 12 34 56 78"),
    ("indicatif", "+33 6 12 34 56 78 m.dupont@oliviers.example.fr", "m.dupont@oliviers.example.fr", "+33 6 12 34 56 78"),
    ("chiffres-colles", "Mail : m.dupont@oliviers.example.fr Tél : 0612345678", "m.dupont@oliviers.example.fr", "0612345678"),
    ("mail-seul", "m.dupont@oliviers.example.fr", "m.dupont@oliviers.example.fr", None),
]


@pytest.mark.parametrize(("case", "cell", "email", "phone"), CONTACT_CASES, ids=[case[0] for case in CONTACT_CASES])
def test_email_and_phone_in_one_cell(tmp_path, case, cell, email, phone):
    rows = [HEADER, ["DUPONT Marie", "IDEC", "Manager d’équipe", cell]]
    reading = read(tmp_path, {"equipe": ["Equipe projet :", Table(rows)]})
    member = team(reading.application)[0]
    assert (member.get("email"), member.get("telephone")) == (email, phone)


PILOT_CASES = [
    ("role-et-pilote", "Direction, pilote du projet", "direction", True),
    ("pilote-d-abord", "Pilote – directrice adjointe", "direction", True),
    ("pilote-majuscules", "PILOTE ; représentante du personnel", "representant_personnel", True),
    ("copilote", "Co-pilote, représentant du personnel", "representant_personnel", None),
    ("sans-pilote", "Salariée volontaire, groupe de travail nuit", "salarie_volontaire", None),
    ("numerique", "Référent numérique du site", "referent_numerique", None),
]


@pytest.mark.parametrize(("case", "cell", "role", "pilot"), PILOT_CASES, ids=[case[0] for case in PILOT_CASES])
def test_role_and_pilot_from_the_role_cell(tmp_path, case, cell, role, pilot):
    rows = [HEADER, ["DUPONT Marie", "Aide-soignante", cell, "m.dupont@oliviers.example.fr"]]
    reading = read(tmp_path, {"equipe": ["Equipe projet :", Table(rows)]})
    member = team(reading.application)[0]
    assert (member["role"], member.get("pilote"), member["mission"]) == (role, pilot, cell)


def _members(reading):
    return [(member.get("nom"), member.get("fonction"), member.get("email"), member.get("telephone")) for member in team(reading.application)]


TABLE_CASES = [
    (
        "coordonnees-fusionnees-en-tete",
        Table(
            [
                ["Nom et Prénom", "Fonction au sein de la structure", "Rôle et mission dans le projet", "Coordonnées", ""],
                ["ORSONI Marie-Laure", "Directrice", "Direction, pilote du projet", "ml.orsoni@oliviers.example.fr", "04 95 10 20 30"],
                ["LECA Paul", "Aide-soignant", "Représentant du personnel", "p.leca@oliviers.example.fr", "06 12 34 56 78"],
            ],
            merges=[((0, 3), (0, 4))],
        ),
        [("Orsoni", "Directrice", "ml.orsoni@oliviers.example.fr", "04 95 10 20 30"), ("Leca", "Aide-soignant", "p.leca@oliviers.example.fr", "06 12 34 56 78")],
    ),
    (
        "fonction-fusionnee-sur-deux-lignes",
        Table(
            [
                HEADER,
                ["LECA Paul", "Aide-soignant", "Représentant du personnel", "p.leca@oliviers.example.fr"],
                ["SANTONI Julie", "", "Salariée volontaire", "j.santoni@oliviers.example.fr"],
            ],
            merges=[((1, 1), (2, 1))],
        ),
        [("Leca", "Aide-soignant", "p.leca@oliviers.example.fr", None), ("Santoni", "Aide-soignant", "j.santoni@oliviers.example.fr", None)],
    ),
    (
        "cellule-manquante",
        Table(
            [HEADER, ["LECA Paul", "Aide-soignant", "Représentant du personnel", "p.leca@oliviers.example.fr"], ["SANTONI Julie", "Infirmière", "Salariée volontaire", "x"]],
            drop_last_cell=[2],
        ),
        [("Leca", "Aide-soignant", "p.leca@oliviers.example.fr", None), ("Santoni", "Infirmière", None, None)],
    ),
    (
        "lignes-vides-en-trop",
        Table([HEADER, ["", "", "", ""], ["LECA Paul", "Aide-soignant", "Représentant du personnel", "p.leca@oliviers.example.fr"], ["", "", "", ""], ["", "", "", ""], ["", "", "", ""]]),
        [("Leca", "Aide-soignant", "p.leca@oliviers.example.fr", None)],
    ),
    (
        "en-tete-repete",
        Table(
            [
                HEADER,
                ["LECA Paul", "Aide-soignant", "Représentant du personnel", "p.leca@oliviers.example.fr"],
                HEADER,
                ["SANTONI Julie", "Infirmière", "Salariée volontaire", "j.santoni@oliviers.example.fr"],
            ]
        ),
        [("Leca", "Aide-soignant", "p.leca@oliviers.example.fr", None), ("Santoni", "Infirmière", "j.santoni@oliviers.example.fr", None)],
    ),
    (
        "en-tetes-abreges",
        Table(
            [["Nom Prénom", "Fonction", "Rôle et mission", "Coordonnées (mail, téléphone)"], ["LECA Paul", "Aide-soignant", "Représentant du personnel", "p.leca@oliviers.example.fr 06 12 34 56 78"]]
        ),
        [("Leca", "Aide-soignant", "p.leca@oliviers.example.fr", "06 12 34 56 78")],
    ),
    (
        "colonnes-separees",
        Table(
            [
                ["Nom", "Prénom", "Fonction", "Rôle", "Mission", "E-mail", "Téléphone"],
                ["LECA", "Paul", "Aide-soignant", "Représentant du personnel", "Porte la parole des équipes", "p.leca@oliviers.example.fr", "06 12 34 56 78"],
            ]
        ),
        [("LECA", "Aide-soignant", "p.leca@oliviers.example.fr", "06 12 34 56 78")],
    ),
]


@pytest.mark.parametrize(("case", "table", "expected"), TABLE_CASES, ids=[case[0] for case in TABLE_CASES])
def test_team_table_reshaped_by_the_applicant(tmp_path, case, table, expected):
    reading = read(tmp_path, {"equipe": ["Equipe projet :", table]})
    assert _members(reading) == expected, reading.doubtful


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_merged_cells_read_alike_in_word_and_libreoffice(tmp_path, suffix):
    table = TABLE_CASES[0][1]
    reading = read(tmp_path, {"equipe": ["Equipe projet :", table]}, name=f"fiche{suffix}")
    assert _members(reading) == TABLE_CASES[0][2]


def test_whole_fiche_in_a_two_column_table(tmp_path):
    """Some applicants rebuild the fiche as a « question | answer » table."""
    rows = [
        ["Raison social de la structure", "EHPAD Les Oliviers"],
        ["Secteur d’activité", "Personnes âgées"],
        ["Nombre de personnes accompagnées/capacité d’accueil", "45 places"],
        ["Numéro SIRET", "423 674 597 00145"],
        ["Votre structure souhaite candidater", "☐Sur l’axe 1 ☒Sur l’axe 2"],
        ["Votre structure bénéficie-t-elle d’outils numériques ?", "Oui"],
        ["Si oui, lesquels ?", "☒DUI ☐DMP ☒MSS (précisez la solution) : Mailiz"],
    ]
    changes = {slot: [] for slot in ("raison_sociale", "secteur", "capacite", "siret", "axe", "dispose_outils", "outils")}
    changes["titre"] = [*BASE["titre"], Table(rows)]
    data = read(tmp_path, changes).application
    etablissement = data["etablissements"][0]
    assert (etablissement["raison_sociale"], etablissement["secteur"], etablissement["capacite"], etablissement["siret"]) == ("EHPAD Les Oliviers", "PA", 45, "42367459700145")
    assert (data["axe"], data["numerique"]["dispose_outils"], data["numerique"]["outils"], data["numerique"]["mss_solution"]) == ("axe-2", True, ["dui", "mss"], "Mailiz")


def test_etablissement_as_a_row_under_its_labels(tmp_path):
    """The établissement rebuilt as a table: the labels across the first row, the answers under them."""
    rows = [
        ["Raison social de la structure", "Catégorie d’établissement", "Secteur d’activité", "Nombre de personnes accompagnées/capacité d’accueil", "Numéro SIRET"],
        ["EHPAD Les Oliviers", "EHPAD", "PA", "64 places", "423 674 597 00145"],
    ]
    changes = {slot: [] for slot in ("raison_sociale", "categorie", "secteur", "capacite", "siret")}
    changes["titre"] = [*BASE["titre"], Table(rows)]
    etablissement = read(tmp_path, changes).application["etablissements"][0]
    assert {key: etablissement[key] for key in ("raison_sociale", "categorie", "secteur", "capacite", "siret")} == {
        "raison_sociale": "EHPAD Les Oliviers",
        "categorie": "EHPAD",
        "secteur": "PA",
        "capacite": 64,
        "siret": "42367459700145",
    }


# --- what cannot be read reliably stops the import ---

AMBIGUOUS = [
    ("deux-axes", {"axe": ["Votre structure souhaite candidater :", "☒Sur l’axe 1\t\t ☒Sur l’axe 2"]}, "deux axes sont cochés"),
    ("deux-axes-ecrits", {"axe": ["Votre structure souhaite candidater :", "X Sur l’axe 1\t\t X Sur l’axe 2"]}, "deux axes sont cochés"),
    ("croix-entre-deux-axes", {"axe": ["Votre structure souhaite candidater :", "Sur l’axe 1 X Sur l’axe 2"]}, "la réponse à « Axe choisi » est ambiguë"),
    (
        "plusieurs-etablissements",
        {"raison_sociale": [Heading("Établissement 1"), f"{LABEL} : EHPAD Les Oliviers", Heading("Établissement 2"), f"{LABEL} : EHPAD Les Pins"]},
        "la fiche décrit plusieurs établissements (« Établissement 2 ») alors que le programme demande une fiche par établissement",
    ),
    ("oui-et-non", {"sons": ["Avez-vous déjà bénéficié du SONS ?\t ☒Oui \t\t☒Non"]}, "plusieurs réponses sont données pour « SONS »"),
    (
        "autres-sans-precision",
        {"outils": ["Si oui, lesquels ?", "☒DUI", "☐télémédecine \t☐Via Trajectoire\t☒Autres (précisez)"]},
        "« autres (précisez) » est coché dans « Outils utilisés » sans la précision demandée",
    ),
]


@pytest.mark.parametrize(("case", "changes", "message"), AMBIGUOUS, ids=[case[0] for case in AMBIGUOUS])
def test_ambiguous_answers_stop_the_import(tmp_path, case, changes, message):
    with pytest.raises(importer.FormError) as error:
        read(tmp_path, changes)
    assert any(message in problem for problem in error.value.problems), error.value.problems


# --- files that are not a fiche ---


def _encrypted_zip(path: Path) -> Path:
    """A .docx whose zip entries say they are encrypted (« Enregistrer avec mot de passe » of some tools)."""
    build(path, {})
    content = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := content.find(signature, start)) >= 0:
            content[start + offset] |= 0x1
            start += 4
    path.write_bytes(bytes(content))
    return path


def _encrypted_odt(path: Path) -> Path:
    """An .odt saved by LibreOffice with a password: its manifest declares the encryption."""
    build(path, {})
    source = zipfile.ZipFile(path)
    entries = {name: source.read(name) for name in source.namelist()}
    source.close()
    entries["META-INF/manifest.xml"] = entries["META-INF/manifest.xml"].replace(
        b'manifest:full-path="content.xml" />', b'manifest:full-path="content.xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry>', 1
    )
    assert b"encryption-data" in entries["META-INF/manifest.xml"]
    with zipfile.ZipFile(path, "w") as target:
        for name, content in entries.items():
            target.writestr(name, content)
    return path


def _written(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


BAD_FILES = [
    ("word-protege", lambda path: _written(path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600), "fiche.docx", "protégé par un mot de passe"),
    ("zip-chiffre", _encrypted_zip, "fiche.docx", "protégé par un mot de passe"),
    ("odt-chiffre", _encrypted_odt, "fiche.odt", "protégé par un mot de passe"),
    ("vide", lambda path: _written(path, b""), "fiche.docx", "est vide"),
    ("pas-une-fiche", lambda path: importer_doc(path, ["Compte rendu de la réunion du 12 juin.", "Présents : l’équipe de direction."]), "fiche.docx", "ce document n'est pas une fiche projet"),
    (
        "tableau-vide",
        lambda path: importer_doc(path, ["Raison social de la structure : EHPAD Les Oliviers"], empty_table=True),
        "fiche.docx",
        "la partie « Équipe projet de l'établissement » est introuvable",
    ),
]


def importer_doc(path: Path, paragraphs: list[str], empty_table: bool = False) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if empty_table:
        document.add_table(rows=0, cols=4)
        document.add_table(rows=3, cols=4)
    document.save(str(path))
    return path


@pytest.mark.parametrize(("case", "make", "name", "message"), BAD_FILES, ids=[case[0] for case in BAD_FILES])
def test_bad_files_give_a_french_error_naming_them(tmp_path, case, make, name, message):
    path = make(tmp_path / name)
    with pytest.raises(importer.FormError) as error:
        importer.read(path, SchemaSet(), PROGRAMME)
    text = "\n".join(error.value.problems)
    assert message in text
    if case in ("word-protege", "zip-chiffre", "odt-chiffre", "vide"):
        assert f"« {name} »" in text


# --- whatever the document holds, the reading ends in a value or a French FormError ---

FRAGMENTS = st.sampled_from(
    [line for lines in BASE.values() for line in lines if isinstance(line, str)]
    + [
        "☒",
        "☐",
        "X",
        "x",
        "[x]",
        "[ ]",
        "( )",
        "(x)",
        "Oui",
        "Non",
        "Sur l’axe 3",
        "(précisez",
        ")",
        ":",
        "?",
        "Autres (précisez) :",
        "Établissement 1",
        "Membre de l'équipe projet 2",
        "",
        " ",
        "\t",
        "…………",
        "é",
        "45 places",
        "1 200",
        "2A 000",
        "Mme",
        "DUPONT",
    ]
)
LINES = st.lists(FRAGMENTS, min_size=1, max_size=4).map(" ".join)
CELLS = st.lists(st.lists(st.one_of(LINES, st.sampled_from(HEADER)), min_size=0, max_size=5), min_size=0, max_size=4)
BLOCKS = st.lists(
    st.one_of(
        LINES.map(lambda text: Block("paragraphe", text.strip())),
        LINES.map(lambda text: Block("titre", text.strip())),
        CELLS.map(lambda rows: Block("tableau", rows=rows)),
    ),
    max_size=30,
)


@settings(max_examples=150, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(BLOCKS)
def test_any_document_is_read_or_refused_in_french(blocks):
    form = annexe.sections(SchemaSet(), PROGRAMME)
    try:
        result = importer.reading(blocks, form, PROGRAMME)
    except importer.FormError as error:
        assert error.problems and all(isinstance(problem, str) and problem for problem in error.problems)
        return
    assert isinstance(result.application, dict) and result.recognised
