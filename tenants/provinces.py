"""Indonesia's 38 provinces and the time zone most of each one keeps."""

from __future__ import annotations

WIB, WITA, WIT = "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"

PROVINCES: dict[str, str] = {
    "Aceh": WIB,
    "Sumatera Utara": WIB,
    "Sumatera Barat": WIB,
    "Riau": WIB,
    "Kepulauan Riau": WIB,
    "Jambi": WIB,
    "Sumatera Selatan": WIB,
    "Kepulauan Bangka Belitung": WIB,
    "Bengkulu": WIB,
    "Lampung": WIB,
    "DKI Jakarta": WIB,
    "Jawa Barat": WIB,
    "Banten": WIB,
    "Jawa Tengah": WIB,
    "DI Yogyakarta": WIB,
    "Jawa Timur": WIB,
    "Kalimantan Barat": WIB,
    "Kalimantan Tengah": WIB,
    "Bali": WITA,
    "Nusa Tenggara Barat": WITA,
    "Nusa Tenggara Timur": WITA,
    "Kalimantan Selatan": WITA,
    "Kalimantan Timur": WITA,
    "Kalimantan Utara": WITA,
    "Sulawesi Utara": WITA,
    "Gorontalo": WITA,
    "Sulawesi Tengah": WITA,
    "Sulawesi Barat": WITA,
    "Sulawesi Selatan": WITA,
    "Sulawesi Tenggara": WITA,
    "Maluku": WIT,
    "Maluku Utara": WIT,
    "Papua": WIT,
    "Papua Barat": WIT,
    "Papua Barat Daya": WIT,
    "Papua Tengah": WIT,
    "Papua Pegunungan": WIT,
    "Papua Selatan": WIT,
}

PROVINCE_CHOICES = [(name, name) for name in PROVINCES]
