"""A region's own holidays, on top of the national ones every region shares.

National holidays and cuti bersama come from the `holidays` library (see national.py) and
are not stored. A region records here what only it observes (its anniversary, a local
decree) and any cuti bersama the library does not know yet.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionHoliday(models.Model):
    date = models.DateField(
        _("tanggal"),
        unique=True,
        error_messages={"unique": _("Tanggal ini sudah tercatat sebagai libur daerah.")},
    )
    name = models.CharField(
        _("nama libur"),
        max_length=120,
        help_text=_("Tampil bagi warga dan petugas, mis. “Hari Jadi Kota”."),
    )
    notes = models.TextField(
        _("catatan"),
        blank=True,
        help_text=_("Dasar penetapan, mis. nomor keputusan kepala daerah."),
    )
    added_by_name = models.CharField(_("ditambahkan oleh"), max_length=200, blank=True)
    added_at = models.DateTimeField(_("ditambahkan pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("libur daerah")
        verbose_name_plural = _("libur daerah")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"
