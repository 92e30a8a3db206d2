"""Outgoing letters and memos: drafted from a template, initialled (paraf) or returned with
comments, then ready for the signatory; how the signer's authority is written (a.n., Plt.)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tests.harness.fixtures import sign_in_staff
from tests.modules.eoffice.conftest import (
    ADMIN,
    APTIKA,
    HEAD,
    IKP,
    STAFF,
    classification,
    head,
    in_region,
    official,
    position,
    user,
)

pytestmark = pytest.mark.django_db


def draft(region, *, reviewers=(APTIKA,), on_behalf="", signatory=HEAD, **overrides):
    from modules.eoffice import services

    in_region(region)
    values = {
        "kind": "keluar",
        "origin_position": position(STAFF),
        "subject": "Undangan rapat evaluasi SPBE",
        "body": "Dengan hormat, kami mengundang Bapak/Ibu.",
        "addressee": "Para Kepala OPD",
        "classification": classification(),
        "signatory_position": position(signatory),
        "on_behalf": on_behalf,
        "reviewers": [position(code) for code in reviewers],
        "recipients": [position(IKP)],
        "copies": [position(APTIKA)],
        **overrides,
    }
    return services.create_draft(user(region, "staf.aptika"), **values)


def test_a_draft_returned_once_then_initialled_is_ready_for_the_signatory(tangsel):
    from modules.eoffice import selectors, services

    letter = draft(tangsel)
    drafter, kabid = user(tangsel, "staf.aptika"), user(tangsel, "kabid.aptika")
    services.submit_for_review(drafter, letter)
    assert selectors.counters_for(kabid).reviews >= 1

    with pytest.raises(ValidationError):
        services.review(kabid, letter, approve=False, comment="")
    services.review(kabid, letter, approve=False, comment="Perbaiki tanggal rapat.")
    letter.refresh_from_db()
    assert letter.status == "dikembalikan"
    services.update_draft(drafter, letter, subject=letter.subject, body="Isi yang diperbaiki.")
    services.submit_for_review(drafter, letter)
    services.review(kabid, letter, approve=True)

    letter.refresh_from_db()
    assert letter.status == "siap_tte"
    assert letter in selectors.letters_to_sign(selectors.my_position_ids(head(tangsel)))
    assert [r.status for r in letter.reviews.all()] == ["paraf"]
    # recipients get it only once it is signed
    assert not letter.deliveries.filter(delivered_at__isnull=False).exists()


def test_only_the_current_reviewer_may_initial(tangsel):
    from modules.eoffice import services

    letter = draft(tangsel)
    services.submit_for_review(user(tangsel, "staf.aptika"), letter)
    with pytest.raises(services.PermissionDenied):
        services.review(user(tangsel, "kabid.ikp"), letter, approve=True)


def test_drafting_through_the_page_from_a_template(tangsel, site_client):
    from modules.eoffice.models import Letter, Template

    client = site_client(tangsel)
    sign_in_staff(client, tangsel, "staf.aptika@tangsel.test")
    in_region(tangsel)
    template = Template.objects.get(name="Nota dinas")
    form = {
        "kind": "nota",
        "template": template.pk,
        "origin_position": position(STAFF).pk,
        "subject": "Laporan gangguan jaringan",
        "body": "",
        "classification": classification().pk,
        "urgency": "biasa",
        "confidentiality": "biasa",
        "reviewer_1": position(APTIKA).pk,
        "signatory_position": position(HEAD).pk,
    }

    response = client.post(f"{ADMIN}keluar/baru/", form)
    missing = client.post(f"{ADMIN}keluar/baru/", {**form, "template": "", "body": ""})

    assert response.status_code == 302
    in_region(tangsel)
    letter = Letter.objects.get(subject="Laporan gangguan jaringan")
    assert letter.body == template.body and letter.status == "konsep"
    assert "Isi naskah wajib diisi" in missing.text
    preview = client.get(f"{ADMIN}surat/{letter.pk}/pratinjau/")
    assert preview["Content-Type"] == "application/pdf"
    assert preview.content.startswith(b"%PDF-")


def test_capacity_names_a_n_and_acting_officials(tangsel):
    from modules.eoffice.services import signer_capacity

    letter = draft(tangsel, on_behalf="kepala")
    assert signer_capacity(head(tangsel), letter) == "a.n. Wali Kota Tangerang Selatan"

    acting = official(tangsel, "PUPR.KEPALA", kind="plt")
    memo = draft(tangsel, signatory="PUPR.KEPALA")
    assert signer_capacity(acting, memo) == "Plt. Kepala Dinas PUPR"

    kabid = official(tangsel, "DISKOMINFO.IKP.KEPALA", kind="plh")
    on_behalf = draft(tangsel, signatory=IKP, on_behalf="atasan")
    assert signer_capacity(kabid, on_behalf) == (
        "a.n. Kepala Dinas Komunikasi dan Informatika; "
        "Plh. Kepala Bidang Informasi dan Komunikasi Publik, Diskominfo"
    )


def test_a_signed_letter_is_numbered_and_reaches_its_recipients_and_copies(tangsel, signing_seam):
    from modules.eoffice import selectors, services

    letter = draft(tangsel, reviewers=())
    services.submit_for_review(user(tangsel, "staf.aptika"), letter)
    letter.refresh_from_db()
    ikp, aptika = user(tangsel, "kabid.ikp"), user(tangsel, "kabid.aptika")
    unread_before = selectors.counters_for(ikp).unread

    services.sign_letter(head(tangsel), letter, pin="123456")

    letter.refresh_from_db()
    year = letter.signed_at.year
    assert letter.number == f"000.5/{letter.sequence}/Diskominfo/{year}"
    assert letter.documents.get(kind="tte").content
    assert selectors.counters_for(ikp).unread == unread_before + 1
    copy = letter.deliveries.get(position__code=APTIKA)
    assert copy.kind == "tembusan" and copy.delivered_at is not None
    services.mark_read(aptika, letter)
    copy.refresh_from_db()
    assert copy.read_by == aptika
    assert copy in selectors.incoming_deliveries(selectors.my_position_ids(aptika))


def _signed_text(letter, tmp_path) -> str:
    import subprocess

    path = tmp_path / f"surat-{letter.pk}.pdf"
    path.write_bytes(bytes(letter.documents.get(kind="tte").content))
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_acting_officials_and_a_n_are_written_on_the_signed_letter_and_its_record(
    tangsel, signing_seam, tmp_path
):
    from signing.models import VerificationRecord

    from modules.eoffice import services

    acting = official(tangsel, "PUPR.KEPALA", kind="plt")
    memo = draft(tangsel, reviewers=(), signatory="PUPR.KEPALA", subject="Nota Plt. uji")
    on_behalf = draft(tangsel, reviewers=(), on_behalf="kepala", subject="Surat a.n. uji")
    for letter in (memo, on_behalf):
        services.submit_for_review(user(tangsel, "staf.aptika"), letter)

    services.sign_letter(acting, memo, pin="123456")
    services.sign_letter(head(tangsel), on_behalf, pin="123456")
    with pytest.raises(services.PermissionDenied):
        services.sign_letter(user(tangsel, "kabid.ikp"), draft_ready(tangsel), pin="123456")

    expected = {memo: "Plt. Kepala Dinas PUPR", on_behalf: "a.n. Wali Kota Tangerang Selatan"}
    for letter, capacity in expected.items():
        letter.refresh_from_db()
        record = VerificationRecord.objects.get(token=letter.signing_token)
        assert letter.signer_capacity == record.signer_capacity == capacity
        assert capacity in " ".join(_signed_text(letter, tmp_path).split())
    assert VerificationRecord.objects.get(token=memo.signing_token).signer == acting


def draft_ready(region):
    from modules.eoffice import services

    letter = draft(region, reviewers=(), subject="Surat yang bukan haknya")
    services.submit_for_review(user(region, "staf.aptika"), letter)
    letter.refresh_from_db()
    return letter
