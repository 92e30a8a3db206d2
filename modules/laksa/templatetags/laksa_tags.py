from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def percent(value) -> str:
    """`12.345|percent` → `12,3%`."""
    if value is None:
        return "–"
    return f"{value:.1f}".replace(".", ",") + "%"


@register.filter
def duration(hours) -> str:
    """Hours as people say them: `5,5 jam`, `3,2 hari`."""
    if hours is None:
        return "–"
    if hours < 24:
        return _("%(n)s jam") % {"n": f"{hours:.1f}".replace(".", ",")}
    return _("%(n)s hari") % {"n": f"{hours / 24:.1f}".replace(".", ",")}


@register.filter
def one_decimal(value) -> str:
    return "–" if value is None else f"{value:.1f}".replace(".", ",")
