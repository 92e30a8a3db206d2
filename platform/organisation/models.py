"""The region's organisation directory: units, positions, who holds them, and their inbox.

Work belongs to positions, not people: an InboxItem points at a Position, and whoever holds
or acts for that position at a given moment sees it. A mutasi moves the person; the work
stays where it is and passes to the successor.

Units form a tree kept as a parent foreign key plus a materialised path (`path`): the ids
of the unit's ancestors and its own, zero-padded, e.g. "0000000003/0000000017/". "All units
under X" is one indexed prefix query (`path LIKE 'X.path%'`) and the ancestors are the ids
read from the path. The path is rewritten in `Unit.save` whenever the parent changes.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext_lazy as _

PATH_SEGMENT_WIDTH = 10
MAX_UNIT_DEPTH = 20


class Area(models.Model):
    """A reference area for addresses and routing: a kecamatan and its kelurahan/desa."""

    class Kind(models.TextChoices):
        KECAMATAN = "kecamatan", _("Kecamatan")
        KELURAHAN = "kelurahan", _("Kelurahan")
        DESA = "desa", _("Desa")

    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    code = models.CharField(_("kode wilayah"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=120)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("kecamatan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta:
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


class Unit(models.Model):
    class Kind(models.TextChoices):
        SEKRETARIAT_DAERAH = "sekretariat_daerah", _("Sekretariat Daerah")
        SEKRETARIAT_DPRD = "sekretariat_dprd", _("Sekretariat DPRD")
        INSPEKTORAT = "inspektorat", _("Inspektorat")
        DINAS = "dinas", _("Dinas")
        BADAN = "badan", _("Badan")
        SATUAN = "satuan", _("Satuan (mis. Satpol PP)")
        KECAMATAN = "kecamatan", _("Kantor Kecamatan")
        KELURAHAN = "kelurahan", _("Kantor Kelurahan")
        DESA = "desa", _("Kantor Desa")
        BIDANG = "bidang", _("Bidang")
        BAGIAN = "bagian", _("Bagian")
        SEKSI = "seksi", _("Seksi")
        SUBBAGIAN = "subbagian", _("Subbagian")
        UPT = "upt", _("Unit Pelaksana Teknis")
        LAINNYA = "lainnya", _("Lainnya")

    # Parts of an office; every other kind is an office of its own (an OPD, a kecamatan...).
    SECTION_KINDS = frozenset({Kind.BIDANG, Kind.BAGIAN, Kind.SEKSI, Kind.SUBBAGIAN, Kind.UPT})

    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(
        _("nama singkat"),
        max_length=60,
        blank=True,
        help_text=_("Singkatan yang dipakai sehari-hari, mis. “Dinas PUPR”."),
    )
    code = models.CharField(
        _("kode"),
        max_length=40,
        unique=True,
        help_text=_("Kode unik di daerah ini, mis. PUPR atau PUPR.JALAN."),
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("unit induk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("wilayah kerja"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="units",
        help_text=_("Untuk kantor kecamatan/kelurahan: wilayah yang dilayaninya."),
    )
    active = models.BooleanField(_("aktif"), default=True)
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=1)

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._sync_path()

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def is_office(self) -> bool:
        return self.kind not in self.SECTION_KINDS

    def tree_label(self) -> str:
        """The name indented by depth, for lists that show the tree."""
        return "\u2003" * (self.depth - 1) + ("└ " if self.depth > 1 else "") + self.name

    tree_label.short_description = _("nama")  # type: ignore[attr-defined]
    tree_label.admin_order_field = "path"  # type: ignore[attr-defined]

    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to the parent (not including this unit)."""
        return [int(segment) for segment in self.path.split("/") if segment][:-1]

    def _sync_path(self) -> None:
        prefix = ""
        if self.parent_id:
            prefix = Unit.objects.values_list("path", flat=True).get(pk=self.parent_id)
        new_path = f"{prefix}{self.pk:0{PATH_SEGMENT_WIDTH}d}/"
        if new_path == self.path:
            return
        old_path, new_depth = self.path, new_path.count("/")
        if old_path:
            # A move: this unit and everything under it get the new prefix.
            Unit.objects.filter(path__startswith=old_path).update(
                path=Concat(
                    models.Value(new_path),
                    Substr("path", len(old_path) + 1),
                    output_field=models.CharField(),
                ),
                depth=models.F("depth") + (new_depth - self.depth),
            )
        else:
            Unit.objects.filter(pk=self.pk).update(path=new_path, depth=new_depth)
        self.path, self.depth = new_path, new_depth


class Position(models.Model):
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="positions"
    )
    title = models.CharField(
        _("nama jabatan"),
        max_length=150,
        help_text=_("Mis. “Kepala Dinas”, “Kepala Bidang Jalan”, “Staf”."),
    )
    code = models.CharField(_("kode"), max_length=40, unique=True)
    is_head = models.BooleanField(_("kepala unit"), default=False)
    reports_to = models.ForeignKey(
        "self",
        verbose_name=_("atasan langsung"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="subordinates",
        help_text=_("Kosongkan untuk mengikuti struktur: kepala unit, lalu kepala unit induk."),
    )
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["unit__path", "-is_head", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit"],
                condition=models.Q(is_head=True, active=True),
                name="organisation_one_head_position_per_unit",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.unit.display_name}"


class Assignment(models.Model):
    """A person holds (definitif) or acts for (Plt, Plh) a position during [starts_at, ends_at).

    Both ends are instants; forms and CSV files speak in whole days of the region's time
    zone (a last day D ends at 00:00 of D+1 there).
    """

    class Kind(models.TextChoices):
        DEFINITIF = "definitif", _("Definitif")
        PLT = "plt", _("Plt. (pelaksana tugas)")
        PLH = "plh", _("Plh. (pelaksana harian)")

    ACTING_KINDS = frozenset({Kind.PLT, Kind.PLH})

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pegawai"),
        on_delete=models.PROTECT,
        related_name="organisation_assignments",
    )
    position = models.ForeignKey(
        Position, verbose_name=_("jabatan"), on_delete=models.PROTECT, related_name="assignments"
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    starts_at = models.DateTimeField(_("mulai"))
    ends_at = models.DateTimeField(_("berakhir"), null=True, blank=True)
    decree = models.CharField(_("nomor SK"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    class Meta:
        verbose_name = _("penugasan")
        verbose_name_plural = _("penugasan")
        ordering = ["-starts_at", "-id"]
        indexes = [
            models.Index(fields=["position", "starts_at"]),
            models.Index(fields=["user", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="organisation_assignment_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_kind_display()} {self.position.title}"

    @property
    def is_acting(self) -> bool:
        return self.kind in self.ACTING_KINDS


class InboxItem(models.Model):
    """Open work addressed to a position (a letter to dispose, a report to answer)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Terbuka")
        DONE = "done", _("Selesai")

    position = models.ForeignKey(
        Position, verbose_name=_("jabatan"), on_delete=models.PROTECT, related_name="inbox_items"
    )
    title = models.CharField(_("judul"), max_length=300)
    url = models.CharField(_("tautan"), max_length=500)
    source_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    source_id = models.CharField(max_length=64, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    due_at = models.DateTimeField(_("tenggat"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    closed_at = models.DateTimeField(_("diselesaikan"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("kotak masuk jabatan")
        verbose_name_plural = _("kotak masuk jabatan")
        ordering = ["due_at", "created_at", "id"]
        indexes = [models.Index(fields=["source_type", "source_id"])]
        constraints = [
            # A re-run task adding the same work twice finds the open item instead.
            models.UniqueConstraint(
                fields=["position", "source_type", "source_id"],
                condition=models.Q(status="open", source_type__isnull=False),
                name="organisation_one_open_item_per_source_and_position",
            )
        ]

    def __str__(self) -> str:
        return self.title
