"""Plans, subscriptions, daily usage, invoices, payments and credit notes (public schema).

Money is whole Rupiah (integers): Indonesia has no minor unit in practice. A row that
records something a region's user did (a proof of transfer) holds the user's id and a
name snapshot, never a foreign key into the region's schema.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# Platform meters: measured by billing itself, with a quota on every plan.
STAFF = "staff_accounts"
STORAGE = "storage_mb"
MESSAGES = "messages_sent"
DOMAINS = "custom_domains"
PLATFORM_METERS = (STAFF, STORAGE, MESSAGES, DOMAINS)


class Plan(models.Model):
    wagtail_reference_index_ignore = True
    key = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=80)
    monthly_price = models.PositiveBigIntegerField(_("harga per bulan (Rp)"), default=0)
    is_partnership = models.BooleanField(
        _("paket kemitraan"),
        default=False,
        help_text=_("Batas yang berlaku bagi daerah yang melewati masa tenggang."),
    )
    all_modules = models.BooleanField(_("semua modul"), default=False)
    allowed_modules = models.JSONField(
        _("modul yang boleh diaktifkan"), default=list, blank=True, help_text=_("Kode modul.")
    )
    trial_days = models.PositiveIntegerField(_("masa uji coba (hari)"), default=0)
    included_staff = models.PositiveIntegerField(_("akun staf termasuk"), default=0)
    included_storage_mb = models.PositiveIntegerField(_("penyimpanan termasuk (MB)"), default=0)
    included_messages = models.PositiveIntegerField(_("pesan SMS/WhatsApp termasuk"), default=0)
    included_custom_domains = models.PositiveIntegerField(_("domain khusus termasuk"), default=0)
    price_per_staff = models.PositiveBigIntegerField(_("harga per akun staf lebih"), default=0)
    price_per_storage_mb = models.PositiveBigIntegerField(_("harga per MB lebih"), default=0)
    price_per_message = models.PositiveBigIntegerField(_("harga per pesan lebih"), default=0)
    price_per_custom_domain = models.PositiveBigIntegerField(
        _("harga per domain khusus lebih"), default=0
    )
    is_active = models.BooleanField(_("dapat dipilih"), default=True)

    class Meta:
        verbose_name = _("paket")
        verbose_name_plural = _("paket")
        ordering = ["monthly_price", "name"]
        permissions = [("manage_billing", _("Mengelola paket, tagihan dan pembayaran"))]
        constraints = [
            models.UniqueConstraint(
                fields=["is_partnership"],
                condition=models.Q(is_partnership=True),
                name="one_partnership_plan",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def allows(self, module_key: str) -> bool:
        return self.all_modules or module_key in self.allowed_modules

    def quota(self, meter: str) -> tuple[int, int] | None:
        """(included units, price per unit over them) for a meter with a quota."""
        return {
            STAFF: (self.included_staff, self.price_per_staff),
            STORAGE: (self.included_storage_mb, self.price_per_storage_mb),
            MESSAGES: (self.included_messages, self.price_per_message),
            DOMAINS: (self.included_custom_domains, self.price_per_custom_domain),
        }.get(meter)


class Subscription(models.Model):
    """A region's current plan. The history that proration reads is in PlanChange."""

    wagtail_reference_index_ignore = True

    region = models.OneToOneField(
        "tenants.Region", on_delete=models.CASCADE, related_name="subscription"
    )
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, verbose_name=_("paket"))
    started_on = models.DateField(_("mulai"))
    trial_ends_on = models.DateField(_("uji coba berakhir"), null=True, blank=True)
    billing_emails = models.CharField(
        _("email penerima tagihan"),
        max_length=500,
        blank=True,
        help_text=_("Pisahkan dengan koma. Kosong: para admin daerah."),
    )
    # Set when an invoice stayed unpaid past the grace period: the partnership plan's
    # limits apply (nothing is deleted, the site stays up) until it is paid.
    limited_since = models.DateField(_("dibatasi sejak"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("langganan")
        verbose_name_plural = _("langganan")

    def __str__(self) -> str:
        return f"{self.region_id}:{self.plan_id}"

    def emails(self) -> list[str]:
        return [e.strip() for e in self.billing_emails.split(",") if e.strip()]


class PlanChange(models.Model):
    """From `effective_on` (inclusive) the region is on `plan`; the latest change on or
    before a day decides that day's plan."""

    wagtail_reference_index_ignore = True

    region = models.ForeignKey("tenants.Region", on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT)
    effective_on = models.DateField(_("berlaku mulai"))
    changed_by_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["effective_on"]
        constraints = [
            models.UniqueConstraint(fields=["region", "effective_on"], name="one_change_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.region_id}:{self.plan_id}@{self.effective_on}"


class UsageRecord(models.Model):
    """One meter's reading for one region on one day (recording again overwrites it)."""

    wagtail_reference_index_ignore = True

    region = models.ForeignKey("tenants.Region", on_delete=models.CASCADE, related_name="+")
    meter = models.CharField(_("meter"), max_length=80)
    day = models.DateField(_("tanggal"))
    value = models.BigIntegerField(_("nilai"))
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("catatan pemakaian")
        verbose_name_plural = _("catatan pemakaian")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "meter", "day"], name="one_usage_per_region_meter_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.region_id}:{self.meter}@{self.day}={self.value}"


class NumberCounter(models.Model):
    """The last number issued in a series and year: locked while a number is taken, in
    the transaction that creates the document, so numbers have no gaps."""

    wagtail_reference_index_ignore = True

    series = models.CharField(max_length=10)
    year = models.PositiveIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="one_counter_per_series_year")
        ]

    def __str__(self) -> str:
        return f"{self.series}/{self.year}: {self.last_number}"


class Invoice(models.Model):
    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        ISSUED = "issued", _("Terbit")
        PARTIALLY_PAID = "partial", _("Dibayar sebagian")
        PAID = "paid", _("Lunas")
        OVERDUE = "overdue", _("Lewat jatuh tempo")
        VOID = "void", _("Dibatalkan")

    OPEN_STATUSES = (Status.ISSUED, Status.PARTIALLY_PAID, Status.OVERDUE)

    # An issued invoice outlives anything done to its region (regions are archived).
    region = models.ForeignKey("tenants.Region", on_delete=models.PROTECT, related_name="invoices")
    region_name = models.CharField(_("daerah"), max_length=120)
    period = models.DateField(_("periode"), help_text=_("Hari pertama bulan yang ditagih."))
    # Empty while a hand-made invoice is a draft: the number is taken when it is issued.
    number = models.CharField(_("nomor"), max_length=30, unique=True, null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ISSUED, db_index=True
    )
    # Typed by the operator (lines by hand), not made by the monthly run: any number of
    # them per region and month.
    is_manual = models.BooleanField(_("tagihan manual"), default=False)
    issued_on = models.DateField(_("tanggal terbit"), null=True, blank=True)
    due_on = models.DateField(_("jatuh tempo"), null=True, blank=True)
    subtotal = models.BigIntegerField(_("subtotal"))
    tax_percent = models.DecimalField(_("tarif PPN (%)"), max_digits=5, decimal_places=2)
    tax = models.BigIntegerField(_("PPN"))
    total = models.BigIntegerField(_("total"))
    paid = models.BigIntegerField(_("terbayar"), default=0)
    sent_to = models.CharField(_("dikirim ke"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tagihan")
        verbose_name_plural = _("tagihan")
        ordering = ["-period", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "period"],
                condition=models.Q(is_manual=False),
                name="one_invoice_per_period",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(number__isnull=False),
                name="issued_invoice_has_number",
            ),
        ]

    def __str__(self) -> str:
        return self.number or _("Draf tagihan %(region)s") % {"region": self.region_name}

    @property
    def outstanding(self) -> int:
        return 0 if self.status == self.Status.VOID else max(self.total - self.paid, 0)


class InvoiceLine(models.Model):
    wagtail_reference_index_ignore = True
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField()
    meter = models.CharField(max_length=80, blank=True)  # empty for the plan's line
    description = models.CharField(_("uraian"), max_length=300)
    quantity = models.BigIntegerField(_("jumlah"))
    unit_price = models.BigIntegerField(_("harga satuan"))
    amount = models.BigIntegerField(_("nilai"))

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.description


class Payment(models.Model):
    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu konfirmasi")
        CONFIRMED = "confirmed", _("Dikonfirmasi")
        REJECTED = "rejected", _("Ditolak")

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="payments")
    amount = models.BigIntegerField(_("jumlah (Rp)"))
    paid_on = models.DateField(_("tanggal transfer"))
    reference = models.CharField(_("referensi transfer"), max_length=100, blank=True)
    # A name in the region's private folder (core.private_files, see billing.proofs).
    proof = models.CharField(_("bukti transfer"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    submitted_by_id = models.BigIntegerField(null=True, blank=True)
    submitted_by_name = models.CharField(_("diunggah oleh"), max_length=200, blank=True)
    decided_by_name = models.CharField(_("dicatat oleh"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("pembayaran")
        verbose_name_plural = _("pembayaran")
        ordering = ["-paid_on", "-id"]

    def __str__(self) -> str:
        return f"{self.invoice_id}: {self.amount}"


class CreditNote(models.Model):
    """Voiding an issued invoice cancels it with a credit note for its full total."""

    wagtail_reference_index_ignore = True

    invoice = models.OneToOneField(Invoice, on_delete=models.CASCADE, related_name="credit_note")
    number = models.CharField(_("nomor"), max_length=30, unique=True)
    amount = models.BigIntegerField(_("nilai"))
    reason = models.TextField(_("alasan"))
    created_by_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nota kredit")
        verbose_name_plural = _("nota kredit")

    def __str__(self) -> str:
        return self.number
