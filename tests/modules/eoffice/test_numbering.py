"""Letter numbers are given at signing from a per-region, per-year sequence: unique and
gap-free under concurrent signings, and a signing that fails gives its number back.

The signing itself goes through modules/eoffice/signing.py (the seam of platform/signing);
where that service is not installed these tests sign through a tiny stand-in, so the
numbering and the transaction around it are what is tested here, on real PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.utils import timezone

from tests.modules.eoffice.conftest import HEAD, classification, position


def _ready_letters(count: int, subject: str):
    from modules.eoffice.models import Letter

    return [
        Letter.objects.create(
            kind="keluar",
            status="siap_tte",
            subject=f"{subject} {i}",
            body="Isi uji.",
            classification=classification("500.1"),
            origin_position=position(HEAD),
            signatory_position=position(HEAD),
        )
        for i in range(count)
    ]


def _signer():
    from accounts.models import User

    return User.objects.get(email="admin@tangsel.test")


@pytest.fixture
def tangsel_committed(committed_db):
    """Tangsel's schema with committed rows; the letters, their audit entries and the
    year's counter are put back as they were afterwards."""
    from audit.models import AuditEntry
    from modules.eoffice.models import Letter, NumberCounter
    from tenants.models import Region

    region = Region.objects.get(slug="tangsel")
    connection.set_tenant(region)
    year = timezone.localdate().year
    before = NumberCounter.objects.filter(year=year).values_list("last", flat=True).first()
    existing = set(Letter.objects.values_list("pk", flat=True))
    yield region
    connection.set_tenant(region)
    new = Letter.objects.exclude(pk__in=existing)
    AuditEntry.objects.filter(
        object_type="eoffice.letter",
        object_id__in=[str(pk) for pk in new.values_list("pk", flat=True)],
    ).delete()
    new.delete()
    if before is None:
        NumberCounter.objects.filter(year=year).delete()
    else:
        NumberCounter.objects.filter(year=year).update(last=before)
    connection.set_schema_to_public()


def test_twenty_concurrent_signings_get_twenty_consecutive_numbers(tangsel_committed, signing_seam):
    from modules.eoffice import services
    from modules.eoffice.models import Letter, NumberCounter

    region = tangsel_committed
    letters = _ready_letters(20, "Surat serentak")
    signer = _signer()
    year = timezone.localdate().year
    start = NumberCounter.objects.filter(year=year).values_list("last", flat=True).first() or 0
    errors = []
    gate = threading.Barrier(20)

    def sign(pk: int) -> None:
        try:
            connection.set_tenant(region)
            gate.wait(timeout=30)
            services.sign_letter(signer, Letter.objects.get(pk=pk), pin="123456")
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign, args=(letter.pk,)) for letter in letters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    signed = Letter.objects.filter(pk__in=[letter.pk for letter in letters])
    sequences = sorted(signed.values_list("sequence", flat=True))
    assert sequences == list(range(start + 1, start + 21))
    numbers = set(signed.values_list("number", flat=True))
    assert len(numbers) == 20
    assert f"500.1/{start + 1}/Diskominfo/{year}" in numbers


def test_a_signing_that_fails_leaves_no_gap(tangsel_committed, signing_seam, monkeypatch):
    from modules.eoffice import services
    from modules.eoffice.models import Document, Letter

    first, second = _ready_letters(2, "Surat gagal")
    signer = _signer()
    real_sign = signing_seam.sign_pdf

    def broken(*args, **kwargs):
        raise RuntimeError("HSM tidak menjawab")

    monkeypatch.setattr(signing_seam, "sign_pdf", broken)
    with pytest.raises(RuntimeError):
        services.sign_letter(signer, first, pin="123456")
    monkeypatch.setattr(signing_seam, "sign_pdf", real_sign)
    first.refresh_from_db()
    assert first.status == "siap_tte" and first.number == ""
    assert not Document.objects.filter(letter=first).exists()

    services.sign_letter(signer, Letter.objects.get(pk=second.pk), pin="123456")
    services.sign_letter(signer, Letter.objects.get(pk=first.pk), pin="123456")

    second.refresh_from_db()
    first.refresh_from_db()
    assert first.sequence == second.sequence + 1
    assert first.status == second.status == "ditandatangani"
