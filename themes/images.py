"""Uploaded branding images: checked, turned upright, shrunk and re-encoded (which also
drops their EXIF data, e.g. where a photo was taken)."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

ACCEPTED_FORMATS = {"PNG", "JPEG", "WEBP"}
MB = 1024 * 1024


@dataclass(frozen=True)
class ImageRule:
    max_bytes: int
    max_side: int
    format: str  # what it is stored as

    @property
    def extension(self) -> str:
        return {"PNG": "png", "JPEG": "jpg"}[self.format]


RULES = {
    "logo": ImageRule(2 * MB, 512, "PNG"),
    "favicon": ImageRule(2 * MB, 64, "PNG"),
    "hero_image": ImageRule(5 * MB, 1600, "JPEG"),
}


def check_upload(field: str, upload) -> None:
    """Refuse a file that is too large or not a PNG, JPEG or WebP image."""
    rule = RULES[field]
    if upload.size > rule.max_bytes:
        raise ValidationError(
            _("Berkas terlalu besar (%(size)s MB); paling besar %(max)s MB.")
            % {"size": f"{upload.size / MB:.1f}".replace(".", ","), "max": rule.max_bytes // MB}
        )
    image = getattr(upload, "image", None)  # set by forms.ImageField after it opened the file
    if image is None or image.format not in ACCEPTED_FORMATS:
        raise ValidationError(_("Unggah gambar PNG, JPEG atau WebP."))


def normalise(field: str, upload) -> ContentFile:
    """The upload as it is stored: upright, at most max_side pixels, without metadata."""
    rule = RULES[field]
    upload.seek(0)
    with Image.open(upload) as original:
        image = ImageOps.exif_transpose(original)
        image.thumbnail((rule.max_side, rule.max_side))
        if rule.format == "JPEG":
            image = _on_white(image)
        elif image.mode not in ("RGB", "RGBA", "L", "LA"):
            image = image.convert("RGBA")
        out = BytesIO()
        image.save(out, rule.format, optimize=True, quality=82)
    return ContentFile(out.getvalue(), name=f"{field.replace('_', '-')}.{rule.extension}")


def _on_white(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")
