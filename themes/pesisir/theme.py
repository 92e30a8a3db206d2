from django.utils.translation import gettext_lazy as _

from themes.contrast import AA_NORMAL_TEXT
from themes.registry import ColourPair, Theme

THEME = Theme(
    key="pesisir",
    name=_("Pesisir"),
    description=_(
        "Menu di bilah samping (bertumpuk di ponsel), hero berbentuk gelombang, layanan "
        "sebagai daftar berikon."
    ),
    defaults={"primary": "#006d77", "secondary": "#0b3c5d", "accent": "#ffb703"},
    fixed={
        "background": "#f3fafb",
        "surface": "#ffffff",
        "text": "#0f2f3a",
        "on-primary": "#ffffff",
        "on-secondary": "#ffffff",
        "on-accent": "#0f2f3a",
    },
    pairs=(
        ColourPair("text", "background", _("teks di atas latar halaman")),
        ColourPair("text", "surface", _("teks di atas kartu putih")),
        ColourPair("on-primary", "primary", _("teks putih di hero gelombang (warna utama)")),
        ColourPair("primary", "background", _("tautan berwarna utama di atas latar halaman")),
        ColourPair("primary", "surface", _("judul layanan berwarna utama di atas kartu putih")),
        ColourPair("on-secondary", "secondary", _("teks putih di bilah samping (warna kedua)")),
        ColourPair("on-accent", "accent", _("ikon, tombol dan sorotan fokus (aksen)")),
    ),
    min_ratio=AA_NORMAL_TEXT,
)
