"""Who the personal fields name, and where free text mentions them.

A person is written in several places: a team member's name, e-mail and
phone are sibling fields, a director or a meeting participant is a
« personne » object. ``records`` gathers each into one ``Record``;
``identify`` joins the records that are the same person (same e-mail, or same
first and family name, whatever the case and accents). ``Finder`` then looks
for their names, e-mails and phones in free text, as whole words, and says
which person each mention is.

Matching folds case and accents (« Élodie » = « elodie »), one character for
one character, so that a match in the folded text is the same range in the
original. A name alone (« Claire », « Leca ») must start with a capital
letter to count: « une idée claire » names nobody.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from acia import phones
from acia.check.personal import PersonalValue, is_pseudonym
from acia.load.yamlsource import Path as DataPath

_SAME = {"’": "'", "‘": "'", "ʼ": "'", "‐": "-", "‑": "-", "–": "-", "—": "-", "\u00a0": " ", "\u202f": " "}
MIN_LETTERS = 3  # a shorter name alone would match ordinary words


def _fold_character(character: str) -> str:
    if character in _SAME:
        return _SAME[character]
    base = "".join(part for part in unicodedata.normalize("NFD", character) if not unicodedata.combining(part)).casefold()
    if len(base) == 1:
        return base
    lower = character.lower()
    return lower if len(lower) == 1 else character


def fold(text: str) -> str:
    """``text`` without case or accents, one character for one character (same length, same offsets)."""
    return "".join(_fold_character(character) for character in text)


def same_name(text: str) -> str:
    """A name to compare: folded, with single spaces."""
    return " ".join(fold(text).split())


@dataclass
class Record:
    """One person as written in one place: a « personne » object, or the sibling fields of a team member."""

    rel: str
    path: DataPath  # the « personne » object, or the mapping that holds the sibling fields
    values: list[PersonalValue] = field(default_factory=list)

    def _text(self, key: str) -> str | None:
        for value in self.values:
            if value.kind == "personne" and isinstance(value.value, dict):
                found = value.value.get(key)
            elif value.kind == key:
                found = value.value
            else:
                continue
            if isinstance(found, str) and found.strip() and not is_pseudonym(found):
                return found.strip()
        return None

    @property
    def first_name(self) -> str | None:
        return self._text("prenom")

    @property
    def last_name(self) -> str | None:
        return self._text("nom")

    @property
    def email(self) -> str | None:
        return self._text("email")

    @property
    def phone(self) -> str | None:
        return self._text("telephone")

    @property
    def keys(self) -> set[tuple[str, str]]:
        """What makes two records the same person: the e-mail, or the first and family names together."""
        found = set()
        if self.email:
            found.add(("email", self.email.casefold()))
        if self.first_name and self.last_name:
            found.add(("nom", f"{same_name(self.first_name)} {same_name(self.last_name)}"))
        return found


def records(rel: str, values: list[PersonalValue]) -> list[Record]:
    """The persons of one file: each « personne » object alone, the other personal fields grouped by the mapping that holds them."""
    found: dict[DataPath, Record] = {}
    for value in values:
        holder = value.path if value.kind == "personne" else value.path[:-1]
        found.setdefault(holder, Record(rel, holder)).values.append(value)
    return list(found.values())


@dataclass
class Person:
    """The records of one person, joined by ``identify``."""

    records: list[Record]

    def _all(self, attribute: str) -> list[str]:
        found: dict[str, None] = {}
        for record in self.records:
            text = getattr(record, attribute)
            if text:
                found[text] = None
        return list(found)

    @property
    def first_names(self) -> list[str]:
        return self._all("first_name")

    @property
    def last_names(self) -> list[str]:
        return self._all("last_name")

    @property
    def emails(self) -> list[str]:
        return self._all("email")

    @property
    def phones(self) -> list[str]:
        return self._all("phone")

    @property
    def full_names(self) -> list[str]:
        """« Prénom Nom » and « Nom Prénom » of every record that has both."""
        found: dict[str, None] = {}
        for record in self.records:
            if record.first_name and record.last_name:
                found[f"{record.first_name} {record.last_name}"] = None
                found[f"{record.last_name} {record.first_name}"] = None
        return list(found)

    @property
    def identifies(self) -> bool:
        """Whether anything in it still names someone (an already purged record names nobody)."""
        return bool(self.first_names or self.last_names or self.emails or self.phones)


def identify(all_records: list[Record]) -> list[Person]:
    """Join the records that share an e-mail or a first and family name; in the order of their first record."""
    parent = list(range(len(all_records)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    seen: dict[tuple[str, str], int] = {}
    for index, record in enumerate(all_records):
        for key in sorted(record.keys):
            if key in seen:
                parent[root(index)] = root(seen[key])
            else:
                seen[key] = index
    groups: dict[int, list[Record]] = {}  # in the order of each group's first record
    for index, record in enumerate(all_records):
        groups.setdefault(root(index), []).append(record)
    return [Person(group) for group in groups.values()]


# --- mentions in free text -------------------------------------------------

NAME, EMAIL, PHONE = "nom", "email", "telephone"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    person: int  # index in the Finder's persons; -1 when the words name several of them
    what: str  # NAME, EMAIL or PHONE


def _name_pattern(name: str) -> str:
    words = [re.escape(word) for word in fold(name).split()]
    return r"(?<![\w-])" + r"[\s]+".join(words) + r"(?![\w-])"


def _email_pattern(email: str) -> str:
    return r"(?<![\w.+-])" + re.escape(fold(email)) + r"(?![\w-]|\.\w)"


def phone_pattern(phone: str, region: str = phones.DEFAULT_REGION) -> str | None:
    """A phone number however it is spaced and prefixed (« 04 95 21 40 10 », « 04.95.21.40.10 », « +33 4 95 21 40 10 »).

    A valid number is found by its national digits after any prefix: « 0 », a
    country code (« +262 », « 00262 ») or none, so that « +262 262 12 34 56 »
    and « 0262 12 34 56 » are the same number. A number the numbering plans
    do not know is found by its digits as written.
    """
    national = phones.national_digits(phone, region)
    if national is not None:
        separator = r"[\s.-]?"
        start = r"(?:0|(?:\+|00)\d{1,3}" + separator + r"(?:\(0\)" + separator + r")?)?"
        return r"(?<![\d+])" + start + separator.join(national) + r"(?!\d)"
    digits = re.sub(r"\D", "", phone.replace("+33", "0").replace("(0)", ""))
    if len(digits) < 6:
        return None
    rest = r"[\s.-]?".join(digits[1:]) if digits.startswith("0") else r"[\s.-]?".join(digits)
    start = r"(?:0|\+33[\s.-]?(?:\(0\)[\s.-]?)?)" if digits.startswith("0") else ""
    return r"(?<![\d+])" + start + (r"[\s.-]?" if start else "") + rest + r"(?!\d)"


class Finder:
    """Finds the mentions of a list of persons in a text: full names, e-mails, phones, and names alone (capitalised, 3 letters or more).

    ``first_names=False`` leaves out first names alone (too many people share
    them to say who is meant); ``also`` adds texts to find whoever they name
    (a name or an e-mail typed by the user), with person -1.
    """

    def __init__(self, persons: list[Person], first_names: bool = True, also: Iterable[str] = ()):
        self.persons = persons
        patterns: list[tuple[re.Pattern[str], int, str, bool]] = []  # pattern, person, what, capital letter required
        single: dict[str, set[int]] = {}
        for index, person in enumerate(persons):
            for name in person.full_names:
                patterns.append((re.compile(_name_pattern(name)), index, NAME, False))
            for name in person.last_names + (person.first_names if first_names else []):
                if sum(character.isalpha() for character in name) >= MIN_LETTERS:
                    single.setdefault(" ".join(fold(name).split()), set()).add(index)
            for email in person.emails:
                patterns.append((re.compile(_email_pattern(email)), index, EMAIL, False))
            for phone in person.phones:
                pattern = phone_pattern(phone)
                if pattern is not None:
                    patterns.append((re.compile(pattern), index, PHONE, False))
        for name, owners in single.items():
            patterns.append((re.compile(_name_pattern(name)), next(iter(owners)) if len(owners) == 1 else -1, NAME, True))
        for text in also:
            if "@" in text:
                patterns.append((re.compile(_email_pattern(text.strip())), -1, EMAIL, False))
            elif sum(character.isalpha() for character in text) >= MIN_LETTERS:
                patterns.append((re.compile(_name_pattern(text)), -1, NAME, len(text.split()) == 1))
        self.patterns = patterns

    def find(self, text: str, names_alone: bool = True) -> list[Mention]:
        """The mentions in ``text``, longest first where they overlap, in text order; ``names_alone=False`` skips names written alone."""
        folded = fold(text)
        candidates = []
        for pattern, person, what, capital in self.patterns:
            if capital and not names_alone:
                continue
            for match in pattern.finditer(folded):
                if capital and not text[match.start()].isupper():
                    continue
                candidates.append(Mention(match.start(), match.end(), person, what))
        chosen: list[Mention] = []
        for mention in sorted(candidates, key=lambda item: (-(item.end - item.start), item.start)):
            if all(mention.end <= other.start or mention.start >= other.end for other in chosen):
                chosen.append(mention)
        return sorted(chosen, key=lambda item: item.start)
