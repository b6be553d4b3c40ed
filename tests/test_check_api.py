"""The check stage's Python API: validate() returns a Report, check_instance() a Checked with the proposal computed once."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import CASES, NOW, build_instance, copy_shipped, run_cli

import tasks
from acia.check import Checked, check_instance, validate
from acia.findings import Report


@pytest.fixture
def decided(tmp_path):
    """An instance with a committee decision, so that the decision rules run."""
    return build_instance(tmp_path / "instance", CASES / "ACIA321" / "ok")


@pytest.fixture
def proposals(monkeypatch):
    """Count the proposals computed, wherever they are computed."""
    from acia.model import selection
    from acia.site import pages

    computed = []
    original = selection.proposal_for

    def counting(*arguments, **keywords):
        computed.append(1)
        return original(*arguments, **keywords)

    monkeypatch.setattr(selection, "proposal_for", counting)
    monkeypatch.setattr(pages, "proposal_for", counting)
    return computed


def test_validate_always_returns_a_report(decided):
    assert type(validate(decided, now=NOW)) is Report
    assert type(validate(decided, now=NOW, only=["data/selection.yml"])) is Report


def test_check_instance_holds_the_report_the_context_and_the_proposal(decided):
    checked = check_instance(decided, now=NOW)
    assert isinstance(checked, Checked)
    assert checked.report == validate(decided, now=NOW)
    assert checked.context.programme is not None
    assert checked.proposal is checked.context.proposal
    assert checked.proposal.selected == ("og-test-b",)
    with pytest.raises(dataclasses.FrozenInstanceError):
        checked.report = None  # type: ignore[misc]


def test_the_decision_rules_proposal_is_the_one_the_later_stages_get(decided, proposals):
    checked = check_instance(decided, now=NOW)
    assert len(proposals) == 1  # for the decision rules
    assert checked.proposal is checked.proposal
    assert len(proposals) == 1


def test_without_a_decision_the_proposal_is_computed_on_first_use_only(instance, proposals):
    checked = check_instance(instance, now=NOW)
    assert proposals == []
    assert checked.proposal is checked.proposal is not None
    assert len(proposals) == 1


def test_without_a_programme_there_is_no_proposal(tmp_path):
    checked = check_instance(tmp_path, now=NOW)
    assert not checked.report.ok
    assert checked.context.programme is None and checked.proposal is None


@pytest.mark.acceptance  # generates the site pages
def test_acia_build_computes_the_proposal_once(tmp_path, proposals, monkeypatch):
    from acia.site import pages

    monkeypatch.setattr(pages, "_run_generator", lambda target, context, generator_cache=None: None)  # the generated pages are enough here
    root = copy_shipped(tmp_path)
    code, out, err = run_cli("build", "--root", str(root), "--maintenant", tasks.INSTANCES["."])
    assert code == 0, out + err
    assert out.count("site « ") == 3  # public, interne and a retained structure
    assert len(proposals) == 1


def test_the_public_site_does_not_compute_the_proposal_it_never_shows(tmp_path, proposals, monkeypatch):
    """About 0.4 s at 1,000 applications: before the committee's decision (which validation compares with the
    proposal), paid only by the site that shows the selection, the programme team's."""
    from acia.site import pages

    monkeypatch.setattr(pages, "_run_generator", lambda target, context, generator_cache=None: None)
    root = build_instance(tmp_path / "appel")
    assert not (root / "data" / "selection.yml").exists()
    code, out, err = run_cli("build", "--root", str(root), "--maintenant", "2023-08-01", "--public", "public")
    assert code == 0, out + err
    assert proposals == []
    code, out, err = run_cli("build", "--root", str(root), "--maintenant", "2023-08-01", "--public", "interne")
    assert code == 0, out + err
    assert len(proposals) == 1


def test_a_retained_invalid_application_is_one_finding_and_the_matrix_gives_its_reasons(decided):
    """While an application file has errors, the decision is not compared with the proposal (no cascade of
    ACIA321/ACIA322 on data/selection.yml); acia matrix still says why it is left out, in the rules' order."""
    application = decided / "data/applications/og-test-a.yml"
    text = application.read_text(encoding="utf-8").replace("2023-06-12T10:24:00", "2023-07-03T09:15:00")  # ACIA306, line 4
    application.write_text(text.replace('    siret: "78467169500087"', '    siret: "78467169500088"'), encoding="utf-8")  # ACIA201, line 19
    selection = decided / "data/selection.yml"
    selection.write_text(selection.read_text(encoding="utf-8").replace("decision: liste_attente", "decision: retenue"), encoding="utf-8")
    checked = check_instance(decided, now=NOW)
    reasons = " ; ".join(next(candidate for candidate in checked.proposal.candidates if candidate.id == "og-test-a").reasons)
    assert reasons.index("ACIA306") < reasons.index("ACIA201")
    errors = sorted((finding.file, finding.rule) for finding in checked.report.findings if finding.is_error)
    assert errors == [("data/applications/og-test-a.yml", "ACIA201"), ("data/applications/og-test-a.yml", "ACIA306")]
    _, out, _ = run_cli("matrice", "--racine", str(decided), "--maintenant", "2023-08-01")
    assert f"- Association de test A (og-test-a) — inéligible : {reasons}" in out
