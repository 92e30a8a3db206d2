"""An editor publishes a news article with an image in the Wagtail admin, and residents see
it on the region's home page (real browser, real server)."""

from __future__ import annotations

import io

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from PIL import Image as PILImage

from tests.accounts.test_journeys import _sign_in_admin

pytestmark = pytest.mark.browser

TITLE = "Taman Kota Bintaro dibuka untuk warga"


@pytest.fixture
def editor_setup(committed_db):
    """The admin's authenticator and a photo in the image library, committed; the article,
    the photo and the sessions removed afterwards."""
    from django.contrib.sessions.models import Session
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from wagtail.images.models import Image

    from accounts.models import User
    from pages.cache import invalidate_region
    from pages.models import NewsIndexPage, NewsPage
    from tenants.models import Region

    region = Region.objects.get(slug="tangsel")
    connection.set_tenant(region)
    sessions = set(Session.objects.values_list("session_key", flat=True))
    device = TOTPDevice.objects.create(
        user=User.objects.get(email="admin@tangsel.test"), name="Uji", confirmed=True
    )
    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 360), (40, 120, 80)).save(buffer, "JPEG")
    photo = Image.objects.create(title="Foto taman", file=ImageFile(buffer, name="taman.jpg"))
    index = NewsIndexPage.objects.get()
    connection.set_schema_to_public()
    yield device, index
    connection.set_tenant(region)
    for article in NewsPage.objects.filter(title=TITLE):
        article.delete()
    photo.delete()
    device.delete()
    Session.objects.exclude(session_key__in=sessions).delete()
    invalidate_region("tangsel")
    connection.set_schema_to_public()


def test_editor_publishes_news_with_an_image_and_residents_see_it_on_the_home_page(
    browser, live_server_port, editor_setup
):
    device, index = editor_setup
    site = f"http://tangsel.localhost:{live_server_port}"
    resident = browser.new_context(locale="id-ID").new_page()
    resident.goto(f"{site}/")  # the home page is now in the page cache
    assert TITLE not in resident.content()

    editor = browser.new_context(locale="id-ID").new_page()
    _sign_in_admin(editor, site, device)
    editor.goto(f"{site}/admin/pages/add/pages/newspage/{index.pk}/")
    editor.locator('[name="title"]').fill(TITLE)
    editor.locator('[name="intro"]').fill("Taman baru dengan jalur pejalan kaki dan area bermain.")
    editor.locator('[name="image_alt"]').fill("Taman hijau dengan pepohonan")
    editor.locator("[data-chooser-action-choose]").first.click()
    editor.locator(".modal a[data-chooser-modal-choice]", has_text="Foto taman").click()
    editor.locator(".modal").wait_for(state="hidden")  # the chooser closes before we go on
    editor.locator('[data-w-dropdown-target="toggle"]').last.click()
    editor.locator('button[name="action-publish"]').click()
    editor.wait_for_url(f"{site}/admin/pages/{index.pk}/")

    resident.reload()
    article = resident.locator(".news-item", has_text=TITLE)
    assert article.is_visible()
    image = article.locator("img")
    assert image.get_attribute("alt") == "Taman hijau dengan pepohonan"
    assert "/media/tangsel/" in image.get_attribute("src")
