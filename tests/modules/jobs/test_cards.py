"""AK/1 cards: a seeker asks online, Disnaker issues (a number, two years) or rejects, a hire
marks the placement on the card, and the card's QR code proves it without the NIK."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from notifications.models import Notice
from tests.modules.jobs.conftest import (
    ADMIN,
    RESIDENT,
    apply,
    company,
    in_region,
    resident,
    seeker,
    today_in,
    vacancy,
    verifier,
)

pytestmark = pytest.mark.django_db

BORN = date(1999, 8, 17)
NIK = "3674011708990003"  # born 17-08-99
CARD_FORM = {
    "nik": NIK,
    "full_name": "Rahmat Hidayat",
    "birth_date": BORN.isoformat(),
    "address": "Jl. Ceger Raya No. 5, Pondok Aren",
}


def ask(client, **changes):
    return client.post(f"{RESIDENT}ak1/", {**CARD_FORM, **changes}, follow=True)


def card_of(region, person):
    from modules.jobs.models import JobCard

    in_region(region)
    return JobCard.objects.get(user=person)


def issue(region, card, officer):
    from modules.jobs import cards

    in_region(region)
    return cards.issue_card(card, actor=officer)


def test_a_seeker_asks_for_a_card_once_and_disnaker_is_told(tangsel, signed_in):
    officer = verifier(tangsel)
    no_profile = signed_in(tangsel, resident(tangsel)).get(f"{RESIDENT}ak1/")
    person = seeker(tangsel)
    client = signed_in(tangsel, person)

    typo = ask(client, nik="3674011807990003")
    sent = ask(client)
    again = client.get(f"{RESIDENT}ak1/")

    assert "Lengkapi profil pencari kerja Anda dulu." in no_profile.text
    assert "NIK tidak cocok dengan tanggal lahir" in typo.text
    assert "Permohonan kartu AK/1 terkirim ke Disnaker." in sent.text
    assert "sedang diperiksa Disnaker" in again.text and 'name="nik"' not in again.text
    in_region(tangsel)
    assert Notice.objects.filter(user=officer, topic="jobs.card_waiting").exists()
    assert card_of(tangsel, person).status == "requested"


def test_disnaker_issues_numbered_cards_valid_two_years(tangsel, signed_in):
    officer = verifier(tangsel)
    first, second = seeker(tangsel, "Rahmat"), seeker(tangsel, "Sinta")
    ask(signed_in(tangsel, first))
    ask(signed_in(tangsel, second), nik="3674015708990004", full_name="Sinta Dewi")  # a woman
    staff = signed_in(tangsel, officer)

    listed = staff.get(f"{ADMIN}ak1/")
    for person in (first, second):
        staff.post(f"{ADMIN}ak1/{card_of(tangsel, person).pk}/", {"action": "issue"})
    issued = [card_of(tangsel, person) for person in (first, second)]

    assert "Rahmat Hidayat" in listed.text and "Sinta Dewi" in listed.text
    year = today_in(tangsel).year
    assert [c.number for c in issued] == [f"AK1/{year}/000001", f"AK1/{year}/000002"]
    today = today_in(tangsel)
    assert issued[0].valid_until == today.replace(year=today.year + 2) - timedelta(days=1)
    in_region(tangsel)
    assert Notice.objects.filter(user=first, topic="jobs.card", subject__contains="terbit")


def test_rejecting_needs_a_reason_the_seeker_reads(tangsel, signed_in):
    officer = verifier(tangsel)
    person = seeker(tangsel)
    client = signed_in(tangsel, person)
    ask(client)
    staff = signed_in(tangsel, officer)
    url = f"{ADMIN}ak1/{card_of(tangsel, person).pk}/"

    blank = staff.post(url, {"action": "reject", "reason": ""}, follow=True)
    staff.post(url, {"action": "reject", "reason": "Foto KTP tidak terbaca."})
    page = client.get(f"{RESIDENT}ak1/")

    assert "Tuliskan alasannya" in blank.text
    assert "Foto KTP tidak terbaca." in page.text
    assert 'name="nik"' in page.text  # a rejected request may be made again


def test_the_printed_card_has_a_qr_code_whose_page_hides_the_nik(tangsel, signed_in, site_client):
    person = seeker(tangsel)
    ask(signed_in(tangsel, person))
    card = issue(tangsel, card_of(tangsel, person), verifier(tangsel))

    printed = signed_in(tangsel, person).get(f"{RESIDENT}ak1/{card.pk}/cetak/")
    check = site_client(tangsel).get(f"{RESIDENT}ak1/cek/{card.check_code}/")
    stranger = signed_in(tangsel, resident(tangsel)).get(f"{RESIDENT}ak1/{card.pk}/cetak/")

    assert card.number in printed.text and NIK in printed.text and "<svg" in printed.text
    assert f"/kerja/ak1/cek/{card.check_code}/" in printed.text
    assert "asli dan berlaku sampai" in check.text and "R***** H******" in check.text
    assert NIK not in check.text and "Rahmat Hidayat" not in check.text
    assert stranger.status_code == 404
    assert site_client(tangsel).get(f"{RESIDENT}ak1/cek/{'0' * 32}/").status_code == 404


def test_a_hire_marks_the_placement_on_the_card_and_employers_never_see_the_nik(tangsel, signed_in):
    from modules.jobs import services

    owner = resident(tangsel)
    shop = company(tangsel, owner, name="PT Toko Sejahtera")
    opening = vacancy(tangsel, shop)
    person = seeker(tangsel)
    ask(signed_in(tangsel, person))
    card = issue(tangsel, card_of(tangsel, person), verifier(tangsel))
    application = apply(tangsel, person, opening)
    employer = signed_in(tangsel, owner)

    before = employer.get(f"{RESIDENT}kelola/pelamar/{application.pk}/")
    in_region(tangsel)
    services.move_application(application, "hired", actor=owner)
    page = signed_in(tangsel, person).get(f"{RESIDENT}ak1/")

    assert card.number in before.text and NIK not in before.text
    assert "Ditempatkan di PT Toko Sejahtera" in page.text
    assert card_of(tangsel, person).placed_with == "PT Toko Sejahtera"


def test_a_valid_card_is_renewed_only_near_its_end(tangsel, signed_in):
    from modules.jobs.models import JobCard

    person = seeker(tangsel)
    client = signed_in(tangsel, person)
    ask(client)
    card = issue(tangsel, card_of(tangsel, person), verifier(tangsel))

    early = client.get(f"{RESIDENT}ak1/")
    in_region(tangsel)
    JobCard.objects.filter(pk=card.pk).update(valid_until=today_in(tangsel) + timedelta(days=10))
    near_end = client.get(f"{RESIDENT}ak1/")

    assert "masih berlaku sampai" in early.text and 'name="nik"' not in early.text
    assert 'name="nik"' in near_end.text


def test_cards_of_region_a_are_404_through_region_bs_host(
    tangsel, balikpapan, signed_in, site_client, admin_client_for
):
    person = seeker(tangsel)
    ask(signed_in(tangsel, person))
    card = issue(tangsel, card_of(tangsel, person), verifier(tangsel))
    from modules.jobs.models import JobCard

    in_region(balikpapan)
    assert not JobCard.objects.filter(pk=card.pk).exists()
    other_admin = admin_client_for(balikpapan)

    answers = [
        site_client(balikpapan).get(f"{RESIDENT}ak1/cek/{card.check_code}/").status_code,
        other_admin.get(f"{RESIDENT}ak1/{card.pk}/cetak/").status_code,
        other_admin.get(f"{ADMIN}ak1/{card.pk}/").status_code,
        other_admin.post(f"{ADMIN}ak1/{card.pk}/", {"action": "issue"}).status_code,
    ]

    assert answers == [404, 404, 404, 404]
    assert not re.search(r"Rahmat|Siti", other_admin.get(f"{ADMIN}ak1/").text)
