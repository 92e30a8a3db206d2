"""Wagtail page types of the region sites and of the platform's own site."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """Beranda: the front page of a region's site, or of the platform's."""

    intro = RichTextField(_("pengantar"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("beranda")
        verbose_name_plural = _("beranda")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "region", None) is not None:
            from modules.tiles import service_tiles

            context["service_tiles"] = service_tiles()
        else:
            from tenants.selectors import partner_directory

            context["partner_regions"] = partner_directory()
        return context
