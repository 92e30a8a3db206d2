from django import template
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu_pages(context) -> list:
    """The home page's live children marked 'show in menus' (editors choose them)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return []
    return list(
        site.root_page.get_children().live().in_menu().only("title", "url_path", "depth", "path")
    )
