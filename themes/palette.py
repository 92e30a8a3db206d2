"""A site's colours under its theme, and the pairs among them that fail the theme's minimum."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from themes.contrast import contrast_ratio, nearest_passing_shade, shown_ratio
from themes.registry import BRAND_ROLES, ColourPair, Theme

# The Branding field that holds each colour a region chooses.
ROLE_FIELDS = {
    "primary": "primary_colour",
    "secondary": "secondary_colour",
    "accent": "accent_colour",
}


def css_variables(palette: dict[str, str]) -> str:
    """`:root{--primary:#0b4f8a;...}`. Every value is a checked #rrggbb (Theme.palette)."""
    return ":root{" + "".join(f"--{role}:{colour};" for role, colour in palette.items()) + "}"


@dataclass(frozen=True)
class ContrastProblem:
    pair: ColourPair
    role: str  # the brand colour to change
    ratio: float
    required: float
    suggestion: str | None

    @property
    def field(self) -> str:
        return ROLE_FIELDS[self.role]

    def message(self, theme: Theme, palette: dict[str, str]) -> str:
        text = _(
            "Kontras %(pair)s hanya %(ratio)s:1 (%(fg)s di atas %(bg)s); tema %(theme)s "
            "memerlukan minimal %(required)s:1."
        ) % {
            "pair": self.pair.label,
            "ratio": ratio_text(shown_ratio(self.ratio, self.required)),
            "fg": palette[self.pair.fg],
            "bg": palette[self.pair.bg],
            "theme": theme.name,
            "required": minimum_text(self.required),
        }
        if self.suggestion is None:
            return text + " " + _("Tidak ada warna sejenis yang cukup kontras; pilih warna lain.")
        other = self.pair.bg if self.pair.fg == self.role else self.pair.fg
        return (
            text
            + " "
            + _("Saran: %(suggestion)s (%(ratio)s:1).")
            % {
                "suggestion": self.suggestion,
                "ratio": ratio_text(
                    shown_ratio(contrast_ratio(self.suggestion, palette[other]), self.required)
                ),
            }
        )


def ratio_text(ratio: float) -> str:
    """A measured ratio with two decimals, in the reader's format: 4,48."""
    return number_format(ratio, decimal_pos=2)


def minimum_text(ratio: float) -> str:
    """A required minimum as people write it: 4,5 or 7."""
    return number_format(ratio, decimal_pos=0 if ratio == int(ratio) else 1)


def contrast_problems(theme: Theme, palette: dict[str, str]) -> list[ContrastProblem]:
    """Every declared pair below the theme's minimum, blamed on a brand colour in it, with
    the nearest shade of that colour that passes all of its pairs."""
    problems = []
    for pair in theme.pairs:
        ratio = contrast_ratio(palette[pair.fg], palette[pair.bg])
        if ratio >= theme.min_ratio:
            continue
        role = next((r for r in pair.roles if r in BRAND_ROLES), None)
        if role is None:  # two fixed colours: the theme's own bug (a test guards it)
            continue
        problems.append(
            ContrastProblem(pair, role, ratio, theme.min_ratio, _suggest(theme, palette, role))
        )
    return problems


def _suggest(theme: Theme, palette: dict[str, str], role: str) -> str | None:
    against = [
        (palette[pair.bg if pair.fg == role else pair.fg], theme.min_ratio)
        for pair in theme.pairs
        if role in pair.roles
    ]
    return nearest_passing_shade(palette[role], against)
