"""`brand` (the site's look) and `theme_base` (its theme's base template) for templates.

Both are lazy: admin pages, which never extend base.html, cost no query."""

from __future__ import annotations

from django.template.loader import get_template
from django.utils.functional import SimpleLazyObject, cached_property

from themes.selectors import look_for_request


class ThemeBase:
    """What `{% extends theme_base %}` in base.html extends: the theme's base template,
    looked up only when a page is actually rendered."""

    def __init__(self, look):
        self._look = look

    def __bool__(self):
        return True

    def __str__(self):
        return self._look.theme.base_template

    @cached_property
    def template(self):
        return get_template(str(self)).template


def theme(request):
    look = SimpleLazyObject(lambda: look_for_request(request))
    return {"brand": look, "theme_base": ThemeBase(look)}
