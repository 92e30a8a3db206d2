"""The development mail viewer, on the platform host only (404 unless DEV_MAIL_VIEWER)."""

from django.urls import path

from notifications import views

urlpatterns = [path("", views.dev_mail, name="dev_mail")]
