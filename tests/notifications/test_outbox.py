"""The outbox: what `notify` and `send_email` create, whom they reach, and one delivery."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django_tenants.utils import schema_context

from notifications import api, delivery
from notifications.models import Message, Notice
from notifications.testing import last_email_to, links_in
from tests.notifications.conftest import make_person, set_gateway
from tests.notifications.local_gateway import running_gateway

pytestmark = pytest.mark.django_db


def _channels(notice) -> list[str]:
    return sorted(notice.messages.values_list("channel", flat=True))


def test_same_idempotency_key_twice_creates_one_notice_and_one_message_per_channel(
    tangsel, django_capture_on_commit_callbacks
):
    person = make_person(tangsel, phone="0812 1111 2222", sms=True)

    with django_capture_on_commit_callbacks() as queued:
        first = api.notify(person, "laksa.status", "Laporan selesai", "Isi", idempotency_key="k1")
        again = api.notify(person, "laksa.status", "Judul lain", "Lain", idempotency_key="k1")

    assert again.pk == first.pk
    assert again.subject == "Laporan selesai"
    assert Notice.objects.filter(idempotency_key="k1").count() == 1
    assert _channels(first) == ["email", "sms"]
    assert len(queued) == 2  # one delivery task per message, none for the repeat


def test_send_email_with_the_same_key_twice_makes_one_message(tangsel):
    connection.set_tenant(tangsel)

    first = api.send_email("calon@contoh.id", "Undangan", "Isi", idempotency_key="undang:1")
    again = api.send_email("calon@contoh.id", "Undangan", "Isi", idempotency_key="undang:1")

    assert again.pk == first.pk
    assert Message.objects.filter(to="calon@contoh.id").count() == 1


def test_the_unique_constraint_refuses_a_second_message_with_the_same_key(tangsel):
    from django.db import IntegrityError, transaction

    connection.set_tenant(tangsel)
    api.send_email("calon@contoh.id", "Undangan", "Isi", idempotency_key="undang:2")

    with pytest.raises(IntegrityError), transaction.atomic():
        Message.objects.create(
            idempotency_key="undang:2", channel="email", to="lain@contoh.id", body="x"
        )


def test_channels_follow_the_persons_preferences(tangsel):
    default = make_person(tangsel)
    sms = make_person(tangsel, phone="081211112223", sms=True)
    no_email = make_person(tangsel)
    from notifications import services

    services.update_preferences(
        no_email, phone="", email_enabled=False, sms_enabled=False, whatsapp_consent=False
    )

    results = {
        name: _channels(api.notify(user, "t", "Judul", "Isi", idempotency_key=f"pref:{name}"))
        for name, user in [("default", default), ("sms", sms), ("no_email", no_email)]
    }
    only_email = api.notify(sms, "t", "J", "I", channels=["email"], idempotency_key="pref:only")

    assert results == {"default": ["email"], "sms": ["email", "sms"], "no_email": []}
    assert _channels(only_email) == ["email"]
    assert Notice.objects.filter(idempotency_key__startswith="pref:").count() == 4


def test_no_whatsapp_without_consent_and_none_after_it_is_withdrawn(tangsel):
    from notifications import services

    person = make_person(tangsel, phone="+6281233334444")
    without = api.notify(person, "t", "J", "I", idempotency_key="wa:1")

    profile = services.update_preferences(
        person,
        phone="+6281233334444",
        email_enabled=True,
        sms_enabled=False,
        whatsapp_consent=True,
    )
    given_at = profile.whatsapp_consent_given_at
    with_consent = api.notify(person, "t", "J", "I", idempotency_key="wa:2")

    profile = services.update_preferences(
        person,
        phone="+6281233334444",
        email_enabled=True,
        sms_enabled=False,
        whatsapp_consent=False,
    )
    after_withdrawal = api.notify(person, "t", "J", "I", idempotency_key="wa:3")

    assert _channels(without) == ["email"]
    assert _channels(with_consent) == ["email", "whatsapp"]
    assert with_consent.messages.get(channel="whatsapp").to == "+6281233334444"
    assert _channels(after_withdrawal) == ["email"]
    assert given_at is not None
    assert profile.whatsapp_consent_given_at == given_at
    assert profile.whatsapp_consent_withdrawn_at >= given_at


def test_staff_changing_the_number_suspends_whatsapp_consent(tangsel):
    from accounts.models import User
    from audit.models import AuditEntry
    from notifications import services

    person = make_person(tangsel, phone="+6281255556666", whatsapp=True)
    staff = User.objects.get(email="admin@tangsel.test")

    services.update_preferences(
        person,
        phone="+6281277778888",
        email_enabled=True,
        sms_enabled=False,
        whatsapp_consent=True,
        actor=staff,
    )
    notice = api.notify(person, "t", "J", "I", idempotency_key="wa:staff")

    assert _channels(notice) == ["email"]
    assert list(
        AuditEntry.objects.filter(action="notifications.whatsapp_consent")
        .order_by("id")
        .values_list("details__given", flat=True)
    ) == [True, False]


def test_a_user_object_of_another_region_is_refused(tangsel, balikpapan):
    person = make_person(tangsel, email="hanya@tangsel.test")
    connection.set_tenant(balikpapan)

    with pytest.raises(ValueError, match="current schema"):
        api.notify(person, "t", "J", "I", idempotency_key="salah-daerah")
    assert not Notice.objects.exists()


def test_email_is_sent_in_the_regions_name_with_a_link_to_its_host(tangsel):
    person = make_person(tangsel, email="pelapor@tangsel.test")
    notice = api.notify(
        person,
        "laksa.status",
        "Laporan Anda selesai",
        "Lampu jalan sudah menyala.",
        url="/laksa/12/",
        idempotency_key="laksa:12:selesai",
    )
    message = notice.messages.get()

    assert delivery.deliver(message.pk) == "sent"

    sent = last_email_to("pelapor@tangsel.test")
    assert sent.from_email == "Kota Tangerang Selatan <noreply@localhost>"
    assert sent.subject == "Laporan Anda selesai"
    assert sent.region == "tangsel"
    assert links_in(sent) == ["http://tangsel.localhost/laksa/12/"]
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("sent", 1)
    assert delivery.deliver(message.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_platform_email_is_sent_as_sinergi(db):
    connection.set_schema_to_public()
    message = api.send_email(
        "pemohon@contoh.id", "Verifikasi email", "Buka tautan", idempotency_key="daftar:1"
    )

    delivery.deliver(message.pk)

    sent = last_email_to("pemohon@contoh.id")
    assert sent.from_email == "Sinergi <noreply@localhost>"
    assert sent.region == "public"


def test_gateway_receives_the_delivery_id_as_idempotency_key_and_client_ref(tangsel, gateway):
    person = make_person(tangsel, phone="0812 9999 0000", sms=True)
    set_gateway("sms", gateway.url, token="rahasia-gw", sender="TANGSEL")
    message = api.notify(
        person, "t", "Jalan diperbaiki", "Besok pagi.", channels=["sms"], idempotency_key="gw:1"
    ).messages.get()

    assert delivery.deliver(message.pk) == "sent"

    (received,) = gateway.requests
    assert received.key == str(message.delivery_id)
    assert received.authorization == "Bearer rahasia-gw"
    assert received.body == {
        "channel": "sms",
        "to": "+6281299990000",
        "sender": "TANGSEL",
        "text": "Jalan diperbaiki\nBesok pagi.",
        "client_ref": str(message.delivery_id),
    }
    message.refresh_from_db()
    assert message.provider_reference == f"gw-{message.delivery_id}"


def test_a_failed_attempt_waits_and_is_retried_with_the_same_key(tangsel, settings):
    settings.NOTIFICATIONS_RETRY_DELAYS = [60, 60]
    person = make_person(tangsel, phone="081288887777", sms=True)
    with running_gateway(fail_first=1) as local:
        set_gateway("sms", local.url)
        message = api.notify(person, "t", "J", "I", channels=["sms"], idempotency_key="r:1")
        message = message.messages.get()

        first = delivery.deliver(message.pk)
        too_early = delivery.deliver(message.pk)
        Message.objects.filter(pk=message.pk).update(next_attempt_at=message.created_at)
        second = delivery.deliver(message.pk)

    assert (first, too_early, second) == ("retry", "skipped", "sent")
    assert local.keys() == [str(message.delivery_id)] * 2
    assert local.deliveries == {str(message.delivery_id): 1}


def test_a_rejected_message_fails_at_once_and_attempts_are_limited(tangsel, settings):
    settings.NOTIFICATIONS_RETRY_DELAYS = [0]
    person = make_person(tangsel, phone="081266665555", sms=True, whatsapp=True)
    connection.set_tenant(tangsel)
    set_gateway("sms", "http://127.0.0.1:9/tidak-ada")  # nothing listens: always transient
    notice = api.notify(person, "t", "J", "I", channels=["sms", "whatsapp"], idempotency_key="f:1")
    sms = notice.messages.get(channel="sms")
    whatsapp = notice.messages.get(channel="whatsapp")  # no WhatsApp gateway set up

    outcomes = [delivery.deliver(sms.pk) for _ in range(3)]
    sms.refresh_from_db()

    assert outcomes == ["retry", "failed", "skipped"]
    assert (sms.status, sms.attempts) == ("failed", 2)
    assert "ConnectionError" in sms.last_error
    assert delivery.deliver(whatsapp.pk) == "retry"
    whatsapp.refresh_from_db()
    assert "belum diatur" in whatsapp.last_error


def test_gateway_rejecting_the_number_fails_the_message_without_retrying(tangsel):
    import http.server
    import threading

    class Rejects(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(422)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Rejects)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        person = make_person(tangsel, phone="081244443333", sms=True)
        set_gateway("sms", f"http://127.0.0.1:{server.server_address[1]}/")
        message = api.notify(person, "t", "J", "I", channels=["sms"], idempotency_key="x:1")
        result = delivery.deliver(message.messages.get().pk)
    finally:
        server.shutdown()
        server.server_close()

    assert result == "failed"


def test_notices_of_one_region_stay_there(tangsel, balikpapan):
    """Same user ids in both regions: counts and lists only ever see their own schema."""
    from accounts.models import User

    with schema_context("tangsel"):
        tangsel_admin = User.objects.get(email="admin@tangsel.test")
        api.notify(tangsel_admin, "t", "Hanya Tangsel", "I", idempotency_key="iso:1")
        tangsel_count = api.unread_count(tangsel_admin)
    with schema_context("balikpapan"):
        balikpapan_admin = User.objects.get(email="admin@balikpapan.test")
        balikpapan_count = api.unread_count(balikpapan_admin)
        balikpapan_notices = list(api.notices(balikpapan_admin))

    assert tangsel_admin.pk == balikpapan_admin.pk
    assert (tangsel_count, balikpapan_count, balikpapan_notices) == (1, 0, [])


def test_sweep_queues_due_retries_and_lost_messages_only(
    tangsel, settings, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from notifications import services

    connection.set_tenant(tangsel)
    now = timezone.now()
    long_ago = now - timedelta(seconds=settings.Q_CLUSTER["retry"] + 120)

    def message(key, status, next_attempt_at, enqueued_at):
        return Message.objects.create(
            idempotency_key=key,
            channel="email",
            to="x@contoh.id",
            body="x",
            status=status,
            next_attempt_at=next_attempt_at,
            enqueued_at=enqueued_at,
        )

    due_retry = message("due", "retry", now - timedelta(seconds=1), now - timedelta(minutes=5))
    lost = message("lost", "sending", long_ago, long_ago)
    message("waiting", "retry", now + timedelta(minutes=5), now - timedelta(minutes=5))
    moment_ago = now - timedelta(seconds=1)
    message("just-queued", "queued", moment_ago, moment_ago)
    message("done", "sent", long_ago, long_ago)

    with django_capture_on_commit_callbacks() as queued:
        first = services.requeue_due(now)
    second = services.requeue_due(now)

    assert (first, second, len(queued)) == (2, 0, 2)
    assert set(Message.objects.filter(enqueued_at=now).values_list("pk", flat=True)) == {
        due_retry.pk,
        lost.pk,
    }
