"""Every theme in a real browser: screenshots, axe-core and the page weight in one visit
per page; and a region admin rebranding the site.

The live server is another process, so what these tests change is committed (committed_db)
and put back afterwards. The screenshots in docs/screenshots/ are written by this file only
when SINERGI_SCREENSHOTS=1 (`make screenshots`), so an ordinary run leaves the tree clean;
otherwise they go to a temporary folder, still proving the page renders.
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.files.storage import default_storage
from django_tenants.utils import schema_context

from themes import services
from themes.models import IMAGE_FIELDS, Branding
from themes.palette import contrast_problems
from themes.registry import all_themes, get_theme

pytestmark = pytest.mark.browser

DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SCREENSHOTS = (
    DOCS_SCREENSHOTS
    if os.environ.get("SINERGI_SCREENSHOTS") == "1"
    else Path(tempfile.gettempdir()) / "sinergi-screenshots"
)
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
BUDGET = 150 * 1024  # bytes transferred on first load, images excluded
THEME_KEYS = [theme.key for theme in all_themes()]
axe = Axe()


# --- helpers -----------------------------------------------------------------------------------
def region(slug):
    from tenants.models import Region

    return Region.objects.get(slug=slug)


def snapshot(schema: str) -> dict:
    with schema_context(schema):
        branding = Branding.objects.get()
        return {f.attname: getattr(branding, f.attname) for f in Branding._meta.concrete_fields}


def restore(schema: str, saved: dict) -> None:
    """Put the row back as it was, and remove image files the test uploaded."""
    with schema_context(schema):
        current = Branding.objects.get()
        for field in IMAGE_FIELDS:
            name = getattr(current, field).name
            if name and name != saved[field]:
                default_storage.delete(name)
        Branding.objects.filter(pk=saved["id"]).update(
            **{k: v for k, v in saved.items() if k != "id"}
        )


@contextmanager
def branded(slug: str, theme_key: str):
    """The region in that theme, with its own colours where they pass the theme and the
    suggested nearest shade where they do not."""
    schema = region(slug).schema_name
    saved = snapshot(schema)
    theme = get_theme(theme_key)
    with schema_context(schema):
        branding = Branding.objects.get()
        branding.theme = theme_key
        for problem in contrast_problems(theme, theme.palette(branding.brand_colours)):
            setattr(branding, problem.field, problem.suggestion)
        services.save_branding(branding, actor=None)
    try:
        yield
    finally:
        restore(schema, saved)


class Weight:
    """Bytes transferred (encoded bodies) by everything the page loads but images."""

    def __init__(self, page):
        self.responses = []
        page.on("response", lambda response: self.responses.append(response))

    def total(self) -> int:
        return sum(
            max(0, response.request.sizes()["responseBodySize"])
            for response in self.responses
            if response.request.resource_type not in ("image", "media")
        )


def assert_accessible(page, context=None):
    results = axe.run(page, context=context)
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], serious


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def box(page, selector):
    return page.locator(selector).first.bounding_box()


# --- every theme, two regions, phone and desktop ------------------------------------------------
@pytest.mark.parametrize("theme_key", THEME_KEYS)
@pytest.mark.parametrize("slug", ["tangsel", "balikpapan"])
def test_home_page_in_every_theme(page, live_server_port, committed_db, slug, theme_key):
    with branded(slug, theme_key):
        weight = Weight(page)
        page.set_viewport_size(PHONE)
        page.goto(f"http://{slug}.localhost:{live_server_port}/")
        page.wait_for_load_state("networkidle")

        assert page.locator("html").get_attribute("class") == f"theme-{theme_key}"
        assert page.get_by_role("heading", level=1).inner_text() == region(slug).name
        assert weight.total() <= BUDGET, weight.total()
        print(f"{slug} in {theme_key}: {weight.total()} bytes transferred (images excluded)")
        assert_accessible(page)
        shoot(page, f"{slug}-{theme_key}-phone")
        phone_nav = [box(page, ".site-nav li:nth-child(1)"), box(page, ".site-nav li:nth-child(2)")]

        page.set_viewport_size(DESKTOP)
        assert_accessible(page)
        shoot(page, f"{slug}-{theme_key}-desktop")
        nav, main = box(page, ".site-nav"), box(page, "main")

    first, second = phone_nav
    if theme_key == "pesisir":  # a sidebar beside the page on desktop, stacked on phones
        assert nav["x"] + nav["width"] <= main["x"]
        assert second["y"] > first["y"]
    elif theme_key == "kontras":  # stacked on phones, above the page on desktop
        assert second["y"] > first["y"]
        assert nav["y"] + nav["height"] <= main["y"]
    else:  # a horizontal menu above the page, on phones too
        assert second["y"] == first["y"]
        assert nav["y"] + nav["height"] <= main["y"]


@pytest.mark.parametrize("theme_key", THEME_KEYS)
def test_news_article_and_module_page_in_every_theme(
    page, live_server_port, committed_db, theme_key
):
    """The other resident pages people land on: accessible and within the budget too."""
    site = f"http://tangsel.localhost:{live_server_port}"
    with branded("tangsel", theme_key):
        for path in ("/berita/bergabung-dengan-sinergi/", "/harga/"):
            weight = Weight(page)
            page.set_viewport_size(PHONE)
            assert page.goto(site + path).status == 200
            page.wait_for_load_state("networkidle")
            assert page.locator("html").get_attribute("class") == f"theme-{theme_key}"
            assert weight.total() <= BUDGET, (path, weight.total())
            assert_accessible(page)


# --- the admin ----------------------------------------------------------------------------------
@contextmanager
def signed_in_admin(page, port, slug):
    """Sign in as the region's admin through both steps, with a TOTP device of known key."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import User

    key = secrets.token_hex(20)
    schema = region(slug).schema_name
    with schema_context(schema):
        user = User.objects.get(email=f"admin@{slug}.test")
        device = TOTPDevice.objects.create(user=user, name="browser test", key=key, confirmed=True)
    try:
        page.goto(f"http://{slug}.localhost:{port}/admin/login/")
        page.locator("input[name=username]").fill(f"admin@{slug}.test")
        page.locator("input[name=password]").fill("sinergi-demo-2026")
        page.locator("form button[type=submit]").first.click()
        page.wait_for_url(re.compile(r"/akun/2fa/"))
        code = str(TOTP(bytes.fromhex(key)).token()).zfill(6)
        page.get_by_label("Kode 6 angka dari aplikasi autentikator").fill(code)
        page.get_by_role("button", name="Lanjutkan").click()
        page.wait_for_url(re.compile(r"/admin/$"))
        yield
    finally:
        with schema_context(schema):
            device.delete()


def test_the_branding_form_in_the_admin(browser, page, live_server_port, committed_db):
    saved = snapshot("tangsel")
    try:
        with signed_in_admin(page, live_server_port, "tangsel"):
            # A fresh browser with the same session: signing in filled the first one's cache.
            fresh = browser.new_context(locale="id-ID", viewport=DESKTOP)
            fresh.add_cookies(page.context.cookies())
            admin = fresh.new_page()
            weight = Weight(admin)
            admin.goto(f"http://tangsel.localhost:{live_server_port}/admin/tampilan/")
            admin.wait_for_load_state("networkidle")

            assert admin.get_by_label("Warna utama").input_value() == "#00696b"
            requested = {response.url.split("/")[2] for response in weight.responses}
            assert requested == {f"tangsel.localhost:{live_server_port}"}  # nothing from elsewhere
            admin_weight = weight.total()
            assert_accessible(admin)
            shoot(admin, "admin-branding-desktop")
            fresh.close()
    finally:
        restore("tangsel", saved)
    # Wagtail's own admin scripts and styles make most of it; see the report in docs.
    print(f"branding form in the admin: {admin_weight} bytes transferred (images excluded)")


PREVIEW_PRIMARY_IS = """colour => {
    const frame = document.querySelector('.w-preview iframe');
    const doc = frame && frame.contentDocument;
    return !!doc && !!doc.documentElement &&
        getComputedStyle(doc.documentElement).getPropertyValue('--primary').trim() === colour;
}"""


def test_a_region_admin_rebrands_the_site(page, live_server_port, committed_db, tmp_path):
    from PIL import Image

    logo = tmp_path / "logo-baru.png"
    Image.new("RGB", (600, 200), (200, 30, 30)).save(logo)
    saved = snapshot("balikpapan")
    site = f"http://balikpapan.localhost:{live_server_port}"
    try:
        with signed_in_admin(page, live_server_port, "balikpapan"):
            # Wagtail notes the form's first state a moment after loading; edits made
            # before that would not count as edits (nor reach the preview).
            page.add_init_script(
                "document.addEventListener('w-unsaved:watch-edits',"
                " () => { window.formWatched = true; })"
            )
            page.goto(f"{site}/admin/tampilan/")
            page.locator('[data-side-panel-toggle="preview"]').click()
            page.wait_for_function("() => window.formWatched === true")
            page.get_by_label("Warna utama").fill("#4a0e4e")
            page.get_by_label("Warna aksen").fill("#ffe066")
            # The live preview shows the typed colours before anything is saved.
            page.wait_for_function(PREVIEW_PRIMARY_IS, arg="#4a0e4e")
            with schema_context("balikpapan"):
                assert Branding.objects.get().primary_colour == saved["primary_colour"]
            page.locator("input[name=logo]").set_input_files(str(logo))
            page.locator("#w-editor-form button[type=submit]").first.click()
            page.wait_for_load_state("networkidle")
            assert page.get_by_text("Tampilan situs disimpan").is_visible()

            page.goto(f"{site}/")
            styles = page.evaluate(
                "() => { const s = getComputedStyle(document.documentElement);"
                " return [s.getPropertyValue('--primary'), s.getPropertyValue('--accent')]; }"
            )
            assert [value.strip() for value in styles] == ["#4a0e4e", "#ffe066"]
            header = page.locator(".site-header")
            assert header.evaluate("el => getComputedStyle(el).backgroundColor") == (
                "rgb(74, 14, 78)"
            )
            logo_img = page.locator("img.brand-logo")
            assert logo_img.get_attribute("src").startswith("/media/balikpapan/branding/logo")
            assert logo_img.evaluate("img => img.naturalWidth") == 512
    finally:
        restore("balikpapan", saved)


def test_a_failing_colour_pair_is_refused_with_its_ratio(page, live_server_port, committed_db):
    saved = snapshot("tangsel")
    site = f"http://tangsel.localhost:{live_server_port}"
    try:
        with signed_in_admin(page, live_server_port, "tangsel"):
            page.goto(f"{site}/admin/tampilan/")
            page.get_by_label("Warna utama").fill("#7fd1d8")
            page.locator("#w-editor-form button[type=submit]").first.click()
            page.wait_for_load_state("networkidle")

            error = page.get_by_text(re.compile(r"Kontras teks putih di hero gelombang"))
            assert error.first.is_visible()
            assert re.search(r"hanya 1,\d\d:1", error.first.inner_text())
            assert "Saran: #" in error.first.inner_text()
            page.goto(f"{site}/")
            primary = page.evaluate(
                "getComputedStyle(document.documentElement).getPropertyValue('--primary')"
            )
            assert primary.strip() == "#00696b"
    finally:
        restore("tangsel", saved)
    with schema_context("tangsel"):
        assert Branding.objects.get().primary_colour == "#00696b"
