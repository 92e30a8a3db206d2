"""URLs of the platform's own site (the public schema, on PLATFORM_DOMAIN)."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap as sitemap_view

from core import views as core_views
from pages import views as page_views
from themes import views as theme_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("akun/", include("accounts.urls")),
    path("bergabung/", include("onboarding.urls")),
    path("cari/", page_views.search, name="search"),
    path("i18n/setlang/", theme_views.set_language, name="set_language"),
    *core_views.media_urlpatterns(settings.SERVE_MEDIA),
    path("robots.txt", page_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap_view, name="sitemap"),
    path("dev/mail/", include("notifications.dev_urls")),  # 404 unless DEV_MAIL_VIEWER
    path("", include(wagtail_urls)),
]
