"""Colours of the programme's site: WCAG 2.x relative luminance and contrast ratio (pure functions).

A pair of colours whose contrast ratio is under ``AA_NORMAL_TEXT`` (4.5:1)
fails WCAG 2.x level AA for normal text (success criterion 1.4.3): ACIA207
reports it, and the site never uses such a pair.
"""

from __future__ import annotations

import re

AA_NORMAL_TEXT = 4.5
PAGE_BACKGROUND = "#ffffff"  # the theme's page, on which links take the main colour and the accent
HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")


def rgb(colour: str) -> tuple[int, int, int]:
    """The red, green and blue of « #1d4f91 » or « #fff » (0 to 255 each); ValueError on anything else."""
    if not HEX_COLOUR.fullmatch(colour):
        raise ValueError(f"not a hexadecimal colour: {colour!r}")
    digits = colour[1:]
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance: 0 for black, 1 for white."""
    red, green, blue = (_linear(channel) for channel in rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.x contrast ratio of two colours, from 1 (same luminance) to 21 (black on white), in either order."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def passes_aa(first: str, second: str) -> bool:
    return contrast_ratio(first, second) >= AA_NORMAL_TEXT


def mix(colour: str, other: str, share: float) -> str:
    """``colour`` with ``share`` (0 to 1) of ``other`` mixed in, as « #rrggbb » (lighter and darker shades of the main colour)."""
    mixed = (round(a + (b - a) * share) for a, b in zip(rgb(colour), rgb(other), strict=True))
    return "#" + "".join(f"{value:02x}" for value in mixed)
