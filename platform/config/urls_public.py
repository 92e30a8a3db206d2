"""URLs of the platform's own site (the public schema, on PLATFORM_DOMAIN)."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from core import views as core_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("akun/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    *core_views.media_urlpatterns(settings.SERVE_MEDIA),
    path("", include(wagtail_urls)),
]
