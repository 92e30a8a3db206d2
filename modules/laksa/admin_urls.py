"""Staff pages, mounted by the framework at /admin/laksa/ (namespace module-laksa-admin)."""

from django.urls import path

from modules.laksa import admin_views

urlpatterns = [
    path("", admin_views.triage, name="triage"),
    path("tindak-lanjut/", admin_views.queue, name="queue"),
    path("kategori/", admin_views.categories, name="categories"),
    path("kategori/tambah/", admin_views.category_add, name="category_add"),
    path("kategori/<int:pk>/ubah/", admin_views.category_edit, name="category_edit"),
    path("laporan/<int:pk>/", admin_views.report_page, name="report"),
    path("laporan/<int:pk>/foto/<int:photo_id>/", admin_views.photo, name="photo"),
    path("laporan/<int:pk>/verifikasi/", admin_views.verify, name="verify"),
    path("laporan/<int:pk>/tolak/", admin_views.reject, name="reject"),
    path("laporan/<int:pk>/privasi/", admin_views.privacy, name="privacy"),
    path("laporan/<int:pk>/klasifikasi/", admin_views.reclassify, name="reclassify"),
    path("laporan/<int:pk>/tanggapi/", admin_views.answer, name="answer"),
    path("laporan/<int:pk>/gabung/", admin_views.merge, name="merge"),
    path("laporan/<int:pk>/sembunyikan/", admin_views.hide, name="hide"),
    path("laporan/<int:pk>/tampilkan/", admin_views.show, name="show"),
    path("laporan/<int:pk>/sunting/", admin_views.redact, name="redact"),
    path("laporan/<int:pk>/hapus-foto/", admin_views.redact_photo, name="redact_photo"),
    path("statistik/", admin_views.statistics, name="statistics"),
    path("statistik/ringkasan.csv", admin_views.statistics_csv, name="statistics_csv"),
    path("statistik/laporan.csv", admin_views.reports_csv, name="reports_csv"),
    path("kunci-api/", admin_views.api_keys, name="api_keys"),
    path("kunci-api/<int:pk>/cabut/", admin_views.api_key_revoke, name="api_key_revoke"),
]
