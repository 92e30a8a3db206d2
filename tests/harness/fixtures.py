"""Fixtures every suite can use: regions, clients, committed data, real processes, Chromium."""

from __future__ import annotations

import os
import shutil

import pytest
from django.db import connection
from django.test import Client

from tests.harness import processes


# --- regions (the demo regions, provisioned once into the golden database) ----------------
def _region(slug: str):
    from tenants.models import Region

    connection.set_schema_to_public()
    return Region.objects.get(slug=slug)


@pytest.fixture
def tangsel(db):
    return _region("tangsel")


@pytest.fixture
def balikpapan(db):
    return _region("balikpapan")


@pytest.fixture
def tangerang(db):
    return _region("tangerang")


def host_of(region) -> str:
    from tenants.services import primary_hostname

    return primary_hostname(region)


@pytest.fixture
def site_client():
    """`site_client(region)` is a test client whose requests go to that region's host."""

    def make(region=None) -> Client:
        from django.conf import settings

        return Client(HTTP_HOST=host_of(region) if region else settings.PLATFORM_DOMAIN)

    return make


def sign_in_staff(client: Client, region, email: str):
    """Sign `client` in as a staff member who has passed the second sign-in step.

    Superusers and region admins must use TOTP; this gives them a confirmed device and
    marks the session verified, as django_otp.login does after a correct code."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import User

    if region is None:
        connection.set_schema_to_public()
    else:
        connection.set_tenant(region)
    user = User.objects.get(email=email)
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "test"}
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    connection.set_schema_to_public()
    return user


@pytest.fixture
def admin_client_for(site_client):
    """`admin_client_for(region)`: a client on the region's host, signed in as its admin."""

    def make(region) -> Client:
        client = site_client(region)
        sign_in_staff(client, region, f"admin@{region.slug}.test")
        return client

    return make


# --- committed data: provisioning and real processes see it ---------------------------------
@pytest.fixture
def committed_db(django_db_setup, django_db_blocker):
    """Database access without a wrapping transaction, for work that must commit (schema
    DDL, data another process reads). What the test adds is removed afterwards: regions it
    created (schema, domains, row) and queued tasks."""
    from tenants.models import Region

    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        before = set(Region.objects.values_list("pk", flat=True))
        yield
        connection.set_schema_to_public()
        for region in Region.objects.exclude(pk__in=before):
            with connection.cursor() as cursor:
                cursor.execute(f'DROP SCHEMA IF EXISTS "{region.schema_name}" CASCADE')
            region.domains.all().delete()
            region.delete()
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE django_q_ormq, django_q_task")


# --- real processes ---------------------------------------------------------------------------
@pytest.fixture
def q_worker(django_db_setup):
    """A real django-q2 cluster (one worker process) on this test worker's database, for one
    test only: a cluster left running would take the tasks later tests enqueue and run
    themselves (with the process's settings, not the test's), racing them."""
    process = processes.start_manage(
        "qcluster", log_name=f"qcluster-{django_db_setup}", Q_WORKERS="1", Q_POLL="0.1"
    )
    yield process
    processes.stop(process)


@pytest.fixture(scope="session")
def live_server_port(django_db_setup):
    """The platform served by a real server process; region sites at {slug}.localhost:port."""
    port = processes.free_port()
    process = processes.start_manage(
        "runserver",
        "--noreload",
        "--insecure",
        f"127.0.0.1:{port}",
        log_name=f"live-{django_db_setup}",
    )
    processes.wait_for_http(f"http://127.0.0.1:{port}/healthz")
    yield port
    processes.stop(process)


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not path:
        pytest.fail("Chromium is not installed: run .ci/run or `apt-get install chromium`.")
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path(),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def private_media(settings, tmp_path_factory):
    """Private files (core.private_files) go to a folder of this test, `<it>/<schema>/...`,
    outside tmp_path (which a test may make its MEDIA_ROOT)."""
    root = tmp_path_factory.mktemp("private-media")
    settings.PRIVATE_MEDIA_ROOT = str(root)
    return root


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="id-ID")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploads go to a folder of this test. django-tenants' storage keeps the MEDIA_ROOT it
    first saw (its setting_changed handler misses MEDIA_ROOT), so it is told to forget, before
    and after: otherwise a test's files land wherever an earlier test pointed it."""
    settings.MEDIA_ROOT = str(tmp_path)
    _forget_media_root()
    yield tmp_path
    _forget_media_root()


def _forget_media_root():
    from django.core.files.storage import default_storage

    default_storage._setup()
    default_storage._wrapped.__dict__.pop("relative_media_root", None)


@pytest.fixture(autouse=True)
def indonesian_first():
    """Each test starts in the site's language (Indonesian): a test that switched to English
    (a request with that preference, translation.activate) must not change the next one's."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
