"""Every programme's outputs speak of that programme only.

The site (every audience, as generated), the contributor guide, the rule
reference and the documents of the Île-de-France example name nothing of the
Corse programme, and the Corse outputs name Île-de-France only where the Corse
data does. Headings name the programme's own bodies, and a sentence that states
a programme rule appears only when the programme's data sets it.
"""

from __future__ import annotations

import copy
import re
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from conftest import REPO, SNAPSHOT, build_site, copy_shipped

from acia.check import check_instance
from acia.check.pipeline import parse_now
from acia.letters import documents

# Generates sites and documents: left out of « tasks.py test --rapide ».
pytestmark = pytest.mark.acceptance

IDF = REPO / "examples" / "idf-2021"
IDF_NOW = parse_now("2021-12-15")

# What belongs to the Corse programme: its region, towns, identifiers and structures.
CORSE = re.compile(r"corse|ajaccio|bastia|og-2[ab]-|lisula|u sole|u-sole|pumonte|a marina|castagniccia|balagna|zitelli|ornano|u ponte|a1-copil|2A0|2B0", re.I)


def _outputs(root: Path, audiences: tuple[str, ...], now: datetime) -> dict[str, str]:
    """Every generated page of every audience and every document (Markdown before conversion), by name."""
    texts = {}
    for audience in audiences:
        docs = build_site(root, audience, now=now, run_builder=False)
        for path in sorted(docs.rglob("*")):
            if path.is_file() and path.suffix in (".md", ".ics", ".svg", ".yml", ".csv", ".json", ".html"):
                texts[f"{audience}/{path.relative_to(docs)}"] = path.read_text(encoding="utf-8")
    context = check_instance(root, now=now).context
    for letter in documents.prepare(context, root=root):
        texts[f"documents/{letter.application or '-'}/{letter.name}"] = letter.markdown
    return texts


def _retained(root: Path) -> list[str]:
    selection = root / "data" / "selection.yml"
    if not selection.exists():
        return []
    return [item["candidature"] for item in yaml.safe_load(selection.read_text(encoding="utf-8"))["decisions"] if item["decision"] == "retenue"]


def test_idf_outputs_name_nothing_of_corsica(tmp_path):
    root = copy_shipped(tmp_path, IDF)
    texts = _outputs(root, ("public", "interne", *(f"structure:{item}" for item in _retained(root))), IDF_NOW)
    assert any(name.endswith("contribuer.md") for name in texts) and any(name.endswith("reference-controles.md") for name in texts)
    assert any(name.startswith("documents/") for name in texts)
    found = {name: sorted({match.group(0) for match in CORSE.finditer(text)}) for name, text in texts.items() if CORSE.search(text)}
    assert not found


def test_corse_outputs_name_ile_de_france_only_where_the_data_does(tmp_path):
    root = copy_shipped(tmp_path)
    in_data = any("le-de-france" in path.read_text(encoding="utf-8").lower() for path in (root / "data").rglob("*.yml"))
    texts = _outputs(root, ("public", "interne", "structure:og-2b-association-lisula"), SNAPSHOT)
    found = [name for name, text in texts.items() if re.search(r"[iî]le-de-france|idf-2021", text, re.I)]
    assert not found or in_data, found


# --- the programme's own bodies and rules ----------------------------------------------


def _renamed(tmp_path: Path) -> Path:
    """The Corse programme whose bodies bear other names, and whose rules are all off."""
    root = copy_shipped(tmp_path)
    path = root / "data" / "programme.yml"
    text = path.read_text(encoding="utf-8")
    for before, after in (
        ("nom: Temps collectif (réunion inter-structures)", "nom: Atelier régional"),
        ("nom: Comité de suivi", "nom: Conseil d'orientation"),
        ("nom: Comité de pilotage", "nom: Cellule projet"),
        ("nom: Groupe de travail", "nom: Équipe d'exploration"),
        ("nom: Temps ponctuel", "nom: Appui à la demande"),
        ("{id: copil, libelle: Comité de pilotage}", "{id: copil, libelle: Cellule projet}"),  # the same body, as a RACI role
    ):
        assert text.count(before) == 1, before
        text = text.replace(before, after)
    text = text.replace(
        "  reponse_aux_recommandations: true\n  duplication_dans_og: true\n  partage_regional_national: true\n",
        "  reponse_aux_recommandations: false\n  duplication_dans_og: false\n  partage_regional_national: false\n",
    )
    assert "partage_regional_national: false" in text
    path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def renamed_outputs(tmp_path_factory) -> dict[str, str]:
    root = _renamed(tmp_path_factory.mktemp("renamed"))
    return _outputs(root, ("public", "interne", "structure:og-2b-association-lisula"), SNAPSHOT)


def test_headings_name_the_programme_s_own_bodies(renamed_outputs):
    for name in ("interne/suivi.md", "interne/calendrier.md", "documents/-/rapport-comite-suivi"):
        assert "Atelier régional et conseil d'orientation" in renamed_outputs[name], name
    assert "Rapport au conseil d'orientation" in renamed_outputs["documents/-/rapport-comite-suivi"]
    fixed = re.compile(r"Temps collectifs et comité de suivi|Bilan du comité de pilotage|groupes de travail et des temps ponctuels|Rapport au comité de suivi|préparé pour le comité de suivi")
    headings = re.compile(r"^#+ .*(comité de suivi|comité de pilotage|temps collectifs?\b).*$", re.I | re.M)
    # minutes and errata: the data's own text (the errata quote the call, whose bodies keep their names there)
    ours = {name: text for name, text in renamed_outputs.items() if "/collectif/" not in name and "comptes-rendus" not in name and not name.endswith("errata.md")}
    found = {name: fixed.findall(text) + headings.findall(text) for name, text in ours.items() if fixed.search(text) or headings.search(text)}
    assert not found


def test_rules_switched_off_are_not_stated(renamed_outputs):
    for name, text in renamed_outputs.items():
        flat = " ".join(text.split())
        assert "s'engage à partager" not in flat and "partager ses travaux à l'échelle régionale" not in flat, name
        if name.startswith("documents/"):
            assert "dupliquer la démarche" not in flat, name
        assert "l'appel veut une réponse" not in flat and "Chaque recommandation doit recevoir une réponse" not in flat, name
        assert "apporter une réponse, positive ou négative" not in flat, name


def test_finding_states_duplication_only_when_the_programme_asks_it(tmp_path):
    from acia.check.rules import etablissements_per_og

    assert "dupliquer" not in etablissements_per_og.RULE.hint
    for duplication in (True, False):
        root = copy_shipped(tmp_path / str(duplication))
        path = root / "data" / "programme.yml"
        text = path.read_text(encoding="utf-8").replace("duplication_dans_og: true", f"duplication_dans_og: {str(duplication).lower()}")
        path.write_text(text, encoding="utf-8")
        application = root / "data" / "applications" / "og-2a-fondation-u-sole.yml"
        original = application.read_text(encoding="utf-8")
        data = yaml.safe_load(original)
        limit = yaml.safe_load(text)["limites"]["etablissements_par_og"]["max"]
        data["etablissements"] = [copy.deepcopy(data["etablissements"][0]) for _ in range(limit + 1)]
        application.write_text(original.splitlines()[0] + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        report = check_instance(root, now=SNAPSHOT).report
        messages = [finding.message for finding in report.findings if finding.rule == "ACIA304"]
        assert messages and all(("dupliquer" in message) is duplication for message in messages)
