"""WCAG contrast math, and every theme's own colours against its own minimum."""

from __future__ import annotations

import colorsys
import re
from pathlib import Path

import pytest

from themes.contrast import contrast_ratio, nearest_passing_shade, shown_ratio
from themes.palette import contrast_problems, css_variables
from themes.registry import BRAND_ROLES, all_themes, get_theme

THEMES = all_themes()
THEME_IDS = [theme.key for theme in THEMES]
STATIC = Path(__file__).resolve().parents[2] / "themes" / "static"


@pytest.mark.parametrize(
    ("fg", "bg", "expected"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        ("#777777", "#ffffff", 4.48),
        ("#767676", "#ffffff", 4.54),
        ("#0000ff", "#ffffff", 8.59),
        ("#ff0000", "#ffffff", 4.0),
    ],
)
def test_contrast_ratio_of_known_pairs(fg, bg, expected):
    assert contrast_ratio(fg, bg) == pytest.approx(expected, abs=0.005)
    assert contrast_ratio(bg, fg) == contrast_ratio(fg, bg)


def test_grey_777_on_white_fails_aa_and_is_never_shown_as_passing():
    ratio = contrast_ratio("#777777", "#ffffff")

    assert ratio < 4.5
    assert shown_ratio(ratio, 4.5) == 4.48
    assert shown_ratio(4.499, 4.5) == 4.49  # rounding would have shown 4.50


def test_a_colour_that_is_not_rrggbb_is_not_measured():
    for value in ("red", "#fff", "#0b4f8a;", "url(x)"):
        with pytest.raises(ValueError):
            contrast_ratio(value, "#ffffff")


@pytest.mark.parametrize("theme", THEMES, ids=THEME_IDS)
def test_every_declared_pair_passes_with_the_themes_default_colours(theme):
    palette = theme.palette()

    for pair in theme.pairs:
        ratio = contrast_ratio(palette[pair.fg], palette[pair.bg])
        assert ratio >= theme.min_ratio, (pair.label, ratio)
    assert contrast_problems(theme, palette) == []


def test_the_high_contrast_theme_requires_aaa():
    assert get_theme("kontras").min_ratio == 7.0
    assert get_theme("default").min_ratio == 4.5
    assert get_theme("pesisir").min_ratio == 4.5


@pytest.mark.parametrize("theme", THEMES, ids=THEME_IDS)
def test_every_brand_colour_is_checked_in_at_least_one_pair(theme):
    checked = {role for pair in theme.pairs for role in pair.roles}

    assert set(BRAND_ROLES) <= checked
    assert checked <= set(theme.palette())


@pytest.mark.parametrize("theme", THEMES, ids=THEME_IDS)
def test_the_stylesheet_takes_every_colour_from_the_palette(theme):
    """No literal colour in a theme's CSS: what is not a checked custom property cannot be
    verified for contrast."""
    css = (STATIC / theme.stylesheet).read_text()
    used = set(re.findall(r"var\(--([a-z-]+)\)", css))

    assert not re.findall(r"#[0-9a-fA-F]{3,8}\b|rgba?\(|hsla?\(", css)
    assert not re.findall(r"(?<![-\w])(?:white|black|red|blue|gray|grey)(?![-\w])", css)
    assert used <= set(theme.palette()), used - set(theme.palette())
    assert {"primary", "secondary", "accent", "text", "background"} <= used


def test_css_variables_are_the_palette_as_custom_properties():
    palette = get_theme("default").palette({"primary": "#123456"})

    css = css_variables(palette)

    assert css.startswith(":root{") and css.endswith("}")
    assert "--primary:#123456;" in css
    assert "--on-primary:#ffffff;" in css


def test_an_invalid_chosen_colour_falls_back_to_the_theme_default():
    theme = get_theme("default")

    palette = theme.palette({"primary": "red;}body{display:none", "accent": "#ABCDEF"})

    assert palette["primary"] == theme.defaults["primary"]
    assert palette["accent"] == theme.defaults["accent"]  # upper case is not stored form


def test_an_unknown_theme_key_gives_the_default_theme():
    assert get_theme("tidak-ada").key == "default"
    assert get_theme("").key == "default"


@pytest.mark.parametrize(
    ("theme_key", "role", "colour"),
    [
        ("default", "primary", "#ffeb3b"),
        ("default", "primary", "#777777"),
        ("default", "accent", "#1f2933"),
        ("default", "secondary", "#9ec5fe"),
        ("pesisir", "primary", "#40c4cf"),
        ("pesisir", "accent", "#0f2f3a"),
        ("kontras", "primary", "#1c6fd1"),
        ("kontras", "accent", "#9a7b00"),
    ],
)
def test_a_failing_colour_gets_a_suggestion_of_the_same_hue_that_passes(theme_key, role, colour):
    theme = get_theme(theme_key)
    palette = theme.palette({role: colour})

    problems = [p for p in contrast_problems(theme, palette) if p.role == role]

    assert problems
    suggestion = problems[0].suggestion
    assert suggestion is not None
    fixed = theme.palette({role: suggestion})
    assert [p for p in contrast_problems(theme, fixed) if p.role == role] == []
    if len({colour[1:3], colour[3:5], colour[5:7]}) > 1:  # not a grey: same hue kept
        hue = colorsys.rgb_to_hls(*(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)))[0]
        new = colorsys.rgb_to_hls(*(int(suggestion[i : i + 2], 16) / 255 for i in (1, 3, 5)))[0]
        assert abs(hue - new) < 0.02


def test_the_suggestion_is_the_nearest_passing_shade():
    # #777777 fails on white by a hair: the nearest passing grey is one step darker.
    assert nearest_passing_shade("#777777", [("#ffffff", 4.5)]) == "#767676"


def test_no_suggestion_when_no_shade_can_pass():
    # Mid grey cannot reach 7:1 against both black and white.
    assert nearest_passing_shade("#808080", [("#ffffff", 7.0), ("#000000", 7.0)]) is None
