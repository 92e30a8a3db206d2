"""LAKSA (Layanan Aspirasi Kotak Saran Anda): residents report problems, ask and suggest;
the responsible OPD answers within its deadline or is marked red for everyone to see."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from modules.manifest import Manifest, Measure, MenuItem, Role, Setting

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"

MANIFEST = Manifest(
    key="laksa",
    name=_("LAKSA"),
    summary=_("Sampaikan pengaduan, aspirasi dan permintaan informasi; ikuti tindak lanjutnya."),
    icon="mail",
    version="1.0",
    urls="modules.laksa.urls",
    url_prefix="laksa",
    tile_url_name="index",
    admin_urls="modules.laksa.admin_urls",
    api_urls="modules.laksa.api_urls",
    admin_menu=(
        MenuItem(
            _("LAKSA: verifikasi"),
            "triage",
            icon="mail",
            order=310,
            permission="laksa.triage_report",
        ),
        MenuItem(
            _("LAKSA: tindak lanjut"),
            "queue",
            icon="tasks",
            order=311,
            permission="laksa.answer_report",
        ),
        MenuItem(
            _("LAKSA: kategori"),
            "categories",
            icon="list-ul",
            order=312,
            permission="laksa.manage_categories",
        ),
    ),
    roles=(
        Role(
            "Verifikator LAKSA",
            (
                "wagtailadmin.access_admin",
                "laksa.triage_report",
                "laksa.view_reporter",
                "laksa.manage_categories",
            ),
            _("Memverifikasi laporan warga, menolak, mengalihkan dan mengatur kerahasiaannya."),
        ),
        Role(
            "Petugas OPD LAKSA",
            ("wagtailadmin.access_admin", "laksa.answer_report"),
            _("Menanggapi laporan warga yang ditujukan ke unitnya."),
        ),
    ),
    settings=(
        Setting(
            "verify_days",
            _("Batas verifikasi (hari kerja)"),
            kind=int,
            default=3,
            minimum=1,
            maximum=30,
            help_text=_("Untuk kategori yang tidak punya batasnya sendiri (SP4N-LAPOR!: 3)."),
        ),
        Setting(
            "respond_days",
            _("Batas tanggapan (hari kerja)"),
            kind=int,
            default=5,
            minimum=1,
            maximum=60,
            help_text=_("Dihitung sejak laporan diterima (SP4N-LAPOR!: 5)."),
        ),
        Setting(
            "reopen_days",
            _("Batas membuka kembali (hari)"),
            kind=int,
            default=14,
            minimum=1,
            maximum=60,
        ),
        Setting(
            "submissions_per_hour",
            _("Laporan per jam dari satu alamat IP"),
            kind=int,
            default=5,
            minimum=1,
            maximum=500,
        ),
        Setting("max_photos", _("Foto per laporan"), kind=int, default=5, minimum=0, maximum=5),
        Setting(
            "max_photo_mb",
            _("Ukuran foto terbesar (MB)"),
            kind=int,
            default=8,
            minimum=1,
            maximum=20,
        ),
        Setting(
            "tile_url",
            _("Server peta (URL ubin)"),
            kind=str,
            default=OSM_TILES,
            help_text=_("Pola {z}/{x}/{y}; tulis “tidak ada” untuk menampilkan daftar saja."),
        ),
        Setting(
            "tile_attribution",
            _("Atribusi peta"),
            kind=str,
            default="© OpenStreetMap",
        ),
        Setting(
            "map_latitude",
            _("Lintang pusat peta"),
            kind=Decimal,
            default=Decimal("-6.2"),
            minimum=Decimal("-11"),
            maximum=Decimal("6"),
        ),
        Setting(
            "map_longitude",
            _("Bujur pusat peta"),
            kind=Decimal,
            default=Decimal("106.8"),
            minimum=Decimal("95"),
            maximum=Decimal("141"),
        ),
    ),
    meters=(
        Measure(
            "reports_this_month",
            _("Laporan diterima bulan ini"),
            "modules.laksa.selectors.reports_received_this_month",
            _("laporan"),
        ),
    ),
    statistics=(
        Measure(
            "received_30_days",
            _("Laporan diterima (30 hari terakhir)"),
            "modules.laksa.selectors.reports_received_last_30_days",
            _("laporan"),
        ),
        Measure(
            "done_percent",
            _("Laporan selesai (12 bulan)"),
            "modules.laksa.selectors.percent_done_last_365_days",
            "%",
            figure="modules.laksa.selectors.done_figure_last_365_days",
        ),
        Measure(
            "late_percent",
            _("Laporan terlambat ditanggapi (12 bulan)"),
            "modules.laksa.selectors.percent_late_last_365_days",
            "%",
            figure="modules.laksa.selectors.late_figure_last_365_days",
        ),
        Measure(
            "median_response_hours",
            _("Median waktu tanggapan (12 bulan)"),
            "modules.laksa.selectors.median_response_hours_last_365_days",
            _("jam"),
            figure="modules.laksa.selectors.response_hours_figure_last_365_days",
        ),
    ),
    account_section="modules.laksa.account.account_section",
    personal_data="modules.laksa.account.personal_data",
    erase="modules.laksa.account.erase",
    on_enable="modules.laksa.services.seed_categories",
    tasks=("modules.laksa.tasks.scan_overdue",),
    contract_objects="modules.laksa.selectors.contract_objects",
    demo_data="modules.laksa.demo.load",
)
