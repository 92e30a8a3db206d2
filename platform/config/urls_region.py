"""URLs of a region's site (its own schema, on its own domain)."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from core import views as core_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    *core_views.media_urlpatterns(settings.SERVE_MEDIA),
    path("akun/notifikasi/", include("notifications.urls")),
    path("", include(wagtail_urls)),
]
