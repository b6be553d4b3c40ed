"""WCAG 2.x contrast of the site's colours (acia.colours)."""

from __future__ import annotations

import pytest

from acia import colours


def test_luminance_of_black_white_and_a_grey():
    assert colours.relative_luminance("#000000") == 0
    assert colours.relative_luminance("#ffffff") == pytest.approx(1)
    assert colours.relative_luminance("#777777") == pytest.approx(0.1845, abs=1e-4)


def test_contrast_ratios_match_wcag_reference_values():
    assert colours.contrast_ratio("#000", "#fff") == pytest.approx(21)
    assert colours.contrast_ratio("#fff", "#000") == pytest.approx(21)
    assert colours.contrast_ratio("#1d4f91", "#1d4f91") == pytest.approx(1)
    # #767676 on white is the lightest grey that passes AA (4.54:1); #777777 fails (4.48:1).
    assert colours.contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert colours.passes_aa("#767676", "#ffffff")
    assert not colours.passes_aa("#777777", "#ffffff")
    assert colours.contrast_ratio("#0000ff", "#ffffff") == pytest.approx(8.59, abs=0.01)


def test_short_and_long_forms_are_the_same_colour_and_anything_else_is_refused():
    assert colours.rgb("#fA0") == colours.rgb("#ffaa00") == (255, 170, 0)
    for wrong in ("ffaa00", "#ffaa0", "#gggggg", "red"):
        with pytest.raises(ValueError):
            colours.rgb(wrong)


def test_mix_goes_towards_the_other_colour():
    assert colours.mix("#000000", "#ffffff", 0) == "#000000"
    assert colours.mix("#000000", "#ffffff", 1) == "#ffffff"
    assert colours.mix("#1d4f91", "#ffffff", 0.5) == "#8ea7c8"
