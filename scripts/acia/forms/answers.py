"""What one answer of a filled Annexe 1 says, as people really type it in Word or LibreOffice.

Boxes are ticked in many ways (☒, ☑, ✓, « X » typed over the box, [x]), or
deleted with only the chosen word left, or answered « Oui »/« Non » in words;
a precision follows its choice on the same line (« MSS (précisez la
solution) : Mailiz ») or on the next one; numbers come with their unit and
spaces (« 45 places », « 423 674 597 00145 »). Each reader returns the value
and adds to ``notes`` what a person should check: a reading that is not
certain is never silent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import phonenumbers

from acia import phones
from acia.forms.annexe import Field, normalise, normalise_words
from acia.model.programme import Programme

TICKED = "☒☑✓✔✗✘■▣⊠🗹🗷🗸"
EMPTY = "☐□❏❑"
# A box of the form, ticked or not: what marks a line as a line of boxes.
BOX = re.compile(rf"[{TICKED}{EMPTY}]|\[\s*[xX✓✔]?\s*\]")
# Every way of ticking or leaving a box, including an « X » typed in place of the box.
_MARK = re.compile(
    rf"(?P<boxed>[{EMPTY}]\s*[xX✓✔](?![\w'’-]))"
    rf"|(?P<ticked>[{TICKED}])"
    rf"|(?P<empty>[{EMPTY}])"
    r"|(?P<bracket>\[\s*(?P<inside>[xX✓✔]?)\s*\])"
    r"|(?P<cross>\(\s*[xX]\s*\))"
    r"|(?P<letter>(?<![\w'’-])[xX](?![\w'’-]))"
)
_DOTS = re.compile(r"(\.{3,}|…+|_{3,})")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?!\d)|\d+")
# Words that may follow a capacity without making it doubtful (« 45 places », « 64 lits »).
_UNITS = {"place", "places", "lit", "lits", "personne", "personnes", "resident", "residents", "usager", "usagers", "beneficiaire", "beneficiaires", "accompagnee", "accompagnees", "accompagnes"}
_UNITS |= {"enfant", "enfants", "adulte", "adultes", "jeune", "jeunes", "patient", "patients", "agree", "agrees", "autorise", "autorisees", "autorisee", "installe", "installees", "installee"}
_YES = ("oui", "yes")
_NO = ("non", "no", "pas", "aucun", "aucune", "jamais", "neant")
_CIVILITIES = {"madame": "Madame", "mme": "Madame", "mlle": "Madame", "monsieur": "Monsieur", "m": "Monsieur", "mr": "Monsieur"}
_TITLES = {"dr": "Dr", "docteur": "Dr", "pr": "Pr", "professeur": "Pr"}


def clean(text: str) -> str:
    """An answer without the dotted lines of the blank form, on one line."""
    return " ".join(_DOTS.sub(" ", text).split())


def _trim(text: str) -> str:
    """A precision without the punctuation that joins it to its label (« : Mailiz », « – Mailiz »)."""
    return clean(text).strip(" :;,·-–—=>\t").strip()


# --- labels at the start of a text ------------------------------------------------------


def _keep_brackets(label: str) -> str:
    return normalise(label.replace("(", " ").replace(")", " "))


def strip_prefix(text: str, key: str) -> str | None:
    """The rest of ``text`` after a beginning that reads as ``key`` (see ``normalise``), at a word's end; else None."""
    if not key or not normalise(text).startswith(key) and not _keep_brackets(text).startswith(key):
        return None
    for end in range(1, len(text) + 1):
        if end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
            continue  # never inside a word
        if normalise(text[:end]) == key or _keep_brackets(text[:end]) == key:
            while end < len(text) and text[:end].count("(") > text[:end].count(")") and text[end] in " )":
                end += 1  # the closing bracket of « (précisez) » belongs to the label
            return text[end:]
        if len(normalise(text[:end])) > len(key) and len(_keep_brackets(text[:end])) > len(key):
            return None
    return None


def _precision(rest: str, label: str) -> str:
    """What was typed after a choice's label: its « (précisez …) » instruction left out, or typed inside it."""
    rest = rest.strip()
    instruction = set(re.findall(r"[a-z]+", normalise_words(" ".join(re.findall(r"\((.*?)\)", label)))))
    if rest.startswith("("):
        closing = rest.find(")")
        inside, after = (rest[1:closing], rest[closing + 1 :]) if closing >= 0 else (rest[1:], "")
        words = inside.split()
        while words and (set(re.findall(r"[a-z]+", normalise_words(words[0]))) <= instruction | {"precisez", "preciser", "precision"} and re.search(r"\w", words[0])):
            words.pop(0)
        rest = " ".join(words).strip(" :") + " " + after
    elif rest.count(")") > rest.count("("):
        rest = rest[: rest.rfind(")")] + rest[rest.rfind(")") + 1 :]  # typed inside « (précisez la solution …) »
    return _trim(rest)


@dataclass(frozen=True)
class Match:
    value: object
    rest: str  # what follows the label: a precision, or another answer typed after it
    exact: bool = True


def match_choice(item: Field, text: str, programme: Programme) -> Match | None:
    """The choice a text begins with: one of the field's labels or codes, then « axe N »."""
    text = text.strip()
    keys = []
    for label, value in item.choices:
        keys += [(normalise(label), value, label), (_keep_brackets(label), value, label), (normalise(str(value)), value, label)]
    for key, value, label in sorted(keys, key=lambda entry: -len(entry[0])):
        rest = strip_prefix(text, key)
        if rest is not None:
            return Match(value, _precision(rest, label))
    number = re.search(r"\baxe\s*(?:n°\s*)?(\d+)", text, flags=re.IGNORECASE)
    if item.path[-1] == "axe" and number:
        for axe in programme.axes:
            if str(axe.number) == number.group(1):
                return Match(axe.id, _trim(text[number.end() :]))
    return None


def choice(item: Field, label: str, programme: Programme) -> tuple[object, str]:
    """(value, precision) of a ticked label, or (None, "")."""
    found = match_choice(item, label, programme)
    return (found.value, found.rest) if found else (None, "")


def _stems(text: str) -> set[str]:
    return {word[:6] for word in re.findall(r"[a-z]{4,}", normalise_words(text))}


def closest(text: str, options: Iterable[tuple[str, object]]) -> object | None:
    """The option sharing the most words with ``text`` (compared by their first six letters); None on a tie or nothing shared."""
    words = _stems(text)
    scored = sorted(((len(words & _stems(label)), index, value) for index, (label, value) in enumerate(options)), key=lambda entry: (-entry[0], entry[1]))
    if not scored or scored[0][0] == 0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][2]


# --- boxes -------------------------------------------------------------------------------


def segments(text: str) -> list[tuple[bool | None, str]]:
    """The text cut at each box: (ticked, text up to the next box); the text before the first box has None."""
    found: list[tuple[bool | None, str]] = []
    marks = list(_MARK.finditer(text))
    found.append((None, text[: marks[0].start()] if marks else text))
    for position, mark in enumerate(marks):
        end = marks[position + 1].start() if position + 1 < len(marks) else len(text)
        ticked = bool(mark.group("boxed") or mark.group("ticked") or mark.group("cross") or mark.group("letter") or (mark.group("bracket") and mark.group("inside")))
        found.append((ticked, text[mark.end() : end]))
    return found


def read_choices(item: Field, lines: list[str], programme: Programme, notes: list[str]) -> tuple[list, dict, bool]:
    """(values, precisions by value, ambiguous) of a field answered with boxes or with words."""
    text = "\n".join(lines)
    parts = segments(text)
    leading = clean(parts[0][1])
    boxes = parts[1:]
    if boxes and leading and not clean(boxes[-1][1]) and match_choice(item, leading, programme) is not None:
        # « Oui ☒ Non ☐ »: the boxes follow their labels.
        texts = [leading] + [clean(body) for _, body in boxes[:-1]]
        parts = [(None, "")] + [(ticked, body) for (ticked, _), body in zip(boxes, texts, strict=False)]
        boxes = parts[1:]
    elif len(boxes) == 1 and leading and match_choice(item, leading, programme) is not None and boxes[0][0]:
        notes.append(f"{item.title} : « {clean(text)} » : impossible de savoir quelle réponse la croix désigne")
        return [], {}, True
    values: list = []
    details: dict = {}
    typed: list[str] = [parts[0][1]] if leading else []
    guessed: list[tuple[object, str]] = []
    for ticked, body in boxes:
        flat = clean(body)
        found = match_choice(item, flat, programme) if flat else None
        if ticked:
            if found is None:
                notes.append(f"{item.title} : case « {flat} » non reconnue, ignorée" if flat else f"{item.title} : une case cochée sans réponse à côté, ignorée")
                continue
            if found.value not in values:
                values.append(found.value)
            if found.value in item.details and found.rest:
                details[found.value] = found.rest
        elif found is not None and found.rest:
            if found.value in item.details:
                guessed.append((found.value, found.rest))  # a precision typed, its box left empty
            else:
                typed.append(found.rest)
        elif found is None and flat:
            typed.append(body)
    if not values and typed:
        values, details = _typed_choices(item, typed, programme, notes)
    for value, rest in guessed:
        if value not in values and (item.kind == "choix_multiples" or not values):
            label = next(label for label, choice_value in item.choices if choice_value == value)
            notes.append(f"{item.title} : « {label} » retenu parce que sa précision (« {rest} ») est remplie, bien que sa case ne soit pas cochée")
            values.append(value)
            details[value] = rest
    return values, details, False


def _typed_choices(item: Field, typed: list[str], programme: Programme, notes: list[str]) -> tuple[list, dict]:
    """Choices written as words (« Oui », « Sur l'axe 2 », « DUI, MSS : Mailiz »), the boxes deleted or left empty."""
    values: list = []
    details: dict = {}
    last = None
    separators = r"\n|[,;/+]|\s[-–—]\s|\bet\b|\bou\b" if item.kind == "choix_multiples" else r"\n"
    for part in re.split(separators, "\n".join(typed)):
        part = clean(part)
        if not part:
            continue
        if item.kind == "booleen":
            answer = yes_no(part)
            if answer is None:
                notes.append(f"{item.title} : réponse « {part} » ni oui ni non, non reprise")
            else:
                values.append(answer)
            break  # a yes or no is given by its first words
        found = match_choice(item, part, programme)
        if found is None and item.path[-1] in ("secteur", "role"):
            value = closest(part, item.choices)
            if value is not None:
                label = next(label for label, choice_value in item.choices if choice_value == value)
                notes.append(f"{item.title} : « {part} » lu comme « {label} »")
                found = Match(value, "", exact=False)
        if found is None:
            if last is not None and last in item.details:
                details[last] = f"{details[last]}, {part}" if details.get(last) else part
            else:
                notes.append(f"{item.title} : « {part} » ne correspond à aucune réponse possible ({', '.join(label for label, _ in item.choices)})")
            continue
        if found.value not in values:
            values.append(found.value)
        if found.value in item.details and found.rest:
            details[found.value] = found.rest
        last = found.value
    return values, details


def yes_no(text: str) -> bool | None:
    """« Oui », « Oui, depuis 2019 », « X » → True; « Non », « Pas encore » → False; anything else → None."""
    stripped = text.strip()
    if stripped in ("x", "X", "✓", "✔", "☒", "☑"):
        return True
    words = re.findall(r"[a-z]+", normalise_words(stripped))
    if words and words[0] in _YES:
        return True
    if words and words[0] in _NO:
        return False
    return None


def mentioned(item: Field, lines: list[str], programme: Programme, notes: list[str]) -> bool | None:
    """One of several yes/no fields asked by one question (« DSI, DPO et/ou référent qualité ? »): is it named, and not denied?"""
    text = "\n".join(lines)
    name = r"\W+".join(re.findall(r"[a-z0-9]+", normalise_words(item.title)))
    if BOX.search(text):
        for ticked, body in segments(text)[1:]:
            if re.match(rf"\s*{name}\b", normalise_words(body)):
                return bool(ticked)
    plain = re.sub(r"\(.*?\)", " ", normalise_words(clean(text)))
    words = re.findall(r"[a-z]+", plain)
    if not words:
        return None
    if set(words) <= set(_NO) | {"ni", "l", "un", "autre", "de", "d", "des", "tout"}:
        return False
    clauses = re.split(r"[,;.\n]|\bmais\b", plain)
    for clause in clauses:
        if re.search(rf"\b{name}\b", clause):
            return not re.search(r"\b(pas|aucun|aucune|ni|sans|non)\b", clause)
    if re.search(r"\b(les trois|tous|toutes)\b", plain):
        return True
    if words[0] in _YES and len(words) <= 2:
        notes.append(f"{item.title} : la réponse « {clean(text)} » ne dit pas lequel : à préciser avec la structure")
        return None
    notes.append(f"{item.title} : « non » déduit de la réponse « {clean(text)} », qui ne le cite pas")
    return False


# --- numbers and identifiers ---------------------------------------------------------------


def integer(item: Field, text: str, notes: list[str]) -> int | None:
    """« 64 », « 45 places », « 1 200 »: the number; other words or several numbers are noted."""
    numbers = _NUMBER.findall(text)
    if not numbers:
        notes.append(f"{item.title} : « {text} » n'est pas un nombre, non repris")
        return None
    value = int(re.sub(r"\D", "", numbers[0]))
    others = [word for word in re.findall(r"[a-z]+", normalise_words(_NUMBER.sub(" ", text))) if word not in _UNITS]
    if len(numbers) > 1 or others:
        notes.append(f"{item.title} : « {text} » lu comme {value}")
    return value


def identifier(key: str, text: str, notes: list[str], title: str) -> str:
    """A SIRET or FINESS number as typed, without its spaces, dots or dashes (« 423 674 597 00145 »)."""
    joined = re.sub(r"(?:(?<=[0-9])|(?<=\b2[AaBb]))[\s.\-\u00a0\u202f]+(?=[0-9])", "", text.strip())
    shape = r"\b\d{14}\b" if key == "siret" else r"\b(?:\d{2}|2[AaBb])\d{7}\b"
    found = re.findall(shape, joined)
    if len(found) == 1:
        if clean(re.sub(shape, " ", joined)).strip(" .:-()"):
            notes.append(f"{title} : « {text} » lu comme « {found[0].upper()} »")
        return found[0].upper()
    compact = re.sub(r"[\s.\-\u00a0\u202f]+", "", text)
    notes.append(f"{title} : « {text} » n'a pas la forme attendue, repris tel quel")
    return compact


def email(text: str) -> str | None:
    match = _EMAIL.search(text)
    return match.group(0) if match else None


def phone(text: str, region: str) -> str | None:
    """The first phone number of a cell that may also hold an e-mail address (« m.dupont@… / 04 95 10 20 30 »), as typed."""
    without_mail = _EMAIL.sub(" ", text)
    for match in phonenumbers.PhoneNumberMatcher(without_mail, region, leniency=phonenumbers.Leniency.POSSIBLE):
        if phones.parse(match.raw_string, region) is not None:
            return match.raw_string
    return None


# --- people -------------------------------------------------------------------------------


def person(text: str, order: str = "nom") -> tuple[dict | None, str | None]:
    """« [Madame] [Dr] Nom, Prénom », « NOM Prénom », « Prénom NOM » as the schema's person, and a note when the order is a guess.

    Without a comma or a name in capitals, the words are read in the order the
    form asks (``order``: « nom » for « Nom et Prénom »); after a civility
    (« Mme Marie Dupont »), the usual order of an address, first name first.
    """
    text = clean(re.sub(r"\(.*?\)", " ", text))
    text = re.sub(r"\s*[-–—,]\s*(co-?)?pilote\b.*$", "", text, flags=re.IGNORECASE).strip()
    if not text:
        return None, None
    prefix: dict = {}
    words = text.split()
    while len(words) >= 2 and normalise_words(words[0]).rstrip(".") in {**_CIVILITIES, **_TITLES}:
        word = normalise_words(words.pop(0)).rstrip(".")
        if word in _CIVILITIES:
            prefix["civilite"] = _CIVILITIES[word]
        else:
            prefix["titre"] = _TITLES[word]
    text = " ".join(words)
    if "," in text:
        nom, _, prenom = (part.strip() for part in text.partition(","))
        return ({**prefix, "nom": nom, "prenom": prenom} if nom and prenom else None), None
    if len(words) < 2:
        return None, f"« {text} » : nom et prénom attendus (« Nom, Prénom »)"
    capitals = [word for word in words if word.isupper() and len(word.strip(".-")) > 1]
    if capitals and len(capitals) < len(words):
        nom = " ".join(capitals)
        return {**prefix, "nom": nom.title(), "prenom": " ".join(word for word in words if word not in capitals)}, None
    first_name_first = bool(prefix.get("civilite")) or order == "prenom"
    if first_name_first:
        found = {"nom": " ".join(words[1:]), "prenom": words[0]}
    else:
        found = {"nom": words[0], "prenom": " ".join(words[1:])}
    return {**prefix, **found}, f"« {text} » lu comme prénom « {found['prenom']} », nom « {found['nom']} » : vérifiez l'ordre"


def role(text: str, programme: Programme) -> tuple[str | None, str | None]:
    """A project-team role from what the form says (its code, its label, or words of its label), with a note when guessed."""
    key = normalise(text)
    roles = programme.team.roles
    for item in roles:
        if key in (normalise(item.id), normalise(item.label)):
            return item.id, None
    options = [(f"{item.label} {item.id.replace('_', ' ').replace('-', ' ')}", item.id) for item in roles]
    found = closest(re.sub(r"\b(co-?)?pilote\b", " ", text, flags=re.IGNORECASE), options)
    if found is None:
        return None, f"rôle « {text} » non reconnu ; rôles possibles : {', '.join(item.label for item in roles)}"
    label = next(item.label for item in roles if item.id == found)
    return str(found), f"rôle « {label} » déduit de « {text} »"


def is_pilot(cells: Iterable[str]) -> bool:
    """The word « pilote » in a row (« Direction, pilote du projet »), not « copilote »."""
    return any(re.search(r"(?<![\w-])pilote\b", cell or "", flags=re.IGNORECASE) for cell in cells)
