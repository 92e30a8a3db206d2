"""Wagtail page types of the region sites and of the platform's own site."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from pages.blocks import BODY_BLOCKS

NEWS_PER_PAGE = 10


def _today():
    return timezone.localdate()


class HomePage(Page):
    """Beranda: the front page of a region's site, or of the platform's."""

    intro = RichTextField(_("pengantar"), blank=True)
    body = StreamField(BODY_BLOCKS, blank=True, verbose_name=_("isi"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
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
        context["latest_news"] = (
            NewsPage.objects.live()
            .descendant_of(self)
            .select_related("image")
            .order_by("-date", "-pk")[:3]
        )
        context["announcements"] = AnnouncementPage.objects.live().descendant_of(self).current()[:3]
        return context


class StandardPage(Page):
    """Profil, Kontak, a knowledge-base article: a page of blocks."""

    intro = models.TextField(_("ringkasan"), blank=True)
    body = StreamField(BODY_BLOCKS, blank=True, verbose_name=_("isi"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("halaman")
        verbose_name_plural = _("halaman")


class SectionIndexPage(Page):
    """A page listing its child pages (e.g. the platform's knowledge base)."""

    intro = models.TextField(_("ringkasan"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = _("daftar halaman")
        verbose_name_plural = _("daftar halaman")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.get_children().live().specific()
        return context


class NewsIndexPage(Page):
    """Berita: the region's news, newest first."""

    intro = models.TextField(_("ringkasan"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["pages.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("indeks berita")
        verbose_name_plural = _("indeks berita")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = (
            NewsPage.objects.live().child_of(self).select_related("image").order_by("-date", "-pk")
        )
        context["articles"] = Paginator(articles, NEWS_PER_PAGE).get_page(
            request.GET.get("halaman")
        )
        return context


class NewsPage(Page):
    date = models.DateField(_("tanggal"), default=_today)
    intro = models.TextField(_("ringkasan"), max_length=400)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("gambar utama"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(_("teks alternatif gambar"), max_length=200, blank=True)
    body = StreamField(BODY_BLOCKS, blank=True, verbose_name=_("isi"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("image_alt"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["pages.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("berita")
        verbose_name_plural = _("berita")


class AnnouncementQuerySet(PageQuerySet):
    def current(self):
        """Announcements still in force today (the region's date), newest first."""
        today = timezone.localdate()
        return self.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today)).order_by(
            "-date", "-pk"
        )


class AnnouncementIndexPage(Page):
    """Pengumuman: notices that matter until a date."""

    intro = models.TextField(_("ringkasan"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["pages.AnnouncementPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("indeks pengumuman")
        verbose_name_plural = _("indeks pengumuman")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["announcements"] = (
            AnnouncementPage.objects.live().child_of(self).order_by("-date", "-pk")
        )
        return context


class AnnouncementPage(Page):
    date = models.DateField(_("tanggal"), default=_today)
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    body = StreamField(BODY_BLOCKS, blank=True, verbose_name=_("isi"))

    objects = PageManager.from_queryset(AnnouncementQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("valid_until"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["pages.AnnouncementIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("pengumuman")
        verbose_name_plural = _("pengumuman")
