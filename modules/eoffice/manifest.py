"""e-Office (tata naskah dinas): incoming letters and their dispositions, outgoing letters
and memos with their paraf chain and electronic signature, the archive. Staff only: every
page lives in the region's admin (/admin/eoffice/)."""

from django.utils.translation import gettext_lazy as _

from modules.manifest import Manifest, Measure, MenuItem, Role, Setting

DEFAULT_NUMBER_PATTERN = "{classification}/{seq}/{unit}/{year}"

MANIFEST = Manifest(
    key="eoffice",
    name=_("e-Office"),
    summary=_("Surat masuk, disposisi, surat keluar bertanda tangan elektronik, dan arsip."),
    icon="mail",
    version="1.0",
    admin_urls="modules.eoffice.admin_urls",
    admin_menu=(
        MenuItem(
            _("e-Office: kotak masuk"),
            "index",
            icon="mail",
            order=320,
            permission="eoffice.view_letter",
        ),
        MenuItem(
            _("e-Office: arsip"),
            "archive",
            icon="folder-open-inverse",
            order=321,
            permission="eoffice.view_letter",
        ),
        MenuItem(
            _("e-Office: pengaturan"),
            "settings",
            icon="cog",
            order=322,
            permission="eoffice.manage_archive",
        ),
    ),
    roles=(
        Role(
            "Pengguna e-Office",
            ("wagtailadmin.access_admin", "eoffice.view_letter", "eoffice.draft_letter"),
            _("Menerima dan mendisposisikan surat, membuat konsep dan memaraf surat."),
        ),
        Role(
            "Tata Usaha e-Office",
            (
                "wagtailadmin.access_admin",
                "eoffice.view_letter",
                "eoffice.register_incoming",
                "eoffice.draft_letter",
            ),
            _("Mencatat surat masuk dan mengimpor paket naskah dari instansi lain."),
        ),
        Role(
            "Penandatangan e-Office",
            ("wagtailadmin.access_admin", "eoffice.view_letter", "eoffice.sign_letter"),
            _("Menandatangani surat secara elektronik."),
        ),
        Role(
            "Arsiparis e-Office",
            ("wagtailadmin.access_admin", "eoffice.view_letter", "eoffice.manage_archive"),
            _("Mengelola klasifikasi arsip, retensi, instruksi disposisi dan templat."),
        ),
    ),
    settings=(
        Setting(
            "number_pattern",
            _("Pola nomor surat"),
            kind=str,
            default=DEFAULT_NUMBER_PATTERN,
            help_text=_("Bagian yang tersedia: {classification}, {seq}, {unit}, {year}."),
        ),
        Setting(
            "remind_hours_before",
            _("Pengingat sebelum batas waktu disposisi (jam)"),
            kind=int,
            default=24,
            minimum=1,
            maximum=240,
        ),
        Setting(
            "max_scan_mb",
            _("Ukuran pindaian terbesar (MB)"),
            kind=int,
            default=20,
            minimum=1,
            maximum=100,
        ),
        Setting(
            "head_title",
            _("Sebutan kepala daerah untuk “a.n.”"),
            kind=str,
            default="",
            help_text=_("Kosongkan untuk memakai nama daerah, mis. “Wali Kota Tangerang Selatan”."),
        ),
    ),
    meters=(
        Measure(
            "letters_this_month",
            _("Naskah dicatat bulan ini"),
            "modules.eoffice.selectors.letters_this_month",
            _("naskah"),
        ),
        Measure(
            "signatures_this_month",
            _("Tanda tangan elektronik bulan ini"),
            "modules.eoffice.selectors.signatures_this_month",
            _("tanda tangan"),
        ),
    ),
    statistics=(
        Measure(
            "letters_30_days",
            _("Naskah dicatat (30 hari terakhir)"),
            "modules.eoffice.selectors.letters_last_30_days",
            _("naskah"),
        ),
        Measure(
            "signed_30_days",
            _("Naskah ditandatangani elektronik (30 hari terakhir)"),
            "modules.eoffice.selectors.letters_signed_last_30_days",
            _("naskah"),
        ),
        Measure(
            "median_disposition_hours",
            _("Median waktu penyelesaian disposisi (12 bulan)"),
            "modules.eoffice.selectors.median_disposition_hours",
            _("jam"),
            figure="modules.eoffice.selectors.disposition_hours_figure_last_365_days",
        ),
        Measure(
            "overdue_dispositions",
            _("Disposisi lewat batas waktu"),
            "modules.eoffice.selectors.overdue_dispositions",
            _("disposisi"),
        ),
    ),
    on_enable="modules.eoffice.services.on_enable",
    tasks=("modules.eoffice.tasks.send_reminders",),
    contract_objects="modules.eoffice.selectors.contract_objects",
    demo_data="modules.eoffice.demo.load",
)
