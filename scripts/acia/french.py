"""Numbers, dates, times, plurals and articles written the way French readers expect them.

The only module that turns a value into French text: every page, letter,
export and message asks here, so that « 22,5 h », « 1er juillet 2023 » and
« 14 h 05 » look the same everywhere.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from fractions import Fraction

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")
_VOWELS = tuple("aeiouyhàâäéèêëîïôöùûüœæAEIOUYHÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ")


def number(value: float | int | Fraction, places: int | None = None) -> str:
    """22,5 — a decimal comma; ``places`` fixes the decimals (2 → « 2,50 »), else the shortest form."""
    if places is None:
        return f"{float(value):g}".replace(".", ",")
    return f"{float(value):.{places}f}".replace(".", ",")


def hours(value: float | int) -> str:
    """22,5 h"""
    return f"{number(value)} h"


def megabytes(size: int) -> str:
    """A size in bytes as « 5,0 Mo »."""
    return f"{number(size / (1024 * 1024), 1)} Mo"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """« 1 candidature », « 3 candidatures » (French: 0 and 1 are singular)."""
    word = singular if count <= 1 else (plural_form or f"{singular}s")
    return f"{count} {word}"


def months(count: int) -> str:
    """« 6 mois », « 1 an », « 2 ans », « 18 mois »: a retention period, in years when it is whole years."""
    if count % 12 == 0:
        return plural(count // 12, "an")
    return f"{count} mois"


def short_date(day: date) -> str:
    """30/06/2023"""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def long_date(day: date) -> str:
    """30 juin 2023 (1er juillet 2023)"""
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {MONTHS[day.month - 1]} {day.year}"


def month(day: date) -> str:
    """juin 2023"""
    return f"{MONTHS[day.month - 1]} {day.year}"


def clock(moment: datetime | time) -> str:
    """14 h 05, the time of day in a sentence (« à 9 h », « à 23 h 59 »)."""
    return f"{moment.hour} h" if moment.minute == 0 else f"{moment.hour} h {moment.minute:02d}"


def short_datetime(moment: datetime) -> str:
    """30/06/2023 à 23 h 59, compact, for tables and messages (never « 23:59 »)."""
    return f"{short_date(moment.date())} à {clock(moment)}"


def long_datetime(moment: datetime) -> str:
    """19 juin 2023 à 14 h 05"""
    return f"{long_date(moment.date())} à {clock(moment)}"


# The French names of the time zones of France and its overseas territories; any other zone is named by its IANA key.
_ZONES = {
    "Europe/Paris": "heure de Paris",
    "Indian/Reunion": "heure de La Réunion",
    "Indian/Mayotte": "heure de Mayotte",
    "America/Guadeloupe": "heure de la Guadeloupe",
    "America/Martinique": "heure de la Martinique",
    "America/Cayenne": "heure de la Guyane",
    "America/St_Barthelemy": "heure de Saint-Barthélemy",
    "America/Marigot": "heure de Saint-Martin",
    "America/Miquelon": "heure de Saint-Pierre-et-Miquelon",
    "Pacific/Noumea": "heure de la Nouvelle-Calédonie",
    "Pacific/Tahiti": "heure de Tahiti",
    "Pacific/Marquesas": "heure des Marquises",
    "Pacific/Gambier": "heure des Gambier",
    "Pacific/Wallis": "heure de Wallis-et-Futuna",
    "Indian/Kerguelen": "heure des Kerguelen",
    "UTC": "temps universel (UTC)",
    "Etc/UTC": "temps universel (UTC)",
}


def zone(key: str) -> str:
    """« heure de Paris », « heure de La Réunion », « heure de la Guyane »; « heure locale (Asia/Tokyo) » for a zone outside France."""
    return _ZONES.get(key, f"heure locale ({key})")


# The French names of the phone regions of France and its overseas territories (ISO 3166 codes).
_PHONE_REGIONS = {
    "FR": "France",
    "RE": "La Réunion",
    "YT": "Mayotte",
    "GP": "Guadeloupe",
    "MQ": "Martinique",
    "GF": "Guyane",
    "BL": "Saint-Barthélemy",
    "MF": "Saint-Martin",
    "PM": "Saint-Pierre-et-Miquelon",
    "NC": "Nouvelle-Calédonie",
    "PF": "Polynésie française",
    "WF": "Wallis-et-Futuna",
}


def phone_region(code: str) -> str:
    """« La Réunion » for RE; the code itself (« BE ») for a region outside France."""
    return _PHONE_REGIONS.get(code, code)


def duration(delta: timedelta) -> str:
    """A positive duration in words: "2 jours et 9 h", "3 h et 5 min", "moins d'une minute"."""
    total_minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(total_minutes, 24 * 60)
    whole_hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(plural(days, "jour"))
    if whole_hours:
        parts.append(f"{whole_hours} h")
    if minutes and not days:
        parts.append(f"{minutes} min")
    if not parts:
        return "moins d'une minute"
    return enumerate_names(parts)


def of(name: str, article: str = "") -> str:
    """« de » before a name, contracted with its article: du CHRS, de la Fondation, de l'Aract, des …, d'Orsay.

    ``article`` is the name's own article as the data gives it (« le », « la », « l' », « les »),
    or empty for a name used without one; a name that starts with its own article contracts it (« des Tilleuls »).
    """
    name, article = _own_article(name, article)
    article = article.strip().lower()
    if article == "le":
        return f"du {name}"
    if article == "les":
        return f"des {name}"
    if article == "la":
        return f"de la {name}"
    if article in ("l'", "l’"):
        return f"de l'{name}"
    return f"d'{name}" if name.startswith(_VOWELS) else f"de {name}"


def capitalise(text: str) -> str:
    """The first letter in capitals, the rest untouched: a sentence starting with « l'Agence… » reads « L'Agence… »."""
    return text[:1].upper() + text[1:]


def enumerate_names(names: list[str], conjunction: str = "et") -> str:
    """« l'ARS », « l'ARS et l'Aract », « l'ARS, l'Aract et le GRADeS »; with ``conjunction="ou"``, « à l'Aract ou au pilote »."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {conjunction} " + names[-1]


def in_sentence(name: str) -> str:
    """A name inside a sentence: « Comité de pilotage » → « comité de pilotage », acronyms kept (« COPIL », « GRADeS »)."""
    first = name.split(" ", 1)[0]
    return name if first.isupper() or first[1:2].isupper() else name[:1].lower() + name[1:]


def the(name: str, article: str = "") -> str:
    """The name with its own article, elided: l'ARS, le GRADeS, la DGOS, les …; the bare name without one."""
    name, article = _own_article(name, article)
    article = article.strip().lower()
    if article in ("l'", "l’"):
        return f"l'{name}"
    if article in ("le", "la", "les"):
        return f"{article} {name}"
    return name


def to(name: str, article: str = "") -> str:
    """« à » before a name, contracted with its article: au GRADeS, à la DGOS, à l'ARS, aux …, à Lisula."""
    name, article = _own_article(name, article)
    article = article.strip().lower()
    if article == "le":
        return f"au {name}"
    if article == "les":
        return f"aux {name}"
    return f"à {the(name, article)}"


def agree(count: int, singular: str, plural_form: str | None = None) -> str:
    """The word alone, agreed with ``count``: « reçue » or « reçues »."""
    return singular if count <= 1 else (plural_form or f"{singular}s")


# The gender and number of the nouns and acronyms a raison sociale starts with: « la » Fondation, « le » CHRS,
# « les » Hospices. A name starting with any other word is a proper name, used without article (« U Ponte »,
# « A Casa di i Zitelli », « Lisula »).
_FEMININE = frozenset(
    "agence association caisse clinique communauté congrégation coopérative croix-rouge direction entreprise fédération fondation institution ligue maison "
    "mutualité mutuelle organisation plateforme polyclinique régie résidence société structure union unité école œuvre "
    "ea mas mecs maia sarl sas sa scop scic".split()
)
_MASCULINE = frozenset(
    "accueil atelier centre collectif comité conseil département dispositif foyer groupe groupement hôpital institut office pôle réseau "
    "service siège syndicat village "
    "caarud cada camsp ccas ch chi chr chrs chs chu cias cmpp csapa ehpa ehpad esat fam gcs gcsms gip had huda ime impro itep lam lhss "
    "saad sad samsah savs sessad spasad ssiad ssr".split()
)
_PLURAL = frozenset("hospices hôpitaux établissements foyers services".split())
_OWN_ARTICLES = {"le": "le", "la": "la", "les": "les", "l'": "l'", "l’": "l'"}


def article(name: str) -> str:
    """The article a raison sociale takes in a sentence, from its first word: « l' » (Association, EHPAD), « la » (Fondation),
    « le » (CHRS), « les » (Hospices civils); "" for a proper name (« U Ponte », « A Casa di i Zitelli ») or a name that
    carries its own article (« Les Tilleuls », see ``of``). Data may always say otherwise (the ``article`` field)."""
    words = name.split()
    if not words:
        return ""
    first = words[0].lower().replace("’", "'")
    if first.startswith("l'") or first in _OWN_ARTICLES:
        return ""
    if first in _PLURAL:
        return "les"
    if first in _FEMININE:
        gender = "la"
    elif first in _MASCULINE:
        gender = "le"
    else:
        return ""
    return "l'" if name.startswith(_VOWELS) else gender


def _own_article(name: str, article: str) -> tuple[str, str]:
    """A name that carries its own article (« Les Tilleuls », « L'Envol ») contracts it like any other: « des Tilleuls », « de l'Envol »."""
    if article.strip().lower() in ("le", "la") and name.startswith(_VOWELS) and not name.startswith(("h", "H")):
        return name, "l'"  # « le EHPAD » as typed reads « l'EHPAD »
    if article.strip():
        return name, article
    first, _, rest = name.partition(" ")
    if first.lower() in ("le", "la", "les") and rest:
        return rest, first.lower()
    if first[:2].lower() in ("l'", "l’") and len(name) > 2:
        return name[2:], "l'"
    return name, article


def salutation(civility: str, function: str = "") -> str:
    """How a letter calls its addressee: « Madame la Présidente », « Monsieur le Directeur général », « Madame »;
    « Madame, Monsieur » when the civility is not known."""
    if civility not in ("Madame", "Monsieur"):
        return "Madame, Monsieur"
    if not function.strip():
        return civility
    return f"{civility} {'la' if civility == 'Madame' else 'le'} {capitalise(function.strip())}"


def closing(called: str, several: bool = False) -> str:
    """The closing formula of an administrative letter, with the salutation repeated; « nous » when several organisations sign."""
    if several:
        return f"Nous vous prions d'agréer, {called}, l'expression de nos salutations distinguées."
    return f"Je vous prie d'agréer, {called}, l'expression de mes salutations distinguées."


def place_and_date(place: str, day: date) -> str:
    """« Ajaccio, le 11 juillet 2023 »; « Le 11 juillet 2023 » without a place."""
    return f"{place}, le {long_date(day)}" if place else f"Le {long_date(day)}"


def done_at(place: str, day: date) -> str:
    """Above the signatures of a document several parties sign: « Fait à Ajaccio, le 11 juillet 2023 »; « Fait le … » without a place."""
    return f"Fait à {place}, le {long_date(day)}" if place else f"Fait le {long_date(day)}"


def quote(text: str) -> str:
    """« text » in French quotation marks; quotation marks inside become “ ” (« Action « QVT » » → « Action “QVT” »)."""
    inner = re.sub(r"«[ \u00a0\u202f]*", "“", re.sub(r"[ \u00a0\u202f]*»", "”", text))
    return f"« {inner} »"


# French spacing (Lexique des règles typographiques de l'Imprimerie nationale):
# a no-break space before the colon, a narrow no-break space before ; ! ? and
# inside « guillemets ». Both kinds of no-break space count as already right.
NO_BREAK = "\u00a0"
NARROW_NO_BREAK = "\u202f"
_SPACES = f"[ \t{NO_BREAK}{NARROW_NO_BREAK}]"
_COLON = re.compile(rf"(?:{_SPACES}+|(?<=[^\W\d_]))(:)(?=[\s*_]|$)")
_HIGH_MARKS = re.compile(rf"(?:{_SPACES}+|(?<=[^\W\d_]))([;!?])(?=[\s*_]|$)")
_OPENING = re.compile(rf"«(?:{_SPACES}|\n)*")
# A number stays on the line of its unit: « 9 h 30 », « 3 h », « 45 min », « 12,5 % ».
_UNIT = re.compile(r"(?<=\d) (?=(?:h|min|%|€)(?![^\W\d_]))")
_MINUTES = re.compile(r"(?<=\d\u00a0h) (?=\d)")
_CLOSING = re.compile(rf"(?:{_SPACES}|\n)*»")


def spacing(text: str) -> str:
    """The text with French no-break spaces before : ; ! ? and inside « », and between a number and its unit (« 9 h 30 »): no line starts with a colon or a closing », no « h » leaves its number.

    Applied to prose only: callers keep code, URLs and attributes away from it
    (a colon right after a letter gets its space too, as in « Objet: » → « Objet : »;
    one inside a word or followed by a character, as in « 9:30 » or « https: », is left).
    """
    text = _COLON.sub(NO_BREAK + ":", text)
    text = _HIGH_MARKS.sub(lambda match: NARROW_NO_BREAK + match.group(1), text)
    text = _OPENING.sub("«" + NARROW_NO_BREAK, text)
    text = _MINUTES.sub(NO_BREAK, _UNIT.sub(NO_BREAK, text))
    return _CLOSING.sub(NARROW_NO_BREAK + "»", text)
