"""The themes a site can use. Each folder of themes/ with a theme.py declares one THEME.

A theme is a set of templates (themes/<key>/templates/themes/<key>/) and one stylesheet
(themes/static/themes/<key>/theme.css) that takes every colour from the CSS custom
properties the site's branding sets. A theme declares the colours it uses (`fixed` ones of
its own, and the three a region brands) and every pair of them it puts text on, so a
branding whose pairs fail the theme's contrast minimum can be refused before it is shown.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from django.utils.functional import Promise

from themes.contrast import AA_NORMAL_TEXT

THEMES_DIR = Path(__file__).resolve().parent
DEFAULT_THEME = "default"
# The colours a region chooses; a theme gives each a default.
BRAND_ROLES = ("primary", "secondary", "accent")


@dataclass(frozen=True)
class ColourPair:
    """Text (or a link, or an icon) in colour `fg` on a background of colour `bg`."""

    fg: str
    bg: str
    label: str | Promise

    @property
    def roles(self) -> tuple[str, str]:
        return (self.fg, self.bg)


@dataclass(frozen=True)
class Theme:
    key: str
    name: str | Promise
    description: str | Promise
    defaults: dict[str, str]  # primary, secondary, accent
    fixed: dict[str, str]  # background, text, on-primary, ...: not brandable
    pairs: tuple[ColourPair, ...]
    min_ratio: float = AA_NORMAL_TEXT

    @property
    def base_template(self) -> str:
        return f"themes/{self.key}/base.html"

    @property
    def hero_template(self) -> str:
        return f"themes/{self.key}/hero.html"

    @property
    def stylesheet(self) -> str:
        return f"themes/{self.key}/theme.css"

    def palette(self, chosen: dict[str, str] | None = None) -> dict[str, str]:
        """Every colour the theme uses: the chosen brand colours where given (and valid),
        the theme's defaults otherwise, and its fixed colours."""
        from themes.contrast import is_hex_colour

        chosen = chosen or {}
        brand = {
            role: chosen[role] if is_hex_colour(chosen.get(role) or "") else self.defaults[role]
            for role in BRAND_ROLES
        }
        return {**self.fixed, **brand}


_themes: dict[str, Theme] = {}


def discover() -> None:
    """Collect THEME from every themes/<key>/theme.py (called once, when apps are ready)."""
    found = {}
    for folder in sorted(THEMES_DIR.iterdir()):
        if (folder / "theme.py").is_file():
            theme = importlib.import_module(f"themes.{folder.name}.theme").THEME
            if theme.key != folder.name:
                raise ValueError(f"themes/{folder.name}/theme.py declares key {theme.key!r}")
            found[theme.key] = theme
    _themes.clear()
    _themes.update(found)


def all_themes() -> list[Theme]:
    return list(_themes.values())


def get_theme(key: str | None) -> Theme:
    """The theme of that key, or the default theme for an unknown or empty key."""
    return _themes.get(key or "") or _themes[DEFAULT_THEME]


def theme_choices() -> list[tuple[str, str]]:
    return [(theme.key, theme.name) for theme in _themes.values()]
