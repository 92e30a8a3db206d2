from django import template

from modules import gate

register = template.Library()


@register.simple_tag
def module_enabled(key: str) -> bool:
    """`{% module_enabled "laksa" as laksa_on %}`: the gate, for templates."""
    return gate.is_enabled(key)
