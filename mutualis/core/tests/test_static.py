"""The shared stylesheet keeps what it promises."""

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parents[1] / "static" / "core" / "mutualis.css").read_text()
# Pico's page backgrounds, light and dark.
WHITE, PICO_DARK = "#ffffff", "#13171f"


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def focus_colours() -> list[str]:
    return re.findall(r"--mutualis-focus:\s*(#[0-9a-fA-F]{6})", CSS)


def test_the_focus_ring_is_set_for_the_light_and_the_dark_theme():
    assert len(focus_colours()) == 2
    assert ":focus-visible { outline: 3px solid var(--mutualis-focus)" in CSS


@pytest.mark.parametrize(("index", "page"), [(0, WHITE), (1, PICO_DARK)])
def test_the_focus_ring_has_at_least_3_to_1_contrast_with_the_page(index, page):
    assert contrast(focus_colours()[index], page) >= 3


def test_the_contrast_formula_is_wcag_s():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
