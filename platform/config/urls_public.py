"""URLs of the platform's own site (the public schema, on PLATFORM_DOMAIN)."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from core import views as core_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    *core_views.media_urlpatterns(settings.SERVE_MEDIA),
    path("dev/mail/", include("notifications.dev_urls")),  # 404 unless DEV_MAIL_VIEWER
    path("", include(wagtail_urls)),
]
