"""The operator's plan pages: adding and changing a plan's terms, which invoices then use;
refusals that would break the partnership fallback or strand regions; nobody else gets in."""

from __future__ import annotations

from datetime import date

import pytest

from audit.models import AuditEntry
from billing import invoicing, services
from billing.models import Plan
from tests.billing.factories import plan
from tests.harness.fixtures import sign_in_staff

MARCH = date(2026, 3, 1)


@pytest.fixture
def operator(site_client):
    client = site_client(None)
    sign_in_staff(client, None, "operator@sinergi.test")
    return client


def terms(plan: Plan, **changes) -> dict:
    """The plan form as the operator would post it, with `changes`."""
    data = {
        "name": plan.name,
        "monthly_price": str(plan.monthly_price),
        "trial_days": plan.trial_days,
        "included_staff": plan.included_staff,
        "included_storage_mb": plan.included_storage_mb,
        "included_messages": plan.included_messages,
        "included_custom_domains": plan.included_custom_domains,
        "price_per_staff": plan.price_per_staff,
        "price_per_storage_mb": plan.price_per_storage_mb,
        "price_per_message": plan.price_per_message,
        "price_per_custom_domain": plan.price_per_custom_domain,
        "allowed_modules": plan.allowed_modules,
    }
    if plan.all_modules:
        data["all_modules"] = "on"
    if plan.is_active:
        data["is_active"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.django_db
def test_the_operator_raises_a_price_and_the_next_invoice_charges_it(tangsel, operator):
    dasar = plan("dasar", 1_000_000)
    services.change_plan(tangsel, dasar, effective_on=MARCH)

    listing = operator.get("/admin/operator-tagihan/paket/").content.decode()
    assert "Dasar" in listing and "Rp 1.000.000" in listing
    answer = operator.post(
        f"/admin/operator-tagihan/paket/{dasar.pk}/", terms(dasar, monthly_price="1.250.000")
    )
    assert answer.status_code == 302
    assert "Rp 1.250.000" in operator.get("/admin/operator-tagihan/paket/").content.decode()

    invoice = invoicing.issue_invoice(tangsel, MARCH, issued_on=date(2026, 4, 1))
    assert [line.amount for line in invoice.lines.all()] == [1_250_000]
    entry = AuditEntry.objects.filter(action="billing.change_plan_terms").latest("id")
    assert entry.details["changed"]["monthly_price"] == [1_000_000, 1_250_000]
    assert entry.actor_name


@pytest.mark.django_db
def test_the_operator_adds_a_plan_with_chosen_modules(operator, tangsel):
    form = operator.get("/admin/operator-tagihan/paket/baru/").content.decode()
    assert 'name="allowed_modules" value="laksa"' in form
    answer = operator.post(
        "/admin/operator-tagihan/paket/baru/",
        terms(
            Plan(name="Hemat", monthly_price=0, is_active=True),
            key="hemat",
            monthly_price="750000",
            trial_days="14",
            allowed_modules=["laksa", "jobs"],
            price_per_message="300",
        ),
    )
    assert answer.status_code == 302
    hemat = Plan.objects.get(key="hemat")
    assert (hemat.monthly_price, hemat.trial_days, hemat.allowed_modules) == (
        750_000,
        14,
        ["jobs", "laksa"],
    )
    assert hemat.allows("laksa") and not hemat.allows("prices")
    assert not hemat.is_partnership
    assert AuditEntry.objects.filter(action="billing.create_plan", object_id=str(hemat.pk))


@pytest.mark.django_db
def test_bad_input_is_answered_with_messages_and_kept(operator):
    answer = operator.post(
        "/admin/operator-tagihan/paket/baru/",
        terms(
            Plan(name="Kemitraan", is_active=True),
            key="Bukan Kode!",
            monthly_price="1,5 juta",
            trial_days="400",
            allowed_modules=["tidak-ada"],
        ),
    )
    page = answer.content.decode()
    assert answer.status_code == 400
    assert "Tulis jumlah dalam Rupiah utuh" in page
    assert 'value="1,5 juta"' in page  # what was typed is still there
    assert "tidak-ada" in page  # refused as an unknown choice
    assert not Plan.objects.filter(name="Kemitraan").exclude(is_partnership=True).exists()

    duplicate = operator.post(
        "/admin/operator-tagihan/paket/baru/",
        terms(Plan(name="kemitraan", is_active=True), key="kemitraan-2", monthly_price="0"),
    )
    assert duplicate.status_code == 400
    assert "Nama kemitraan sudah dipakai paket lain." in duplicate.content.decode()


@pytest.mark.django_db
def test_the_partnership_plan_stays_free_and_selectable(operator):
    kemitraan = Plan.objects.get(is_partnership=True)
    url = f"/admin/operator-tagihan/paket/{kemitraan.pk}/"
    answer = operator.post(url, terms(kemitraan, monthly_price="100.000", is_active=None))
    page = answer.content.decode()
    assert answer.status_code == 400
    assert "Paket kemitraan selalu Rp 0 per bulan." in page
    assert "Paket kemitraan harus tetap dapat dipilih" in page
    kemitraan.refresh_from_db()
    assert (kemitraan.monthly_price, kemitraan.is_active) == (0, True)


@pytest.mark.django_db
def test_a_plan_in_use_is_neither_retired_nor_narrowed_under_its_regions(tangsel, operator):
    dasar = plan("dasar", 1_000_000)
    services.change_plan(tangsel, dasar, effective_on=MARCH)
    url = f"/admin/operator-tagihan/paket/{dasar.pk}/"

    retired = operator.post(url, terms(dasar, is_active=None))
    assert "Paket ini masih dipakai Kota Tangerang Selatan" in retired.content.decode()
    narrowed = operator.post(url, terms(dasar, all_modules=None, allowed_modules=["laksa"]))
    assert narrowed.status_code == 400
    assert "masih aktif di daerah yang memakai paket ini" in narrowed.content.decode()
    dasar.refresh_from_db()
    assert dasar.is_active and dasar.all_modules

    unused = plan("lama", 500_000)
    assert (
        operator.post(
            f"/admin/operator-tagihan/paket/{unused.pk}/", terms(unused, is_active=None)
        ).status_code
        == 302
    )
    unused.refresh_from_db()
    assert not unused.is_active


@pytest.mark.django_db
def test_only_the_platform_operator_reaches_the_plan_pages(tangsel, site_client, admin_client_for):
    kemitraan = Plan.objects.get(is_partnership=True)
    mentor = site_client(None)
    sign_in_staff(mentor, None, "mentor@sinergi.test")
    region_admin = admin_client_for(tangsel)
    for path in (
        "/admin/operator-tagihan/paket/",
        f"/admin/operator-tagihan/paket/{kemitraan.pk}/",
    ):
        refused = mentor.get(path)
        assert refused.status_code in (302, 403), path
        assert b"Simpan paket" not in refused.content
        assert region_admin.get(path).status_code == 404, path
    mentor.post(f"/admin/operator-tagihan/paket/{kemitraan.pk}/", terms(kemitraan, name="Bebas"))
    region_admin.post(f"/admin/operator-tagihan/paket/{kemitraan.pk}/", terms(kemitraan, name="X"))
    kemitraan.refresh_from_db()
    assert kemitraan.name == "Kemitraan"


@pytest.mark.django_db
def test_the_demo_regions_have_billing_and_loading_the_demo_again_changes_nothing(
    tangsel, balikpapan, tangerang, keep_demo_billing
):
    from billing import periods
    from billing.models import Invoice, Payment, Subscription, UsageRecord
    from core.demo import load_demo

    def state():
        return (
            sorted(Subscription.objects.values_list("region__slug", "plan__key", "trial_ends_on")),
            sorted(Invoice.objects.values_list("number", "region__slug", "status", "total")),
            list(Payment.objects.values_list("invoice__number", "amount")),
            UsageRecord.objects.count(),
        )

    before = state()
    subscriptions = {slug: (key, trial) for slug, key, trial in before[0]}
    assert subscriptions["tangsel"][0] == "standar"
    assert subscriptions["tangerang"][0] == "kemitraan"
    assert subscriptions["balikpapan"][0] == "standar"
    assert subscriptions["balikpapan"][1] > periods.today()  # still in its trial
    statuses = sorted(status for _n, slug, status, _t in before[1] if slug == "tangsel")
    assert statuses == ["issued", "paid"]
    assert any(slug == "tangerang" for _n, slug, _s, _t in before[1])

    load_demo()

    assert state() == before
