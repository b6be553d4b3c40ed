"""The shipped example applications cover what the programme team needs to see."""

from __future__ import annotations

import shutil

from conftest import NOW, REPO

from acia.check import validate
from acia.load import yamlsource


def _applications(root):
    return [yamlsource.parse(path.read_text(encoding="utf-8")).data for path in sorted((root / "data" / "applications").glob("*.yml"))]


def test_corse_examples_cover_axes_sectors_and_fundings():
    applications = _applications(REPO)
    assert len(applications) >= 7
    assert {app["axe"] for app in applications} == {"axe-1", "axe-2"}
    sectors = {etablissement["secteur"] for app in applications for etablissement in app["etablissements"]}
    assert {"PA", "PH", "PDE", "PDS"} <= sectors
    assert [len(app["etablissements"]) for app in applications].count(2) == 1
    funded = ["assurance_maladie" in app["financement"] for app in applications]
    assert any(funded) and not all(funded)
    departments = {etablissement["finess_geographique"][:2] for app in applications for etablissement in app["etablissements"]}
    assert {"2A", "2B"} <= departments


def test_corse_late_application_is_accepted_only_through_its_derogation(tmp_path):
    root = tmp_path / "corse"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "schemas", root / "schemas")
    assert validate(root, now=NOW).findings == []
    (root / "data" / "derogations.yml").unlink()
    findings = [f for f in validate(root, now=NOW).findings if f.file.startswith("data/applications/")]
    assert [(f.rule, f.file, f.field) for f in findings] == [("ACIA306", "data/applications/og-2b-balagna-anziani.yml", "date_reception")]
    assert findings[0].message == "candidature reçue 2 jours et 9 h après la date limite du 30/06/2023 à 23 h 59 (heure de Paris) : elle est hors délai"


def test_idf_examples_are_trinomes_in_both_sectors():
    applications = _applications(REPO / "examples" / "idf-2021")
    assert len(applications) >= 3
    assert all(len(app["equipe_projet"]) == 3 for app in applications)
    sectors = {etablissement["secteur"] for app in applications for etablissement in app["etablissements"]}
    assert "sanitaire" in sectors and sectors & {"PA", "PH"}
