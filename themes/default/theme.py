from django.utils.translation import gettext_lazy as _

from themes.contrast import AA_NORMAL_TEXT
from themes.registry import ColourPair, Theme

THEME = Theme(
    key="default",
    name=_("Standar"),
    description=_(
        "Bilah kepala dengan nama daerah dan menu mendatar, hero dengan kotak pencarian, "
        "layanan sebagai kartu dalam kisi."
    ),
    defaults={"primary": "#0b4f8a", "secondary": "#1e3a5f", "accent": "#f5b700"},
    fixed={
        "background": "#ffffff",
        "surface": "#f1f5f9",
        "text": "#1f2933",
        "on-primary": "#ffffff",
        "on-secondary": "#ffffff",
        "on-accent": "#1f2933",
    },
    pairs=(
        ColourPair("text", "background", _("teks di atas latar halaman")),
        ColourPair("text", "surface", _("teks di atas latar hero dan menu")),
        ColourPair("on-primary", "primary", _("teks putih di bilah kepala (warna utama)")),
        ColourPair("primary", "background", _("tautan berwarna utama di atas latar halaman")),
        ColourPair("primary", "surface", _("tautan berwarna utama di menu dan hero")),
        ColourPair("on-secondary", "secondary", _("teks putih di kaki halaman (warna kedua)")),
        ColourPair("on-accent", "accent", _("teks gelap di tombol dan sorotan fokus (aksen)")),
    ),
    min_ratio=AA_NORMAL_TEXT,
)
