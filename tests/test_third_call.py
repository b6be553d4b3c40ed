"""A third call, absent from the repository, runs end to end with no code change and no trace of the shipped ones.

tests/third_call/ holds a programme of our own making (La Réunion 2027, fictional):
three axes, a third partner organisation, a deposit on a platform at noon in the
Indian/Reunion time zone, four steps, other bodies and roles, a home-care sector, overseas phones,
other fundings and limits. Its organisation ids are neither « ars » nor « aract ».
It is built once per run (the ``third_call`` fixture of conftest.py), and read by test_no_identifiers too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import THIRD_CALL_NOW as NOW
from conftest import run_cli

pytestmark = pytest.mark.acceptance

# What belongs to the shipped programmes, never to this one.
FOREIGN = ("Corse", "corse", "Ajaccio", "Bastia", "2A0", "2B0", "Île-de-France", "francilien", "GRADeS", "og-2a", "og-2b", "heure de Paris", "Lisula", "U Sole")


def _texts(root: Path) -> dict[str, str]:
    """Every output a person reads: pages, search index, calendars, matrix, letters (their text)."""
    from test_documents import _text

    found = {}
    for path in sorted((root / "build").rglob("*")):
        if not path.is_file() or "assets" in path.parts:
            continue
        if path.suffix in (".html", ".md", ".json", ".ics", ".csv", ".svg", ".txt"):
            found[path.relative_to(root).as_posix()] = path.read_text(encoding="utf-8", errors="replace")
        elif path.suffix in (".docx", ".pdf"):
            found[path.relative_to(root).as_posix()] = _text(path)
    return found


def test_the_third_call_validates_with_no_error_nor_warning(third_call):
    import json

    code, out, _ = run_cli("validate", "--root", str(third_call), "--maintenant", NOW, "--format", "json")
    report = json.loads(out)
    assert code == 0 and report["summary"]["errors"] == 0 and report["summary"]["warnings"] == 0, out


def test_no_output_speaks_of_another_programme(third_call):
    texts = _texts(third_call)
    assert len(texts) > 50
    leaks = {name: [word for word in FOREIGN if word in text] for name, text in texts.items()}
    assert {name: words for name, words in leaks.items() if words} == {}


def test_the_programmes_own_facts_reach_the_reader(third_call):
    texts = _texts(third_call)
    apply_page = texts["build/public/docs/candidater.md"].replace("\\", "")
    assert "15 mars 2027 à 12 h" in apply_page  # the noon deadline keeps its time
    assert "Démarches simplifiées" in apply_page and "https://www.demarches-simplifiees.fr/commencer/acia-reunion-2027" in apply_page
    programme = texts["build/public/docs/programme.md"].replace("\\", "")
    for title in (
        "Choisir un outil numérique avec les professionnels qui l'utiliseront",
        "Réorganiser le travail autour d'un outil déjà déployé",
        "Partager les informations entre le domicile et l'établissement",
    ):
        assert title in programme
    commitment = " ".join(texts["build/documents/og-974-zot-domicile/lettre-engagement.docx"].split())
    for party in (
        "Agence régionale de santé La Réunion",
        "Association régionale pour l'amélioration des conditions de travail de La Réunion",
        "Groupement de coopération sanitaire e-santé océan Indien",
    ):
        assert party.replace("'", "\u2019") in commitment.replace("'", "\u2019")
    assert "Monsieur Alix Durand, Directeur de l'Aract La Réunion" in commitment.replace("\u2019", "'")  # a named signatory
    assert "Directrice générale de l'ARS La Réunion" in commitment.replace("\u2019", "'")  # a function alone
    receipt = " ".join(texts["build/documents/og-974-kaz-lespwar/accuse-reception.docx"].split()).replace("\u2019", "'")
    assert "J'accuse réception de la candidature de l'Association Kaz Lespwar (fictive)" in receipt
    assert "Saint-Denis, le 15 mars 2027" in receipt and "Contact : acia@ars-reunion.example.org" in receipt  # the place is the sender's commune, « Cedex 9 » left out
    assert "distinguées. Directrice générale de l'ARS La Réunion" in receipt  # a function alone signs, below the closing formula
    assert "15 mars 2027 à 11 h 58" in receipt and "15 mars 2027 à 12 h" in receipt  # received two minutes before noon, local time
    assert "Services d'aide et d'accompagnement à domicile" in texts["build/interne/docs/dossiers/og-974-zot-domicile.md"].replace("\\", "").replace("\u2019", "'")


def test_the_programmes_own_contacts_bodies_and_terms_reach_the_reader(third_call):
    """The fields of issue 15 on a call of our own: a published contact with a Réunion phone, a pilot writing minutes, a body on the frise."""
    texts = _texts(third_call)
    apply_page = texts["build/public/docs/candidater.md"].replace("\\", "")
    assert "## Contacts de l'appel" in apply_page
    assert (
        "- **Madame Nadia Hoarau-Fictive**, Chargée de mission numérique en santé, ARS : [n.hoarau-fictive@ars-reunion.example.fr](mailto:n.hoarau-fictive@ars-reunion.example.fr) · 0262 00 00 01"
        in apply_page
    )
    governance = texts["build/public/docs/gouvernance.md"].replace("\\", "")
    assert "- **Compte rendu rédigé par** : pilote de projet." in governance
    assert "- **Lieu** : Tour à tour dans l'une des structures participantes." in governance
    assert governance.count("[frise du projet](calendrier.md)") == 1
    assert "| Comité de sélection | programme | — | — | ARS, Aract, GCS e-santé | oui |" in governance
    assert "| Comité régional de suivi | programme | — | ARS | — | oui |" in governance
    assert "L'appel conseille d'associer au moins une personne qui utilisera l'outil chaque jour." in governance
    assert "- Chaque structure travaille dans son groupe projet" in texts["build/public/docs/accompagnement.md"].replace("\\", "")
    assert "peut candidater seule ou avec d'autres structures" in texts["build/public/docs/programme.md"].replace("\\", "")
