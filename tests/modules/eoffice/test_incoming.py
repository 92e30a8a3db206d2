"""Incoming letters: registered with a scanned PDF into the head's inbox, disposed down the
chain as a tree, reported done back up, with read receipts and home counters."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.harness.fixtures import sign_in_staff
from tests.modules.eoffice.conftest import (
    ADMIN,
    APTIKA,
    HEAD,
    IKP,
    STAFF,
    classification,
    dispose,
    head,
    in_region,
    incoming,
    pdf,
    position,
    user,
)

pytestmark = pytest.mark.django_db


def _row(html: str, text: str) -> str:
    """The table row of the inbox that names `text`."""
    [row] = [row for row in html.split("<tr>") if text in row]
    return row


def _form(**overrides):
    values = {
        "addressed_to": position(HEAD).pk,
        "sender": "Kementerian Komunikasi dan Digital",
        "number": "005/441/Kominfo/2026",
        "letter_date": "2026-11-02",
        "subject": "Undangan bimbingan teknis SPBE",
        "classification": classification().pk,
        "urgency": "segera",
        "confidentiality": "biasa",
    }
    values.update(overrides)
    return values


def test_registering_an_incoming_letter_puts_it_in_the_heads_inbox(tangsel, admin_client_for):
    client = admin_client_for(tangsel)
    in_region(tangsel)
    scan = SimpleUploadedFile("surat.pdf", pdf("Undangan"), content_type="application/pdf")

    response = client.post(f"{ADMIN}masuk/baru/", {**_form(), "scan": scan})

    assert response.status_code == 302
    assert "belum dibaca" in _row(client.get(ADMIN).text, "Undangan bimbingan teknis SPBE")
    letter_page = client.get(response["Location"]).text
    assert "005/441/Kominfo/2026" in letter_page
    assert "belum dibaca" not in _row(client.get(ADMIN).text, "Undangan bimbingan teknis SPBE")


def test_a_file_that_is_not_a_pdf_is_refused_and_the_form_keeps_its_values(
    tangsel, admin_client_for
):
    client = admin_client_for(tangsel)
    in_region(tangsel)
    fake = SimpleUploadedFile("surat.pdf", b"GIF89a not a pdf", content_type="application/pdf")

    response = client.post(f"{ADMIN}masuk/baru/", {**_form(), "scan": fake})

    assert response.status_code == 200
    assert "Berkas harus berupa PDF." in response.text
    assert "Undangan bimbingan teknis SPBE" in response.text
    with pytest.raises(ValidationError):
        incoming(tangsel, scan=b"%PDF-1.4 truncated without end")


def test_disposition_tree_done_reports_and_read_receipts(tangsel):
    from modules.eoffice import selectors, services

    letter = incoming(tangsel)
    kepala = head(tangsel)
    first = dispose(tangsel, letter, kepala, HEAD, [APTIKA, IKP])
    kabid = user(tangsel, "kabid.aptika")
    assert selectors.can_dispose(kabid, letter)
    aptika = next(d for d in first if d.to_position.code == APTIKA)
    [below] = dispose(tangsel, letter, kabid, APTIKA, [STAFF], parent=aptika)

    services.mark_read(kabid, letter)
    services.report_done(user(tangsel, "staf.aptika"), below, report="Sudah dihadiri.")
    services.report_done(kabid, aptika, report="Hasil rapat terlampir.")

    [root_a, root_b] = selectors.disposition_tree(letter)
    assert {root_a.disposition.to_position.code, root_b.disposition.to_position.code} == {
        APTIKA,
        IKP,
    }
    aptika_node = root_a if root_a.disposition.to_position.code == APTIKA else root_b
    assert [n.disposition.to_position.code for n in aptika_node.children] == [STAFF]
    aptika.refresh_from_db()
    assert aptika.read_by == kabid and aptika.done_at is not None
    ikp = next(d for d in first if d.to_position.code == IKP)
    ikp.refresh_from_db()
    assert ikp.read_at is None and ikp.done_at is None


def test_only_the_chain_may_dispose_and_only_to_positions_below(tangsel):
    from modules.eoffice import selectors, services

    letter = incoming(tangsel)
    outsider = user(tangsel, "kabid.ikp")
    with pytest.raises(services.PermissionDenied):
        dispose(tangsel, letter, outsider, IKP, [STAFF])
    below = {p.code for p in selectors.positions_below(head(tangsel))}
    assert {APTIKA, IKP, STAFF} <= below
    assert HEAD not in below and "PUPR.KEPALA" not in below


def test_counters_follow_the_work_of_the_persons_positions(tangsel):
    from modules.eoffice import selectors

    kabid = user(tangsel, "kabid.aptika")
    before = selectors.counters_for(kabid)
    letter = incoming(tangsel)
    dispose(tangsel, letter, head(tangsel), HEAD, [APTIKA], days=-1 + 2)

    after = selectors.counters_for(kabid)
    assert after.open_dispositions == before.open_dispositions + 1
    assert selectors.counters_for(head(tangsel)).unread >= 1


def test_the_letter_page_shows_the_tree_and_the_home_page_the_counters(tangsel, site_client):
    letter = incoming(tangsel, subject="Permohonan data PJU")
    dispose(tangsel, letter, head(tangsel), HEAD, [APTIKA, IKP])
    client = site_client(tangsel)
    sign_in_staff(client, tangsel, "kabid.aptika@tangsel.test")

    page = client.get(f"{ADMIN}surat/{letter.pk}/").text
    home = client.get("/admin/").text

    assert "Alur disposisi" in page and "Kepala Bidang Informasi" in page
    assert "Lapor selesai" in page
    assert "disposisi belum selesai" in home


def test_a_done_report_through_the_page_needs_a_text(tangsel, site_client):
    letter = incoming(tangsel)
    [disposition] = dispose(tangsel, letter, head(tangsel), HEAD, [APTIKA])
    client = site_client(tangsel)
    sign_in_staff(client, tangsel, "kabid.aptika@tangsel.test")

    empty = client.post(f"{ADMIN}disposisi/{disposition.pk}/selesai/", {"report": " "})
    done = client.post(f"{ADMIN}disposisi/{disposition.pk}/selesai/", {"report": "Beres."})
    in_region(tangsel)

    assert empty.status_code == 400
    assert done.status_code == 302
    disposition.refresh_from_db()
    assert disposition.report == "Beres."
