"""The only write path for branding: validated, audited, and announced once committed."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, connection, transaction
from wagtail.models import Site

from audit.api import record
from themes import images
from themes.models import IMAGE_FIELDS, Branding
from themes.palette import contrast_problems
from themes.registry import get_theme
from themes.selectors import default_branding
from themes.signals import branding_changed

# Fields whose old and new values go into the audit entry (images are named, not copied).
AUDITED_FIELDS = [
    field.name
    for field in Branding._meta.get_fields()
    if getattr(field, "editable", False)
    and field.name not in ("id", "site", "updated_at", *IMAGE_FIELDS)
]


def ensure_branding(site: Site) -> Branding:
    """The site's branding row, created with the defaults when the admin first opens it."""
    existing = Branding.objects.filter(site=site).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            branding = default_branding(site)
            branding.save()
            return branding
    except IntegrityError:  # created at the same moment by another request
        return Branding.objects.get(site=site)


def validate_branding(branding: Branding) -> None:
    """Field checks, then every colour pair of the chosen theme against its minimum."""
    branding.full_clean(exclude=["site"])
    theme = get_theme(branding.theme)
    palette = theme.palette(branding.brand_colours)
    errors: dict[str, list[str]] = {}
    for problem in contrast_problems(theme, palette):
        errors.setdefault(problem.field, []).append(problem.message(theme, palette))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_branding(branding: Branding, *, actor, request=None) -> Branding:
    """Save `branding` (changed in memory, e.g. by the admin form): new images are shrunk
    and stored under the region's media folder, replaced ones removed after commit."""
    before = None
    if branding.pk is not None:
        before = Branding.objects.select_for_update().get(pk=branding.pk)
    validate_branding(branding)
    stale_files = _store_new_images(branding, before)
    branding.save()
    record(
        "themes.change_branding",
        actor=actor,
        obj=branding,
        request=request,
        details=_changes(before, branding),
    )
    schema_name, site_id = connection.schema_name, branding.site_id
    transaction.on_commit(lambda: _after_commit(schema_name, site_id, stale_files))
    return branding


def _store_new_images(branding: Branding, before: Branding | None) -> list[str]:
    stale = []
    for field in IMAGE_FIELDS:
        file = getattr(branding, field)
        old_name = getattr(before, field).name if before is not None else ""
        if file and not file._committed:
            stored = images.normalise(field, file.file)
            file.save(stored.name, stored, save=False)
        if old_name and old_name != file.name:
            stale.append(old_name)
    return stale


def _changes(before: Branding | None, after: Branding) -> dict:
    changed = {}
    for name in AUDITED_FIELDS:
        old = getattr(before, name) if before is not None else ""
        new = getattr(after, name)
        if old != new:
            changed[name] = {"from": old, "to": new}
    for name in IMAGE_FIELDS:
        old = getattr(before, name).name if before is not None else ""
        new = getattr(after, name).name
        if old != new:
            changed[name] = {"from": old, "to": new}
    return {"changed": changed}


def _after_commit(schema_name: str, site_id: int, stale_files: list[str]) -> None:
    for name in stale_files:
        default_storage.delete(name)
    branding_changed.send(sender=Branding, schema_name=schema_name, site_id=site_id)


# --- demo data ------------------------------------------------------------------------------
DEMO_BRANDING = {
    "tangerang": {
        "official_name": "Pemerintah Kota Tangerang",
        "short_name": "Tangerang",
        "tagline": "Layanan warga Kota Tangerang dalam satu pintu",
        "theme": "default",
        "primary_colour": "#00529b",
        "secondary_colour": "#14532d",
        "accent_colour": "#f4b400",
        "address": "Jl. Satria Sudirman No. 1, Sukaasih, Kota Tangerang, Banten 15111",
        "phone": "(021) 5555 1000",
        "email": "humas@tangerang.test",
        "whatsapp": "+6281210002000",
        "footer_text": "Kota pembina Kemitraan Kota Cerdas.",
    },
    "tangsel": {
        "official_name": "Pemerintah Kota Tangerang Selatan",
        "short_name": "Tangsel",
        "tagline": "Cerdas, Modern, Religius",
        "theme": "pesisir",
        "primary_colour": "#00696b",
        "secondary_colour": "#123c69",
        "accent_colour": "#ffb703",
        "address": "Jl. Maruga No. 1, Ciputat, Kota Tangerang Selatan, Banten 15411",
        "phone": "(021) 5555 2000",
        "email": "humas@tangsel.test",
        "whatsapp": "+6281220003000",
        "footer_text": "Laporkan jalan rusak, lampu jalan mati dan sampah lewat LAKSA.",
    },
    "balikpapan": {
        "official_name": "Pemerintah Kota Balikpapan",
        "short_name": "Balikpapan",
        "tagline": "Kota Beriman: bersih, indah, aman, nyaman",
        "theme": "kontras",
        "primary_colour": "#003b5c",
        "secondary_colour": "#1a1a1a",
        "accent_colour": "#ffd60a",
        "address": "Jl. Jenderal Sudirman No. 1, Balikpapan, Kalimantan Timur 76114",
        "phone": "(0542) 555 3000",
        "email": "humas@balikpapan.test",
        "whatsapp": "+6281230004000",
        "footer_text": "Waktu layanan dalam WITA.",
    },
}


def load_demo_branding(region) -> Branding | None:
    """The demo region's branding, made once (an admin's later changes are kept)."""
    values = DEMO_BRANDING.get(region.slug)
    site = Site.objects.filter(is_default_site=True).first()
    if values is None or site is None or Branding.objects.filter(site=site).exists():
        return None
    branding = Branding(site=site, **values)
    validate_branding(branding)
    branding.save()  # set-up, not a person's action: no audit entry
    return branding
