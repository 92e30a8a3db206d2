"""Export a region (schema dump, media, public rows, manifest) on the worker's task and
restore it under a new slug: the new region has the same pages, module data, media and
activations, and answers on its own host."""

from __future__ import annotations

import io
import json
import tarfile
from datetime import date

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test import Client, override_settings
from django_q.conf import Conf
from django_q.models import OrmQ
from django_tenants.utils import schema_context, schema_exists

from tenants import exports, tasks
from tenants.models import Region, RegionExport

pytestmark = pytest.mark.fresh_region

JAN, FEB = date(2026, 1, 1), date(2026, 2, 1)
PHOTO = b"\x89PNG\r\n\x1a\n" + b"foto-jalan-rusak" * 64


@pytest.fixture
def private_dirs(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path / "media", REGION_EXPORT_DIR=tmp_path / "exports"):
        yield tmp_path


@pytest.fixture
def exports_cleanup(committed_db, django_db_setup, monkeypatch):
    """Tasks go to a queue no worker serves (the test runs them itself); what the test
    committed in public goes afterwards."""
    from audit.models import AuditEntry

    monkeypatch.setattr(Conf, "CLUSTER_NAME", f"exports-{django_db_setup}")
    last_audit = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    yield
    connection.set_schema_to_public()
    RegionExport.objects.all().delete()
    AuditEntry.objects.filter(id__gt=last_audit).delete()


def _snapshot(schema: str) -> dict:
    """What a person would compare: page titles, every module table's rows, files."""
    from wagtail.models import Page

    with schema_context(schema):
        counts = {
            model._meta.label: model.objects.count()
            for app in ("laksa", "prices", "jobs", "organisation")
            if apps.is_installed(f"modules.{app}") or app == "organisation"
            for model in apps.get_app_config(app).get_models()
        }
        return {
            "pages": sorted(Page.objects.values_list("title", flat=True)),
            "counts": counts,
            "photo": default_storage.open("laporan/2026/jalan.png").read(),
        }


def _activations(region) -> dict:
    return {a.module_key: (a.enabled, a.settings) for a in region.module_activations.all()}


@pytest.fixture
def subscribed(committed_db):
    """`subscribed(region)`: on the partnership plan from January, Standar from February
    (instead of its demo subscription); afterwards the demo rows come back (this data is
    committed) and a restored region's go with it."""
    from billing import api, services
    from billing.models import Plan, PlanChange, Subscription

    regions = []
    demo_rows = {}

    def subscribe(region):
        demo_rows[region] = api.subscription_rows(region)
        api.forget_subscription(region)
        services.change_plan(region, Plan.objects.get(key="kemitraan"), effective_on=JAN)
        services.change_plan(region, Plan.objects.get(key="standar"), effective_on=FEB)
        services.set_billing_emails(region, "keuangan@tangerangselatankota.go.id")
        regions.append(region)

    yield subscribe
    connection.set_schema_to_public()
    PlanChange.objects.filter(region__in=regions).delete()
    Subscription.objects.filter(region__in=regions).delete()
    for region, rows in demo_rows.items():
        api.restore_subscription(region, rows)


def _billing(region) -> tuple:
    from billing.models import PlanChange, Subscription

    subscription = Subscription.objects.filter(region=region).select_related("plan").first()
    changes = PlanChange.objects.filter(region=region).order_by("effective_on")
    return (
        subscription and (subscription.plan.key, subscription.started_on, subscription.emails()),
        [(change.plan.key, change.effective_on) for change in changes],
    )


NIB = b"%PDF-1.4 dokumen NIB perusahaan"


def test_export_then_restore_under_a_new_slug_reproduces_the_region(
    committed_db, private_dirs, private_media, exports_cleanup, subscribed
):
    from core.private_files import private_storage

    tangsel = Region.objects.get(slug="tangsel")
    subscribed(tangsel)
    with schema_context(tangsel.schema_name):
        default_storage.save("laporan/2026/jalan.png", ContentFile(PHOTO))
        private_storage().save("dokumen/nib.pdf", ContentFile(NIB))
    before = _snapshot(tangsel.schema_name)
    assert before["counts"]["laksa.Report"] > 0  # the demo region has real reports

    export = exports.request_export(tangsel)
    tasks.run_export(export.pk)  # what the worker runs
    export.refresh_from_db()
    assert export.status == RegionExport.Status.DONE, export.failure_reason
    archive = exports.archive_path(export)
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        manifest = json.loads(tar.extractfile("manifest.json").read())
        public = json.loads(tar.extractfile("public.json").read())
    assert {
        "manifest.json",
        "schema.sql",
        "public.json",
        "media/laporan/2026/jalan.png",
        "private/dokumen/nib.pdf",
    } <= names
    assert manifest["region"]["schema"] == "tangsel"
    assert manifest["server_major_version"] == 18 and "18." in manifest["pg_dump"]
    assert {"domain": "tangsel.localhost", "is_primary": True} in public["domains"]
    assert {row["module_key"] for row in public["module_activations"]} == set(_activations(tangsel))
    assert public["subscription"]["plan"] == "standar"
    assert [c["plan"] for c in public["subscription"]["plan_changes"]] == ["kemitraan", "standar"]

    restored = exports.restore(archive, slug="tangsel-pulih", name="Tangsel (pulih)")

    assert restored.status == Region.Status.ACTIVE
    assert restored.restore_notes == []
    assert _snapshot("tangsel_pulih") == before
    assert _activations(restored) == _activations(tangsel)
    assert (
        _billing(restored)
        == _billing(tangsel)
        == (
            ("standar", JAN, ["keuangan@tangerangselatankota.go.id"]),
            [("kemitraan", JAN), ("standar", FEB)],
        )
    )
    from billing import api as billing

    assert billing.effective_plan(restored).key == "standar"
    home = Client(HTTP_HOST="tangsel-pulih.localhost").get("/")
    assert home.status_code == 200
    with schema_context("tangsel_pulih"):
        from wagtail.models import Site

        assert Site.objects.get(is_default_site=True).hostname == "tangsel-pulih.localhost"
    with schema_context("tangsel_pulih"):
        assert private_storage().open("dokumen/nib.pdf").read() == NIB
    # The original is untouched.
    assert _snapshot("tangsel") == before
    with schema_context(tangsel.schema_name):
        default_storage.delete("laporan/2026/jalan.png")
        private_storage().delete("dokumen/nib.pdf")


def test_running_an_export_again_is_harmless_and_a_taken_slug_restores_nothing(
    committed_db, private_dirs, exports_cleanup
):
    from django.core.exceptions import ValidationError

    balikpapan = Region.objects.get(slug="balikpapan")
    export = exports.request_export(balikpapan)
    tasks.run_export(export.pk)
    export.refresh_from_db()
    first = (export.file_name, exports.archive_path(export).stat().st_mtime_ns)
    tasks.run_export(export.pk)  # the worker retried the task
    export.refresh_from_db()
    assert (export.file_name, exports.archive_path(export).stat().st_mtime_ns) == first

    with pytest.raises(ValidationError, match="sudah dipakai"):
        exports.restore(exports.archive_path(export), slug="tangsel", name="")
    with pytest.raises(ValidationError, match="dicadangkan"):
        exports.restore(exports.archive_path(export), slug="admin", name="")
    assert not Region.objects.filter(name="").exists()


def test_a_broken_archive_leaves_no_schema_and_the_reason_on_the_region(
    committed_db, private_dirs, exports_cleanup
):
    balikpapan = Region.objects.get(slug="balikpapan")
    export = exports.request_export(balikpapan)
    tasks.run_export(export.pk)
    export.refresh_from_db()
    broken = private_dirs / "broken.tar.gz"
    with tarfile.open(exports.archive_path(export)) as source, tarfile.open(broken, "w:gz") as out:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "schema.sql":
                data += b"\nSELECT * FROM tabel_yang_tidak_ada;\n"
            member.size = len(data)
            out.addfile(member, io.BytesIO(data))

    with pytest.raises(Exception, match="tabel_yang_tidak_ada"):
        exports.restore(broken, slug="balikpapan-pulih", name="Balikpapan (pulih)")
    region = Region.objects.get(slug="balikpapan-pulih")
    assert region.status == Region.Status.FAILED
    assert "tabel_yang_tidak_ada" in region.failure_reason
    assert not schema_exists("balikpapan_pulih")
    assert not region.domains.exists() and not region.module_activations.exists()


def _rewrite(archive, target, name: str, change) -> None:
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as out:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == name:
                data = change(data)
            member.size = len(data)
            out.addfile(member, io.BytesIO(data))


def test_a_plan_missing_here_restores_without_a_subscription_and_says_so(
    committed_db, private_dirs, exports_cleanup, subscribed, site_client
):
    from billing import api as billing
    from tests.harness.fixtures import sign_in_staff

    balikpapan = Region.objects.get(slug="balikpapan")
    subscribed(balikpapan)
    export = exports.request_export(balikpapan)
    tasks.run_export(export.pk)
    export.refresh_from_db()
    elsewhere = private_dirs / "elsewhere.tar.gz"

    def unknown_plan(data: bytes) -> bytes:
        public = json.loads(data)
        public["subscription"]["plan"] = "premium-lama"
        return json.dumps(public).encode()

    _rewrite(exports.archive_path(export), elsewhere, "public.json", unknown_plan)

    restored = exports.restore(elsewhere, slug="balikpapan-pulih", name="")

    assert restored.status == Region.Status.ACTIVE
    assert len(restored.restore_notes) == 1
    assert "premium-lama" in restored.restore_notes[0]
    assert "tanpa langganan" in restored.restore_notes[0]
    assert _billing(restored) == (None, [])
    assert billing.effective_plan(restored).key == "kemitraan"
    # The operator is told on the console, not only in the log.
    operator = site_client(None)
    sign_in_staff(operator, None, "operator@sinergi.test")
    console = operator.get("/admin/konsol/").text
    assert "Catatan pemulihan" in console
    assert "(dari balikpapan)" in console and "premium-lama" in console


def test_operator_restores_from_the_console_and_the_worker_brings_it_live(
    committed_db, private_dirs, exports_cleanup, site_client
):
    from tests.harness.fixtures import sign_in_staff

    operator = site_client(None)
    sign_in_staff(operator, None, "operator@sinergi.test")
    balikpapan = Region.objects.get(slug="balikpapan")
    export = exports.request_export(balikpapan)
    tasks.run_export(export.pk)

    page = operator.post(
        f"/admin/konsol/ekspor/{export.pk}/pulihkan/",
        {"slug": "balikpapan-baru", "name": "Kota Balikpapan Baru"},
        follow=True,
    )
    assert "sedang dipulihkan sebagai balikpapan-baru" in page.text
    region = Region.objects.get(slug="balikpapan-baru")
    assert region.status == Region.Status.PROVISIONING
    queued = [item.task["args"] for item in OrmQ.objects.filter(key=Conf.CLUSTER_NAME)]
    assert ("public", exports.RESTORE_TASK, region.pk, export.pk) in [tuple(a) for a in queued]

    tasks.run_restore(region.pk, export.pk)  # what the worker runs
    tasks.run_restore(region.pk, export.pk)  # and again, when a killed worker retries it
    region.refresh_from_db()
    assert region.status == Region.Status.ACTIVE and region.name == "Kota Balikpapan Baru"
    home = Client(HTTP_HOST="balikpapan-baru.localhost").get("/")
    assert home.status_code == 200
    assert "Kota Balikpapan Baru" in operator.get("/admin/konsol/").text
