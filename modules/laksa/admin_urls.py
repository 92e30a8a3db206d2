"""Staff pages, mounted by the framework at /admin/laksa/ (namespace module-laksa-admin)."""

from django.urls import path

from modules.laksa import admin_views

urlpatterns = [
    path("", admin_views.triage, name="triage"),
    path("tindak-lanjut/", admin_views.queue, name="queue"),
    path("kategori/", admin_views.categories, name="categories"),
    path("laporan/<int:pk>/", admin_views.report, name="report"),
]
