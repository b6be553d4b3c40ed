"""A structure's site holds what is its own: its dossier, and of the collective only the times it took part in."""

from __future__ import annotations

import pytest
from conftest import build_site, copy_shipped

pytestmark = pytest.mark.acceptance

PUMONTE = "og-2a-sante-domicile-pumonte"


def _text(folder) -> str:
    return "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in sorted(folder.rglob("*")) if path.is_file() and path.suffix in (".md", ".html", ".ics", ".json"))


def test_a_structure_never_reads_the_comite_de_suivi_nor_unshared_lessons(shipped_sites):
    _, sites = shipped_sites
    site = sites["structure:og-2b-association-lisula"]
    assert not (site / "dossiers" / "collectif" / "comite-suivi-1").exists()
    text = _text(site)
    assert "Le planning de l'Aract est très chargé" not in text  # partageable: false, comité de suivi
    assert "Tour de table et présentation du dispositif" not in text  # full text of a collective minutes
    page = (site / "dossiers" / "collectif" / "temps-collectif-1" / "index.html").read_text(encoding="utf-8")
    assert "réservé à l'équipe du programme" in page


def test_the_programme_team_still_reads_everything(shipped_sites):
    _, sites = shipped_sites
    site = sites["interne"]
    assert (site / "dossiers" / "collectif" / "comite-suivi-1" / "index.html").exists()
    assert "Tour de table et présentation du dispositif" in (site / "dossiers" / "collectif" / "temps-collectif-1" / "index.html").read_text(encoding="utf-8")


def test_a_structure_does_not_see_collective_times_it_did_not_attend(tmp_path):
    docs = build_site(copy_shipped(tmp_path), f"structure:{PUMONTE}", run_builder=False)
    assert not (docs / "dossiers" / "collectif" / "temps-collectif-2.md").exists()  # U Sole, Lisula and U Ponte only
    assert (docs / "dossiers" / "collectif" / "temps-collectif-1.md").exists()
    calendar = (docs / "calendriers" / f"{PUMONTE}.ics").read_text(encoding="utf-8")
    assert "collectif-temps-collectif-1@" in calendar and "collectif-temps-collectif-2@" not in calendar
    dossier = (docs / "dossiers" / f"{PUMONTE}.md").read_text(encoding="utf-8")
    assert "collectif/temps-collectif-2.md" not in dossier and "collectif/comite-suivi-1.md" not in dossier
