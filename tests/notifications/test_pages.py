"""What people see: notices and preferences on the region site, the admin menu, and the
development mail viewer on the platform host."""

from __future__ import annotations

import re

import pytest
from django.db import connection

from accounts.models import User
from notifications import api
from notifications.models import ContactProfile, Notice
from tests.harness.fixtures import sign_in_staff
from tests.notifications.conftest import make_person

pytestmark = pytest.mark.django_db


def _signed_in(site_client, region, user):
    client = site_client(region)
    if user.is_staff or user.is_superuser:
        sign_in_staff(client, region, user.email)  # staff pass the second step too
        connection.set_tenant(region)
    else:
        client.force_login(user)
    return client


def _admin(region):
    connection.set_tenant(region)
    return User.objects.get(email=f"admin@{region.slug}.test")


def test_resident_sees_their_notices_with_the_unread_count_and_marks_them_read(
    site_client, tangsel
):
    person = make_person(tangsel)
    first = api.notify(person, "t", "Laporan diterima", "Nomor 12.", idempotency_key="p:1")
    api.notify(person, "t", "Laporan diproses", "Oleh Dinas PUPR.", idempotency_key="p:2")
    client = _signed_in(site_client, tangsel, person)

    page = client.get("/akun/notifikasi/")
    client.post(f"/akun/notifikasi/{first.pk}/dibaca/")
    after_one = client.get("/")
    client.post("/akun/notifikasi/tandai-semua/")
    after_all = client.get("/akun/notifikasi/")

    assert page.status_code == 200
    assert "Laporan diterima" in page.text and "Oleh Dinas PUPR." in page.text
    assert "(2 belum dibaca)" in page.text  # the header badge
    assert "(1 belum dibaca)" in after_one.text
    assert "belum dibaca)" not in after_all.text
    assert not Notice.objects.filter(user=person, read_at=None).exists()


def test_opening_a_notice_marks_it_read_and_follows_its_link_on_this_site_only(
    site_client, tangsel
):
    person = make_person(tangsel)
    local = api.notify(person, "t", "J", "I", url="/laksa/12/", idempotency_key="o:1")
    outside = api.notify(person, "t", "J", "I", url="https://jahat.example/", idempotency_key="o:2")
    client = _signed_in(site_client, tangsel, person)

    to_local = client.post(f"/akun/notifikasi/{local.pk}/buka/")
    to_outside = client.post(f"/akun/notifikasi/{outside.pk}/buka/")

    assert to_local["Location"] == "/laksa/12/"
    assert to_outside["Location"] == "/akun/notifikasi/"
    assert Notice.objects.filter(pk__in=[local.pk, outside.pk], read_at=None).count() == 0


def test_notices_are_for_signed_in_people_only(site_client, tangsel):
    response = site_client(tangsel).get("/akun/notifikasi/")

    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/")


def test_notices_of_region_a_are_invisible_through_region_b(site_client, tangsel, balikpapan):
    tangsel_admin = _admin(tangsel)
    notice = api.notify(tangsel_admin, "t", "Rahasia Tangsel", "I", idempotency_key="iso:p")
    tangsel_client = _signed_in(site_client, tangsel, tangsel_admin)
    balikpapan_admin = _admin(balikpapan)
    balikpapan_client = _signed_in(site_client, balikpapan, balikpapan_admin)
    connection.set_schema_to_public()
    assert tangsel_admin.pk == balikpapan_admin.pk  # the same id in both regions

    own = tangsel_client.get("/akun/notifikasi/")
    other_list = balikpapan_client.get("/akun/notifikasi/")
    other_admin = balikpapan_client.get("/admin/notifikasi/")
    other_dashboard = balikpapan_client.get("/admin/")
    other_read = balikpapan_client.post(f"/akun/notifikasi/{notice.pk}/dibaca/")
    other_open = balikpapan_client.post(f"/admin/notifikasi/{notice.pk}/buka/")

    assert "Rahasia Tangsel" in own.text and "(1 belum dibaca)" in own.text
    for page in (other_list, other_admin, other_dashboard):
        assert page.status_code == 200
        assert "Rahasia Tangsel" not in page.text
        assert "(1 belum dibaca)" not in page.text  # the site's header badge
        assert "Notifikasi (1)" not in page.text  # the admin menu
    assert "0 belum dibaca" in other_list.text
    assert (other_read.status_code, other_open.status_code) == (404, 404)
    connection.set_tenant(tangsel)
    assert Notice.objects.get(pk=notice.pk).read_at is None


def test_staff_see_their_unread_count_in_the_admin_menu(site_client, tangsel):
    admin = _admin(tangsel)
    api.notify(admin, "t", "Disposisi baru", "I", idempotency_key="adm:1")
    client = _signed_in(site_client, tangsel, admin)

    dashboard = client.get("/admin/")
    listing = client.get("/admin/notifikasi/")

    assert "Notifikasi (1)" in dashboard.text
    assert listing.status_code == 200
    assert "Disposisi baru" in listing.text


def test_resident_gives_and_withdraws_whatsapp_consent_on_the_preferences_page(
    site_client, tangsel
):
    person = make_person(tangsel)
    client = _signed_in(site_client, tangsel, person)
    form = {"phone": "0812 3456 7890", "email_enabled": "on", "whatsapp_consent": "on"}

    page = client.get("/akun/notifikasi/pengaturan/")
    given = client.post("/akun/notifikasi/pengaturan/", form, follow=True)
    with_consent = api.notify(person, "t", "J", "I", idempotency_key="c:1")
    withdrawn = client.post(
        "/akun/notifikasi/pengaturan/", {"phone": "0812 3456 7890", "email_enabled": "on"}
    )
    without = api.notify(person, "t", "J", "I", idempotency_key="c:2")
    profile = ContactProfile.objects.get(user=person)

    assert page.status_code == 200
    assert '<label for="id_whatsapp_consent">' in page.text
    assert "Persetujuan WhatsApp diberikan" in given.text
    assert sorted(with_consent.messages.values_list("channel", flat=True)) == [
        "email",
        "whatsapp",
    ]
    assert withdrawn.status_code == 302
    assert list(without.messages.values_list("channel", flat=True)) == ["email"]
    assert profile.phone == "+6281234567890"
    assert profile.whatsapp_consent_given_at < profile.whatsapp_consent_withdrawn_at


def test_preferences_form_explains_bad_input_and_keeps_it(site_client, tangsel):
    person = make_person(tangsel)
    client = _signed_in(site_client, tangsel, person)

    bad_number = client.post("/akun/notifikasi/pengaturan/", {"phone": "12ab", "sms_enabled": "on"})
    no_number = client.post("/akun/notifikasi/pengaturan/", {"whatsapp_consent": "on"})

    assert bad_number.status_code == 200
    assert "Nomor ponsel tidak valid" in bad_number.text
    assert 'value="12ab"' in bad_number.text
    assert "Isi nomor ponsel untuk menerima" in no_number.text
    assert not ContactProfile.objects.filter(user=person).exists()


def test_staff_set_their_preferences_in_the_admin(site_client, tangsel):
    admin = _admin(tangsel)
    client = _signed_in(site_client, tangsel, admin)

    response = client.post(
        "/admin/notifikasi/pengaturan/", {"phone": "081234567891", "sms_enabled": "on"}
    )

    assert response.status_code == 302
    profile = ContactProfile.objects.get(user=admin)
    assert (profile.phone, profile.sms_enabled, profile.email_enabled) == (
        "+6281234567891",
        True,
        False,
    )


def test_region_admin_sets_up_a_gateway_and_the_change_is_audited(site_client, tangsel):
    from audit.models import AuditEntry
    from notifications.models import Gateway

    admin = _admin(tangsel)
    client = _signed_in(site_client, tangsel, admin)
    form = {
        "channel": "sms",
        "url": "https://sms.contoh.id/kirim",
        "token": "t0k3n-rahasia",
        "sender": "TANGSEL",
        "is_active": "on",
    }

    created = client.post("/admin/notification_gateways/new/", form)
    gateway = Gateway.objects.get(channel="sms")
    edit_page = client.get(f"/admin/notification_gateways/edit/{gateway.pk}/")
    client.post(
        f"/admin/notification_gateways/edit/{gateway.pk}/", {**form, "token": "", "sender": "TS"}
    )
    internal = client.post(
        "/admin/notification_gateways/new/", {**form, "channel": "whatsapp", "url": "ftp://x/"}
    )

    assert created.status_code == 302
    assert "t0k3n-rahasia" not in edit_page.text
    gateway.refresh_from_db()
    assert (gateway.sender, gateway.token) == ("TS", "t0k3n-rahasia")
    assert internal.status_code == 200 and not Gateway.objects.filter(channel="whatsapp").exists()
    entries = AuditEntry.objects.filter(action__startswith="notifications.gateway_")
    assert sorted(entries.values_list("action", flat=True)) == [
        "notifications.gateway_change",
        "notifications.gateway_create",
    ]
    assert all("t0k3n" not in str(entry.details) for entry in entries)


def test_outbox_is_read_only_in_the_admin(site_client, tangsel):
    admin = _admin(tangsel)
    api.send_email("calon@contoh.id", "Undangan staf", "Isi", idempotency_key="ob:1")
    client = _signed_in(site_client, tangsel, admin)

    listing = client.get("/admin/notification_outbox/")
    add = client.get("/admin/notification_outbox/new/")

    assert listing.status_code == 200
    assert "Undangan staf" in listing.text
    assert add.status_code in (302, 403)


# --- the development mail viewer --------------------------------------------------------------
def test_mail_viewer_lists_sent_mail_newest_first_with_clickable_links(site_client, settings):
    from notifications import delivery

    settings.EMAIL_BACKEND = "notifications.mailbox.MailboxBackend"
    connection.set_schema_to_public()
    for number in (1, 2):
        message = api.send_email(
            f"pemohon{number}@contoh.id",
            f"Verifikasi email {number}",
            f"Buka http://localhost/verifikasi/{number}/ untuk melanjutkan.",
            idempotency_key=f"viewer:{number}",
        )
        delivery.deliver(message.pk)

    page = site_client(None).get("/dev/mail/")

    assert page.status_code == 200
    assert page.text.index("Verifikasi email 2") < page.text.index("Verifikasi email 1")
    assert "pemohon1@contoh.id" in page.text
    assert '<a href="http://localhost/verifikasi/1/"' in page.text
    assert re.search(r"<dt>Daerah</dt><dd>public</dd>", page.text)


def test_mail_viewer_is_absent_when_disabled_and_on_region_hosts(site_client, tangsel, settings):
    enabled_on_region = site_client(tangsel).get("/dev/mail/")
    settings.DEV_MAIL_VIEWER = False
    disabled = site_client(None).get("/dev/mail/")

    assert enabled_on_region.status_code == 404
    assert disabled.status_code == 404
