"""Staff pages, mounted by the framework at /admin/eoffice/ behind the module's gate."""

from django.urls import path

from modules.eoffice import admin_views as views

urlpatterns = [
    path("", views.index, name="index"),
    path("masuk/baru/", views.register_incoming, name="register"),
    path("keluar/baru/", views.new_draft, name="draft"),
    path("impor/", views.import_package, name="import"),
    path("arsip/", views.archive, name="archive"),
    path("arsip/retensi/", views.destruction, name="destruction"),
    path("pengaturan/", views.settings_page, name="settings"),
    path("pengaturan/klasifikasi/baru/", views.edit_classification, name="classification_new"),
    path("pengaturan/klasifikasi/<int:pk>/", views.edit_classification, name="classification"),
    path("pengaturan/templat/baru/", views.edit_template, name="template_new"),
    path("pengaturan/templat/<int:pk>/", views.edit_template, name="template"),
    path("surat/<int:pk>/", views.letter, name="letter"),
    path("surat/<int:pk>/disposisi/", views.dispose, name="dispose"),
    path("surat/<int:pk>/ubah/", views.edit_draft, name="edit"),
    path("surat/<int:pk>/ajukan/", views.submit, name="submit"),
    path("surat/<int:pk>/paraf/", views.review, name="review"),
    path("surat/<int:pk>/tandatangani/", views.sign, name="sign"),
    path("surat/<int:pk>/pratinjau/", views.preview, name="preview"),
    path("surat/<int:pk>/paket/", views.export_package, name="export"),
    path("surat/<int:pk>/berkas/<int:doc>/", views.download, name="download"),
    path("disposisi/<int:disposition>/selesai/", views.done, name="done"),
]
