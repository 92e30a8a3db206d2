"""Reading a site's branding, and everything its pages need from it (`Look`)."""

from __future__ import annotations

from functools import cached_property

import phonenumbers
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import connection
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Site

from themes.models import SOCIAL_NETWORKS, Branding
from themes.palette import css_variables
from themes.registry import DEFAULT_THEME, Theme, get_theme

NAME_PREFIXES = ("Kota ", "Kabupaten ", "Provinsi ")


def current_site(request) -> Site | None:
    try:
        site = Site.find_for_request(request)
    except DisallowedHost:
        site = None
    return site or Site.objects.filter(is_default_site=True).first()


def branding_for_site(site: Site | None) -> Branding:
    """The site's saved branding, or (unsaved) defaults: the region's name, default theme."""
    branding = Branding.objects.filter(site=site).first() if site is not None else None
    return branding or default_branding(site)


def _current_region():
    """The Region of the current schema (None in public), also under schema_context, which
    only gives the connection a stand-in tenant."""
    if connection.schema_name == "public":
        return None
    tenant = getattr(connection, "tenant", None)
    if hasattr(tenant, "name"):
        return tenant
    from tenants.models import Region

    return Region.objects.filter(schema_name=connection.schema_name).first()


def default_branding(site: Site | None) -> Branding:
    region = _current_region()
    if region is None:
        return Branding(
            site=site,
            official_name=settings.PLATFORM_NAME,
            short_name=settings.PLATFORM_NAME,
            tagline=_("Kemitraan Kota Cerdas Kota Tangerang"),
            theme=DEFAULT_THEME,
        )
    short = next(
        (region.name.removeprefix(p) for p in NAME_PREFIXES if region.name.startswith(p)),
        region.name,
    )
    return Branding(site=site, official_name=region.name, short_name=short, theme=DEFAULT_THEME)


def look_for_request(request) -> Look:
    """The look of the site this request is for (once per request). An admin's preview puts
    its unsaved branding on the request as `branding_preview`."""
    look = getattr(request, "_themes_look", None)
    if look is None:
        branding = getattr(request, "branding_preview", None)
        if branding is None:
            branding = branding_for_site(current_site(request))
        look = Look(branding, request)
        request._themes_look = look
    return look


class Look:
    """What a theme's templates show of a site's branding (`brand` in templates)."""

    def __init__(self, branding: Branding, request=None):
        self.branding = branding
        self.request = request
        self.theme: Theme = get_theme(branding.theme)
        self.palette = self.theme.palette(branding.brand_colours)

    # --- names and colours ---------------------------------------------------------------
    @property
    def name(self) -> str:
        return self.branding.official_name

    @property
    def short_name(self) -> str:
        return self.branding.short_name or self.branding.official_name

    @property
    def tagline(self) -> str:
        return self.branding.tagline

    @property
    def css_variables(self) -> str:
        return mark_safe(css_variables(self.palette))  # noqa: S308 - only checked #rrggbb

    # --- images --------------------------------------------------------------------------
    def _url(self, name: str) -> str:
        file = getattr(self.branding, name)
        return file.url if file else ""

    @property
    def logo_url(self) -> str:
        return self._url("logo")

    @property
    def favicon_url(self) -> str:
        return self._url("favicon")

    @property
    def hero_url(self) -> str:
        return self._url("hero_image")

    @property
    def og_image_url(self) -> str:
        url = self.hero_url or self.logo_url
        return self._absolute(url) if url else ""

    @property
    def page_url(self) -> str:
        """This page's address, for og:url."""
        return self._absolute(None)

    def _absolute(self, url: str | None) -> str:
        if self.request is None:
            return url or ""
        try:
            return self.request.build_absolute_uri(url)
        except DisallowedHost:  # the platform's 404 page for a host it does not serve
            return url or ""

    # --- navigation ----------------------------------------------------------------------
    @property
    def search_url(self) -> str:
        """The site's search page, where its URLconf has one (pages the routing answers
        itself, e.g. for an unknown host, have none)."""
        urlconf = getattr(self.request, "urlconf", None)
        if urlconf is None:
            return ""
        try:
            return reverse("search", urlconf=urlconf)
        except NoReverseMatch:
            return ""

    @cached_property
    def menu(self) -> list[dict]:
        """Beranda, the home page's children shown in menus, Cari and Akun."""
        items = [{"title": _("Beranda"), "url": "/"}]
        site = self.branding.site if self.branding.site_id else None
        if site is not None:
            for child in site.root_page.get_children().live().in_menu().specific():
                items.append({"title": child.title, "url": child.get_url(self.request)})
        if self.search_url:
            items.append({"title": _("Cari"), "url": self.search_url})
        items.append({"title": _("Akun"), "url": "/akun/"})
        path = getattr(self.request, "path", None)
        for item in items:
            item["current"] = item["url"] == path
        return items

    # --- contact -------------------------------------------------------------------------
    @property
    def address(self) -> str:
        return self.branding.address

    @property
    def phone(self) -> str:
        return self.branding.phone

    @property
    def phone_link(self) -> str:
        number = _parse_phone(self.branding.phone)
        return f"tel:{number}" if number else ""

    @property
    def email(self) -> str:
        return self.branding.email

    @property
    def whatsapp_link(self) -> str:
        number = _parse_phone(self.branding.whatsapp)
        return f"https://wa.me/{number.lstrip('+')}" if number else ""

    @property
    def social_links(self) -> list[dict]:
        return [
            {"label": label, "url": getattr(self.branding, field)}
            for field, label in SOCIAL_NETWORKS
            if getattr(self.branding, field)
        ]

    @property
    def has_contact(self) -> bool:
        b = self.branding
        return bool(b.address or b.phone or b.email or b.whatsapp or self.social_links)

    @property
    def footer_text(self) -> str:
        return self.branding.footer_text

    @property
    def year(self) -> int:
        return timezone.localdate().year


def _parse_phone(value: str) -> str:
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "ID")
    except phonenumbers.NumberParseException:
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
