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


@pytest.mark.parametrize(
    ("name", "article", "of", "to", "the"),
    [
        # a common noun or an acronym of an établissement: its gender, elided before a vowel
        ("Association U Ponte (fictive)", "l'", "de l'Association U Ponte (fictive)", "à l'Association U Ponte (fictive)", "l'Association U Ponte (fictive)"),
        ("Fondation U Sole (fictive)", "la", "de la Fondation U Sole (fictive)", "à la Fondation U Sole (fictive)", "la Fondation U Sole (fictive)"),
        ("Mutuelle de Corse", "la", "de la Mutuelle de Corse", "à la Mutuelle de Corse", "la Mutuelle de Corse"),
        ("Clinique Saint-Bernard", "la", "de la Clinique Saint-Bernard", "à la Clinique Saint-Bernard", "la Clinique Saint-Bernard"),
        ("CHRS U Ponte (fictif)", "le", "du CHRS U Ponte (fictif)", "au CHRS U Ponte (fictif)", "le CHRS U Ponte (fictif)"),
        ("SSIAD du Sartenais", "le", "du SSIAD du Sartenais", "au SSIAD du Sartenais", "le SSIAD du Sartenais"),
        ("CH des Coteaux de l'Essonne", "le", "du CH des Coteaux de l'Essonne", "au CH des Coteaux de l'Essonne", "le CH des Coteaux de l'Essonne"),
        ("Centre hospitalier de Bastia", "le", "du Centre hospitalier de Bastia", "au Centre hospitalier de Bastia", "le Centre hospitalier de Bastia"),
        ("Groupement hospitalier Sud", "le", "du Groupement hospitalier Sud", "au Groupement hospitalier Sud", "le Groupement hospitalier Sud"),
        ("EHPAD Résidence U Sole", "l'", "de l'EHPAD Résidence U Sole", "à l'EHPAD Résidence U Sole", "l'EHPAD Résidence U Sole"),
        ("IME Lisula (fictif)", "l'", "de l'IME Lisula (fictif)", "à l'IME Lisula (fictif)", "l'IME Lisula (fictif)"),
        ("ESAT Lisula", "l'", "de l'ESAT Lisula", "à l'ESAT Lisula", "l'ESAT Lisula"),
        ("Institut médico-éducatif", "l'", "de l'Institut médico-éducatif", "à l'Institut médico-éducatif", "l'Institut médico-éducatif"),
        ("Hôpital de Corte", "l'", "de l'Hôpital de Corte", "à l'Hôpital de Corte", "l'Hôpital de Corte"),
        ("MECS A Casa (fictive)", "la", "de la MECS A Casa (fictive)", "à la MECS A Casa (fictive)", "la MECS A Casa (fictive)"),
        ("Foyer de l'enfance Ornano", "le", "du Foyer de l'enfance Ornano", "au Foyer de l'enfance Ornano", "le Foyer de l'enfance Ornano"),
        ("Hospices civils de Lyon", "les", "des Hospices civils de Lyon", "aux Hospices civils de Lyon", "les Hospices civils de Lyon"),
        # a proper name: no article, « d' » before a vowel
        ("A Casa di i Zitelli", "", "d'A Casa di i Zitelli", "à A Casa di i Zitelli", "A Casa di i Zitelli"),
        ("U Ponte", "", "d'U Ponte", "à U Ponte", "U Ponte"),
        ("Lisula", "", "de Lisula", "à Lisula", "Lisula"),
        ("Orsay Santé", "", "d'Orsay Santé", "à Orsay Santé", "Orsay Santé"),
        # a name with its own article contracts it
        ("Les Tilleuls", "", "des Tilleuls", "aux Tilleuls", "les Tilleuls"),
        ("Le Refuge", "", "du Refuge", "au Refuge", "le Refuge"),
        ("La Source", "", "de la Source", "à la Source", "la Source"),
        ("L'Envol", "", "de l'Envol", "à l'Envol", "l'Envol"),
    ],
)
def test_an_organisation_s_article_is_read_from_its_name(name, article, of, to, the):
    """The article a raison sociale takes when the data gives none, and what « de », « à » and « le » make of it."""
    assert french.article(name) == article
    assert (french.of(name, article), french.to(name, article), french.the(name, article)) == (of, to, the)


@pytest.mark.parametrize(
    ("name", "typed", "expected"),
    [("EHPAD Les Oliviers", "le", "de l'EHPAD Les Oliviers"), ("Agence X", "la", "de l'Agence X"), ("Haute Autorité de santé", "la", "de la Haute Autorité de santé")],
)
def test_a_typed_article_is_elided_before_a_vowel_but_not_an_aspirated_h(name, typed, expected):
    assert french.of(name, typed) == expected


@pytest.mark.parametrize(
    ("civility", "function", "salutation"),
    [
        ("Madame", "Présidente", "Madame la Présidente"),
        ("Monsieur", "directeur général", "Monsieur le Directeur général"),
        ("Madame", "", "Madame"),
        ("", "Président", "Madame, Monsieur"),
    ],
)
def test_salutation_and_closing(civility, function, salutation):
    assert french.salutation(civility, function) == salutation
    assert french.closing(salutation) == f"Je vous prie d'agréer, {salutation}, l'expression de mes salutations distinguées."
    assert french.closing(salutation, several=True) == f"Nous vous prions d'agréer, {salutation}, l'expression de nos salutations distinguées."


def test_place_date_and_quotes():
    assert french.place_and_date("Ajaccio", date(2023, 7, 11)) == "Ajaccio, le 11 juillet 2023"
    assert french.place_and_date("", date(2023, 7, 1)) == "Le 1er juillet 2023"
    assert french.done_at("Ajaccio", date(2023, 7, 11)) == "Fait à Ajaccio, le 11 juillet 2023"
    assert french.done_at("", date(2023, 7, 11)) == "Fait le 11 juillet 2023"
    assert french.quote("Action collective « Numérique et QVT »") == "« Action collective “Numérique et QVT” »"
    assert french.quote("ACIA — Corse 2023") == "« ACIA — Corse 2023 »"
