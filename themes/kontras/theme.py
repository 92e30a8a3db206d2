from django.utils.translation import gettext_lazy as _

from themes.contrast import AAA_NORMAL_TEXT
from themes.registry import ColourPair, Theme

THEME = Theme(
    key="kontras",
    name=_("Kontras Tinggi"),
    description=_(
        "Kontras minimal 7:1 (WCAG AAA), huruf besar, tautan bergaris bawah, tanpa gambar "
        "di belakang teks, semua bagian bertumpuk."
    ),
    defaults={"primary": "#00356b", "secondary": "#1a1a1a", "accent": "#ffd60a"},
    fixed={
        "background": "#ffffff",
        "text": "#000000",
        "on-primary": "#ffffff",
        "on-secondary": "#ffffff",
        "on-accent": "#000000",
    },
    pairs=(
        ColourPair("text", "background", _("teks hitam di atas latar putih")),
        ColourPair("on-primary", "primary", _("teks putih di bilah kepala (warna utama)")),
        ColourPair("primary", "background", _("tautan berwarna utama di atas latar putih")),
        ColourPair("on-secondary", "secondary", _("teks putih di kaki halaman (warna kedua)")),
        ColourPair("on-accent", "accent", _("teks hitam di tombol dan sorotan fokus (aksen)")),
    ),
    min_ratio=AAA_NORMAL_TEXT,
)
