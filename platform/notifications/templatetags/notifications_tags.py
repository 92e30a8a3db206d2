"""`{% load notifications_tags %}{% notice_badge %}`: a header link to the signed-in person's
notices with their unread count; nothing for visitors or where the pages are not served."""

from __future__ import annotations

from django import template
from django.urls import NoReverseMatch, reverse

from notifications import selectors

register = template.Library()


@register.inclusion_tag("notifications/_badge.html", takes_context=True)
def notice_badge(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"url": None}
    try:
        url = reverse("notifications:list")
    except NoReverseMatch:
        return {"url": None}
    return {"url": url, "unread": selectors.unread_count(user)}
