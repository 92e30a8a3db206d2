"""The staple foods every region starts with (seeded when the module is switched on).

Names follow the usual market-price reports (PIHPS and the regions' own boards); the unit
is what the price is quoted per.
"""

from __future__ import annotations

# (code, name, unit)
COMMODITIES = (
    ("beras-medium", "Beras Medium", "kg"),
    ("beras-premium", "Beras Premium", "kg"),
    ("gula-pasir", "Gula Pasir", "kg"),
    ("minyak-goreng-curah", "Minyak Goreng Curah", "liter"),
    ("minyak-goreng-kemasan", "Minyak Goreng Kemasan", "liter"),
    ("cabai-merah-keriting", "Cabai Merah Keriting", "kg"),
    ("cabai-rawit-merah", "Cabai Rawit Merah", "kg"),
    ("bawang-merah", "Bawang Merah", "kg"),
    ("bawang-putih", "Bawang Putih", "kg"),
    ("telur-ayam-ras", "Telur Ayam Ras", "kg"),
    ("daging-ayam-ras", "Daging Ayam Ras", "kg"),
    ("daging-sapi", "Daging Sapi", "kg"),
)
