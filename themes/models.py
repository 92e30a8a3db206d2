"""A site's branding: one row per Wagtail site (a region's, or the platform's own)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import PreviewableMixin, Site

from themes.fields import ColourField, WebAddressField
from themes.registry import DEFAULT_THEME, theme_choices

SOCIAL_NETWORKS = (
    ("facebook_url", "Facebook"),
    ("instagram_url", "Instagram"),
    ("x_url", "X"),
    ("youtube_url", "YouTube"),
    ("tiktok_url", "TikTok"),
)
IMAGE_FIELDS = ("logo", "favicon", "hero_image")


class Branding(PreviewableMixin, models.Model):
    """Names, colours, images and contact of a site, and the theme it is shown in.

    Colours left empty take the theme's defaults; a site without a row looks right too
    (selectors.branding_for_site fills in the region's name and the default theme)."""

    site = models.OneToOneField(
        Site, on_delete=models.CASCADE, related_name="branding", editable=False
    )
    official_name = models.CharField(
        _("nama resmi"),
        max_length=150,
        help_text=_("Tampil di kepala dan kaki halaman, mis. Pemerintah Kota Balikpapan."),
    )
    short_name = models.CharField(
        _("nama singkat"), max_length=40, blank=True, help_text=_("Mis. Balikpapan.")
    )
    tagline = models.CharField(_("slogan"), max_length=160, blank=True)
    theme = models.CharField(_("tema"), max_length=30, choices=theme_choices, default=DEFAULT_THEME)
    primary_colour = ColourField(
        _("warna utama"), help_text=_("Kosongkan untuk memakai warna bawaan tema.")
    )
    secondary_colour = ColourField(
        _("warna kedua"), help_text=_("Kosongkan untuk memakai warna bawaan tema.")
    )
    accent_colour = ColourField(
        _("warna aksen"), help_text=_("Kosongkan untuk memakai warna bawaan tema.")
    )
    logo = models.ImageField(
        _("logo"),
        upload_to="branding/",
        blank=True,
        help_text=_("PNG, JPEG atau WebP, paling besar 2 MB; dikecilkan ke 512 piksel."),
    )
    favicon = models.ImageField(
        _("ikon situs (favicon)"),
        upload_to="branding/",
        blank=True,
        help_text=_("Gambar persegi; dikecilkan ke 64 piksel."),
    )
    hero_image = models.ImageField(
        _("gambar utama (hero)"),
        upload_to="branding/",
        blank=True,
        help_text=_("Foto lebar untuk beranda, paling besar 5 MB; dikecilkan ke 1600 piksel."),
    )
    address = models.TextField(_("alamat"), max_length=300, blank=True)
    phone = models.CharField(_("telepon"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    whatsapp = models.CharField(
        _("WhatsApp"), max_length=20, blank=True, help_text=_("Mis. 0812 3456 7890.")
    )
    facebook_url = WebAddressField(_("Facebook"), blank=True)
    instagram_url = WebAddressField(_("Instagram"), blank=True)
    x_url = WebAddressField(_("X (Twitter)"), blank=True)
    youtube_url = WebAddressField(_("YouTube"), blank=True)
    tiktok_url = WebAddressField(_("TikTok"), blank=True)
    footer_text = models.TextField(_("teks kaki halaman"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("tampilan situs")
        verbose_name_plural = _("tampilan situs")

    def __str__(self):
        return self.official_name

    @property
    def brand_colours(self) -> dict[str, str]:
        return {
            "primary": self.primary_colour,
            "secondary": self.secondary_colour,
            "accent": self.accent_colour,
        }

    # --- preview: the site's home page with these (unsaved) values ---------------------
    def serve_preview(self, request, mode_name):
        request.branding_preview = self
        home = self.site.root_page.specific
        return home.serve(request)
