"""Who sees what: a confidential letter only to the positions in its chain (pages, search,
downloads, packages), every look audited; nothing of region A through region B's host; the
inbox belongs to the position and passes to the successor on mutasi."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from tests.harness.fixtures import sign_in_staff
from tests.modules.eoffice.conftest import (
    ADMIN,
    APTIKA,
    HEAD,
    STAFF,
    dispose,
    head,
    in_region,
    incoming,
    official,
    position,
    user,
)

pytestmark = pytest.mark.django_db


def _urls(letter) -> list[str]:
    document = letter.documents.first()
    return [
        f"{ADMIN}surat/{letter.pk}/",
        f"{ADMIN}surat/{letter.pk}/berkas/{document.pk}/",
        f"{ADMIN}surat/{letter.pk}/paket/",
        f"{ADMIN}surat/{letter.pk}/pratinjau/",
    ]


def _client_for(site_client, region, email):
    client = site_client(region)
    sign_in_staff(client, region, email)
    return client


def test_a_confidential_letter_is_invisible_outside_its_chain(tangsel, site_client):
    letter = incoming(tangsel, subject="Hasil audit keamanan siber", secrecy="rahasia")
    dispose(tangsel, letter, head(tangsel), HEAD, [APTIKA])
    urls = _urls(letter)[:3]
    outsider = _client_for(site_client, tangsel, "kabid.ikp@tangsel.test")
    insider = _client_for(site_client, tangsel, "kabid.aptika@tangsel.test")

    outside = [outsider.get(url).status_code for url in urls]
    inside = [insider.get(url).status_code for url in urls]
    outside_search = outsider.get(f"{ADMIN}arsip/", {"q": "audit keamanan"}).text
    inside_search = insider.get(f"{ADMIN}arsip/", {"q": "audit keamanan"}).text

    assert outside == [404, 404, 404]
    assert inside == [200, 200, 200]
    assert "Hasil audit keamanan siber" not in outside_search
    assert "Hasil audit keamanan siber" in inside_search
    assert "Hasil audit keamanan siber" not in outsider.get(ADMIN).text


def test_every_view_download_and_search_is_audited(tangsel, site_client):
    from audit.models import AuditEntry

    letter = incoming(tangsel, subject="Surat yang diaudit")
    urls = _urls(letter)[:3]
    client = _client_for(site_client, tangsel, "admin@tangsel.test")
    for url in urls:
        client.get(url)
    client.get(f"{ADMIN}arsip/", {"q": "diaudit"})

    in_region(tangsel)
    actions = set(
        AuditEntry.objects.filter(action__startswith="eoffice.").values_list("action", flat=True)
    )
    assert {"eoffice.view", "eoffice.download", "eoffice.export", "eoffice.search"} <= actions
    download = AuditEntry.objects.filter(action="eoffice.download").latest("id")
    assert download.object_id == str(letter.pk) and download.actor_name


def test_a_letter_of_one_region_is_unreachable_from_another(tangsel, balikpapan, admin_client_for):
    in_region(tangsel)
    with connection.cursor() as cursor:
        cursor.execute("SELECT setval(pg_get_serial_sequence('eoffice_letter', 'id'), 800000)")
        cursor.execute("SELECT setval(pg_get_serial_sequence('eoffice_document', 'id'), 800000)")
    letter = incoming(tangsel, subject="Surat khusus Tangsel")
    [disposition] = dispose(tangsel, letter, head(tangsel), HEAD, [APTIKA])
    urls = _urls(letter)
    other = admin_client_for(balikpapan)

    statuses = [other.get(url).status_code for url in urls]
    statuses.append(other.post(f"{ADMIN}disposisi/{disposition.pk}/selesai/", {"report": "x"}))
    statuses.append(other.post(f"{ADMIN}surat/{letter.pk}/disposisi/", {}).status_code)
    search = other.get(f"{ADMIN}arsip/", {"q": "khusus Tangsel"}).text

    assert [getattr(s, "status_code", s) for s in statuses] == [404] * 6
    assert "Surat khusus Tangsel" not in search
    assert admin_client_for(tangsel).get(urls[0]).status_code == 200


def test_the_inbox_passes_to_the_successor_on_mutasi(tangsel):
    from modules.eoffice import selectors
    from organisation import services as organisation

    letter = incoming(tangsel, subject="Surat terbatas untuk bidang", secrecy="terbatas")
    dispose(tangsel, letter, head(tangsel), HEAD, [APTIKA])
    leaving = user(tangsel, "kabid.aptika")
    assert selectors.letter_for(leaving, letter.pk) is not None

    moment = timezone.now() - timedelta(minutes=1)
    organisation.mutasi(leaving, position(STAFF), moment, head(tangsel))
    successor = official(tangsel, APTIKA, since=moment)

    assert selectors.letter_for(leaving, letter.pk) is None
    assert selectors.letter_for(successor, letter.pk) is not None
    assert selectors.dispositions_held_by(successor, letter)
    assert selectors.counters_for(successor).open_dispositions >= 1


def test_a_confidential_draft_and_its_preview_stay_inside_its_chain(tangsel, site_client):
    from tests.modules.eoffice.test_outgoing import draft

    letter = draft(
        tangsel, confidentiality="rahasia", recipients=[], copies=[], subject="Rencana mutasi"
    )
    urls = [f"{ADMIN}surat/{letter.pk}/", f"{ADMIN}surat/{letter.pk}/pratinjau/"]
    outsider = _client_for(site_client, tangsel, "kabid.ikp@tangsel.test")
    reviewer = _client_for(site_client, tangsel, "kabid.aptika@tangsel.test")

    outside = [outsider.get(url).status_code for url in urls]
    inside = [reviewer.get(url).status_code for url in urls]
    search = outsider.get(f"{ADMIN}arsip/", {"q": "rencana mutasi"}).text

    assert outside == [404, 404]
    assert inside == [200, 200]
    assert "Rencana mutasi" not in search
