"""The archive: search by number, subject, sender, dates, classification and full text
(PostgreSQL, Indonesian stemming), the list of letters past their retention (JRA) and the
archivist destroying them (a berita acara; the metadata stays)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.modules.eoffice.conftest import classification, head, in_region, incoming

pytestmark = pytest.mark.django_db

ADMIN_DESTRUCTION = "/admin/eoffice/arsip/retensi/"


def _search(region, **fields):
    from modules.eoffice import selectors

    return list(selectors.search_archive(head(region), selectors.ArchiveQuery(**fields)))


def test_search_by_each_field_and_by_words_in_another_form(tangsel):
    in_region(tangsel)
    roads = incoming(
        tangsel,
        subject="Pembangunan jembatan penyeberangan orang",
        sender="Dinas Perhubungan Provinsi Banten",
        number="550/901/Dishub/2026",
        letter_date=date(2026, 3, 4),
        classification=classification("500.1"),
    )
    other = incoming(tangsel, subject="Undangan pelantikan", letter_date=date(2026, 5, 1))

    assert _search(tangsel, text="membangun jembatan") == [roads]
    assert _search(tangsel, number="550/901") == [roads]
    assert roads in _search(tangsel, sender="perhubungan provinsi")
    assert _search(tangsel, date_from=date(2026, 3, 1), date_to=date(2026, 3, 31)) == [roads]
    assert other not in _search(tangsel, classification="500")
    assert roads in _search(tangsel, classification="500")


def test_the_destruction_list_holds_only_what_is_past_retention_and_ends_in_destruction(
    tangsel,
):
    from modules.eoffice import selectors

    in_region(tangsel)
    old = incoming(
        tangsel,
        subject="Undangan lama",
        letter_date=timezone.localdate() - timedelta(days=365 * 3),
        classification=classification("000.5"),
    )
    permanent = incoming(
        tangsel,
        subject="Keputusan lama",
        letter_date=timezone.localdate() - timedelta(days=365 * 30),
        classification=classification("100"),
    )
    recent = incoming(tangsel, subject="Undangan baru", classification=classification("000.5"))

    due = list(selectors.due_for_destruction(head(tangsel)))

    assert old in due
    assert permanent not in due and recent not in due


def _old(region, subject: str, **overrides):
    in_region(region)
    return incoming(
        region,
        subject=subject,
        letter_date=timezone.localdate() - timedelta(days=365 * 3),
        classification=classification("000.5"),
        **overrides,
    )


def test_the_archivist_destroys_due_letters_keeping_only_their_metadata(tangsel, admin_client_for):
    from audit.models import AuditEntry
    from modules.eoffice import selectors
    from modules.eoffice.models import Destruction

    old = _old(tangsel, "Undangan rapat lama sekali")
    document = old.documents.get()
    recent = incoming(tangsel, subject="Undangan rapat minggu ini")
    client = admin_client_for(tangsel)

    refused = client.post(ADMIN_DESTRUCTION, {"letters": [old.pk, recent.pk]})
    response = client.post(ADMIN_DESTRUCTION, {"letters": [old.pk], "note": "Sesuai JRA."})

    in_region(tangsel)
    assert refused.status_code == 400 and recent.documents.exists()
    assert response.status_code == 302
    old.refresh_from_db()
    record = Destruction.objects.get()
    assert old.destruction == record and not old.documents.exists()
    assert old.subject == "Undangan rapat lama sekali" and old.number
    assert record.destroyed_by == head(tangsel) and record.note == "Sesuai JRA."
    assert [item["subject"] for item in record.inventory] == ["Undangan rapat lama sekali"]
    assert AuditEntry.objects.filter(action="eoffice.destroy", object_id=str(record.pk)).exists()
    assert old not in selectors.due_for_destruction(head(tangsel))
    assert selectors.search_archive(
        head(tangsel), selectors.ArchiveQuery(text="rapat lama")
    ).exists()
    listing = client.get(ADMIN_DESTRUCTION).text
    assert "Undangan rapat lama sekali" in listing and "Sesuai JRA." in listing
    page = client.get(f"/admin/eoffice/surat/{old.pk}/")
    assert "hanya metadata yang disimpan" in page.text
    assert client.get(f"/admin/eoffice/surat/{old.pk}/berkas/{document.pk}/").status_code == 404


def test_an_archivist_outside_its_chain_cannot_destroy_a_confidential_letter(tangsel, site_client):
    from modules.eoffice import services
    from tests.harness.fixtures import sign_in_staff
    from tests.modules.eoffice.conftest import official

    secret = _old(tangsel, "Hasil audit keamanan lama", confidentiality="rahasia")
    archivist = official(tangsel, "PUPR.KEPALA", role="Arsiparis e-Office")
    client = site_client(tangsel)
    sign_in_staff(client, tangsel, archivist.email)

    listing = client.get(ADMIN_DESTRUCTION)
    posted = client.post(ADMIN_DESTRUCTION, {"letters": [secret.pk]})

    in_region(tangsel)
    assert "Hasil audit keamanan lama" not in listing.text
    assert posted.status_code == 400
    with pytest.raises(ValidationError):
        services.destroy_letters(archivist, [secret.pk])
    assert secret.documents.exists()


def test_destruction_needs_the_archive_permission_and_stays_in_its_region(
    tangsel, balikpapan, site_client, admin_client_for
):
    from tests.harness.fixtures import sign_in_staff

    old = _old(tangsel, "Undangan rapat Tangsel lama")
    staff = site_client(tangsel)
    sign_in_staff(staff, tangsel, "staf.aptika@tangsel.test")

    forbidden = staff.post(ADMIN_DESTRUCTION, {"letters": [old.pk]})
    elsewhere = admin_client_for(balikpapan).post(ADMIN_DESTRUCTION, {"letters": [old.pk]})

    in_region(tangsel)
    # Wagtail answers a missing permission by sending the person back to the dashboard.
    assert forbidden.status_code == 302 and forbidden.url == "/admin/"
    assert elsewhere.status_code == 400
    old.refresh_from_db()
    assert old.destruction is None and old.documents.exists()
