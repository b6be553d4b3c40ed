"""acia documents: letters read back from DOCX, ODT and PDF; escaping; reproducibility; errors."""

from __future__ import annotations

import re
import shutil
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import REPO, copy_shipped, pdf_text, run_cli
from pypdf import PdfReader
from pypdf.generic import ContentStream

from acia.check import parse_now
from acia.load import yamlsource

# Builds sites or documents, or runs other programs: left out of « tasks.py test --rapide ».
pytestmark = pytest.mark.acceptance

LISULA = "og-2b-association-lisula"


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "instance"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "schemas", root / "schemas")
    return root


def _text(path: Path) -> str:
    """The visible text of a DOCX, ODT or PDF file."""
    if path.suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)
    if path.suffix == ".odt":
        from odf import teletype, text
        from odf.opendocument import load

        return "\n".join(teletype.extractText(element) for element in load(str(path)).getElementsByType(text.P) + load(str(path)).getElementsByType(text.H))
    return pdf_text(path)


def _drawn_images(path: Path) -> list[tuple[int, int]]:
    """(width, height) of each image a PDF draws, once per drawing like ``pdfimages -list``: Typst stores a repeated image once."""
    reader = PdfReader(path)

    def drawn(content: ContentStream, resources) -> list[tuple[int, int]]:
        found = []
        for operands, operator in content.operations:
            xobject = resources["/XObject"][operands[0]].get_object() if operator == b"Do" else None
            if xobject is not None and xobject["/Subtype"] == "/Image":
                found.append((xobject["/Width"], xobject["/Height"]))
            elif xobject is not None and xobject["/Subtype"] == "/Form":
                found += drawn(ContentStream(xobject, reader), xobject.get("/Resources", resources))
        return found

    return [size for page in reader.pages if page.get_contents() is not None for size in drawn(page.get_contents(), page["/Resources"])]


def _run(root: Path, *extra: str):
    return run_cli("documents", "--root", str(root), "--maintenant", "2023-08-01", *extra)


@pytest.fixture(scope="module")
def lisula(tmp_path_factory):
    root = _copy(tmp_path_factory.mktemp("documents"))
    code, out, err = _run(root, "--only", LISULA)
    assert code == 0, err
    return root / "build" / "documents" / LISULA


@pytest.mark.parametrize("extension", ["docx", "odt", "pdf"])
def test_commitment_letter_names_parties_identifiers_and_dates(lisula, extension):
    text = " ".join(_text(lisula / f"lettre-engagement.{extension}").split())
    for expected in (
        "Agence régionale de santé de Corse",
        "Association régionale pour l'amélioration des conditions de travail de Corse",
        "Association Lisula (fictive)",
        "2B0007312",  # FINESS juridique
        "42367459700145",  # SIRET
        "2B0007494",
        "11 juillet 2023",
        "du 1er août 2023 au 30 novembre 2023",
        "Marie-Laure Paoli, Présidente",
    ):
        # (a name broken at its own hyphen at the end of a table line reads back as a soft hyphen)
        assert expected in text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'").replace("\u00ad", "-"), expected


def test_every_document_of_a_retained_structure_exists(lisula):
    assert sorted(path.name for path in lisula.iterdir()) == sorted(f"{name}.{ext}" for name in ("accuse-reception", "notification", "lettre-engagement") for ext in ("docx", "odt", "pdf"))


def test_acknowledgement_and_notification(lisula):
    acknowledgement = " ".join(_text(lisula / "accuse-reception.pdf").split())
    assert "19 juin 2023 à 14 h 05" in acknowledgement and "dans les délais" in acknowledgement
    notification = " ".join(_text(lisula / "notification.docx").split())
    assert "candidature retenue" in notification and "ARS" in notification


def test_french_typography(lisula):
    text = _text(lisula / "lettre-engagement.docx")
    assert "\u00a0:" in text and "«\u202f" in text and " :" not in text


def test_pdf_is_tagged_a4_with_data_dates(lisula):
    reader = PdfReader(lisula / "lettre-engagement.pdf")
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True and "/StructTreeRoot" in catalog  # what pdfinfo reports as "Tagged: yes"
    assert all((round(page.mediabox.width), round(page.mediabox.height)) == (595, 842) for page in reader.pages)  # A4, portrait
    assert reader.metadata.creation_date == reader.metadata.modification_date == datetime(2023, 7, 11, tzinfo=UTC)


def test_not_retained_structure_gets_no_commitment_letter(tmp_path):
    root = _copy(tmp_path)
    code, _, err = _run(root, "--only", "og-2a-ornano-enfance", "--format", "docx")
    assert code == 0, err
    assert sorted(path.name for path in (root / "build/documents/og-2a-ornano-enfance").iterdir()) == ["accuse-reception.docx", "notification.docx"]


def test_markdown_and_typst_in_data_stay_literal(tmp_path):
    root = _copy(tmp_path)
    probe = '**gras** # titre `code` <div> $x$ {=typst} #import "x"'
    path = root / "data/applications" / f"{LISULA}.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("raison_sociale: Association Lisula (fictive)", f"raison_sociale: '{probe}'"), encoding="utf-8")
    code, _, err = _run(root, "--only", LISULA)
    assert code == 0, err
    for extension in ("docx", "odt", "pdf"):
        text = " ".join(_text(root / "build/documents" / LISULA / f"lettre-engagement.{extension}").split())
        assert probe in text, extension


def test_outputs_are_byte_identical(tmp_path):
    root = _copy(tmp_path)
    _run(root, "--only", LISULA)
    folder = root / "build/documents" / LISULA
    first = {path.name: path.read_bytes() for path in folder.iterdir()}
    _run(root, "--only", LISULA)
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == first
    with zipfile.ZipFile(folder / "lettre-engagement.docx") as archive:
        # Entries written by pandoc carry the letter's date; those copied from the reference document keep theirs.
        assert {info.date_time[:3] for info in archive.infolist()} <= {(2023, 7, 11), (1980, 1, 1)}


def test_missing_signatory_is_a_french_error_and_writes_nothing(tmp_path):
    root = _copy(tmp_path)
    path = root / "data/applications" / f"{LISULA}.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  representant_legal:")
    end = text.index("etablissements:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    code, _, err = _run(root, "--only", LISULA)
    assert code == 1
    assert f"data/applications/{LISULA}.yml : champ « organisme_gestionnaire.representant_legal » manquant" in err
    assert not (root / "build" / "documents").exists()


def test_unknown_format_and_application(tmp_path):
    root = _copy(tmp_path)
    assert _run(root, "--format", "rtf")[0] == 2
    code, _, err = _run(root, "--only", "og-inconnu")
    assert code == 1 and "aucune candidature « og-inconnu »" in err


def test_blank_annexe_1_follows_the_schema(tmp_path):
    from acia.check import check_instance
    from acia.check.schema import SchemaSet
    from acia.letters import documents
    from acia.letters.documents import blank_form_sections
    from acia.model.programme import build_programme

    root = _copy(tmp_path)
    # The blank form alone (the whole run is covered by the other tests).
    blank = documents.blank_form(check_instance(root, now=parse_now("2023-08-01")).context, root)
    for output_format in ("docx", "pdf"):
        documents.convert(blank, output_format, root / f"build/documents/annexe-1-vierge.{output_format}")
    text = " ".join(_text(root / "build/documents/annexe-1-vierge.docx").split())
    programme = build_programme(yamlsource.parse((root / "data/programme.yml").read_text(encoding="utf-8")).data)
    sections = blank_form_sections(SchemaSet(), programme)
    titles = [field["titre"] for section in sections for block in section["blocs"] for field in block["champs"]]
    assert len(titles) > 40
    assert [title for title in titles if title.replace("'", "\u2019") not in text.replace("'", "\u2019")] == []
    assert "Date et heure de réception" not in text  # filled by the programme team, not the applicant
    assert "☐ Implémentation d’un nouvel outil" in text.replace("'", "\u2019")
    assert (root / "build/documents/annexe-1-vierge.pdf").exists()


def test_reference_documents_are_a4_french_and_in_sync():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_references", REPO / "templates/documents/make_references.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.reference_docx() == (REPO / "templates/documents/reference.docx").read_bytes()
    assert module.reference_odt() == (REPO / "templates/documents/reference.odt").read_bytes()
    with zipfile.ZipFile(REPO / "templates/documents/reference.odt") as archive:
        styles = archive.read("styles.xml").decode("utf-8")
    assert 'fo:page-width="21cm"' in styles and 'fo:language="fr"' in styles


def test_docx_letters_use_a4(lisula):
    with zipfile.ZipFile(lisula / "lettre-engagement.docx") as archive:
        assert 'w:h="16838" w:w="11906"' in archive.read("word/document.xml").decode("utf-8")


def test_progress_bar_on_a_terminal_and_quiet_in_ci(tmp_path, monkeypatch, capsys):
    import sys

    from acia import cli

    root = _copy(tmp_path)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert cli.main(["documents", "--root", str(root), "--format", "docx", "--maintenant", "2023-08-01"]) == 0
    # 8 accusés de réception, 8 notifications, 4 lettres d'engagement, l'Annexe 1 vierge, le rapport de suivi
    assert "[##############################] 22/22 documents" in capsys.readouterr().err
    monkeypatch.setenv("CI", "true")
    assert cli.main(["documents", "--root", str(root), "--format", "docx", "--maintenant", "2023-08-01", "--only", LISULA]) == 0
    assert "documents" not in capsys.readouterr().err


def test_template_error_names_the_template(tmp_path, monkeypatch):
    from acia.letters import documents

    templates = tmp_path / "templates"
    shutil.copytree(documents.TEMPLATES, templates)
    (templates / "accuse-reception.md.j2").write_text("---\ntitle: x\n---\n\n{{ og.champ_inexistant }}\n", encoding="utf-8")
    monkeypatch.setattr(documents, "TEMPLATES", templates)
    documents._environment.cache_clear()
    try:
        root = _copy(tmp_path)
        code, _, err = _run(root, "--only", LISULA, "--format", "docx")
    finally:
        documents._environment.cache_clear()
    assert code == 1
    assert "erreur dans le gabarit templates/documents/accuse-reception.md.j2, ligne 5 : « champ_inexistant » n'existe pas dans les données" in err
    assert not (root / "build" / "documents").exists()


def test_logos_come_from_the_programme_data(tmp_path):
    from PIL import Image

    root = _copy(tmp_path)
    (root / "logos").mkdir()
    for name in ("ars", "aract"):
        Image.new("RGB", (120, 45), (40, 90, 160)).save(root / "logos" / f"{name}.png")
    programme = root / "data/programme.yml"
    text = (
        programme.read_text(encoding="utf-8")
        .replace("    sigle: ARS\n", "    sigle: ARS\n    logo: logos/ars.png\n", 1)
        .replace("    sigle: Aract\n", "    sigle: Aract\n    logo: logos/aract.png\n", 1)
    )
    programme.write_text(text, encoding="utf-8")
    code, _, err = _run(root, "--only", LISULA)
    assert code == 0, err
    folder = root / "build/documents" / LISULA
    with zipfile.ZipFile(folder / "lettre-engagement.docx") as archive:
        assert len([name for name in archive.namelist() if name.startswith("word/media/")]) == 2
    assert _drawn_images(folder / "lettre-engagement.pdf").count((120, 45)) >= 2
    assert _drawn_images(folder / "notification.pdf").count((120, 45)) == 1  # a letter from the Aract alone
    for letter in ("notification", "lettre-engagement"):  # a logo heads the sender block: never a captioned figure
        text = _flat(folder / f"{letter}.pdf")
        assert "Fig." not in text and "Logo" not in text
    assert ARACT_CORSE.replace("\u2019", "'") in _flat(folder / "notification.pdf")  # and the full name follows the logo


def _paragraphs(path: Path, style: str) -> list[str]:
    """The paragraphs of a DOCX letter printed with one of the letter's styles (reference.docx), one line each."""
    import docx

    return [" ".join(paragraph.text.replace("\u2019", "'").split()) for paragraph in docx.Document(str(path)).paragraphs if paragraph.style.name == style]


def _senders(path: Path) -> list[str]:
    """The first line of each sender block of a DOCX letter: the organisation's full name."""
    import docx

    return [paragraph.text.split("\n")[0] for paragraph in docx.Document(str(path)).paragraphs if paragraph.style.name == "Expéditeur"]


ARS_CORSE = "Agence régionale de santé de Corse"
ARACT_CORSE = "Association régionale pour l’amélioration des conditions de travail de Corse"


def test_without_logos_the_full_names_head_the_letter(lisula):
    """Each letter is headed by the organisations it comes from, as the programme declares them, by their full names."""
    assert _senders(lisula / "lettre-engagement.docx") == [ARS_CORSE, ARACT_CORSE]  # engagement.parties
    assert _senders(lisula / "notification.docx") == [ARACT_CORSE]  # selection.notification_par
    assert _senders(lisula / "accuse-reception.docx") == [ARS_CORSE]  # candidature.accuse_reception_par


def _flat(path: Path) -> str:
    """A letter's text on one line, whatever the format lays it out: spaces, apostrophes and hyphens as typed."""
    text = _text(path).replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'").replace("\u00ad", "-")
    return " ".join(text.split())


@pytest.mark.parametrize("extension", ["docx", "pdf"])
def test_commitments_are_drawn_from_the_programme(lisula, extension):
    """What the call says: the Aract leads the COPIL and the temps collectifs; working groups are led by the Aract or the pilot; temps ponctuels are optional, on request."""
    text = _flat(lisula / f"lettre-engagement.{extension}")
    assert "s'engage à animer : comité de pilotage, temps collectif (réunion inter-structures) ; et à animer, à la demande de l'organisme gestionnaire : temps ponctuel ;" in text
    assert "L'animation du groupe de travail revient à l'Aract ou au pilote de projet." in text
    assert "rédiger les comptes rendus : comité de pilotage" in text
    assert "participer aux temps de l'accompagnement : comité de pilotage, groupe de travail, temps collectif (réunion inter-structures) ;" in text
    assert "L'organisme gestionnaire peut en outre demander, selon ses besoins, les temps facultatifs : temps ponctuel." in text
    assert "dupliquer la démarche auprès de l'ensemble de ses ESMS" in text
    assert "suivre le projet au sein du comité de suivi" in text
    assert "ensemble des temps" not in text and "animer : comité de pilotage, groupe de travail" not in text


def test_commitments_follow_another_programme_s_bodies(tmp_path):
    """Another reading of the bodies, another letter: the Aract alone leads the working groups, and the temps ponctuels become mandatory."""
    from acia.check import check_instance
    from acia.letters import documents

    root = _copy(tmp_path)
    path = root / "data" / "programme.yml"
    text = path.read_text(encoding="utf-8")
    for before, after in (
        ("    anime_par: [aract, pilote]\n", "    anime_par: [aract]\n"),
        (
            "  - id: temps-ponctuel\n    nom: Temps ponctuel\n    niveau: intra_structure\n    obligatoire: false\n",
            "  - id: temps-ponctuel\n    nom: Temps ponctuel\n    niveau: intra_structure\n    obligatoire: true\n",
        ),
    ):
        assert text.count(before) == 1, before
        text = text.replace(before, after)
    path.write_text(text, encoding="utf-8")
    letters = documents.prepare(check_instance(root, now=parse_now("2023-08-01")).context, root=root, only=LISULA)
    letter = " ".join(next(item for item in letters if item.name == "lettre-engagement").markdown.replace("\\", "").split())
    assert "s'engage à animer : comité de pilotage, groupe de travail, temps ponctuel, temps collectif (réunion inter-structures) ; et à rédiger" in letter
    assert "participer aux temps de l'accompagnement : comité de pilotage, groupe de travail, temps ponctuel, temps collectif" in letter
    assert "L'animation" not in letter and "facultatifs" not in letter and "à la demande" not in letter


def test_the_idf_letter_says_what_the_idf_call_says(tmp_path):
    """Île-de-France: every temps is led by the Aract and mandatory, there is no pilot and no required role; no step table."""
    root = copy_shipped(tmp_path, REPO / "examples" / "idf-2021")
    retained = "og-93-association-les-tilleuls-fictive"
    application = root / "data" / "applications" / f"{retained}.yml"
    text = application.read_text(encoding="utf-8")
    application.write_text(text.replace("  siret:", "  representant_legal: {civilite: Madame, nom: Durand, prenom: Alix, fonction: Présidente}\n  siret:", 1), encoding="utf-8")
    (root / "data" / "selection.yml").write_text(
        "# yaml-language-server: $schema=../schemas/selection.schema.json\n"
        'comite: {date: "2021-11-25", membres_presents: [ars, aract]}\n'
        f"decisions:\n  - {{candidature: {retained}, decision: retenue}}\n"
        "  - {candidature: og-75-clinique-saint-bernard-fictive, decision: retenue}\n"
        "  - {candidature: og-91-ch-coteaux-essonne-fictif, decision: retenue}\n"
        "ecarts_limites:\n  - {limite: organismes_gestionnaires_min, motif: Trois candidatures seulement.}\n",
        encoding="utf-8",
    )
    code, _, err = run_cli("documents", "--root", str(root), "--only", retained, "--format", "pdf", "--maintenant", "2021-12-15")
    assert code == 0, err
    text = _flat(root / "build" / "documents" / retained / "lettre-engagement.pdf")
    assert "s'engage à animer : entretien amont, temps individuel, temps collectif, recueil de données sur le terrain." in text
    assert "participer aux temps de l'accompagnement : entretien amont, temps individuel, temps collectif, recueil de données sur le terrain ;" in text
    assert "Association Les Tilleuls de Seine-Saint-Denis (fictive)" in text
    for absent in ("pilote de projet", "L'animation", "facultatifs", "ensemble des temps", "()", "Jours de mobilisation"):
        assert absent not in text, absent


def test_a_notification_never_carries_the_committees_internal_motif(tmp_path):
    """An internal motif naming another applicant stays in data/selection.yml, out of every letter; the notified one reaches its letter."""
    root = _copy(tmp_path)
    path = root / "data/selection.yml"
    text = path.read_text(encoding="utf-8")
    decision = "  - candidature: og-2b-association-u-ponte\n    decision: retenue\n"
    assert decision in text
    path.write_text(text.replace(decision, decision + "    motif: Seul CHRS candidat, préféré à la Fondation Castagniccia.\n"), encoding="utf-8")
    castagniccia = "    decision: liste_attente\n    motif_notifie: Votre candidature"
    assert castagniccia in text
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            castagniccia, "    decision: liste_attente\n    motif: Première sur la liste d'attente ; remplace la première structure qui se désisterait.\n    motif_notifie: Votre candidature"
        ),
        encoding="utf-8",
    )
    code, _, err = _run(root, "--only", "og-2b-association-u-ponte")
    assert code == 0, err
    text = " ".join(_text(root / "build/documents/og-2b-association-u-ponte/notification.docx").split())
    assert "Castagniccia" not in text and "Motif" not in text
    code, _, err = _run(root, "--only", "og-2b-fondation-castagniccia")
    assert code == 0, err
    text = " ".join(_text(root / "build/documents/og-2b-fondation-castagniccia/notification.docx").split()).replace("\u2019", "'")
    assert "Votre candidature est la première de la liste d'attente" in text and "désisterait" not in text


# --- the frame of every letter: letterhead, sender, addressee, place and date, subject, salutation, closing, signatures ---

ARS = ("Agence régionale de santé de Corse", "20700 Ajaccio Cedex 9", "ars-corse-strategie@ars.sante.fr", "Directrice générale de l'ARS de Corse", "Laetitia Orsoni")
ARACT = (
    "Association régionale pour l'amélioration des conditions de travail de Corse",
    "20000 Ajaccio",
    "acia@aract-corse.example.org",
    "Directeur de l'Aract Corse",
    "Pierre-Paul Leca",
)
ARS_IDF = ("Agence régionale de santé Île-de-France", "93200 Saint-Denis", "acia@ars-idf.example.org", "Directeur général de l'ARS Île-de-France", "Bertrand Lemaire")
ARACT_IDF = (
    "Association régionale pour l'amélioration des conditions de travail Île-de-France",
    "75011 Paris",
    "acia@aract-idf.example.org",
    "Directrice de l'Aract Île-de-France",
    "Hélène Vasseur",
)
U_PONTE = ("og-2b-association-u-ponte", "Association U Ponte (fictive)", "l'", "Madame Catherine Rossi", "Présidente", "20200 Bastia", "Catherine Rossi")
ORNANO = ("og-2a-ornano-enfance", "Association Ornano Enfance (fictive)", "l'", "Monsieur Dominique Pinelli", "Président", "20000 Ajaccio", "Dominique Pinelli")
CASTAGNICCIA = ("og-2b-fondation-castagniccia", "Fondation Castagniccia Solidarité (fictive)", "la", "Madame Josette Cesari", "Directrice générale", "20250", "Josette Cesari")
TILLEULS = ("og-93-association-les-tilleuls-fictive", "Association Les Tilleuls de Seine-Saint-Denis (fictive)", "l'", "Madame Alix Durand", "Présidente", "93100 Montreuil", "Alix Durand")

# (programme, applicant, letter, its senders, place and date, what the body must say)
LETTERS = [
    ("corse", U_PONTE, "accuse-reception", (ARS,), "Ajaccio, le 26 juin 2023", "parvenue le 26 juin 2023 à 11 h 30 (heure de Paris), dans les délais"),
    ("corse", U_PONTE, "notification", (ARACT,), "Ajaccio, le 11 juillet 2023", "Décision : candidature retenue."),
    ("corse", U_PONTE, "lettre-engagement", (ARS, ARACT), "Fait à Ajaccio, le 11 juillet 2023", "L'Association U Ponte (fictive) s'engage à :"),
    ("corse", ORNANO, "accuse-reception", (ARS,), "Ajaccio, le 8 juin 2023", "parvenue le 8 juin 2023 à 8 h 55 (heure de Paris), dans les délais"),
    ("corse", ORNANO, "notification", (ARACT,), "Ajaccio, le 11 juillet 2023", "Décision : candidature non retenue."),
    ("corse", CASTAGNICCIA, "notification", (ARACT,), "Ajaccio, le 11 juillet 2023", "Décision : candidature placée sur liste d'attente."),
    ("idf", TILLEULS, "accuse-reception", (ARS_IDF,), "Saint-Denis, le 20 septembre 2021", "parvenue le 20 septembre 2021 à 10 h 40 (heure de Paris), dans les délais"),
    ("idf", TILLEULS, "notification", (ARS_IDF, ARACT_IDF), "Saint-Denis, le 25 novembre 2021", "Décision : candidature retenue."),
    ("idf", TILLEULS, "lettre-engagement", (ARS_IDF, ARACT_IDF), "Fait à Saint-Denis, le 25 novembre 2021", "L'Association Les Tilleuls de Seine-Saint-Denis (fictive) s'engage à :"),
]


def _idf_with_decisions(root: Path, retained: str) -> None:
    """The Île-de-France call decided (its data stops before the committee): every applicant retained, the Tilleuls' legal representative named."""
    application = root / "data" / "applications" / f"{retained}.yml"
    text = application.read_text(encoding="utf-8")
    application.write_text(text.replace("  siret:", "  representant_legal: {civilite: Madame, nom: Durand, prenom: Alix, fonction: Présidente}\n  siret:", 1), encoding="utf-8")
    (root / "data" / "selection.yml").write_text(
        "# yaml-language-server: $schema=../schemas/selection.schema.json\n"
        'comite: {date: "2021-11-25", membres_presents: [ars, aract]}\n'
        f"decisions:\n  - {{candidature: {retained}, decision: retenue}}\n"
        "  - {candidature: og-75-clinique-saint-bernard-fictive, decision: retenue}\n"
        "  - {candidature: og-91-ch-coteaux-essonne-fictif, decision: retenue}\n"
        "ecarts_limites:\n  - {limite: organismes_gestionnaires_min, motif: Trois candidatures seulement.}\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def letters(tmp_path_factory):
    """Every kind of letter of both shipped programmes: a retained, a rejected and a waiting-list structure in Corse; Île-de-France decided."""
    corse = _copy(tmp_path_factory.mktemp("corse"))
    for application in (U_PONTE, ORNANO, CASTAGNICCIA):
        code, _, err = _run(corse, "--only", application[0], "--format", "pdf,docx")
        assert code == 0, err
    idf = copy_shipped(tmp_path_factory.mktemp("idf"), REPO / "examples" / "idf-2021")
    _idf_with_decisions(idf, TILLEULS[0])
    code, _, err = run_cli("documents", "--root", str(idf), "--only", TILLEULS[0], "--format", "pdf,docx", "--maintenant", "2021-12-15")
    assert code == 0, err
    return {"corse": corse / "build" / "documents", "idf": idf / "build" / "documents"}


@pytest.mark.parametrize(("programme", "applicant", "letter", "senders", "place_date", "body"), LETTERS, ids=[f"{item[0]}-{item[1][0]}-{item[2]}" for item in LETTERS])
def test_every_letter_has_the_frame_of_an_official_letter(letters, programme, applicant, letter, senders, place_date, body):
    """Letterhead and sender block, addressee with address, place and date, subject and reference, salutation, closing, a signature block for each signing party."""
    folder = letters[programme] / applicant[0]
    application, og_name, _, representative, function, town, og_signatory = applicant
    called = f"{representative.split()[0]} {'la' if representative.startswith('Madame') else 'le'} {function}"
    several = len(senders) > 1
    pdf = _flat(folder / f"{letter}.pdf")
    docx_file = folder / f"{letter}.docx"
    # the letterhead and sender block of each organisation it is from: full name, address, functional contact
    assert [" ".join(name.replace("\u2019", "'").split()) for name in _senders(docx_file)] == [sender[0] for sender in senders]
    for _, postcode, contact, _, _ in senders:
        assert postcode in pdf and f"Contact : {contact}" in pdf
    # the addressee: the organisme gestionnaire, article-free, for the attention of its legal representative, at its address
    assert _paragraphs(docx_file, "Destinataire")[0].startswith(f"{og_name} À l'attention de {representative} {function}")
    assert f"{og_name} À l'attention de {representative} {function}" in pdf and town in pdf
    assert place_date in pdf and (_paragraphs(docx_file, "Lieu-date")[-1] == place_date)
    assert "Objet : " in pdf and "Réf. : FINESS juridique" in pdf and _paragraphs(docx_file, "Objet")[0].startswith("Objet : ")
    assert f"{called}," in pdf
    closing = f"{'Nous vous prions' if several else 'Je vous prie'} d'agréer, {called}, l'expression de {'nos' if several else 'mes'} salutations distinguées."
    assert closing in pdf and _paragraphs(docx_file, "Formule") == [closing]
    # a signature block for every signing party (the organisme gestionnaire too on the lettre d'engagement): who, function, name
    # (« Pour l'Agence… » where several parties sign, the function alone naming its organisation otherwise)
    engagement = letter == "lettre-engagement"
    signing = [(f"Pour {french_the(sender[0])}, " if engagement else "", sender[3], sender[4]) for sender in senders]
    if engagement:
        signing.append((f"Pour {french_the(og_name)}, ", function, og_signatory))
    assert _paragraphs(docx_file, "Signature") == [f"{pour}{role}" for pour, role, _ in signing]
    assert _paragraphs(docx_file, "Signataire") == [name for _, _, name in signing]
    for _, _, name in signing:
        assert name in pdf
    assert body in pdf
    assert not re.search(r"\b\d{1,2}:\d{2}\b", pdf), "une heure s'écrit « 14 h 05 »"


def french_the(name: str) -> str:
    from acia import french

    return french.the(name, french.article(name))


def test_signature_blocks_stand_side_by_side(letters):
    """Two or three parties sign on one row: their names share a line of the PDF."""
    text = pdf_text(letters["corse"] / U_PONTE[0] / "lettre-engagement.pdf")
    assert any(all(name in line for name in ("Laetitia Orsoni", "Pierre-Paul Leca", "Catherine Rossi")) for line in text.splitlines())
    text = pdf_text(letters["idf"] / TILLEULS[0] / "notification.pdf")
    assert any("Bertrand Lemaire" in line and "Hélène Vasseur" in line for line in text.splitlines())


def test_a_letter_without_addresses_nor_signatories_still_reads_as_a_letter(tmp_path):
    """Organisations with no address, contact or signatory, an applicant with neither address nor legal representative: every block degrades gracefully."""
    root = _copy(tmp_path)
    programme = root / "data/programme.yml"
    data = yamlsource.parse(programme.read_text(encoding="utf-8")).data
    for organisation in data["organisations"]:
        for key in ("adresse", "contact", "signataire"):
            organisation.pop(key, None)
    import yaml

    programme.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    path = root / "data/applications" / f"{ORNANO[0]}.yml"
    application = yamlsource.parse(path.read_text(encoding="utf-8")).data
    application["organisme_gestionnaire"].pop("adresse")
    application["organisme_gestionnaire"].pop("representant_legal")
    path.write_text(yaml.safe_dump(application, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, _, err = _run(root, "--only", ORNANO[0], "--format", "pdf,docx")
    assert code == 0, err
    folder = root / "build/documents" / ORNANO[0]
    text = _flat(folder / "notification.pdf")
    assert _senders(folder / "notification.docx") == [ARACT_CORSE]
    assert "Contact" not in text and "À l'attention" not in text
    assert _paragraphs(folder / "notification.docx", "Destinataire") == [ORNANO[1]]
    assert "Le 11 juillet 2023" in text and "Madame, Monsieur," in text
    assert "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées." in text
    assert _paragraphs(folder / "notification.docx", "Signature") == ["Pour l'Association régionale pour l'amélioration des conditions de travail de Corse,"]
    assert "None" not in text


def test_letter_helpers_read_the_commune_of_an_address():
    from acia.letters import documents

    assert documents.commune("Quartier Saint-Joseph\nCS 13003\n20700 Ajaccio Cedex 9") == "Ajaccio"
    assert documents.commune("13 rue du Landy, 93200 Saint-Denis") == "Saint-Denis"
    assert documents.commune("Sans code postal") == ""
    assert documents.address_lines("  a  \n\n b ") == ("a", "b")


def test_signatories_never_reach_the_public_programme():
    """A signatory's name is for the letters only: the programme the site reads outside the team keeps the function, never the person."""
    from acia.model.programme import build_programme

    programme = build_programme(yamlsource.parse((REPO / "data" / "programme.yml").read_text(encoding="utf-8")).data)
    assert programme.organisation("ars").signatory.person.last_name == "Orsoni"
    public = programme.without_personal_data()
    assert all(organisation.signatory is None or organisation.signatory.person is None for organisation in public.organisations)
    assert public.organisation("ars").signatory.function == "Directrice générale de l'ARS de Corse"


def test_a_late_application_is_acknowledged_with_its_delay(tmp_path):
    from acia.check import check_instance
    from acia.letters import documents

    root = _copy(tmp_path)
    path = root / "data/applications" / f"{ORNANO[0]}.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('date_reception: "2023-06-08T08:55:00+02:00"', 'date_reception: "2023-07-03T09:05:00+02:00"'), encoding="utf-8")
    letters = documents.prepare(check_instance(root, now=parse_now("2023-08-01")).context, root=root, only=ORNANO[0])
    text = " ".join(next(item for item in letters if item.name == "accuse-reception").markdown.replace("\\", "").replace("\u00a0", " ").split())
    assert "Elle nous est parvenue le **3 juillet 2023 à 9 h 05** (heure de Paris), 2 jours et 9 h après l'échéance : la date limite de l'appel était fixée au 30 juin 2023 à 23 h 59." in text
    assert "Elle concerne l'établissement suivant :" in text


def test_a_logo_alone_in_its_paragraph_is_no_figure(tmp_path):
    """The report and the blank form head with the logos alone: one logo on its own never becomes « Fig. 1 – Logo ARS »."""
    import io

    from PIL import Image

    from acia.letters import documents

    image = io.BytesIO()
    Image.new("RGB", (120, 45), (40, 90, 160)).save(image, format="PNG")
    letter = documents.Letter(
        "", "rapport-comite-suivi", "---\nlang: fr\n---\n\n![Logo ARS](logo-ars.png){height=1.6cm}\n\nTexte.\n", datetime(2023, 7, 11).date(), (("logo-ars.png", image.getvalue()),)
    )
    for extension in ("pdf", "docx"):
        documents.convert(letter, extension, tmp_path / f"rapport.{extension}")
        text = _text(tmp_path / f"rapport.{extension}")
        assert "Texte." in text and "Logo" not in text and "Fig" not in text, extension


def _pdf_of(tmp_path: Path, markdown: str) -> Path:
    from acia.letters import documents

    target = tmp_path / "document.pdf"
    documents.convert(documents.Letter("", "rapport-comite-suivi", "---\nlang: fr\npapersize: a4\n---\n\n" + markdown, datetime(2023, 7, 11).date()), "pdf", target)
    return target


def test_tables_never_hyphenate_names(tmp_path):
    """The report's narrow columns showed « Li-sula », « RA-CI »: a table cell breaks between words only."""
    names = ["Association Lisula (fictive)", "Intercommunalité", "RACI", "Établissement", "Accompagnement", "Coordinatrice"]
    rows = "\n".join(f"| {name} | {name} | {name} | {name} | {name} | {name} |" for name in names)
    pdf = _pdf_of(tmp_path, "| A | B | C | D | E | F |\n|---|---|---|---|---|---|\n" + rows + "\n")
    text = pdf_text(pdf).replace("\u00ad", "-")
    assert not [word for word in text.split() if word.endswith("-")]
    for name in ("Lisula", "Intercommunalité", "RACI", "Établissement", "Accompagnement", "Coordinatrice"):
        assert text.count(name) == 6, name


def test_a_heading_is_never_left_alone_at_the_bottom_of_a_page(tmp_path):
    """Whatever falls before it, a heading moves to the next page with the table it introduces."""
    table = "| Étape | Période |\n|---|---|\n" + "\n".join(f"| Étape {number} | du 1er au 30 juin |" for number in range(1, 9)) + "\n"
    for filler in range(30, 52, 2):
        paragraphs = "\n\n".join(f"Paragraphe {number}." for number in range(filler))
        reader = PdfReader(_pdf_of(tmp_path, f"{paragraphs}\n\n# Titre final\n\n{table}"))
        pages = [page.extract_text() for page in reader.pages]
        heading = next(index for index, text in enumerate(pages) if "Titre final" in text)
        assert "Étape 1" in pages[heading], filler


def test_documents_are_set_ragged_right(tmp_path):
    """No stretched words (the blank Annexe 1 showed them): every PDF is set ragged right, the layout filter says so before any content."""
    import subprocess

    from acia.letters import documents

    source = tmp_path / "document.md"
    source.write_text("---\nlang: fr\n---\n\n# Titre\n\nTexte.\n", encoding="utf-8")
    typst = subprocess.run([documents.pandoc_path(), str(source), "-t", "typst", "-s", f"--lua-filter={documents.TYPST_LAYOUT}"], capture_output=True, text=True, check=True).stdout
    body = typst[typst.index("#show: doc => conf(") :]
    rules = ("#set par(justify: false)", "#show table: set text(hyphenate: false)", "#show heading: set block(sticky: true)")
    assert all(rule in body and body.index(rule) < body.index("= Titre") for rule in rules)
    assert "margin: (x: 2.2cm,y: 2cm,)," in [line.strip() for line in typst.splitlines()]  # a letter's margins, not pandoc's 1.25 in
