"""The categories every region starts with (seeded when the module is switched on), each with
the unit of the organisation directory it routes to, found by the unit's code, short name or
name (the first that exists in the region wins; none: the category stays unrouted until
staff choose a unit)."""

from __future__ import annotations

# (code, name, description, ways the responsible unit may be named)
CATEGORIES = (
    ("penerangan-jalan-umum", "Penerangan Jalan Umum", "Lampu jalan mati atau rusak.",
     ("DISHUB", "Dishub", "Dinas Perhubungan")),
    ("jalan-rusak", "Jalan Rusak", "Jalan berlubang, retak atau amblas.",
     ("PUPR", "Dinas PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang")),
    ("sampah", "Sampah", "Sampah menumpuk, tidak diangkut, atau dibuang sembarangan.",
     ("DLH", "Dinas Lingkungan Hidup")),
    ("banjir-drainase", "Banjir & Drainase", "Genangan, banjir, saluran air tersumbat.",
     ("PUPR", "Dinas PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang")),
    ("kemacetan", "Kemacetan", "Kemacetan, rambu dan lampu lalu lintas.",
     ("DISHUB", "Dishub", "Dinas Perhubungan")),
    ("pelayanan-publik", "Pelayanan Publik", "Sikap dan pelayanan petugas pemerintah daerah.",
     ("INSPEKTORAT", "Inspektorat", "Inspektorat Daerah")),
    ("lainnya", "Lainnya", "Hal lain; Diskominfo meneruskannya ke unit yang tepat.",
     ("DISKOMINFO", "Diskominfo", "Dinas Komunikasi dan Informatika")),
)  # fmt: skip
