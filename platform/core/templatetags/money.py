from django import template

from core import money

register = template.Library()


@register.filter
def rupiah(value):
    return money.rupiah(value)
