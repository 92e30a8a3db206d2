"""Siap Kerja: the region's job board. Local employers register their company and Disnaker
verifies it; verified companies post vacancies that Disnaker approves; residents search,
apply with their job-seeker profile and follow each application's stage."""

from django.utils.translation import gettext_lazy as _

from modules.manifest import Manifest, Measure, MenuItem, Role, Setting

MANIFEST = Manifest(
    key="jobs",
    name=_("Siap Kerja"),
    summary=_("Lowongan kerja dari perusahaan lokal yang diverifikasi Disnaker; cari dan lamar."),
    icon="user",
    version="1.0",
    urls="modules.jobs.urls",
    url_prefix="kerja",
    tile_url_name="index",
    admin_urls="modules.jobs.admin_urls",
    admin_menu=(
        MenuItem(
            _("Siap Kerja"),
            "index",
            icon="user",
            order=310,
            permission="jobs.moderate_vacancies",
        ),
        MenuItem(
            _("Statistik Siap Kerja"),
            "statistics",
            icon="table",
            order=311,
            permission="jobs.view_job_statistics",
        ),
    ),
    roles=(
        Role(
            "Verifikator Disnaker",
            (
                "wagtailadmin.access_admin",
                "jobs.verify_companies",
                "jobs.moderate_vacancies",
                "jobs.view_job_statistics",
                "jobs.issue_job_cards",
            ),
            _(
                "Memverifikasi perusahaan, menyetujui lowongan, menerbitkan kartu AK/1 dan "
                "melihat statistik."
            ),
        ),
        Role(
            "Analis Ketenagakerjaan",
            ("wagtailadmin.access_admin", "jobs.view_job_statistics"),
            _("Melihat dan mengunduh statistik lowongan, pelamar dan penempatan."),
        ),
    ),
    settings=(
        Setting(
            "disnaker_unit_code",
            _("Kode unit Disnaker"),
            kind=str,
            default="DISNAKER",
            help_text=_(
                "Unit di direktori organisasi yang stafnya diberi tahu tentang perusahaan "
                "dan lowongan yang menunggu pemeriksaan."
            ),
        ),
        Setting(
            "max_open_days",
            _("Lama tayang paling lama (hari)"),
            kind=int,
            default=60,
            minimum=7,
            maximum=180,
        ),
        Setting(
            "cv_max_mb",
            _("Ukuran CV paling besar (MB)"),
            kind=int,
            default=2,
            minimum=1,
            maximum=10,
        ),
    ),
    meters=(
        Measure(
            "vacancies_published_this_month",
            _("Lowongan ditayangkan bulan ini"),
            "modules.jobs.selectors.vacancies_published_this_month",
            _("lowongan"),
        ),
        Measure(
            "applications_this_month",
            _("Lamaran bulan ini"),
            "modules.jobs.selectors.applications_this_month",
            _("lamaran"),
        ),
    ),
    statistics=(
        Measure(
            "open_vacancies",
            _("Lowongan yang sedang dibuka"),
            "modules.jobs.selectors.open_vacancy_count",
            _("lowongan"),
        ),
        Measure(
            "verified_companies",
            _("Perusahaan terverifikasi"),
            "modules.jobs.selectors.verified_company_count",
            _("perusahaan"),
        ),
        Measure(
            "valid_job_cards",
            _("Kartu AK/1 yang berlaku"),
            "modules.jobs.selectors.valid_job_card_count",
            _("kartu"),
        ),
        Measure(
            "placements_last_30_days",
            _("Penempatan (30 hari terakhir)"),
            "modules.jobs.selectors.placements_last_30_days",
            _("orang"),
        ),
    ),
    search="modules.jobs.search.search",
    account_section="modules.jobs.account.account_section",
    personal_data="modules.jobs.account.personal_data",
    erase="modules.jobs.account.erase",
    tasks=(
        "modules.jobs.tasks.remind_closing",
        "modules.jobs.tasks.remind_closing_everywhere",
        "modules.jobs.tasks.send_alerts",
        "modules.jobs.tasks.send_alerts_everywhere",
        "modules.jobs.tasks.remind_card_reports",
        "modules.jobs.tasks.remind_card_reports_everywhere",
    ),
    contract_objects="modules.jobs.contract.contract_objects",
    demo_data="modules.jobs.demo.load",
)
