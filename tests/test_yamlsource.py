"""The YAML 1.2 loader keeps what users type and reports what YAML would silently change."""

from __future__ import annotations

from acia.load import yamlsource


def test_norway_and_phone_numbers_stay_text():
    parsed = yamlsource.parse("pays: no\nactif: on\ntel: 0612345678\nfiness: 2A0000018\n")
    assert parsed.data == {"pays": "no", "actif": "on", "tel": "0612345678", "finess": "2A0000018"}
    assert parsed.problems == []


def test_dates_are_not_converted():
    assert yamlsource.parse("debut: 2023-06-30\n").data == {"debut": "2023-06-30"}


def test_core_schema_scalars():
    parsed = yamlsource.parse("a: true\nb: False\nc: 12\nd: 1.5\ne: ~\nf:\ng: null\nh: 0\n")
    assert parsed.data == {"a": True, "b": False, "c": 12, "d": 1.5, "e": None, "f": None, "g": None, "h": 0}


def test_unquoted_number_keeps_its_raw_text_for_hints():
    parsed = yamlsource.parse("siret: 78467169500087\n")
    assert parsed.data == {"siret": 78467169500087}
    assert parsed.raw_scalars[("siret",)] == "78467169500087"


def test_duplicate_key_is_reported_with_both_lines():
    parsed = yamlsource.parse("axe: axe-1\nid: x\naxe: axe-2\n")
    assert [p.kind for p in parsed.problems] == ["cle_dupliquee"]
    problem = parsed.problems[0]
    assert problem.position.line == 3
    assert "ligne 1" in problem.message
    assert parsed.data["axe"] == "axe-1"  # the first value is kept, nothing is guessed


def test_positions_are_one_based_for_values_and_keys():
    parsed = yamlsource.parse("a:\n  - x\n  - b: 1\n")
    assert parsed.positions[("a", 1, "b")] == yamlsource.Position(3, 8)
    assert parsed.key_positions[("a", 1, "b")] == yamlsource.Position(3, 5)


def test_aliases_are_refused():
    parsed = yamlsource.parse("a: &x [1]\nb: *x\n")
    assert [p.kind for p in parsed.problems] == ["alias"]
    assert parsed.problems[0].position.line == 2


def test_python_tags_are_refused_not_executed():
    parsed = yamlsource.parse("a: !!python/object/apply:os.system [echo pwned]\n")
    assert any(p.kind == "etiquette" for p in parsed.problems)


def test_syntax_errors_are_problems_in_french():
    parsed = yamlsource.parse("motivations: Objectif : mieux travailler\n")
    assert parsed.problems[0].kind == "syntaxe"
    assert "deux-points" in parsed.problems[0].message
    assert yamlsource.parse("a: [1\n").problems[0].message.endswith("n'est pas refermé")


def test_control_character_is_located():
    parsed = yamlsource.parse("a: 1\nb: \x07\n")
    assert parsed.problems[0].position.line == 2


def test_several_documents_are_refused():
    parsed = yamlsource.parse("a: 1\n---\nb: 2\n")
    assert "plusieurs documents" in parsed.problems[0].message
