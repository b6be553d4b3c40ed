"""The Annexe 1 is filled where the programme forms its project teams: one fiche per établissement (Corse), or one per application (Île-de-France).

The blank form, the « Candidater » page and the programme's list of pieces
say the same thing about how many fiches an organisme gestionnaire sends.
"""

from __future__ import annotations

import pytest
import yaml
from conftest import REPO, build_site, copy_shipped, run_cli
from docx import Document

from acia.check.schema import SchemaSet
from acia.forms import annexe
from acia.model.programme import build_programme

pytestmark = pytest.mark.acceptance  # builds documents and sites

CORSE, IDF = REPO, REPO / "examples" / "idf-2021"


def _programme(root):
    return build_programme(yaml.safe_load((root / "data" / "programme.yml").read_text(encoding="utf-8")))


def test_corse_fiche_describes_one_etablissement_and_its_team():
    form = annexe.sections(SchemaSet(), _programme(CORSE))
    assert [section.title for section in form] == [
        "Organisme gestionnaire",
        "Établissement",
        "Projet numérique",
        "État des lieux du numérique",
        "Équipe projet de l'établissement",
        "Engagements",
        "Financements",
    ]
    etablissement = form[1]
    assert etablissement.table is None and [item.path for item in etablissement.fields][:2] == [("etablissements", 0, "raison_sociale"), ("etablissements", 0, "categorie")]
    assert [item.path for item in form[2].fields] == [("axe",), ("projet", "titre"), ("projet", "etat"), ("projet", "description"), ("motivations",)]
    assert form[4].description == _programme(CORSE).team.composition_advice != ""  # the call's advice on who to bring together
    team = form[4].table
    assert team is not None and team.path == ("etablissements", 0, "equipe_projet") and team.item_title == "Membre de l'équipe projet"
    assert not any(section.table is not None and section.table.path == ("equipe_projet",) for section in form)
    assert not any(item.path[0] == "coordination_pilotes" for section in form for item in section.fields)  # the programme team writes it


def test_idf_form_stays_one_per_application():
    form = annexe.sections(SchemaSet(), _programme(IDF))
    tables = [section.table.path for section in form if section.table is not None]
    assert tables == [("etablissements",), ("equipe_projet",)]
    etablissements = next(section.table for section in form if section.table is not None and section.table.path == ("etablissements",))
    assert "equipe_projet" not in [column.path[0] for column in etablissements.columns]


@pytest.mark.parametrize(
    ("source", "sentence", "blocks", "absent"),
    [
        (
            CORSE,
            "Une fiche par établissement candidat (3 établissements au plus par organisme gestionnaire) : chaque fiche décrit l'organisme gestionnaire, un établissement "
            "et l'équipe projet de cet établissement ; les fiches des établissements d'un même organisme gestionnaire forment une seule candidature.",
            ["Organisme gestionnaire", "Établissement", "Équipe projet de l'établissement", "Membre de l'équipe projet 1", "Membre de l'équipe projet 6"],
            ["Établissement 1", "Une fiche par organisme gestionnaire"],
        ),
        (
            IDF,
            "Une fiche par organisme gestionnaire : elle décrit chacun de ses établissements engagés et son équipe projet.",
            ["Établissements", "Établissement 1", "Établissement 4", "Équipe projet", "Membre de l'équipe projet 1"],
            ["Une fiche par établissement", "Équipe projet de l'établissement"],
        ),
    ],
    ids=["corse", "idf"],
)
def test_blank_form_and_candidater_page_say_the_same(tmp_path, source, sentence, blocks, absent):
    root = copy_shipped(tmp_path, source)
    assert annexe.how_many(_programme(root)) == sentence
    code, _, err = run_cli("documents", "--root", str(root), "--format", "docx", "--maintenant", "2023-08-01")
    assert code == 0, err
    document = Document(str(root / "build" / "documents" / "annexe-1-vierge.docx"))
    text = " ".join(" ".join(paragraph.text for paragraph in document.paragraphs).replace("\u2019", "'").split())
    headings = [paragraph.text.replace("\u2019", "'") for paragraph in document.paragraphs if paragraph.style.name.startswith("Heading")]
    assert sentence in text
    for heading in blocks:
        assert heading in headings, headings
    for wording in absent:
        assert wording not in text and wording not in headings
    page = " ".join((build_site(root, "public", run_builder=False) / "candidater.md").read_text(encoding="utf-8").replace("\u2019", "'").replace("\\", "").split())
    assert sentence in page
    pieces = " ".join(_programme(root).application.attachments)
    assert ("par établissement" in pieces) is _programme(root).team.per_etablissement


def test_candidater_page_lists_the_team_where_the_programme_forms_it(tmp_path):
    def page(source, folder, audience):
        return (build_site(copy_shipped(tmp_path / folder / audience, source), audience, run_builder=False) / "candidater.md").read_text(encoding="utf-8").replace("\\", "")

    # The public reads each part of the form in words, never the fields' names in the data.
    public_corse, public_idf = page(CORSE, "corse", "public"), page(IDF, "idf", "public")
    assert "### Équipe projet de l'établissement" in public_corse and "### Équipe projet\n" in public_idf
    assert "<code>" not in public_corse + public_idf and "organisme_gestionnaire." not in public_corse + public_idf
    # The programme team's contributors also get the fields as the repository's YAML names them.
    corse, idf = page(CORSE, "corse", "interne"), page(IDF, "idf", "interne")
    assert "| <code>etablissements[].equipe_projet</code> | Équipe projet de l'établissement | oui |" in corse
    assert "<code>equipe_projet" not in corse
    assert "| <code>equipe_projet</code> | Équipe projet | oui |" in idf
    assert "etablissements[].equipe_projet" not in idf and "coordination_pilotes" not in idf
