"""Custom domains: a region admin adds its own domain, proves it with a DNS TXT record
(answered by a real DNS server on 127.0.0.1), and only then does the host serve the
region's site; a domain verified for one region cannot be claimed by another."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client, override_settings

from tenants import domains, routing
from tenants.models import Domain, DomainClaim
from tests.tenants.dns_server import TxtServer

HOST = "laksa.tangerangselatankota.go.id"


@pytest.fixture
def dns_server():
    server = TxtServer().start()
    with override_settings(CUSTOM_DOMAIN_NAMESERVERS=[server.address], CUSTOM_DOMAIN_DNS_TIMEOUT=2):
        yield server
    server.stop()
    routing.forget_routes_on_change()  # rows made here are rolled back without a signal


def _add(client, domain=HOST):
    return client.post("/admin/domain/tambah/", {"domain": domain}, follow=True)


def _verify(client, domain=HOST):
    claim = DomainClaim.objects.get(domain=domain, region__slug=_slug_of(client))
    return client.post(f"/admin/domain/{claim.pk}/periksa/", follow=True)


def _slug_of(client) -> str:
    return client.defaults["HTTP_HOST"].split(".", 1)[0]


def _site_hostname(region) -> str:
    from django_tenants.utils import schema_context
    from wagtail.models import Site

    with schema_context(region.schema_name):
        return Site.objects.get(is_default_site=True).hostname


def _publish(server, claim):
    server.publish(domains.record_name(claim), domains.record_value(claim))


def test_domain_serves_the_region_only_after_its_txt_record_is_found(
    tangsel, admin_client_for, dns_server
):
    admin = admin_client_for(tangsel)
    page = _add(admin)
    claim = DomainClaim.objects.get(domain=HOST)
    assert f"_sinergi-verifikasi.{HOST}" in page.content.decode()
    assert domains.record_value(claim) in page.content.decode()

    visitor = Client(HTTP_HOST=HOST)
    assert visitor.get("/").status_code == 404

    page = _verify(admin)
    assert "belum berisi" in page.content.decode()
    assert visitor.get("/").status_code == 404

    dns_server.publish(domains.record_name(claim), "sinergi-verifikasi=token-lain")
    _publish(dns_server, claim)
    page = _verify(admin)
    assert "terverifikasi dan kini aktif" in page.content.decode()
    connection.set_schema_to_public()
    assert Domain.objects.get(domain=HOST).tenant == tangsel

    home = visitor.get("/")
    assert home.status_code == 200
    assert tangsel.name in home.content.decode()
    assert Client(HTTP_HOST=f"www.{HOST}").get("/").status_code == 200


def test_verified_domain_cannot_be_claimed_or_verified_by_another_region(
    tangsel, balikpapan, admin_client_for, dns_server
):
    tangsel_admin, balikpapan_admin = admin_client_for(tangsel), admin_client_for(balikpapan)
    _add(tangsel_admin)
    _add(balikpapan_admin)  # both wait: either might own it
    for claim in DomainClaim.objects.filter(domain=HOST):
        _publish(dns_server, claim)
    _verify(tangsel_admin)

    page = _verify(balikpapan_admin)
    assert f"Domain {HOST} sudah dipakai daerah lain." in page.content.decode()
    page = _add(balikpapan_admin, HOST.upper() + ".")
    assert f"Domain {HOST} sudah dipakai daerah lain." in page.content.decode()
    connection.set_schema_to_public()
    assert list(Domain.objects.filter(domain=HOST).values_list("tenant__slug", flat=True)) == [
        "tangsel"
    ]
    assert tangsel.name in Client(HTTP_HOST=HOST).get("/").content.decode()


def test_a_region_sees_and_touches_only_its_own_domains(
    tangsel, balikpapan, admin_client_for, dns_server
):
    _add(admin_client_for(tangsel))
    claim = DomainClaim.objects.get(domain=HOST)
    balikpapan_admin = admin_client_for(balikpapan)

    assert HOST not in balikpapan_admin.get("/admin/domain/").content.decode()
    assert balikpapan_admin.post(f"/admin/domain/{claim.pk}/periksa/").status_code == 404
    assert balikpapan_admin.post(f"/admin/domain/{claim.pk}/hapus/").status_code == 404
    page = balikpapan_admin.post("/admin/domain/utama/", {"domain": HOST}, follow=True)
    assert "bukan milik daerah Anda" in page.content.decode()
    assert DomainClaim.objects.filter(pk=claim.pk).exists()


def test_primary_domain_and_removal(tangsel, admin_client_for, dns_server):
    admin = admin_client_for(tangsel)
    _add(admin)
    claim = DomainClaim.objects.get(domain=HOST)
    _publish(dns_server, claim)
    _verify(admin)

    page = admin.post("/admin/domain/utama/", {"domain": HOST}, follow=True)
    assert f"{HOST} kini domain utama" in page.content.decode()
    connection.set_schema_to_public()
    assert Domain.objects.get(tenant=tangsel, is_primary=True).domain == HOST
    assert _site_hostname(tangsel) == HOST  # full page URLs and message links use it

    page = admin.post(f"/admin/domain/{claim.pk}/hapus/", follow=True)
    assert f"{HOST} dihapus" in page.content.decode()
    connection.set_schema_to_public()
    assert Domain.objects.get(tenant=tangsel, is_primary=True).domain == "tangsel.localhost"
    assert _site_hostname(tangsel) == "tangsel.localhost"
    assert Client(HTTP_HOST=HOST).get("/").status_code == 404
    assert not DomainClaim.objects.filter(domain=HOST).exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("bukan domain", "bukan nama domain yang sah"),
        ("-laksa.go.id", "bukan nama domain yang sah"),
        ("a" * 64 + ".go.id", "bukan nama domain yang sah"),
        ("localhost", "bukan nama domain yang sah"),
        ("tangsel.localhost", "sudah diatur oleh platform"),
        ("balikpapan.localhost", "sudah diatur oleh platform"),
    ],
)
def test_bad_domains_are_refused_with_a_message(tangsel, admin_client_for, typed, message):
    page = _add(admin_client_for(tangsel), typed)
    assert message in page.content.decode()
    assert not DomainClaim.objects.exists()


def test_staff_who_are_not_region_admins_cannot_manage_domains(tangsel, site_client):
    from tests.harness.fixtures import sign_in_staff

    connection.set_tenant(tangsel)
    from accounts.models import User

    User.objects.create_user(email="staf@tangsel.test", password="Staf-Rahasia-2026")
    client = site_client(tangsel)
    sign_in_staff(client, tangsel, "staf@tangsel.test")
    assert client.post("/admin/domain/tambah/", {"domain": HOST}).status_code in (302, 403)
    assert not DomainClaim.objects.exists()


def test_forms_on_a_verified_domain_pass_the_csrf_origin_check(
    tangsel, admin_client_for, dns_server
):
    admin = admin_client_for(tangsel)
    _add(admin)
    _publish(dns_server, DomainClaim.objects.get(domain=HOST))
    _verify(admin)

    browser = Client(enforce_csrf_checks=True, HTTP_HOST=HOST)
    form = browser.get("/akun/masuk/")
    assert form.status_code == 200
    token = browser.cookies["csrftoken"].value
    data = {"csrfmiddlewaretoken": token, "username": "x@contoh.go.id", "password": "salah"}
    same_site = browser.post("/akun/masuk/", data, HTTP_ORIGIN=f"https://{HOST}", secure=True)
    assert same_site.status_code != 403
    elsewhere = browser.post("/akun/masuk/", data, HTTP_ORIGIN="https://contoh.com", secure=True)
    assert elsewhere.status_code == 403


def _verified_mails(address: str) -> list:
    from notifications.testing import sent_emails

    return [m for m in sent_emails(address) if m.subject == f"Domain {HOST} terverifikasi"]


def test_the_daily_recheck_routes_a_domain_once_published_and_tells_the_admin_once(
    tangsel, balikpapan, admin_client_for, dns_server
):
    from django_q.models import Schedule

    from notifications.testing import deliver_pending
    from tenants import tasks

    assert Schedule.objects.filter(name=domains.RECHECK_SCHEDULE).exists()
    _add(admin_client_for(tangsel))
    _add(admin_client_for(balikpapan))  # waits for the same domain
    _add(admin_client_for(balikpapan), "layanan.balikpapan.go.id")  # never published
    claim = DomainClaim.objects.get(domain=HOST, region=tangsel)
    before = len(_verified_mails("admin@tangsel.test"))
    visitor = Client(HTTP_HOST=HOST)

    assert tasks.recheck_domain_claims() == []
    assert visitor.get("/").status_code == 404

    _publish(dns_server, claim)
    assert tasks.recheck_domain_claims() == [HOST]
    assert tasks.recheck_domain_claims() == []  # the schedule ran again (or was retried)

    connection.set_schema_to_public()
    assert list(Domain.objects.filter(domain=HOST).values_list("tenant__slug", flat=True)) == [
        "tangsel"
    ]
    assert tangsel.name in visitor.get("/").content.decode()
    assert DomainClaim.objects.filter(region=balikpapan, verified_at__isnull=True).count() == 2
    deliver_pending(tangsel.schema_name)
    deliver_pending(balikpapan.schema_name)
    mails = _verified_mails("admin@tangsel.test")
    assert len(mails) == before + 1
    assert tangsel.name in mails[-1].body
    assert _verified_mails("admin@balikpapan.test") == []
