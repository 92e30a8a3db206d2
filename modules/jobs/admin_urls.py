"""Disnaker's pages, mounted by the framework at /admin/jobs/ (namespace module-jobs-admin)."""

from django.urls import path

from modules.jobs import admin_views

urlpatterns = [
    path("", admin_views.index, name="index"),
    path("perusahaan/", admin_views.companies, name="companies"),
    path("perusahaan/<int:pk>/", admin_views.company, name="company"),
    path(
        "perusahaan/<int:pk>/dokumen/<int:document>/",
        admin_views.company_document,
        name="document",
    ),
    path("lowongan/", admin_views.vacancies, name="vacancies"),
    path("lowongan/<int:pk>/", admin_views.vacancy, name="vacancy"),
    path("bursa/", admin_views.fairs, name="fairs"),
    path("bursa/tambah/", admin_views.fair_add, name="fair_add"),
    path("bursa/<int:pk>/ubah/", admin_views.fair_edit, name="fair_edit"),
    path("ak1/", admin_views.cards_view, name="cards"),
    path("ak1/<int:pk>/", admin_views.card, name="card"),
    path("statistik/", admin_views.statistics_view, name="statistics"),
    path("statistik/unduh/", admin_views.statistics_csv, name="statistics_csv"),
]
