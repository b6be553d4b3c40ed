"""French formatting: the one module every page, letter and message asks."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, time, timedelta
from fractions import Fraction

import pytest

from acia import french


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [(22.5, None, "22,5"), (3.0, None, "3"), (2, 2, "2,00"), (Fraction(5, 3), 2, "1,67"), (0.1, 1, "0,1")],
)
def test_number_has_a_decimal_comma(value, places, expected):
    assert french.number(value, places) == expected


def test_hours_and_sizes():
    assert french.hours(22.5) == "22,5 h"
    assert french.hours(3) == "3 h"
    assert french.megabytes(5 * 1024 * 1024) == "5,0 Mo"


@pytest.mark.parametrize(("count", "expected"), [(0, "0 candidature"), (1, "1 candidature"), (3, "3 candidatures")])
def test_plural_is_singular_up_to_one(count, expected):
    assert french.plural(count, "candidature") == expected


def test_plural_forms_and_agreement():
    assert french.plural(2, "organisme gestionnaire", "organismes gestionnaires") == "2 organismes gestionnaires"
    assert french.agree(1, "reçue") == "reçue" and french.agree(4, "reçue") == "reçues"
    assert french.agree(2, "bloque", "bloquent") == "bloquent"


def test_dates():
    assert french.short_date(date(2023, 6, 3)) == "03/06/2023"
    assert french.long_date(date(2023, 7, 1)) == "1er juillet 2023"
    assert french.long_date(date(2023, 6, 30)) == "30 juin 2023"
    assert french.month(date(2023, 8, 15)) == "août 2023"


@pytest.mark.parametrize(("moment", "expected"), [(time(14, 5), "14 h 05"), (time(9, 0), "9 h"), (time(23, 59), "23 h 59")])
def test_clock_writes_the_time_of_day_in_a_sentence(moment, expected):
    assert french.clock(moment) == expected


def test_date_and_time_together():
    moment = datetime(2023, 6, 19, 14, 5)
    assert french.long_datetime(moment) == "19 juin 2023 à 14 h 05"
    assert french.short_datetime(moment) == "19/06/2023 à 14 h 05"


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("Europe/Paris", "heure de Paris"),
        ("Indian/Reunion", "heure de La Réunion"),
        ("Indian/Mayotte", "heure de Mayotte"),
        ("America/Guadeloupe", "heure de la Guadeloupe"),
        ("America/Martinique", "heure de la Martinique"),
        ("America/Cayenne", "heure de la Guyane"),
        ("Pacific/Noumea", "heure de la Nouvelle-Calédonie"),
        ("Pacific/Tahiti", "heure de Tahiti"),
        ("UTC", "temps universel (UTC)"),
        ("America/Port_of_Spain", "heure locale (America/Port_of_Spain)"),
        ("Asia/Tokyo", "heure locale (Asia/Tokyo)"),
    ],
)
def test_zone(key, expected):
    assert french.zone(key) == expected


def test_every_named_zone_exists():
    """The table names real IANA zones only (a typo would never be used)."""
    from acia.french import _ZONES

    assert set(_ZONES) <= zoneinfo.available_timezones()


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (timedelta(days=2, hours=9, minutes=3), "2 jours et 9 h"),
        (timedelta(hours=3, minutes=5), "3 h et 5 min"),
        (timedelta(days=1), "1 jour"),
        (timedelta(seconds=30), "moins d'une minute"),
    ],
)
def test_duration(delta, expected):
    assert french.duration(delta) == expected


@pytest.mark.parametrize(
    ("name", "article", "expected"),
    [
        ("CHRS U Ponte", "le", "du CHRS U Ponte"),
        ("Fondation Castagniccia", "la", "de la Fondation Castagniccia"),
        ("Aract", "l'", "de l'Aract"),
        ("Hôpitaux de Bastia", "les", "des Hôpitaux de Bastia"),
        ("Association Lisula", "l'", "de l'Association Lisula"),
        ("Ajaccio", "", "d'Ajaccio"),
        ("Orsay", "", "d'Orsay"),
        ("Santé Domicile Pumonte", "", "de Santé Domicile Pumonte"),
    ],
)
def test_of_contracts_de_with_the_names_article(name, article, expected):
    assert french.of(name, article) == expected


@pytest.mark.parametrize(
    ("name", "article", "the", "to"),
    [
        ("ARS", "l'", "l'ARS", "à l'ARS"),
        ("GRADeS", "le", "le GRADeS", "au GRADeS"),
        ("DGOS", "la", "la DGOS", "à la DGOS"),
        ("Hôpitaux de Bastia", "les", "les Hôpitaux de Bastia", "aux Hôpitaux de Bastia"),
        ("Lisula", "", "Lisula", "à Lisula"),
    ],
)
def test_the_and_to_use_the_names_article(name, article, the, to):
    assert french.the(name, article) == the
    assert french.to(name, article) == to


@pytest.mark.parametrize(("count", "expected"), [(1, "1 mois"), (6, "6 mois"), (12, "1 an"), (18, "18 mois"), (24, "2 ans")])
def test_months_reads_as_a_period(count, expected):
    assert french.months(count) == expected
