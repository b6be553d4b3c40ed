"""Phone numbers, read with Google's numbering plans (``phonenumbers``) for any region.

A number written with its country code (« +262 262 12 34 56 », « 0033 4 95
12 34 56 ») is valid anywhere; one written without it (« 04 95 12 34 56 »,
« 0692 12 34 56 ») is read in the programme's region (``region_telephone`` in
data/programme.yml, « FR » by default). Metropolitan France and the overseas
departments and communities that share its trunk prefix « 0 » call each other
with national numbers: in any of them, a national number of another one is
valid too (« 04 95 12 34 56 » in a Réunion programme, « 0262 12 34 56 » in a
Corsican one). A number of the right length in a range the plan has not
allocated is accepted too: the shape is checked, not whether the line exists.
"""

from __future__ import annotations

import re

import phonenumbers

DEFAULT_REGION = "FR"
# France and the overseas territories that dial each other's numbers as national numbers (trunk prefix « 0 »).
FRENCH_PLAN = ("FR", "RE", "YT", "GP", "BL", "MF", "MQ", "GF", "PM")
# What a phone number may be written with: digits, spaces, « + », dots, dashes, slashes, brackets.
_SHAPE = re.compile(r"[0-9\s+.()/\-]+")


def parse(text: str, region: str = DEFAULT_REGION) -> phonenumbers.PhoneNumber | None:
    """The valid number ``text`` stands for, read in ``region`` when it has no country code; None otherwise."""
    text = text.strip().replace("(0)", "")
    if not _SHAPE.fullmatch(text) or sum(character.isdigit() for character in text) < 4:
        return None
    regions = [region]
    if region in FRENCH_PLAN and not text.startswith(("+", "00")):
        regions += [other for other in FRENCH_PLAN if other != region]
    # Read in the programme's region first, in the others only when that reading is not valid:
    # nearly every number is read once.
    readings = []
    for candidate_region in regions:
        try:
            reading = phonenumbers.parse(text, candidate_region)
        except phonenumbers.NumberParseException:
            return None
        if phonenumbers.is_valid_number(reading):
            return reading
        readings.append(reading)
    # The right length for the plan, in a range not (yet) allocated (« 06 39 98 30 03 »): the shape is right,
    # and whether the line exists is not ours to say.
    possible = phonenumbers.is_possible_number_with_reason(readings[0]) == phonenumbers.ValidationResult.IS_POSSIBLE
    return readings[0] if possible else None


def is_valid(text: str, region: str = DEFAULT_REGION) -> bool:
    return parse(text, region) is not None


def national_digits(text: str, region: str = DEFAULT_REGION) -> str | None:
    """The digits after the country code and trunk prefix (« 262123456 » for « +262 262 12 34 56 » and « 0262 12 34 56 »)."""
    number = parse(text, region)
    if number is None:
        return None
    return phonenumbers.national_significant_number(number)


def examples(region: str = DEFAULT_REGION) -> tuple[str, str]:
    """A landline number of the region, written the national way and with its country code (« 0262 16 12 34 », « +262 262 16 12 34 »)."""
    number = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.FIXED_LINE) or phonenumbers.example_number_for_type(DEFAULT_REGION, phonenumbers.PhoneNumberType.FIXED_LINE)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL), phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def is_region(code: str) -> bool:
    """True for a region code the numbering plans know (« FR », « RE », « GP »…)."""
    return code in phonenumbers.SUPPORTED_REGIONS
