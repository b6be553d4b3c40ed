"""acia build: three audiences, no personal data in public, escaped data, reproducible, offline."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import NOW, REPO, build_site, copy_shipped, page_source, run_cli

from acia.check import check_instance
from acia.check.schema import SchemaSet
from acia.load import yamlsource
from acia.site.pages import Audience, SiteError, build
from acia.site.visibility import internal_values, public_copy

# Builds sites or documents, or runs other programs: left out of « tasks.py test --rapide ».
pytestmark = pytest.mark.acceptance

KINDS = {"applications": "application.schema.json", "evaluations": "evaluation.schema.json"}


def _site_text(site: Path) -> str:
    """Everything the site serves from our content (the theme's own assets excluded)."""
    return "\n".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".js", ".svg", ".ics") and "assets" not in path.relative_to(site).parts
    )


def _leaked(secrets: set[str], text: str) -> list[str]:
    """The secrets found as whole words in ``text``: one pass over the text, longest secrets first.

    Empty exactly when no secret appears; where a longer secret contains a shorter
    one at the same place, the longer is the one reported.
    """
    if not secrets:
        return []
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(secret) for secret in sorted(secrets, key=len, reverse=True)) + r")(?!\w)")
    return sorted(set(pattern.findall(text)))


def _secrets(root: Path, only: str | None = None) -> set[str]:
    """Every internal value of the data (names, e-mails, phones, motivations, notes' comments)."""
    schemas = SchemaSet()
    secrets: set[str] = set()
    public: set[str] = set()
    for folder, schema in KINDS.items():
        for path in sorted((root / "data" / folder).glob("*.yml")):
            if only is not None and path.stem == only:
                continue
            data = yamlsource.parse(path.read_text(encoding="utf-8")).data
            secrets |= internal_values(schemas, schema, data)
            public |= _strings(public_copy(schemas, schema, data))
    for path in sorted((root / "data" / "suivi").glob("*/*.yml")):
        if only is not None and path.parent.name == only:
            continue
        data = yamlsource.parse(path.read_text(encoding="utf-8")).data
        secrets |= internal_values(schemas, f"{path.stem}.schema.json", data)
        public |= _strings(public_copy(schemas, f"{path.stem}.schema.json", data))
    for path in sorted((root / "data" / "suivi").glob("*/comptes-rendus/*.md")):
        if only is not None and path.parent.parent.name in (only, "collectif"):
            continue
        _, header, body = path.read_text(encoding="utf-8").split("---\n", 2)
        # The minutes' text is never published, nor the lessons not marked shareable.
        secrets |= {line.strip(" -*#") for line in body.splitlines() if len(line.strip(" -*#")) >= 25}
        secrets |= {lesson["texte"] for lesson in (yamlsource.parse(header).data or {}).get("enseignements", []) if not lesson["partageable"]}
    programme = yamlsource.parse((root / "data" / "programme.yml").read_text(encoding="utf-8")).data
    secrets |= internal_values(schemas, "programme.schema.json", programme)
    # Values that the programme itself publishes (an organisation's name cited in a bilan) are public.
    published = " ".join(_strings(public_copy(schemas, "programme.schema.json", programme)))
    secrets = {secret for secret in secrets if secret not in published}
    # Not secrets: values also published in a public field, and coded values (dates,
    # identifiers, civilités) that the schema constrains rather than the person types.
    # Nor are words the schemas themselves use as examples (« Directeur », « Infirmière coordinatrice »).
    coded = re.compile(r"^(\d{4}-\d{2}-\d{2}.*|[a-z0-9_-]+|Madame|Monsieur|Dr)$")
    documentation = " ".join(path.read_text(encoding="utf-8") for path in (REPO / "schemas").glob("*.json"))
    return {secret for secret in secrets - public if len(secret) >= 4 and not coded.match(secret) and secret not in documentation}


def _strings(data) -> set[str]:
    if isinstance(data, dict):
        return set().union(*(_strings(value) for value in data.values())) if data else set()
    if isinstance(data, list):
        return set().union(*(_strings(value) for value in data)) if data else set()
    return {data} if isinstance(data, str) else set()


def test_public_site_holds_no_personal_or_internal_value(shipped_sites):
    root, sites = shipped_sites
    text = _site_text(sites["public"])
    secrets = _secrets(root)
    assert len(secrets) > 50  # names, e-mails, phones, motivations, comments, recipients
    assert _leaked(secrets, text) == []
    assert "Sélection" not in (sites["public"] / "index.html").read_text(encoding="utf-8").split("md-nav")[1]


def test_public_site_shows_only_retained_structures(shipped_sites):
    _, sites = shipped_sites
    dossiers = sorted(path.parent.name for path in (sites["public"] / "dossiers").glob("*/index.html"))
    assert dossiers == ["og-2a-fondation-u-sole", "og-2a-sante-domicile-pumonte", "og-2b-association-lisula", "og-2b-association-u-ponte"]


def test_structure_site_shows_its_full_dossier_and_nothing_about_others(shipped_sites):
    root, sites = shipped_sites
    site = sites["structure:og-2b-association-lisula"]
    page = (site / "dossiers" / "og-2b-association-lisula" / "index.html").read_text(encoding="utf-8")
    assert "t.filippi@lisula.example.fr" in page and "Motivations" in page
    assert sorted(path.parent.name for path in (site / "dossiers").glob("*/index.html")) == ["og-2b-association-lisula"]
    text = _site_text(site)
    own = " ".join(_strings(yamlsource.parse((root / "data/applications/og-2b-association-lisula.yml").read_text(encoding="utf-8")).data))
    others = {secret for secret in _secrets(root, only="og-2b-association-lisula") if not _leaked({secret}, own)}
    assert _leaked(others, text) == []


def test_internal_site_has_everything_marked_internal(shipped_sites):
    _, sites = shipped_sites
    site = sites["interne"]
    for page in ("index.html", "selection/index.html", "dossiers/og-2a-ornano-enfance/index.html"):
        assert "Document interne" in (site / page).read_text(encoding="utf-8")
    assert "c.santoni" not in _site_text(site)  # sanity: e-mails are written as typed
    assert "m.santoni@usole.example.fr" in (site / "dossiers" / "og-2a-fondation-u-sole" / "index.html").read_text(encoding="utf-8")


def test_raci_page_computes_hour_totals(shipped_sites):
    _, sites = shipped_sites
    page = page_source(sites["public"] / "raci" / "index.html")
    assert "<strong>26 h</strong>" in page and "<strong>24 h</strong>" in page
    assert "Mise en place et évaluation des procédures" in page


def test_site_is_offline(shipped_sites):
    _, sites = shipped_sites
    for path in sites["public"].rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        assert 'src="http' not in html and '<link href="http' not in html


def test_calendar_ics_and_svg(shipped_sites):
    from icalendar import Calendar

    _, sites = shipped_sites
    calendar = Calendar.from_ical((sites["public"] / "programme.ics").read_bytes())
    events = {str(event["uid"]): event for event in calendar.walk("VEVENT")}
    assert "regional-comite-selection@acia-corse-2023.acia" in events
    assert str(events["etape-etape-2@acia-corse-2023.acia"]["summary"]) == "Étape 2 : Déploiement"
    assert "Calendrier" in (sites["public"] / "calendrier.svg").read_text(encoding="utf-8")


def test_data_values_are_escaped(tmp_path):
    root = copy_shipped(tmp_path)
    path = root / "data" / "applications" / "og-2b-association-lisula.yml"
    probes = {
        "raison_sociale: IME Lisula (fictif)": 'raison_sociale: "<script>alert(1)</script>"',
        "raison_sociale: ESAT Lisula (fictif)": 'raison_sociale: "<img src=x onerror=alert(1)>"',
        "raison_sociale: Association Lisula (fictive)": 'raison_sociale: "**gras** [x](javascript:alert(2)) {{ secret }} a | b"',
    }
    text = path.read_text(encoding="utf-8")
    for old, new in probes.items():
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    site = build_site(root, "interne")
    page = (site / "dossiers" / "og-2b-association-lisula" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'href="javascript:' not in page and "<strong>gras</strong>" not in page
    assert "**gras** [x](javascript:alert(2)) {{ secret }} a | b" in page.replace("&amp;", "&")


def test_two_builds_are_byte_identical(tmp_path, shipped_sites):
    """A build made elsewhere, from a copy in another folder, gives the same bytes as the session's build."""
    _, sites = shipped_sites
    first = sites["public"]
    snapshot = {path.relative_to(first): path.read_bytes() for path in sorted(first.rglob("*")) if path.is_file()}
    second = build_site(copy_shipped(tmp_path), "public")
    assert {path.relative_to(second): path.read_bytes() for path in sorted(second.rglob("*")) if path.is_file()} == snapshot


def test_build_cli_on_idf(tmp_path):
    root = copy_shipped(tmp_path, REPO / "examples" / "idf-2021")
    code, out, err = run_cli("build", "--root", str(root), "--audience", "public", "--maintenant", "2021-12-01")
    assert code == 0, err
    assert "site « public »" in out
    html = (root / "build" / "public" / "site" / "candidater" / "index.html").read_text(encoding="utf-8")
    # The people the call names itself are public; those of the applications never are.
    assert "Monsieur Éric Bongrand" in html and 'href="mailto:eric.bongrand@ars.sante.fr"' in html
    assert "fontaine" not in html.lower() and "stbernard.example.fr" not in html
    assert "22 septembre 2021" in html


def test_build_refuses_invalid_data_and_unknown_structure(tmp_path):
    root = copy_shipped(tmp_path)
    code, _, err = run_cli("build", "--root", str(root), "--audience", "structure:og-inconnu", "--maintenant", "2023-08-01")
    assert code == 2 and "aucune candidature « og-inconnu »" in err
    (root / "data" / "applications" / "og-2a-ornano-enfance.yml").write_text("id: [", encoding="utf-8")
    code, out, err = run_cli("build", "--root", str(root), "--maintenant", "2023-08-01")
    assert code == 1 and "[ACIA003]" in out and "n'est pas construit" in err


def test_code_spans_show_field_names_without_escapes(shipped_sites):
    _, sites = shipped_sites
    page = (sites["interne"] / "registre" / "index.html").read_text(encoding="utf-8")
    assert "<code>a_confirmer: true</code>" in page and "<code>donnees_personnelles</code>" in page
    assert "\\_" not in page and "\\[" not in page


def test_errata_say_where_in_words(shipped_sites):
    """« Où » names the place in the data by the schema's titles and the data's labels, never by its path."""
    _, sites = shipped_sites
    page = page_source(sites["public"] / "errata" / "index.html")
    assert "Calendrier régional, « Analyse des candidatures des établissements », fin" in page
    assert "Suivi de l'accompagnement, réponse aux recommandations, « Construction d'usages partagés »" in page  # « [axe-2] » by the axe's title
    assert "RACI, lignes, « Temps inter-structures 1 », rôles, Aract" in page  # a key that is an identifier, by its label
    assert "calendrier.regional[analyse]" not in page


def test_hand_written_pages_are_merged_and_linked(tmp_path):
    root = copy_shipped(tmp_path)
    shutil.copytree(REPO / "docs", root / "docs")
    site = build_site(root, "public")
    assert "Ressources de l'accompagnement" in (site / "ressources" / "index.html").read_text(encoding="utf-8")
    assert 'href="../ressources/"' in (site / "accompagnement" / "index.html").read_text(encoding="utf-8")
    (root / "docs" / "ressources.md").unlink()
    (root / "docs" / "guide.md").write_text("# Guide\n\n[lien cassé](inexistant.md)\n", encoding="utf-8")
    checked = check_instance(root, now=NOW)
    with pytest.raises(SiteError, match="la construction du site a échoué"):
        build(root, Audience.parse("public"), checked.report, checked.context, proposal=checked.proposal)


def test_selection_page_shows_no_chart_of_zeros(shipped_sites, idf_sites):
    """Île-de-France scores nobody: its page says why instead of ranking empty bars; Corse, scored, shows its chart."""
    _, corse = shipped_sites
    _, idf = idf_sites
    assert re.search(r'<img alt="Scores des candidatures" src="(\.\./selection/)?scores\.svg"', page_source(corse["interne"] / "selection" / "index.html"))
    page = page_source(idf["interne"] / "selection" / "index.html")
    assert "<img" not in page.split("À télécharger")[0] and "ne fixe pas de critères de notation" in page
    assert "1re sur" not in page
