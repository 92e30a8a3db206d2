"""Small inline SVG charts (no JavaScript): each has a title for screen readers, and every
chart on a page sits beside a table of the same numbers."""

from __future__ import annotations

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


def bars(title: str, items: list[tuple[str, float]], width: int = 480) -> SafeString:
    """Horizontal bars, one per (label, value)."""
    row, label_width = 26, 180
    height = row * max(len(items), 1) + 8
    top = max((value for _label, value in items), default=0) or 1
    parts = []
    for index, (label, value) in enumerate(items):
        y = 4 + index * row
        length = (width - label_width - 60) * (value / top)
        parts.append(
            format_html(
                '<text x="0" y="{}" font-size="13">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="16" fill="currentColor" opacity=".75"/>'
                '<text x="{}" y="{}" font-size="13">{}</text>',
                y + 13,
                label[:28],
                label_width,
                y + 2,
                f"{length:.1f}",
                label_width + length + 6,
                y + 13,
                _number(value),
            )
        )
    return _svg(title, width, height, "".join(parts))


def line(title: str, points: list[tuple[str, float]], width: int = 480) -> SafeString:
    """A line through (label, value) points, labels under the axis."""
    height, pad = 180, 30
    if not points:
        return _svg(title, width, 40, format_html('<text x="0" y="20">{}</text>', "–"))
    top = max(value for _label, value in points) or 1
    step = (width - 2 * pad) / max(len(points) - 1, 1)
    coords = [
        (pad + index * step, height - pad - (height - 2 * pad) * (value / top))
        for index, (_label, value) in enumerate(points)
    ]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    marks = "".join(
        format_html(
            '<circle cx="{}" cy="{}" r="3" fill="currentColor"/>'
            '<text x="{}" y="{}" font-size="11" text-anchor="middle">{}</text>'
            '<text x="{}" y="{}" font-size="11" text-anchor="middle">{}</text>',
            f"{x:.1f}",
            f"{y:.1f}",
            f"{x:.1f}",
            height - 8,
            label,
            f"{x:.1f}",
            f"{y - 8:.1f}",
            _number(value),
        )
        for (x, y), (label, value) in zip(coords, points, strict=True)
    )
    body = format_html(
        '<polyline points="{}" fill="none" stroke="currentColor" stroke-width="2"/>', path
    )
    return _svg(title, width, height, body + marks)


def _svg(title: str, width: int, height: int, body: str) -> SafeString:
    return mark_safe(  # noqa: S308 (every part above is escaped by format_html)
        f'<svg role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'style="max-width:{width}px" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>{body}</svg>"
    )


def _number(value: float) -> str:
    if value is None:
        return "–"
    if float(value).is_integer():
        return f"{value:,.0f}".replace(",", ".")
    return f"{value:.1f}".replace(".", ",")
