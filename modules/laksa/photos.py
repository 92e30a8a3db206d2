"""Photos residents and officers upload: images only, limited in size, shrunk and re-encoded
as JPEG so that nothing of the original file (EXIF: GPS position, device, owner) is stored.

They are private files (core.private_files) with no address of their own: a view checks the
reader first (the public page's report is public, the tracking code, the staff member's
access) and answers with `photo_response`."""

from __future__ import annotations

import contextlib
import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import FileResponse
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from core.private_files import stream_private_file

ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF", "MPO"})
# The longest side stored; a phone photo of 4000 px is shrunk to this.
MAX_SIDE = 1600
# Larger images are refused before they are decoded (a "decompression bomb").
MAX_PIXELS = 50_000_000
JPEG_QUALITY = 82


@dataclass(frozen=True)
class CleanPhoto:
    content: ContentFile
    width: int
    height: int

    @property
    def size(self) -> int:
        return self.content.size


def clean_photo(upload, *, max_bytes: int) -> CleanPhoto:
    """The upload as a fresh JPEG without metadata, or ValidationError saying why not."""
    name = getattr(upload, "name", "") or _("foto")
    if upload.size > max_bytes:
        raise ValidationError(
            _("%(name)s terlalu besar (%(size)s MB); paling besar %(max)s MB.")
            % {"name": name, "size": _mb(upload.size), "max": _mb(max_bytes)},
            code="too_large",
        )
    image = _open(upload, name)
    with contextlib.suppress(OSError, ValueError):
        image = ImageOps.exif_transpose(image)  # keep what the camera meant as "up"
    if image.mode not in ("RGB", "L"):
        image = _flatten(image)
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    # A new image object carries no info dict: no EXIF, no ICC, no comments are written.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    clean.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return CleanPhoto(ContentFile(out.getvalue(), name="foto.jpg"), clean.width, clean.height)


def photo_response(request, photo, *, public: bool) -> FileResponse:
    """The photo's file for a reader the caller has checked. A public report's photo may be
    kept by browsers and proxies as long as a cached page is (PAGE_CACHE_SECONDS); any other
    stays "private, no-store"."""
    response = stream_private_file(
        request, photo.image.name, f"foto-{photo.pk}.jpg", "image/jpeg", as_attachment=False
    )
    if public:
        response["Cache-Control"] = f"public, max-age={settings.PAGE_CACHE_SECONDS}"
    return response


def _open(upload, name: str) -> Image.Image:
    not_an_image = ValidationError(
        _("%(name)s bukan foto. Unggah berkas JPEG, PNG atau WebP.") % {"name": name},
        code="not_image",
    )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            if image.format not in ACCEPTED_FORMATS:
                raise not_an_image
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(
                    _("%(name)s terlalu besar ukurannya (piksel); kecilkan dulu.") % {"name": name},
                    code="too_many_pixels",
                )
            image.load()
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        OSError,
        ValueError,
        SyntaxError,
        Warning,
    ) as exc:
        raise not_an_image from exc
    finally:
        upload.seek(0)
    return image


def _flatten(image: Image.Image) -> Image.Image:
    """Transparent or paletted images on white, as RGB."""
    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, (255, 255, 255))
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f}".replace(".", ",")
