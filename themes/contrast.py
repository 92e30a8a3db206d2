"""WCAG 2.x contrast: relative luminance, the contrast ratio, and the nearest passing shade.

https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio
"""

from __future__ import annotations

import colorsys
import math
import re

HEX_COLOUR = re.compile(r"#[0-9a-f]{6}")
AA_NORMAL_TEXT = 4.5
AAA_NORMAL_TEXT = 7.0


def is_hex_colour(value: str) -> bool:
    return isinstance(value, str) and HEX_COLOUR.fullmatch(value) is not None


def _rgb(colour: str) -> tuple[float, float, float]:
    if not is_hex_colour(colour):
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    return tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02x}" for c in rgb)


def relative_luminance(colour: str) -> float:
    def linear(channel: float) -> float:
        if channel <= 0.04045:
            return channel / 12.92
        return ((channel + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """From 1 (same colour) to 21 (black on white); the order does not matter."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def shown_ratio(ratio: float, required: float) -> float:
    """The ratio with two decimals, never rounded up to a pass it did not reach."""
    rounded = round(ratio, 2)
    if ratio < required <= rounded:
        return math.floor(ratio * 100) / 100
    return rounded


def nearest_passing_shade(colour: str, against: list[tuple[str, float]]) -> str | None:
    """The shade of `colour` (same hue and saturation, lightness changed as little as
    possible) whose contrast with every (other colour, required ratio) in `against` passes.
    None when no shade of that hue can pass them all."""
    hue, lightness, saturation = colorsys.rgb_to_hls(*_rgb(colour))
    candidates = []
    for step in range(1, 201):
        for direction in (-1, 1):  # darker first when both are as near
            shade_lightness = lightness + direction * step / 200
            if 0 <= shade_lightness <= 1:
                candidates.append(_hex(colorsys.hls_to_rgb(hue, shade_lightness, saturation)))
    for shade in candidates:
        if all(contrast_ratio(shade, other) >= required for other, required in against):
            return shade
    return None
