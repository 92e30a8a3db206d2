from django import template

from modules.prices import formatting

register = template.Library()


@register.filter
def rupiah(value):
    """`{{ 14500|rupiah }}` → `Rp 14.500`."""
    return formatting.rupiah(value)


@register.filter
def percent(value):
    return formatting.percent(value)
