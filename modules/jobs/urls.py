"""Resident pages, mounted by the framework at /kerja/ (namespace module-jobs)."""

from django.urls import path

from modules.jobs import employer_views as employer
from modules.jobs import views

urlpatterns = [
    path("", views.index, name="index"),
    path("lowongan/<int:pk>/", views.vacancy_detail, name="vacancy"),
    path("lowongan/<int:pk>/lamar/", views.apply, name="apply"),
    path("profil/", views.profile, name="profile"),
    path("profil/cv/", views.my_cv, name="my_cv"),
    path("profil/foto/", views.my_photo, name="my_photo"),
    path("lamaran/", views.my_applications, name="my_applications"),
    path("lamaran/<int:pk>/", views.my_application, name="my_application"),
    path("bursa/", views.fairs, name="fairs"),
    path("bursa/<int:pk>/", views.fair, name="fair"),
    path("pencarian/", views.searches, name="searches"),
    path("pencarian/simpan/", views.search_save, name="search_save"),
    path("pencarian/<int:pk>/hapus/", views.search_delete, name="search_delete"),
    path("ak1/", views.cards_page, name="cards"),
    path("ak1/<int:pk>/cetak/", views.card_print, name="card_print"),
    path("ak1/<int:pk>/kartu.pdf", views.card_print_pdf, name="card_pdf"),
    path("ak1/<int:pk>/lapor/", views.card_report, name="card_report"),
    path("ak1/cek/<str:code>/", views.card_check, name="card_check"),
    # Employers
    path("perusahaan/", employer.employer_home, name="employer_home"),
    path("perusahaan/daftar/", employer.company_register, name="company_register"),
    path("perusahaan/<int:pk>/", employer.company, name="company"),
    path("perusahaan/<int:pk>/ubah/", employer.company_edit, name="company_edit"),
    path("perusahaan/<int:pk>/undang/", employer.company_invite, name="company_invite"),
    path("perusahaan/<int:pk>/dokumen/", employer.company_document_add, name="document_add"),
    path(
        "perusahaan/<int:pk>/dokumen/<int:document>/",
        employer.company_document,
        name="document",
    ),
    path(
        "perusahaan/<int:pk>/dokumen/<int:document>/hapus/",
        employer.company_document_remove,
        name="document_remove",
    ),
    path("perusahaan/<int:pk>/lowongan-baru/", employer.vacancy_create, name="vacancy_create"),
    path("undangan/<str:token>/", employer.accept_invitation, name="accept_invitation"),
    path("kelola/lowongan/<int:pk>/", employer.vacancy_manage, name="vacancy_manage"),
    path("kelola/lowongan/<int:pk>/ubah/", employer.vacancy_edit, name="vacancy_edit"),
    path("kelola/lowongan/<int:pk>/ajukan/", employer.vacancy_submit, name="vacancy_submit"),
    path("kelola/lowongan/<int:pk>/perpanjang/", employer.vacancy_extend, name="vacancy_extend"),
    path("kelola/lowongan/<int:pk>/terisi/", employer.vacancy_fill, name="vacancy_fill"),
    path("kelola/lowongan/<int:pk>/tarik/", employer.vacancy_withdraw, name="vacancy_withdraw"),
    path("kelola/pelamar/<int:pk>/", employer.applicant, name="applicant"),
    path("kelola/pelamar/<int:pk>/cv/", employer.applicant_cv, name="applicant_cv"),
    path("kelola/pelamar/<int:pk>/foto/", employer.applicant_photo, name="applicant_photo"),
]
