"""In-place YAML edits: one value or one entry changes, every other byte (comments, quotes, order, layout) stays."""

from __future__ import annotations

import pytest

from acia.load import yamlsource
from acia.privacy import edits
from acia.privacy.people import Finder, Person, Record, fold, identify, phone_pattern


def _remove(text: str, mapping: tuple, *keys: str) -> str:
    parsed = yamlsource.parse(text)
    result = edits.apply(text, edits.remove_keys(text, parsed, mapping, keys))
    assert yamlsource.parse(result).problems == []
    return result


def _replace(text: str, path: tuple, value: str) -> str:
    parsed = yamlsource.parse(text)
    result = edits.apply(text, [edits.replace_value(text, parsed, path, value)])
    assert yamlsource.parse(result).problems == []
    return result


BLOCK = """# équipe
equipe:
  - nom: Santoni   # la directrice
    prenom: Maria
    telephone: "04 95 21 40 10"  # ligne directe
    email: m.santoni@usole.example.fr

  # le suivant
  - nom: Leca
    telephone: '06 11 22 33 44'
"""


def test_block_key_on_its_own_line_goes_with_its_comment_and_nothing_else():
    result = _remove(BLOCK, ("equipe", 0), "telephone")
    assert result == BLOCK.replace('    telephone: "04 95 21 40 10"  # ligne directe\n', "")


def test_last_key_of_a_block_mapping_keeps_the_blank_line_and_comment_after_it():
    result = _remove(BLOCK, ("equipe", 1), "telephone")
    assert result == BLOCK.replace("    telephone: '06 11 22 33 44'\n", "")


def test_first_key_of_a_list_item_lets_the_next_key_move_up_after_the_dash():
    result = _remove(BLOCK, ("equipe", 0), "nom")
    assert result.startswith("# équipe\nequipe:\n  - prenom: Maria\n    telephone:")
    assert yamlsource.parse(result).data["equipe"][0] == {"prenom": "Maria", "telephone": "04 95 21 40 10", "email": "m.santoni@usole.example.fr"}


def test_several_first_keys_of_a_list_item_at_once():
    result = _remove(BLOCK, ("equipe", 0), "nom", "prenom")
    assert '  - telephone: "04 95 21 40 10"  # ligne directe\n' in result


def test_a_mapping_left_empty_is_written_as_braces():
    text = "a:\n  personne:\n    civilite: Madame\n  role: x\n"
    assert _remove(text, ("a", "personne"), "civilite") == "a:\n  personne:\n    {}\n  role: x\n"
    assert yamlsource.parse(_remove(text, ("a", "personne"), "civilite")).data == {"a": {"personne": {}, "role": "x"}}


def test_nested_block_value_is_removed_up_to_its_last_line_not_the_comment_after_it():
    text = "e:\n  directeur:\n    nom: Santoni\n    prenom: Maria\n  # capacité d'accueil\n  capacite: 84\n"
    assert _remove(text, ("e",), "directeur") == "e:\n  # capacité d'accueil\n  capacite: 84\n"


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ('p: {a: 1, telephone: "x", b: 2}\n', "telephone", "p: {a: 1, b: 2}\n"),
        ('p: {a: 1, b: 2, telephone: "x"}\n', "telephone", "p: {a: 1, b: 2}\n"),
        ('p: {telephone: "x", a: 1}\n', "telephone", "p: {a: 1}\n"),
        ('p: {telephone: "x"}  # seul\n', "telephone", "p: {}  # seul\n"),
        ("- role: direction\n  personne: {nom: Giudicelli, prenom: Antoine}\n- role: aract\n", None, "- role: direction\n- role: aract\n"),
    ],
    ids=["middle", "last", "first", "only", "flow-value-of-a-block-key"],
)
def test_flow_mappings(text, key, expected):
    if key is None:
        assert _remove(text, (0,), "personne") == expected
    else:
        assert _remove(text, ("p",), key) == expected


def test_several_keys_of_one_flow_mapping_at_once():
    text = "p: {civilite: Madame, nom: Santoni, titre: Dr}\n"
    assert _remove(text, ("p",), "civilite", "titre") == "p: {nom: Santoni}\n"
    text = "p: {nom: Santoni, civilite: Madame, titre: Dr}\n"
    assert _remove(text, ("p",), "civilite", "titre") == "p: {nom: Santoni}\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nom: Santoni  # commentaire\nx: 1\n", 'nom: "[personne 1]"  # commentaire\nx: 1\n'),
        ("nom: 'Santoni'\nx: 1\n", 'nom: "[personne 1]"\nx: 1\n'),
        ('nom: "Santoni"\nx: 1\n', 'nom: "[personne 1]"\nx: 1\n'),
        ("nom: >-\n  Santoni\n  Maria\n\n# après\nx: 1\n", 'nom: "[personne 1]"\n\n# après\nx: 1\n'),
        ("nom: |\n  Santoni\nx: 1\n", 'nom: "[personne 1]"\nx: 1\n'),
        ("nom: Santoni\n  Maria\nx: 1\n", 'nom: "[personne 1]"\nx: 1\n'),
        ("p: {nom: Santoni, prenom: Maria}\n", 'p: {nom: "[personne 1]", prenom: Maria}\n'),
    ],
    ids=["plain-with-comment", "single-quoted", "double-quoted", "folded", "literal", "plain-multiline", "flow"],
)
def test_replace_any_scalar_style(text, expected):
    path = ("p", "nom") if text.startswith("p:") else ("nom",)
    result = _replace(text, path, "[personne 1]")
    assert result == expected
    assert edits.value_at(yamlsource.parse(result).data, path) == "[personne 1]"


def test_a_plain_value_that_may_stay_plain_stays_plain():
    assert _replace("email: m.santoni@usole.example.fr\n", ("email",), "personne-1@example.org") == "email: personne-1@example.org\n"
    assert _replace('email: "m.santoni@usole.example.fr"\n', ("email",), "personne-1@example.org") == 'email: "personne-1@example.org"\n'
    assert _replace("nom: Santoni\n", ("nom",), "true") == 'nom: "true"\n'


def test_quoted_escapes_what_yaml_would_read_otherwise():
    for value in ['a "b" \\ c', "ligne\nsuivante", "\x85\u2028", "\x7f", "[x]: #y"]:
        text = f"v: {edits.quoted(value)}\n"
        assert yamlsource.parse(text).data == {"v": value}, text


def test_edits_that_overlap_are_refused_and_touching_ones_are_fine():
    assert edits.apply("abcdef", [edits.Edit(0, 2, "X"), edits.Edit(2, 4, "Y")]) == "XYef"
    with pytest.raises(ValueError):
        edits.apply("abcdef", [edits.Edit(0, 3, "X"), edits.Edit(2, 4, "Y")])


def test_removing_twice_is_removing_once():
    once = _remove(BLOCK, ("equipe", 0), "telephone")
    assert _remove(once, ("equipe", 0), "telephone") == once


# --- people and mentions -----------------------------------------------------


def _person(first: str, last: str, email: str = "", phone: str = "") -> Person:
    from acia.check.personal import PersonalValue

    record = Record("f.yml", ("p",))
    record.values = [PersonalValue(("p", "prenom"), "prenom", first, True), PersonalValue(("p", "nom"), "nom", last, True)]
    if email:
        record.values.append(PersonalValue(("p", "email"), "email", email, True))
    if phone:
        record.values.append(PersonalValue(("p", "telephone"), "telephone", phone, False))
    return Person([record])


def test_folding_keeps_offsets():
    text = "Élodie ŒUVRE straße İ"
    assert len(fold(text)) == len(text)
    assert fold("Élodie Dupré") == "elodie dupre"


def test_mentions_full_name_any_case_and_accents_and_names_alone_only_capitalised():
    finder = Finder([_person("Élodie", "Santoni", "e.santoni@x.fr", "04 95 21 40 10"), _person("Claire", "Mattei")])
    text = "ELODIE santoni a vu Claire ; une idée claire. Écrire à E.Santoni@X.fr ou au 04.95.21.40.10, pas à Mattei-Leca."
    found = [(text[m.start : m.end], m.person, m.what) for m in finder.find(text)]
    assert found == [("ELODIE santoni", 0, "nom"), ("Claire", 1, "nom"), ("E.Santoni@X.fr", 0, "email"), ("04.95.21.40.10", 0, "telephone")]
    assert [text[m.start : m.end] for m in finder.find(text, names_alone=False)] == ["ELODIE santoni", "E.Santoni@X.fr", "04.95.21.40.10"]


def test_a_name_shared_by_two_persons_names_nobody_in_particular():
    finder = Finder([_person("Paul", "Leca"), _person("Paul", "Santoni")])
    assert [m.person for m in finder.find("Paul est venu")] == [-1]


def test_phone_pattern_reads_international_form():
    pattern = phone_pattern("04 95 21 40 10")
    assert pattern is not None
    import re

    assert re.search(pattern, "+33 4 95 21 40 10") and re.search(pattern, "0495214010") and not re.search(pattern, "104 95 21 40 10")


def test_records_join_by_email_or_by_full_name():
    a, b, c = _person("Maria", "Santoni", "m@x.fr"), _person("MARIA", "Santóni"), _person("Marie", "Santoni", "M@X.fr")
    persons = identify(a.records + b.records + c.records)
    assert len(persons) == 1
    assert len(identify(_person("Paul", "Leca").records + _person("Jean", "Leca").records)) == 2
