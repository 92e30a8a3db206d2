"""Photos are images only, limited in size, and stored re-encoded without their EXIF (the GPS
position of the reporter's home, the phone's make and model)."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from modules.laksa.photos import clean_photo
from tests.modules.laksa.conftest import file_report, jpeg_with_gps, upload

pytestmark = pytest.mark.django_db
MB = 1_000_000


def test_a_stored_photo_has_no_gps_or_device_exif_and_is_shrunk(tangsel):
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the test photo has GPS

    report = file_report(tangsel, photos=[clean_photo(upload(original), max_bytes=8 * MB)])

    photo = report.photos.get()
    with photo.image.open("rb") as stored_file:
        stored = stored_file.read()
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG"
    assert dict(image.getexif()) == {}
    assert image.getexif().get_ifd(0x8825) == {}
    assert b"UjiPhone" not in stored and b"Model Rahasia" not in stored
    assert max(image.size) == 1600
    assert "rumah_saya" not in photo.image.name
    assert photo.image.name.startswith("laksa/")


def test_a_file_that_is_not_an_image_is_refused_with_its_name():
    fake = upload(b"%PDF-1.7 bukan foto", name="surat.pdf")

    with pytest.raises(ValidationError) as refused:
        clean_photo(fake, max_bytes=8 * MB)

    assert "surat.pdf bukan foto" in refused.value.messages[0]


def test_a_photo_over_the_size_limit_is_refused():
    with pytest.raises(ValidationError) as refused:
        clean_photo(upload(jpeg_with_gps((3000, 3000))), max_bytes=50_000)

    assert "terlalu besar" in refused.value.messages[0]


def test_a_transparent_png_is_stored_as_a_jpeg():
    out = io.BytesIO()
    Image.new("RGBA", (40, 30), (0, 0, 0, 0)).save(out, "PNG")

    photo = clean_photo(upload(out.getvalue(), name="gambar.png"), max_bytes=MB)

    assert Image.open(io.BytesIO(photo.content.read())).format == "JPEG"
    assert (photo.width, photo.height) == (40, 30)
