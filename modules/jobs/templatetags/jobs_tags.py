from django import template

from modules.jobs import formatting

register = template.Library()


@register.filter
def rupiah(value):
    return formatting.rupiah(value)


@register.filter
def salary(vacancy):
    return formatting.salary_text(vacancy)
