"""Media on S3-compatible object storage: a real S3 server (moto's, on loopback), the storage
configured from the environment exactly as production reads it, each region under its own
prefix and no region's file reachable through another region."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from urllib.parse import urlsplit

import boto3
import pytest
import requests
from django.core.exceptions import SuspiciousOperation
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from django.db import connection
from moto.server import ThreadedMotoServer

from tests.harness.processes import ROOT, child_env, free_port

BUCKET = "sinergi-media"
CREDENTIALS = {"aws_access_key_id": "sinergi-test", "aws_secret_access_key": "sinergi-test-secret"}


@pytest.fixture(scope="module")
def s3_endpoint():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **CREDENTIALS)
    client.create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


@pytest.fixture(scope="module")
def production_storages(s3_endpoint):
    """STORAGES and the document serving method as config.settings.prod builds them."""
    env = child_env(
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        SECRET_KEY="x" * 60,
        DATABASE_URL="postgres://unused@127.0.0.1:1/unused",
        MEDIA_S3_BUCKET=BUCKET,
        MEDIA_S3_ENDPOINT_URL=s3_endpoint,
        MEDIA_S3_REGION="us-east-1",
        MEDIA_S3_ACCESS_KEY_ID=CREDENTIALS["aws_access_key_id"],
        MEDIA_S3_SECRET_ACCESS_KEY=CREDENTIALS["aws_secret_access_key"],
    )
    script = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps([s.STORAGES, s.WAGTAILDOCS_SERVE_METHOD]))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT, env=env, capture_output=True
    )
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout.splitlines()[-1])


@pytest.fixture
def s3_media(settings, production_storages, s3_endpoint):
    settings.STORAGES, settings.WAGTAILDOCS_SERVE_METHOD = production_storages
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", **CREDENTIALS)

    def keys() -> set[str]:
        listed = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
        return {item["Key"] for item in listed}

    yield client, keys
    for key in keys():
        client.delete_object(Bucket=BUCKET, Key=key)


def test_production_reads_private_signed_s3_storage_from_the_environment(production_storages):
    storages, serve_method = production_storages
    assert storages["default"]["BACKEND"] == "config.storage.RegionMediaStorage"
    assert storages["default"]["OPTIONS"]["bucket_name"] == BUCKET
    assert storages["default"]["OPTIONS"]["location_root"] == "media"
    assert serve_method == "redirect"


@pytest.mark.django_db
def test_each_region_uploads_under_its_own_prefix(s3_media, tangsel, balikpapan):
    client, keys = s3_media
    saved = {}
    for region, text in ((tangsel, b"surat Tangsel"), (balikpapan, b"surat Balikpapan")):
        connection.set_tenant(region)
        saved[region.schema_name] = default_storage.save("dokumen/surat.txt", ContentFile(text))

    assert keys() == {
        f"media/{tangsel.schema_name}/dokumen/surat.txt",
        f"media/{balikpapan.schema_name}/dokumen/surat.txt",
    }
    body = client.get_object(Bucket=BUCKET, Key=f"media/{balikpapan.schema_name}/dokumen/surat.txt")
    assert body["Body"].read() == b"surat Balikpapan"
    # Private: nobody but the owner is granted anything on the object.
    acl = client.get_object_acl(Bucket=BUCKET, Key=f"media/{tangsel.schema_name}/dokumen/surat.txt")
    assert all("URI" not in grant["Grantee"] for grant in acl["Grants"])


@pytest.mark.django_db
def test_a_regions_file_is_not_reachable_through_another_region(s3_media, tangsel, balikpapan):
    _client, keys = s3_media
    connection.set_tenant(tangsel)
    name = default_storage.save("laporan/foto.jpg", ContentFile(b"foto jalan rusak"))
    signed = default_storage.url(name)
    assert "Signature=" in signed or "X-Amz-Signature=" in signed
    assert requests.get(signed, timeout=10).content == b"foto jalan rusak"

    connection.set_tenant(balikpapan)
    assert not default_storage.exists(name)
    with pytest.raises(FileNotFoundError):
        default_storage.open(name).read()
    # Balikpapan's URL for the same name points under its own prefix: nothing there.
    assert f"/media/{balikpapan.schema_name}/" in urlsplit(default_storage.url(name)).path
    assert requests.get(default_storage.url(name), timeout=10).status_code == 404
    # Climbing out of the prefix is refused, for reading and for writing.
    with pytest.raises(SuspiciousOperation):
        default_storage.exists(f"../{tangsel.schema_name}/{name}")
    with pytest.raises(SuspiciousOperation):
        default_storage.save(f"../{tangsel.schema_name}/{name}", ContentFile(b"timpa"))
    assert keys() == {f"media/{tangsel.schema_name}/{name}"}


@pytest.mark.django_db
def test_wagtail_images_and_renditions_stay_under_their_region_and_get_signed_urls(
    s3_media, tangsel, balikpapan
):
    from PIL import Image as PillowImage
    from wagtail.images.models import Image

    _client, keys = s3_media
    picture = io.BytesIO()
    PillowImage.new("RGB", (40, 30), "teal").save(picture, "PNG")
    connection.set_tenant(tangsel)
    image = Image.objects.create(
        title="Taman kota", file=ImageFile(picture, name="taman.png"), width=40, height=30
    )
    rendition = image.get_rendition("fill-20x20")

    prefix = f"media/{tangsel.schema_name}/"
    assert {key.split("/")[2] for key in keys()} == {"original_images", "images"}
    assert all(key.startswith(prefix) for key in keys())
    response = requests.get(rendition.url, timeout=10)
    assert response.status_code == 200
    assert PillowImage.open(io.BytesIO(response.content)).size == (20, 20)

    connection.set_tenant(balikpapan)
    assert not default_storage.exists(image.file.name)


def test_production_keeps_private_files_in_the_bucket_under_their_own_prefix(production_storages):
    storages, _serve_method = production_storages
    private = storages["private"]
    assert private["BACKEND"] == "core.private_files.PrivateS3Storage"
    assert private["OPTIONS"]["bucket_name"] == BUCKET
    assert private["OPTIONS"]["location_root"] == "private"


@pytest.mark.django_db
def test_a_private_file_lands_under_the_private_prefix_and_has_no_url(
    s3_media, tangsel, balikpapan
):
    from core.private_files import private_storage, stream_private_file

    client, keys = s3_media
    connection.set_tenant(tangsel)
    name = private_storage().save("billing/bukti/b.pdf", ContentFile(b"%PDF bukti Tangsel"))
    with pytest.raises(ValueError):
        private_storage().url(name)
    response = stream_private_file(None, name, "bukti.pdf", "application/pdf")
    assert b"".join(response.streaming_content) == b"%PDF bukti Tangsel"

    key = f"private/{tangsel.schema_name}/{name}"
    assert keys() == {key}
    acl = client.get_object_acl(Bucket=BUCKET, Key=key)
    assert all("URI" not in grant["Grantee"] for grant in acl["Grants"])
    # Neither the public storage nor another region reaches it.
    assert not default_storage.exists(name)
    connection.set_tenant(balikpapan)
    assert not private_storage().exists(name)
    with pytest.raises(SuspiciousOperation):
        private_storage().exists(f"../{tangsel.schema_name}/{name}")


def test_a_private_prefix_overlapping_the_media_prefix_is_refused(s3_endpoint):
    env = child_env(
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        SECRET_KEY="x" * 60,
        DATABASE_URL="postgres://unused@127.0.0.1:1/unused",
        MEDIA_S3_BUCKET=BUCKET,
        MEDIA_S3_ENDPOINT_URL=s3_endpoint,
        MEDIA_S3_PRIVATE_PREFIX="media/private",
    )
    script = "from django.conf import settings as s; s.STORAGES"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT, env=env, capture_output=True
    )
    assert result.returncode != 0
    assert b"MEDIA_S3_PRIVATE_PREFIX overlaps MEDIA_S3_PREFIX" in result.stderr
