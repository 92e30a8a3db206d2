"""The job seeker's photo: re-encoded without its metadata, kept in the region's private
folder, seen by its owner and the employers they applied to, nobody else."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.modules.jobs.conftest import RESIDENT, employer_world, in_region, resident

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]

PROFILE = {"phone": "081377778888", "education": "sma", "share_phone": "on"}


def png(side: int = 1600) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (side, side // 2), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def world(tangsel, signed_in):
    found = employer_world(tangsel)
    client = signed_in(tangsel, found["seeker"])
    photo = SimpleUploadedFile("saya.png", png(), content_type="image/png")
    found["saved"] = client.post(f"{RESIDENT}profil/", {**PROFILE, "photo": photo}, follow=True)
    found["client"] = client
    return found


def test_the_photo_is_reencoded_small_and_shown_to_its_owner(world, tangsel):
    from PIL import Image

    own = world["client"].get(f"{RESIDENT}profil/foto/")
    picture = Image.open(io.BytesIO(body(own)))

    assert "Profil pencari kerja Anda tersimpan." in world["saved"].text
    assert own["Content-Type"] == "image/jpeg" and "private" in own["Cache-Control"]
    assert picture.format == "JPEG" and max(picture.size) == 800
    assert f"{RESIDENT}profil/foto/" in world["client"].get(f"{RESIDENT}profil/").text


def test_only_employers_applied_to_see_the_photo(world, tangsel, signed_in, site_client):
    url = f"{RESIDENT}kelola/pelamar/{world['application'].pk}/foto/"
    applied_to = signed_in(tangsel, world["owner_a"])
    other = signed_in(tangsel, world["owner_b"])

    page = applied_to.get(f"{RESIDENT}kelola/pelamar/{world['application'].pk}/")

    assert url in page.text and applied_to.get(url).status_code == 200
    assert other.get(url).status_code == 404
    assert signed_in(tangsel, resident(tangsel)).get(url).status_code == 404
    assert site_client(tangsel).get(f"{RESIDENT}profil/foto/").status_code == 302


def test_a_file_that_is_not_a_picture_is_refused_and_a_photo_can_be_removed(world, tangsel):
    client = world["client"]
    fake = SimpleUploadedFile("foto.png", b"%PDF-1.4 bukan gambar", content_type="image/png")

    refused = client.post(f"{RESIDENT}profil/", {**PROFILE, "photo": fake})
    removed = client.post(f"{RESIDENT}profil/", {**PROFILE, "remove_photo": "on"}, follow=True)

    assert "Foto harus berupa gambar JPG atau PNG." in refused.text
    assert "Profil pencari kerja Anda tersimpan." in removed.text
    assert client.get(f"{RESIDENT}profil/foto/").status_code == 404


def test_a_photo_of_region_a_is_not_reachable_through_region_bs_host(
    world, tangsel, balikpapan, admin_client_for
):
    from modules.jobs.models import Application

    in_region(balikpapan)
    assert not Application.objects.filter(pk=world["application"].pk).exists()
    other_admin = admin_client_for(balikpapan)

    answer = other_admin.get(f"{RESIDENT}kelola/pelamar/{world['application'].pk}/foto/")

    assert answer.status_code == 404
