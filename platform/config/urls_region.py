"""URLs of a region's site (its own schema, on its own domain)."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap as sitemap_view

from core import views as core_views
from modules import urls as module_urls
from pages import views as page_views
from pages.feeds import NewsFeed
from themes import views as theme_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("akun/", include("accounts.urls")),
    path("dukungan/", include("partnership.region_urls")),
    path("i18n/setlang/", theme_views.set_language, name="set_language"),
    *core_views.media_urlpatterns(settings.SERVE_MEDIA),
    path("cari/", page_views.search, name="search"),
    *module_urls.resident_urlpatterns(),
    *module_urls.api_urlpatterns(),
    # Open311 clients expect /open311/v2/ at the host's root; gated as LAKSA's ("module-laksa").
    path(
        "open311/v2/",
        include(("modules.laksa.open311_urls", "module-laksa"), namespace="module-laksa-open311"),
    ),
    path("robots.txt", page_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap_view, name="sitemap"),
    path("berita/rss/", NewsFeed(), name="news_feed"),
    path("akun/notifikasi/", include("notifications.urls")),
    # Document verification (/verifikasi/<token>/) and the signing PIN: every region, no gate.
    path("", include("signing.urls")),
    path("", include(wagtail_urls)),
]
