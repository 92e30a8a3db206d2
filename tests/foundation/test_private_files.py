"""Private files (core.private_files): each region's under its own private folder, outside
every served root, with no URL, read only through a checked view of the region that owns
them."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory
from django_tenants.utils import schema_context

from core.private_files import move_from_public_media, private_storage, stream_private_file
from tests.harness.fixtures import _forget_media_root

pytestmark = pytest.mark.django_db


@pytest.fixture
def roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private-media")
    _forget_media_root()
    yield tmp_path / "media", tmp_path / "private-media"
    _forget_media_root()


def test_a_private_file_lies_in_its_regions_private_folder_and_no_media_url_reaches_it(
    roots, site_client, tangsel, balikpapan
):
    media, private = roots
    with schema_context(tangsel.schema_name):
        name = private_storage().save("surat/akta.pdf", ContentFile(b"%PDF akta"))
        with pytest.raises(ValueError):
            private_storage().url(name)
    with schema_context(balikpapan.schema_name):
        seen_by_balikpapan = private_storage().exists(name)

    assert (private / "tangsel" / name).read_bytes() == b"%PDF akta"
    assert not [path for path in media.rglob("*") if path.is_file()]
    assert not seen_by_balikpapan
    for url in (
        f"/media/tangsel/{name}",
        f"/media/tangsel/../../private-media/tangsel/{name}",
        f"/media/tangsel/%2E%2E/%2E%2E/private-media/tangsel/{name}",
    ):
        # 404, or 400 for a path climbing out of the media folder: never the file.
        assert site_client(tangsel).get(url).status_code in (400, 404), url


def test_a_name_climbing_out_of_the_regions_folder_is_refused(roots, tangsel, balikpapan):
    with schema_context(balikpapan.schema_name):
        private_storage().save("rahasia.txt", ContentFile(b"milik Balikpapan"))
    with schema_context(tangsel.schema_name):
        with pytest.raises(SuspiciousOperation):
            private_storage().open("../balikpapan/rahasia.txt")
        with pytest.raises(SuspiciousOperation):
            private_storage().save("../balikpapan/rahasia.txt", ContentFile(b"timpa"))
    assert (roots[1] / "balikpapan" / "rahasia.txt").read_bytes() == b"milik Balikpapan"


def test_a_private_root_inside_the_served_media_root_is_refused(settings, tmp_path, tangsel):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "media" / "private")
    with schema_context(tangsel.schema_name), pytest.raises(ImproperlyConfigured):
        private_storage().save("bocor.txt", ContentFile(b"x"))
    assert not (tmp_path / "media").exists()


def test_streaming_sends_the_file_as_a_download_the_browser_must_not_sniff(roots, tangsel):
    request = RequestFactory().get("/")
    with schema_context(tangsel.schema_name):
        name = private_storage().save("dukungan/x.pdf", ContentFile(b"%PDF lampiran"))
        response = stream_private_file(request, name, "Laporan Mei.pdf", "application/pdf")
        with pytest.raises(Http404):
            stream_private_file(request, "dukungan/tidak-ada.pdf", "x.pdf", "application/pdf")

    assert b"".join(response.streaming_content) == b"%PDF lampiran"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Laporan Mei.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_a_proof_of_transfer_is_private_and_only_its_own_regions_admin_reads_it(
    roots, tangsel, balikpapan, site_client, admin_client_for
):
    from billing import invoicing, periods, services
    from billing.models import Invoice
    from tests.billing.factories import plan

    Invoice.objects.filter(region=tangsel).delete()  # the demo's (rolled back with the test)
    period = periods.previous_period(periods.today())
    services.change_plan(tangsel, plan("dasar", 1_000_000), effective_on=period)
    invoice = invoicing.issue_invoice(tangsel, period)
    proof = SimpleUploadedFile("bukti.png", b"\x89PNG bukti", content_type="image/png")
    payment = services.record_payment(invoice, 100_000, date(2026, 4, 2), proof_file=proof)
    path = f"/admin/tagihan/pembayaran/{payment.pk}/bukti/"

    own = admin_client_for(tangsel).get(path)
    other = admin_client_for(balikpapan).get(path)

    assert (roots[1] / "tangsel" / payment.proof).read_bytes() == b"\x89PNG bukti"
    assert not (roots[0] / "tangsel" / payment.proof).exists()
    assert own.status_code == 200
    assert b"".join(own.streaming_content) == b"\x89PNG bukti"
    assert own["X-Content-Type-Options"] == "nosniff"
    assert other.status_code == 404
    assert site_client(tangsel).get(f"/media/tangsel/{payment.proof}").status_code == 404


def test_files_older_code_left_in_public_media_move_to_the_private_folder(roots, tangsel):
    media, private = roots
    with schema_context(tangsel.schema_name):
        name = default_storage.save("dukungan/lama.pdf", ContentFile(b"%PDF lama"))

    assert move_from_public_media(tangsel.schema_name, name)
    assert not move_from_public_media(tangsel.schema_name, name)  # a re-run moves nothing
    assert (private / "tangsel" / name).read_bytes() == b"%PDF lama"
    assert not (media / "tangsel" / name).exists()
