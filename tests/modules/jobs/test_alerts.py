"""Saved searches: a resident keeps a search and is emailed, once a day, the vacancies
published since that match it."""

from __future__ import annotations

import pytest

from notifications.models import Notice
from tests.modules.jobs.conftest import RESIDENT, company, in_region, resident, vacancy

pytestmark = pytest.mark.django_db


def alerts_of(region, user) -> list[Notice]:
    in_region(region)
    return list(Notice.objects.filter(user=user, topic="jobs.alert"))


def test_a_resident_saves_a_search_and_sees_it_listed(tangsel, signed_in):
    person = resident(tangsel)
    client = signed_in(tangsel, person)

    page = client.get(RESIDENT, {"q": "kasir", "sector": "perdagangan"})
    saved = client.post(
        f"{RESIDENT}pencarian/simpan/", {"q": "kasir", "sector": "perdagangan"}, follow=True
    )
    client.post(f"{RESIDENT}pencarian/simpan/", {"q": "kasir", "sector": "perdagangan"})
    empty = client.post(f"{RESIDENT}pencarian/simpan/", {"page": "2"}, follow=True)

    assert "Simpan pencarian ini" in page.text
    assert "“kasir” · Perdagangan besar dan eceran" in saved.text
    assert saved.text.count("Hapus “") == 1  # saving the same search again adds nothing
    assert "Isi kata kunci atau saringan dulu" in empty.text


def test_new_matching_vacancies_are_emailed_once(tangsel, signed_in):
    from modules.jobs import alerts
    from notifications.testing import deliver_pending, last_email_to

    shop = company(tangsel, resident(tangsel), name="Toko Sentosa")
    vacancy(tangsel, shop, title="Kasir Lama", description="Melayani pembayaran.")
    person = resident(tangsel)
    signed_in(tangsel, person).post(f"{RESIDENT}pencarian/simpan/", {"q": "kasir"})
    vacancy(tangsel, shop, title="Kasir Baru", description="Melayani pembayaran.")
    vacancy(tangsel, shop, title="Sopir Antar", description="Mengantar barang.")

    in_region(tangsel)
    alerts.send_alerts()
    alerts.send_alerts()  # again the same day: nothing new, nobody told twice
    deliver_pending(tangsel.schema_name)

    found = alerts_of(tangsel, person)
    assert [n.subject for n in found] == ["1 lowongan baru: “kasir”"]
    assert "Kasir Baru, Toko Sentosa" in found[0].body
    assert "Kasir Lama" not in found[0].body and "Sopir" not in found[0].body
    mail = last_email_to(person.email)
    assert "Kasir Baru" in mail.body and "/kerja/?q=kasir" in mail.body


def test_only_the_owner_deletes_a_saved_search(tangsel, signed_in):
    from modules.jobs.models import SavedSearch

    owner, other = resident(tangsel), resident(tangsel)
    signed_in(tangsel, owner).post(f"{RESIDENT}pencarian/simpan/", {"q": "gudang"})
    in_region(tangsel)
    saved = SavedSearch.objects.get(user=owner)

    refused = signed_in(tangsel, other).post(f"{RESIDENT}pencarian/{saved.pk}/hapus/")
    kept = SavedSearch.objects.filter(pk=saved.pk).exists()
    signed_in(tangsel, owner).post(f"{RESIDENT}pencarian/{saved.pk}/hapus/")

    assert refused.status_code == 404 and kept
    in_region(tangsel)
    assert not SavedSearch.objects.filter(pk=saved.pk).exists()
