"""e-Office (tata naskah dinas): letters in and out, their dispositions, reviews (paraf),
deliveries to positions' inboxes and the archive.

Work belongs to positions (organisation.Position), never to people: a disposition, a
delivery or a review names a position, and whoever holds or acts for it sees it. A mutasi
therefore hands a position's letters to the successor without touching a row here.

Who may see a confidential letter is written down as it happens: every position that
registers, receives, disposes, reviews or signs a letter gets a LetterAccess row, and a
confidential letter is visible only through such a row (selectors.visible_letters).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

POSITION = "organisation.Position"


class Classification(models.Model):
    """An archive classification code (klasifikasi arsip) with its retention (JRA)."""

    class FinalDisposition(models.TextChoices):
        DESTROY = "musnah", _("Musnah")
        PERMANENT = "permanen", _("Permanen")
        REVIEW = "dinilai_kembali", _("Dinilai kembali")

    code = models.CharField(_("kode klasifikasi"), max_length=30, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    active_years = models.PositiveSmallIntegerField(_("retensi aktif (tahun)"), default=2)
    inactive_years = models.PositiveSmallIntegerField(_("retensi inaktif (tahun)"), default=3)
    final_disposition = models.CharField(
        _("keterangan akhir"),
        max_length=20,
        choices=FinalDisposition.choices,
        default=FinalDisposition.DESTROY,
    )

    class Meta:
        verbose_name = _("klasifikasi arsip")
        verbose_name_plural = _("klasifikasi arsip")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def retention_years(self) -> int:
        return self.active_years + self.inactive_years


class Instruction(models.Model):
    """One instruction a superior may give with a disposition ("Untuk ditindaklanjuti")."""

    text = models.CharField(_("instruksi"), max_length=120, unique=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("instruksi disposisi")
        verbose_name_plural = _("instruksi disposisi")
        ordering = ["order", "text"]

    def __str__(self) -> str:
        return self.text


class Template(models.Model):
    """A starting text for an outgoing letter or a memo."""

    name = models.CharField(_("nama templat"), max_length=120, unique=True)
    kind = models.CharField(_("jenis naskah"), max_length=12, default="keluar")
    body = models.TextField(_("isi"))

    class Meta:
        verbose_name = _("templat naskah")
        verbose_name_plural = _("templat naskah")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Destruction(models.Model):
    """A berita acara pemusnahan: who destroyed which letters past their retention, when."""

    destroyed_at = models.DateTimeField(_("dimusnahkan pada"), default=timezone.now)
    destroyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("keterangan"), blank=True)
    # What was destroyed as it read then (number, subject, date, classification).
    inventory = models.JSONField(default=list)

    class Meta:
        verbose_name = _("berita acara pemusnahan")
        verbose_name_plural = _("berita acara pemusnahan")
        ordering = ["-destroyed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.destroyed_at:%Y-%m-%d} ({len(self.inventory)})"


class Letter(models.Model):
    class Kind(models.TextChoices):
        INCOMING = "masuk", _("Surat masuk")
        OUTGOING = "keluar", _("Surat keluar")
        MEMO = "nota", _("Nota dinas")

    class Status(models.TextChoices):
        REGISTERED = "terdaftar", _("Terdaftar")
        DRAFT = "konsep", _("Konsep")
        IN_REVIEW = "diperiksa", _("Dalam pemeriksaan")
        RETURNED = "dikembalikan", _("Dikembalikan")
        READY = "siap_tte", _("Siap ditandatangani")
        SIGNED = "ditandatangani", _("Ditandatangani")

    class Urgency(models.TextChoices):
        NORMAL = "biasa", _("Biasa")
        URGENT = "segera", _("Segera")
        VERY_URGENT = "sangat_segera", _("Sangat segera")

    class Confidentiality(models.TextChoices):
        ORDINARY = "biasa", _("Biasa")
        LIMITED = "terbatas", _("Terbatas")
        SECRET = "rahasia", _("Rahasia")

    CONFIDENTIAL = frozenset({Confidentiality.LIMITED, Confidentiality.SECRET})

    kind = models.CharField(_("jenis naskah"), max_length=8, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    number = models.CharField(_("nomor surat"), max_length=120, blank=True, db_index=True)
    letter_date = models.DateField(_("tanggal surat"), null=True, blank=True, db_index=True)
    sender = models.CharField(_("pengirim"), max_length=200, blank=True)
    addressee = models.CharField(_("kepada"), max_length=300, blank=True)
    subject = models.CharField(_("perihal"), max_length=300)
    body = models.TextField(_("isi"), blank=True)
    classification = models.ForeignKey(
        Classification,
        verbose_name=_("klasifikasi"),
        on_delete=models.PROTECT,
        related_name="letters",
    )
    urgency = models.CharField(
        _("sifat"), max_length=16, choices=Urgency.choices, default=Urgency.NORMAL
    )
    confidentiality = models.CharField(
        _("klasifikasi keamanan"),
        max_length=10,
        choices=Confidentiality.choices,
        default=Confidentiality.ORDINARY,
    )
    # Incoming: the position whose inbox received it. Outgoing: the drafting position.
    origin_position = models.ForeignKey(
        POSITION, verbose_name=_("jabatan asal"), on_delete=models.PROTECT, related_name="+"
    )
    signatory_position = models.ForeignKey(
        POSITION,
        verbose_name=_("penandatangan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dicatat"), default=timezone.now, db_index=True)
    # Set at signing.
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    sequence = models.PositiveIntegerField(null=True, blank=True)
    signed_at = models.DateTimeField(_("ditandatangani"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    signer_capacity = models.CharField(max_length=300, blank=True)
    signing_token = models.CharField(max_length=100, blank=True)
    on_behalf = models.CharField(
        _("atas nama"),
        max_length=12,
        blank=True,
        choices=[
            ("", _("Tidak")),
            ("kepala", _("a.n. kepala daerah")),
            ("atasan", _("a.n. atasan")),
        ],
    )
    verify_path = models.CharField(max_length=300, blank=True)
    # Imported from another agency's package.
    imported_from = models.CharField(max_length=200, blank=True)
    # Destroyed at the end of its retention: the files are gone, the metadata stays.
    destruction = models.ForeignKey(
        "Destruction", on_delete=models.PROTECT, null=True, blank=True, related_name="letters"
    )
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("naskah dinas")
        verbose_name_plural = _("naskah dinas")
        ordering = ["-created_at", "-id"]
        indexes = [
            GinIndex(fields=["search_vector"], name="eoffice_letter_search"),
            models.Index(fields=["classification", "letter_date"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "sequence"],
                condition=models.Q(sequence__isnull=False),
                name="eoffice_one_letter_per_number",
            )
        ]
        permissions = [
            ("register_incoming", _("Dapat mencatat surat masuk")),
            ("draft_letter", _("Dapat membuat konsep surat keluar")),
            ("sign_letter", _("Dapat menandatangani surat")),
            ("manage_archive", _("Dapat mengelola arsip dan pengaturan e-Office")),
        ]

    def __str__(self) -> str:
        return self.number or self.subject

    @property
    def is_confidential(self) -> bool:
        return self.confidentiality in self.CONFIDENTIAL

    @property
    def is_incoming(self) -> bool:
        return self.kind == self.Kind.INCOMING

    def destroy_after_year(self) -> int | None:
        when = self.letter_date or self.created_at.date()
        return when.year + self.classification.retention_years


class Document(models.Model):
    """A PDF of a letter, kept in the database so that it can only be reached through the
    audited download view, never through a guessable media address."""

    class Kind(models.TextChoices):
        SCAN = "pindaian", _("Pindaian surat")
        SIGNED = "tte", _("Naskah bertanda tangan elektronik")
        ATTACHMENT = "lampiran", _("Lampiran")

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    filename = models.CharField(max_length=200)
    content = models.BinaryField()
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("berkas naskah")
        verbose_name_plural = _("berkas naskah")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.filename


class LetterAccess(models.Model):
    """A position in a letter's chain: it may see the letter even when confidential."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="access")
    position = models.ForeignKey(POSITION, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["letter", "position"], name="eoffice_access_once")
        ]

    def __str__(self) -> str:
        return f"{self.letter_id}:{self.position_id}"


class Delivery(models.Model):
    """A letter in a position's inbox: the addressee (kepada) or a copy (tembusan)."""

    class Kind(models.TextChoices):
        TO = "kepada", _("Kepada")
        COPY = "tembusan", _("Tembusan")

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="deliveries")
    position = models.ForeignKey(
        POSITION, verbose_name=_("jabatan"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TO)
    # Empty while planned: an outgoing letter reaches its recipients when it is signed.
    delivered_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["delivered_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "position"], name="eoffice_delivery_once")
        ]

    def __str__(self) -> str:
        return f"{self.letter_id} → {self.position_id}"


class Disposition(models.Model):
    """A superior forwards a letter to a position below, with an instruction and a deadline.
    `parent` is the disposition this one continues; the roots come from the letter's inbox."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="dispositions")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    from_position = models.ForeignKey(
        POSITION, verbose_name=_("dari"), on_delete=models.PROTECT, related_name="+"
    )
    to_position = models.ForeignKey(
        POSITION, verbose_name=_("kepada"), on_delete=models.PROTECT, related_name="+"
    )
    instruction = models.ForeignKey(
        Instruction, verbose_name=_("instruksi"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("catatan"), blank=True)
    due_at = models.DateTimeField(_("batas waktu"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    done_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    report = models.TextField(_("laporan"), blank=True)

    class Meta:
        verbose_name = _("disposisi")
        verbose_name_plural = _("disposisi")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["to_position", "done_at"])]

    def __str__(self) -> str:
        return f"{self.letter} → {self.to_position_id}"

    @property
    def is_overdue(self) -> bool:
        return self.done_at is None and self.due_at is not None and self.due_at < timezone.now()


class Reminder(models.Model):
    """A deadline reminder sent once: the unique row makes a re-run scan send nothing."""

    class Kind(models.TextChoices):
        BEFORE = "sebelum", _("Sebelum batas waktu")
        AFTER = "lewat", _("Lewat batas waktu")

    disposition = models.ForeignKey(Disposition, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["disposition", "kind"], name="eoffice_remind_once")
        ]

    def __str__(self) -> str:
        return f"{self.disposition_id}:{self.kind}"


class Review(models.Model):
    """One step of the paraf chain of an outgoing letter, in `order`."""

    class Status(models.TextChoices):
        WAITING = "menunggu", _("Menunggu")
        PENDING = "diperiksa", _("Sedang diperiksa")
        APPROVED = "paraf", _("Diparaf")
        RETURNED = "dikembalikan", _("Dikembalikan")

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="reviews")
    position = models.ForeignKey(
        POSITION, verbose_name=_("pemeriksa"), on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.WAITING)
    comment = models.TextField(_("catatan"), blank=True)
    acted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    acted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.letter_id}:{self.order}"


class NumberCounter(models.Model):
    """The last letter number given in a year (one schema is one region): locked with
    SELECT ... FOR UPDATE in the signing transaction, so numbers are gap-free."""

    year = models.PositiveSmallIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"
