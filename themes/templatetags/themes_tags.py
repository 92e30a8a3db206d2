from __future__ import annotations

import re
from functools import lru_cache

from django import template
from django.template.loader import get_template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()
ICON_NAME = re.compile(r"[a-z0-9-]{1,40}")
FALLBACK_ICON = "doc-full"


@lru_cache(maxsize=128)
def _icon_svg(name: str) -> str:
    """One of Wagtail's admin icons (modules name theirs), inline and hidden from screen
    readers: the tile's text says what it is."""
    if not ICON_NAME.fullmatch(name):
        name = FALLBACK_ICON
    try:
        svg = get_template(f"wagtailadmin/icons/{name}.svg").render({})
    except template.TemplateDoesNotExist:
        svg = get_template(f"wagtailadmin/icons/{FALLBACK_ICON}.svg").render({})
    svg = re.sub(r'\sid="[^"]*"', "", svg, count=1)
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    return svg.replace("<svg ", '<svg class="icon" aria-hidden="true" focusable="false" ', 1)


@register.simple_tag
def theme_icon(name: str):
    return mark_safe(_icon_svg(str(name or "")))  # noqa: S308 - our own files, name checked


@register.simple_tag
def theme_colour_swatch(colour: str):
    return format_html('<span class="swatch" style="background:{}"></span>', colour)
