"""Support threads: a region admin asks (with an attachment kept in the region's private
folder), the assigned mentor answers on the console, each side is told by email with a link
to its own host, and no other region sees the thread."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from accounts.models import User
from notifications.testing import deliver_pending, last_email_to, links_in
from partnership.models import RegionMentoring, SupportThread
from tests.harness.fixtures import sign_in_staff
from tests.partnership.conftest import MENTOR, mentor_user

pytestmark = pytest.mark.django_db


def pdf(name="panduan.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 contoh", content_type="application/pdf")


def ask(client, subject="Cara mengganti logo?", **extra):
    data = {"subject": subject, "body": "Logo kami tampak buram di ponsel.", **extra}
    return client.post("/admin/dukungan/tanya/kirim/", data)


@pytest.fixture
def assigned(tangsel):
    return RegionMentoring.objects.create(region=tangsel, mentor=mentor_user())


def test_the_admin_asks_the_mentor_answers_and_the_admin_sees_it(
    assigned,
    admin_client_for,
    mentor,
    tangsel,
    media_root,
    private_media,
):
    admin = admin_client_for(tangsel)
    response = ask(admin, attachment=pdf())
    assert response.status_code == 302
    connection.set_schema_to_public()
    thread = SupportThread.objects.get()
    assert (thread.region, thread.mentor.email, thread.status) == (tangsel, MENTOR, "open")
    stored = thread.messages.get().attachment
    assert (private_media / "tangsel" / stored).read_bytes() == b"%PDF-1.4 contoh"
    assert not (media_root / "tangsel" / stored).exists()  # no /media/ URL reaches it

    deliver_pending("public")
    told = last_email_to(MENTOR)
    assert "Kota Tangerang Selatan" in told.subject
    assert f"http://localhost/admin/kemitraan/utas/{thread.pk}/" in links_in(told)

    page = mentor.get(f"/admin/kemitraan/utas/{thread.pk}/")
    assert "Logo kami tampak buram" in page.text
    download = mentor.get(f"/admin/kemitraan/utas/{thread.pk}/lampiran/{thread.messages.get().pk}/")
    assert b"".join(download.streaming_content) == b"%PDF-1.4 contoh"
    answered = mentor.post(
        f"/admin/kemitraan/utas/{thread.pk}/",
        {
            "body": "Unggah logo PNG 512 piksel.",
            "knowledge_url": "https://sinergi.test/panduan/logo/",
        },
    )
    assert answered.status_code == 302

    connection.set_schema_to_public()
    thread.refresh_from_db()
    assert thread.status == "answered" and thread.response_hours is not None
    deliver_pending(tangsel.schema_name)
    told = last_email_to("admin@tangsel.test")
    link = f"http://tangsel.localhost/admin/dukungan/tanya/{thread.public_id}/"
    assert link in links_in(told)
    seen = admin.get(link.removeprefix("http://tangsel.localhost"))
    assert "Unggah logo PNG 512 piksel." in seen.text
    assert "Dijawab" in seen.text and "https://sinergi.test/panduan/logo/" in seen.text
    assert "Cara mengganti logo?" in mentor.get("/admin/kemitraan/utas/").text


def test_without_an_assigned_mentor_the_coordinators_are_told(admin_client_for, tangsel):
    ask(admin_client_for(tangsel))
    deliver_pending("public")
    assert "Cara mengganti logo?" in last_email_to("koordinator@sinergi.test").subject


def test_a_bad_attachment_is_refused_and_nothing_typed_is_lost(admin_client_for, tangsel):
    exe = SimpleUploadedFile("alat.exe", b"MZ", content_type="application/octet-stream")
    response = ask(admin_client_for(tangsel), subject="Pertanyaan penting", attachment=exe)

    assert response.status_code == 400
    assert "Lampiran harus PDF" in response.text
    assert 'value="Pertanyaan penting"' in response.text
    assert not SupportThread.objects.exists()


def test_another_region_never_sees_the_thread_or_its_attachment(
    assigned,
    admin_client_for,
    tangsel,
    balikpapan,
    private_media,
):
    ask(admin_client_for(tangsel), attachment=pdf())
    connection.set_schema_to_public()
    thread = SupportThread.objects.get()
    other = admin_client_for(balikpapan)
    message = thread.messages.get()

    assert "Cara mengganti logo?" not in other.get("/admin/dukungan/tanya/").text
    assert other.get(f"/admin/dukungan/tanya/{thread.public_id}/").status_code == 404
    url = f"/admin/dukungan/tanya/{thread.public_id}/lampiran/{message.pk}/"
    assert other.get(url).status_code == 404
    assert not (private_media / "balikpapan").exists()


def test_a_mentor_sees_only_their_own_and_unassigned_threads(
    assigned, admin_client_for, tangsel, site_client
):
    ask(admin_client_for(tangsel))
    connection.set_schema_to_public()
    thread = SupportThread.objects.get()
    other = User.objects.create_user(email="mentor2@sinergi.test", password="x", is_staff=True)
    other.groups.add(Group.objects.get(name="Mentor"))
    client = site_client(None)
    sign_in_staff(client, None, "mentor2@sinergi.test")

    assert "Cara mengganti logo?" not in client.get("/admin/kemitraan/utas/").text
    assert client.get(f"/admin/kemitraan/utas/{thread.pk}/").status_code == 404
