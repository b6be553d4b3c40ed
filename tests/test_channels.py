"""The deposit channel the programme declares (courriel, plateforme, courrier) is what every reader is told."""

from __future__ import annotations

import pytest
from conftest import SNAPSHOT, build_site, copy_shipped

from acia.check import check_instance
from acia.site import escape

EMAIL = "  canal: email\n  destinataires:\n    - {organisation: ars, email: ars-corse-strategie@ars.sante.fr}\n"
PLATFORM = '  canal: plateforme\n  plateforme: {nom: Démarches simplifiées, url: "https://www.demarches-simplifiees.fr/commencer/acia-test"}\n'
MAIL = '  canal: courrier\n  adresse_postale: "ARS, 12 rue de la Mairie, 97400 Saint-Denis"\n'


def _with_channel(tmp_path, channel: str):
    root = copy_shipped(tmp_path)
    path = root / "data/programme.yml"
    text = path.read_text(encoding="utf-8")
    assert EMAIL in text
    path.write_text(text.replace(EMAIL, channel), encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("mailto:a.b@ars.fr", "[a\\.b@ars\\.fr](mailto:a.b@ars.fr)"),
        ("https://x.fr/a b)c", "[t](https://x.fr/a%20b%29c)"),
        ("javascript:alert(1)", "t"),
        ("/relative", "t"),
    ],
)
def test_links_from_data_are_inert_and_percent_encoded(url, expected):
    text = "a.b@ars.fr" if url.startswith("mailto") else "t"
    assert str(escape.link(text, url)) == expected


def test_a_channel_without_its_address_is_reported(tmp_path):
    root = _with_channel(tmp_path, "  canal: plateforme\n")
    findings = [finding for finding in check_instance(root, now=SNAPSHOT).report.findings if finding.severity == "erreur"]
    assert findings and "plateforme" in findings[0].message


@pytest.mark.acceptance
@pytest.mark.parametrize(
    ("channel", "page", "form"),
    [
        (EMAIL, "Envoi par courriel à : [ars\\-corse\\-strategie@ars\\.sante\\.fr](mailto:ars-corse-strategie@ars.sante.fr).", "par courriel à ars-corse-strategie@ars.sante.fr"),
        (
            PLATFORM,
            "Dépôt sur la plateforme « [Démarches simplifiées](https://www.demarches-simplifiees.fr/commencer/acia-test) »",
            "sur la plateforme « Démarches simplifiées » (https://www.demarches-simplifiees.fr/commencer/acia-test)",
        ),
        (MAIL, "Envoi par courrier à l'adresse suivante : ARS, 12 rue de la Mairie, 97400 Saint\\-Denis.", "par courrier à l'adresse suivante : ARS, 12 rue de la Mairie, 97400 Saint-Denis"),
    ],
    ids=["courriel", "plateforme", "courrier"],
)
def test_the_apply_page_and_the_blank_form_follow_the_channel(tmp_path, channel, page, form):
    from acia.letters import documents

    root = _with_channel(tmp_path, channel)
    apply_page = (build_site(root, "public", run_builder=False) / "candidater.md").read_text(encoding="utf-8")
    assert page in apply_page
    blank = documents.blank_form(check_instance(root, now=SNAPSHOT).context, root)
    markdown = " ".join(blank.markdown.replace("\\", "").split())
    assert form in markdown
    assert "avant le 30 juin 2023 à 23 h 59" in markdown  # the deadline keeps its time
    if channel != EMAIL:
        assert "Envoi par courriel" not in apply_page and "par courriel" not in markdown


def test_a_new_application_is_received_through_the_programmes_channel(tmp_path):
    from conftest import run_cli

    root = _with_channel(tmp_path, PLATFORM)
    code, _, err = run_cli("new", "application", "--id", "og-2a-nouvelle", "--root", str(root), "--recu-le", "2023-06-20T10:00", "--maintenant", "2023-06-21")
    assert code == 0, err
    assert 'canal_reception: "plateforme"' in (root / "data/applications/og-2a-nouvelle.yml").read_text(encoding="utf-8").replace("'", '"')
