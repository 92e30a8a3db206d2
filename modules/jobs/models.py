"""Siap Kerja: companies (verified by Disnaker) and their people, vacancies (moderated by
Disnaker), job seekers' profiles and CVs, and applications moving through stages."""

from __future__ import annotations

import secrets
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.private_files import private_storage

# The text search configuration of every vacancy's search vector and every query.
SEARCH_CONFIG = "indonesian"


class Sector(models.TextChoices):
    """Business sectors, after the KBLI 2020 categories Disnaker reports by."""

    PERTANIAN = "pertanian", _("Pertanian, kehutanan dan perikanan")
    PERTAMBANGAN = "pertambangan", _("Pertambangan dan penggalian")
    INDUSTRI = "industri", _("Industri pengolahan")
    ENERGI = "energi", _("Listrik, gas, air dan pengelolaan limbah")
    KONSTRUKSI = "konstruksi", _("Konstruksi")
    PERDAGANGAN = "perdagangan", _("Perdagangan besar dan eceran")
    TRANSPORTASI = "transportasi", _("Transportasi dan pergudangan")
    AKOMODASI = "akomodasi", _("Penyediaan akomodasi dan makan minum")
    INFORMASI = "informasi", _("Informasi dan komunikasi")
    KEUANGAN = "keuangan", _("Jasa keuangan dan asuransi")
    PROFESIONAL = "profesional", _("Jasa profesional, persewaan dan penunjang usaha")
    PENDIDIKAN = "pendidikan", _("Jasa pendidikan")
    KESEHATAN = "kesehatan", _("Jasa kesehatan dan kegiatan sosial")
    LAINNYA = "lainnya", _("Jasa lainnya")


class Education(models.TextChoices):
    """Levels in rising order (EDUCATION_RANK); vacancies may also ask for none."""

    NONE = "none", _("Tidak dipersyaratkan")
    SD = "sd", _("SD/sederajat")
    SMP = "smp", _("SMP/sederajat")
    SMA = "sma", _("SMA/SMK/sederajat")
    DIPLOMA = "diploma", _("Diploma (D1–D3)")
    SARJANA = "sarjana", _("Sarjana (D4/S1)")
    MAGISTER = "magister", _("Magister (S2)")
    DOKTOR = "doktor", _("Doktor (S3)")


EDUCATION_RANK = {value: rank for rank, value in enumerate(Education.values)}
SEEKER_EDUCATION = [(v, label) for v, label in Education.choices if v != Education.NONE]


class JobType(models.TextChoices):
    FULL_TIME = "full_time", _("Penuh waktu")
    PART_TIME = "part_time", _("Paruh waktu")
    CONTRACT = "contract", _("Kontrak")
    INTERNSHIP = "internship", _("Magang")
    APPRENTICESHIP = "apprenticeship", _("Pemagangan")


class Company(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu verifikasi")
        VERIFIED = "verified", _("Terverifikasi")
        REJECTED = "rejected", _("Ditolak")
        SUSPENDED = "suspended", _("Dibekukan")

    name = models.CharField(_("nama perusahaan"), max_length=150)
    nib = models.CharField(
        _("NIB"),
        max_length=13,
        unique=True,
        validators=[RegexValidator(r"^\d{13}$", _("NIB terdiri dari 13 angka."))],
        help_text=_("Nomor Induk Berusaha dari OSS, 13 angka."),
        error_messages={"unique": _("NIB ini sudah terdaftar di Siap Kerja.")},
    )
    sector = models.CharField(_("sektor usaha"), max_length=20, choices=Sector.choices)
    address = models.CharField(_("alamat"), max_length=300)
    area = models.ForeignKey(
        "organisation.Area",
        verbose_name=_("kecamatan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    description = models.TextField(_("profil singkat"), max_length=2000, blank=True)
    website = models.URLField(_("situs web"), blank=True)
    contact_name = models.CharField(_("nama narahubung"), max_length=150)
    contact_phone = models.CharField(_("telepon narahubung"), max_length=20)
    contact_email = models.EmailField(_("email narahubung"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    review_note = models.TextField(_("catatan Disnaker"), blank=True)
    submitted_at = models.DateTimeField(_("diajukan"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("diperiksa"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diperiksa oleh"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("didaftarkan oleh"),
    )
    created_at = models.DateTimeField(_("didaftarkan"), auto_now_add=True)

    class Meta:
        verbose_name = _("perusahaan")
        verbose_name_plural = _("perusahaan")
        ordering = ["name"]
        permissions = [("verify_companies", _("Dapat memverifikasi perusahaan"))]
        indexes = [models.Index(fields=["status"], name="jobs_company_status")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED


class CompanyMember(models.Model):
    """A person who acts for a company: posts its vacancies and reviews its applicants."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_memberships"
    )
    is_owner = models.BooleanField(_("pendaftar"), default=False)
    joined_at = models.DateTimeField(_("bergabung"), auto_now_add=True)

    class Meta:
        verbose_name = _("anggota perusahaan")
        verbose_name_plural = _("anggota perusahaan")
        constraints = [
            models.UniqueConstraint(fields=["company", "user"], name="jobs_one_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.company}"


def document_path(instance: CompanyDocument, filename: str) -> str:
    """A random name: the uploader's file name is kept only in the row, never on disk."""
    return str(PurePosixPath("jobs", "dokumen-perusahaan", f"{uuid.uuid4().hex}.pdf"))


class CompanyDocument(models.Model):
    """A document a company hands Disnaker for its verification (NIB from OSS, deed of
    establishment, ...): a PDF in the region's private folder, read only by the company's
    members and Disnaker."""

    class Kind(models.TextChoices):
        NIB = "nib", _("Dokumen NIB (OSS)")
        AKTA = "akta", _("Akta pendirian")
        NPWP = "npwp", _("NPWP perusahaan")
        OTHER = "lainnya", _("Dokumen lain")

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("jenis dokumen"), max_length=10, choices=Kind.choices)
    file = models.FileField(
        _("berkas"), storage=private_storage, upload_to=document_path, max_length=200
    )
    file_name = models.CharField(_("nama berkas"), max_length=150)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True)

    class Meta:
        verbose_name = _("dokumen perusahaan")
        verbose_name_plural = _("dokumen perusahaan")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.company}"


class CompanyInvitation(models.Model):
    """A colleague invited by email; the link, opened while signed in with that address,
    makes them a member."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("alamat email"))
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("undangan anggota")
        verbose_name_plural = _("undangan anggota")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.company}"


class Vacancy(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Konsep")
        PENDING = "pending", _("Menunggu persetujuan")
        PUBLISHED = "published", _("Tayang")
        REJECTED = "rejected", _("Ditolak")
        FILLED = "filled", _("Terisi")
        WITHDRAWN = "withdrawn", _("Ditarik")

    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="vacancies", verbose_name=_("perusahaan")
    )
    title = models.CharField(_("jabatan"), max_length=150)
    description = models.TextField(_("uraian pekerjaan"), max_length=5000)
    requirements = models.TextField(_("persyaratan"), max_length=5000)
    education = models.CharField(
        _("pendidikan minimal"), max_length=12, choices=Education.choices, default=Education.SMA
    )
    experience_years = models.PositiveSmallIntegerField(
        _("pengalaman minimal (tahun)"), default=0, validators=[MaxValueValidator(40)]
    )
    job_type = models.CharField(_("jenis pekerjaan"), max_length=16, choices=JobType.choices)
    openings = models.PositiveSmallIntegerField(
        _("jumlah lowongan"), default=1, validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    area = models.ForeignKey(
        "organisation.Area",
        verbose_name=_("kecamatan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    location = models.CharField(_("lokasi kerja"), max_length=200, blank=True)
    salary_min = models.PositiveIntegerField(_("gaji terendah (Rp)"), null=True, blank=True)
    salary_max = models.PositiveIntegerField(_("gaji tertinggi (Rp)"), null=True, blank=True)
    salary_negotiable = models.BooleanField(_("gaji dapat dinegosiasikan"), default=False)
    disability_friendly = models.BooleanField(_("ramah penyandang disabilitas"), default=False)
    closes_on = models.DateField(_("tanggal tutup"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    review_note = models.TextField(_("alasan penolakan"), blank=True)
    submitted_at = models.DateTimeField(_("diajukan"), null=True, blank=True)
    published_at = models.DateTimeField(_("ditayangkan"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diperiksa oleh"),
    )
    ended_at = models.DateTimeField(_("terisi atau ditarik"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    # Kept by PostgreSQL itself, so every write path (services, demo data, bulk loads) has it.
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("requirements", weight="B", config=SEARCH_CONFIG)
        + SearchVector("description", weight="C", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = _("lowongan")
        verbose_name_plural = _("lowongan")
        ordering = ["-published_at", "-created_at"]
        permissions = [
            ("moderate_vacancies", _("Dapat menyetujui dan menolak lowongan")),
            ("view_job_statistics", _("Dapat melihat statistik Siap Kerja")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_min__lte=F("salary_max")),
                name="jobs_salary_range_ordered",
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="jobs_vacancy_search"),
            # Covering: the search's count of open vacancies reads the index alone.
            models.Index(
                fields=["status", "closes_on"],
                include=["company_id"],
                name="jobs_vacancy_status_closes",
            ),
            # The list's default order (newest first), and statistics by publication day.
            models.Index(fields=["-published_at", "-id"], name="jobs_vacancy_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.title} · {self.company}"


def photo_path(instance: SeekerProfile, filename: str) -> str:
    return str(PurePosixPath("jobs", "foto-pencari-kerja", f"{uuid.uuid4().hex}.jpg"))


class SeekerProfile(models.Model):
    """A resident's job-seeker profile; employers see it only through an application."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_profile"
    )
    phone = models.CharField(_("nomor telepon"), max_length=20)
    education = models.CharField(_("pendidikan terakhir"), max_length=12, choices=SEEKER_EDUCATION)
    major = models.CharField(_("jurusan"), max_length=120, blank=True)
    skills = models.TextField(_("keahlian"), max_length=2000, blank=True)
    experience = models.TextField(_("pengalaman kerja"), max_length=4000, blank=True)
    area = models.ForeignKey(
        "organisation.Area",
        verbose_name=_("kecamatan tempat tinggal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    share_phone = models.BooleanField(
        _("perusahaan yang saya lamar boleh melihat nomor telepon saya"), default=True
    )
    # Re-encoded as JPEG without its metadata, in the region's private folder.
    photo = models.FileField(
        _("foto"), storage=private_storage, upload_to=photo_path, max_length=200, blank=True
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("profil pencari kerja")
        verbose_name_plural = _("profil pencari kerja")

    def __str__(self) -> str:
        return str(self.user)


class CurriculumVitae(models.Model):
    """A seeker's CV (PDF), kept in the region's schema: it is exported, restored and
    dropped with the region's other data, and reachable only through the checked views."""

    profile = models.OneToOneField(SeekerProfile, on_delete=models.CASCADE, related_name="cv")
    file_name = models.CharField(max_length=150)
    size = models.PositiveIntegerField()
    content = models.BinaryField()
    uploaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("CV")
        verbose_name_plural = _("CV")

    def __str__(self) -> str:
        return self.file_name


class Application(models.Model):
    class Stage(models.TextChoices):
        RECEIVED = "received", _("Diterima")
        SHORTLISTED = "shortlisted", _("Lolos seleksi berkas")
        INTERVIEW = "interview", _("Wawancara")
        OFFERED = "offered", _("Ditawari kerja")
        HIRED = "hired", _("Diterima bekerja")
        NOT_SELECTED = "not_selected", _("Tidak dilanjutkan")

    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.PROTECT, related_name="applications", verbose_name=_("lowongan")
    )
    # Emptied when the seeker deletes their account; the placement stays in the statistics.
    seeker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="job_applications",
        verbose_name=_("pelamar"),
    )
    cover_note = models.TextField(_("surat pengantar"), max_length=3000, blank=True)
    # The seeker's education when they applied: statistics by education outlive the profile.
    education = models.CharField(_("pendidikan pelamar"), max_length=12, choices=SEEKER_EDUCATION)
    stage = models.CharField(
        _("tahap"), max_length=14, choices=Stage.choices, default=Stage.RECEIVED
    )
    created_at = models.DateTimeField(_("melamar"), auto_now_add=True)
    stage_changed_at = models.DateTimeField(_("tahap berubah"), auto_now_add=True)
    hired_at = models.DateTimeField(_("diterima bekerja"), null=True, blank=True)

    class Meta:
        verbose_name = _("lamaran")
        verbose_name_plural = _("lamaran")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "seeker"], name="jobs_one_application")
        ]
        indexes = [
            models.Index(fields=["vacancy", "stage"], name="jobs_application_stage"),
            models.Index(fields=["hired_at"], name="jobs_application_hired"),
            # The month's applications (the usage meter) and statistics by period.
            models.Index(fields=["created_at"], name="jobs_application_created"),
        ]

    def __str__(self) -> str:
        return f"{self.seeker or '—'} → {self.vacancy}"


class ApplicationEvent(models.Model):
    """One step of an application: its stage from then on and the employer's message."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    stage = models.CharField(_("tahap"), max_length=14, choices=Application.Stage.choices)
    message = models.TextField(_("pesan"), max_length=2000, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("riwayat lamaran")
        verbose_name_plural = _("riwayat lamaran")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.stage}"


def new_check_code() -> str:
    return secrets.token_hex(16)


class JobCard(models.Model):
    """An AK/1 (kartu pencari kerja, "kartu kuning"): a job seeker asks Disnaker for it
    online; Disnaker issues it with a number, valid two years. A hire reported by an
    employer marks the placement on the seeker's valid card."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Diajukan")
        ISSUED = "issued", _("Terbit")
        REJECTED = "rejected", _("Ditolak")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_cards"
    )
    nik = models.CharField(
        _("NIK"),
        max_length=16,
        validators=[RegexValidator(r"^\d{16}$", _("NIK terdiri dari 16 angka."))],
        help_text=_("Nomor Induk Kependudukan di KTP Anda, 16 angka."),
    )
    full_name = models.CharField(_("nama lengkap sesuai KTP"), max_length=150)
    birth_date = models.DateField(_("tanggal lahir"))
    address = models.CharField(_("alamat sesuai KTP"), max_length=300)
    education = models.CharField(_("pendidikan terakhir"), max_length=12, choices=SEEKER_EDUCATION)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED
    )
    number = models.CharField(_("nomor kartu"), max_length=30, unique=True, null=True, blank=True)
    # What the card's QR code opens: proves the card without showing the NIK.
    check_code = models.CharField(max_length=32, unique=True, default=new_check_code)
    requested_at = models.DateTimeField(_("diajukan"), auto_now_add=True)
    issued_at = models.DateTimeField(_("terbit"), null=True, blank=True)
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    review_note = models.TextField(_("alasan penolakan"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diperiksa oleh"),
    )
    placed_at = models.DateTimeField(_("ditempatkan"), null=True, blank=True)
    placed_with = models.CharField(_("ditempatkan di"), max_length=150, blank=True)
    # The holder reports every six months while the card is valid (wajib lapor).
    report_due_on = models.DateField(_("wajib lapor paling lambat"), null=True, blank=True)

    class Meta:
        verbose_name = _("kartu AK/1")
        verbose_name_plural = _("kartu AK/1")
        ordering = ["-requested_at"]
        permissions = [("issue_job_cards", _("Dapat menerbitkan kartu AK/1"))]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status="requested"),
                name="jobs_one_open_card_request",
            ),
        ]

    def __str__(self) -> str:
        return self.number or f"AK/1 #{self.pk}"


class JobCardReport(models.Model):
    """A holder's six-monthly report on their card: still looking, or working (and where)."""

    card = models.ForeignKey(JobCard, on_delete=models.CASCADE, related_name="reports")
    still_looking = models.BooleanField(_("masih mencari kerja"))
    employer = models.CharField(_("bekerja di"), max_length=150, blank=True)
    note = models.TextField(_("keterangan"), max_length=1000, blank=True)
    reported_at = models.DateTimeField(_("dilaporkan"), auto_now_add=True)

    class Meta:
        verbose_name = _("laporan kartu AK/1")
        verbose_name_plural = _("laporan kartu AK/1")
        ordering = ["-reported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.card} · {self.reported_at:%Y-%m-%d}"


class SavedSearch(models.Model):
    """A resident's search kept for email alerts about new vacancies that match it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_searches"
    )
    # The search page's query parameters (q, sector, education, ...), as typed.
    query = models.JSONField(_("pencarian"), default=dict)
    label = models.CharField(_("keterangan"), max_length=300)
    created_at = models.DateTimeField(_("disimpan"), auto_now_add=True)
    # Vacancies published after this moment are new to the person.
    checked_at = models.DateTimeField(_("terakhir diperiksa"))

    class Meta:
        verbose_name = _("pencarian tersimpan")
        verbose_name_plural = _("pencarian tersimpan")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.label


class JobFair(models.Model):
    """A job fair (bursa kerja) Disnaker holds, with the verified companies taking part."""

    title = models.CharField(_("nama acara"), max_length=150)
    starts_on = models.DateField(_("tanggal mulai"))
    ends_on = models.DateField(_("tanggal selesai"))
    place = models.CharField(_("tempat"), max_length=200)
    area = models.ForeignKey(
        "organisation.Area",
        verbose_name=_("kecamatan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    description = models.TextField(_("keterangan"), max_length=3000, blank=True)
    companies = models.ManyToManyField(
        Company, verbose_name=_("perusahaan peserta"), related_name="fairs", blank=True
    )
    published = models.BooleanField(_("tampil bagi warga"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bursa kerja")
        verbose_name_plural = _("bursa kerja")
        ordering = ["starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="jobs_fair_dates_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.title
