from django import template
from django.urls import reverse
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


@register.simple_tag(takes_context=True)
def photo_url(context, photo) -> str:
    """The checked address of a photo of the page's report: the public page's, the
    tracking page's (by its code) or the staff page's, as the view set `photo_access`."""
    report = context["report"]
    access = context.get("photo_access", "public")
    if access == "track":
        return reverse("module-laksa:track_photo", args=[report.tracking_code, photo.pk])
    if access == "staff":
        return reverse("module-laksa-admin:photo", args=[report.pk, photo.pk])
    return reverse("module-laksa:photo", args=[report.pk, photo.pk])
