"""A region admin brands the region's site: Pengaturan → Tampilan situs."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.db import connection

from accounts.models import User
from audit.models import AuditEntry
from tests.themes.conftest import EDIT, PREVIEW, branding_of, form_data, png
from themes.models import Branding
from themes.signals import branding_changed

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent_signals():
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    branding_changed.connect(receiver)
    yield received
    branding_changed.disconnect(receiver)


def test_the_admin_finds_the_branding_page_in_the_settings_menu(admin_client_for, tangsel):
    client = admin_client_for(tangsel)

    home = client.get("/admin/")
    page = client.get(EDIT)

    assert EDIT in home.text
    assert page.status_code == 200
    assert 'value="Pemerintah Kota Tangerang Selatan"' in page.text
    assert 'value="#00696b"' in page.text
    assert "Kontras warna tema Pesisir (minimal 4,5:1)" in page.text


def test_a_failing_colour_pair_is_refused_with_its_ratio_and_a_suggestion(
    admin_client_for, tangsel
):
    before = branding_of(tangsel)
    client = admin_client_for(tangsel)

    response = client.post(EDIT, form_data(before, primary_colour="#40c4cf", tagline="Slogan baru"))

    assert response.status_code == 200
    text = response.text
    assert "Kontras teks putih di hero gelombang (warna utama) hanya 2,10:1" in text
    assert "tema Pesisir memerlukan minimal 4,5:1" in text
    assert "Saran: #" in text
    assert 'value="Slogan baru"' in text  # what was typed is kept
    after = branding_of(tangsel)
    assert (after.primary_colour, after.tagline) == (before.primary_colour, before.tagline)
    connection.set_tenant(tangsel)
    assert (
        not AuditEntry.objects.filter(action="themes.change_branding")
        .exclude(actor_id=None)
        .exists()
    )


def test_the_suggested_colour_is_accepted(admin_client_for, tangsel):
    import re

    before = branding_of(tangsel)
    client = admin_client_for(tangsel)
    refused = client.post(EDIT, form_data(before, primary_colour="#40c4cf"))
    suggestion = re.search(r"Saran: (#[0-9a-f]{6})", refused.text).group(1)

    accepted = client.post(EDIT, form_data(before, primary_colour=suggestion))

    assert accepted.status_code == 302
    assert branding_of(tangsel).primary_colour == suggestion


def test_the_high_contrast_theme_refuses_what_the_standard_theme_accepts(
    admin_client_for, balikpapan
):
    before = branding_of(balikpapan)
    client = admin_client_for(balikpapan)
    blue = "#1c6fd1"  # 4,9:1 on white: AA, not AAA

    refused = client.post(EDIT, form_data(before, primary_colour=blue))
    accepted = client.post(EDIT, form_data(before, primary_colour=blue, theme="default"))

    assert refused.status_code == 200
    assert "tema Kontras Tinggi memerlukan minimal 7:1" in refused.text
    assert accepted.status_code == 302
    saved = branding_of(balikpapan)
    assert (saved.theme, saved.primary_colour) == ("default", blue)


@pytest.mark.parametrize(
    "value",
    [
        "red",
        "#fff",
        "0b4f8a",
        "#0b4f8g",
        "#0b4f8a;}body{display:none}",
        "#000</style><script>alert(1)</script>",
        "expression(alert(1))",
        "var(--x)",
    ],
)
def test_a_colour_that_is_not_rrggbb_is_refused(admin_client_for, tangsel, site_client, value):
    before = branding_of(tangsel)
    client = admin_client_for(tangsel)

    response = client.post(EDIT, form_data(before, accent_colour=value))

    assert response.status_code == 200
    assert "Warna harus berupa kode #rrggbb" in response.text
    assert branding_of(tangsel).accent_colour == before.accent_colour
    home = site_client(tangsel).get("/").text
    assert f"--accent:{before.accent_colour};" in home
    assert f"--accent:{value}" not in home


def test_colours_typed_in_capitals_or_with_spaces_are_stored_in_one_form(admin_client_for, tangsel):
    client = admin_client_for(tangsel)

    response = client.post(EDIT, form_data(branding_of(tangsel), secondary_colour=" #0A2540 "))

    assert response.status_code == 302
    assert branding_of(tangsel).secondary_colour == "#0a2540"


def test_the_admin_changes_colours_and_logo_and_the_site_changes(
    admin_client_for,
    site_client,
    tangsel,
    balikpapan,
    media_root,
    sent_signals,
    django_capture_on_commit_callbacks,
):
    client = admin_client_for(tangsel)
    data = form_data(
        branding_of(tangsel), primary_colour="#0a5c36", accent_colour="#ffc857", logo=png()
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(EDIT, data)

    assert response.status_code == 302
    saved = branding_of(tangsel)
    assert saved.logo.name.startswith("branding/logo")
    stored = media_root / "tangsel" / saved.logo.name
    assert stored.is_file()
    from PIL import Image

    with Image.open(stored) as image:
        assert max(image.size) == 512  # shrunk from 900 px
    home = site_client(tangsel).get("/").text
    assert "--primary:#0a5c36;" in home
    assert "--accent:#ffc857;" in home
    logo_url = f"/media/tangsel/{saved.logo.name}"
    assert f'src="{logo_url}"' in home
    assert site_client(tangsel).get(logo_url).status_code == 200
    assert site_client(balikpapan).get(logo_url).status_code == 404
    assert "#0a5c36" not in site_client(balikpapan).get("/").text
    assert sent_signals == [
        {"schema_name": "tangsel", "site_id": saved.site_id, "signal": branding_changed}
    ]
    connection.set_tenant(tangsel)
    entry = AuditEntry.objects.filter(action="themes.change_branding").latest("id")
    assert entry.actor_name == "admin@tangsel.test"
    assert entry.details["changed"]["primary_colour"] == {"from": "#00696b", "to": "#0a5c36"}
    assert entry.details["changed"]["logo"]["to"] == saved.logo.name


def test_a_replaced_logo_file_is_removed_after_commit(
    admin_client_for, tangsel, media_root, django_capture_on_commit_callbacks
):
    client = admin_client_for(tangsel)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(EDIT, form_data(branding_of(tangsel), logo=png("a.png")))
    first = branding_of(tangsel).logo.name

    with django_capture_on_commit_callbacks(execute=True):
        client.post(EDIT, form_data(branding_of(tangsel), logo=png("b.png", colour=(0, 0, 0))))

    second = branding_of(tangsel).logo.name
    assert second != first
    assert not (media_root / "tangsel" / first).exists()
    assert (media_root / "tangsel" / second).exists()


def test_a_file_that_is_not_an_image_is_refused(admin_client_for, tangsel, media_root):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = admin_client_for(tangsel)
    fake = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", content_type="image/png")

    response = client.post(EDIT, form_data(branding_of(tangsel), logo=fake))

    assert response.status_code == 200
    assert not branding_of(tangsel).logo
    assert not list(media_root.rglob("*.png"))


def test_the_preview_shows_unsaved_values_and_saves_nothing(admin_client_for, tangsel):
    before = branding_of(tangsel)
    client = admin_client_for(tangsel)

    posted = client.post(
        PREVIEW,
        form_data(before, primary_colour="#005f73", tagline="Pratinjau slogan", theme="kontras"),
    )
    preview = client.get(PREVIEW)

    assert posted.json() == {"is_valid": True, "is_available": True}
    assert preview.status_code == 200
    assert "--primary:#005f73;" in preview.text
    assert "Pratinjau slogan" in preview.text
    assert "/static/themes/kontras/theme.css" in preview.text
    after = branding_of(tangsel)
    assert (after.primary_colour, after.tagline, after.theme) == (
        before.primary_colour,
        before.tagline,
        before.theme,
    )


def test_the_preview_of_a_failing_pair_is_not_valid(admin_client_for, tangsel):
    client = admin_client_for(tangsel)

    posted = client.post(PREVIEW, form_data(branding_of(tangsel), primary_colour="#40c4cf"))

    assert posted.json()["is_valid"] is False


def test_the_edit_page_has_the_live_preview_panel(admin_client_for, tangsel):
    page = admin_client_for(tangsel).get(EDIT)

    assert PREVIEW in page.text


def test_each_region_admin_sees_and_changes_only_its_own_branding(
    admin_client_for, site_client, tangsel, balikpapan
):
    tangsel_admin = admin_client_for(tangsel)
    balikpapan_admin = admin_client_for(balikpapan)

    page = balikpapan_admin.get(EDIT)
    saved = balikpapan_admin.post(
        EDIT, form_data(branding_of(balikpapan), official_name="Pemkot Balikpapan Baru")
    )

    assert "Pemerintah Kota Balikpapan" in page.text
    assert "Tangerang Selatan" not in page.text
    assert saved.status_code == 302
    assert branding_of(tangsel).official_name == "Pemerintah Kota Tangerang Selatan"
    # A tangsel admin's session means nothing on balikpapan's host.
    tangsel_admin.defaults["HTTP_HOST"] = "balikpapan.localhost"
    foreign = tangsel_admin.get(EDIT)
    foreign_post = tangsel_admin.post(EDIT, form_data(branding_of(tangsel), official_name="X"))
    assert foreign.status_code == 302 and "/login/" in foreign["Location"]
    assert foreign_post.status_code == 302 and "/login/" in foreign_post["Location"]
    assert branding_of(balikpapan).official_name == "Pemkot Balikpapan Baru"


def test_staff_without_the_permission_neither_see_nor_open_the_page(
    site_client, admin_client_for, tangsel
):
    connection.set_tenant(tangsel)
    editor = User.objects.create_user("editor@tangsel.test", "x", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = site_client(tangsel)
    client.force_login(editor)
    connection.set_schema_to_public()

    home = client.get("/admin/")
    refused = client.get(EDIT)
    refused_post = client.post(EDIT, form_data(branding_of(tangsel), official_name="X"))

    assert home.status_code == 200
    assert EDIT not in home.text
    assert refused.status_code in (302, 403)
    assert refused_post.status_code in (302, 403)
    assert branding_of(tangsel).official_name == "Pemerintah Kota Tangerang Selatan"


def test_an_invited_region_admin_may_brand_the_site(site_client, tangsel):
    from django.contrib.auth.models import Group

    from tests.harness.fixtures import sign_in_staff

    connection.set_tenant(tangsel)
    admin = User.objects.create_user("diskominfo@tangsel.test", "x", is_staff=True)
    admin.groups.add(Group.objects.get(name="Admin Daerah"))
    connection.set_schema_to_public()
    client = site_client(tangsel)
    sign_in_staff(client, tangsel, "diskominfo@tangsel.test")

    menu = client.get("/admin/")
    saved = client.post(EDIT, form_data(branding_of(tangsel), tagline="Dari Diskominfo"))

    assert EDIT in menu.text
    assert saved.status_code == 302
    assert branding_of(tangsel).tagline == "Dari Diskominfo"


def test_a_region_without_branding_gets_a_row_with_its_name_on_first_visit(
    admin_client_for, tangsel
):
    connection.set_tenant(tangsel)
    Branding.objects.all().delete()
    connection.set_schema_to_public()

    page = admin_client_for(tangsel).get(EDIT)

    assert page.status_code == 200
    created = branding_of(tangsel)
    assert (created.official_name, created.short_name, created.theme) == (
        "Kota Tangerang Selatan",
        "Tangerang Selatan",
        "default",
    )


def test_the_preview_of_one_region_is_out_of_reach_from_another(admin_client_for, tangsel):
    client = admin_client_for(tangsel)
    client.defaults["HTTP_HOST"] = "balikpapan.localhost"

    posted = client.post(PREVIEW, form_data(branding_of(tangsel)))
    shown = client.get(PREVIEW)

    assert posted.status_code == 302 and "/login/" in posted["Location"]
    assert shown.status_code == 302 and "/login/" in shown["Location"]


def test_the_platform_operator_brands_the_platform_site(site_client, tangsel):
    from wagtail.models import Site

    from tests.harness.fixtures import sign_in_staff

    client = site_client(None)
    sign_in_staff(client, None, "operator@sinergi.test")
    page = client.get(EDIT)
    connection.set_schema_to_public()
    platform = Branding.objects.get(site=Site.objects.get(is_default_site=True))

    saved = client.post(
        EDIT, form_data(platform, official_name="Sinergi Indonesia", theme="kontras")
    )

    assert page.status_code == 200
    assert 'value="Sinergi"' in page.text
    assert saved.status_code == 302
    home = site_client(None).get("/").text
    assert "Sinergi Indonesia" in home
    assert 'href="/static/themes/kontras/theme.css"' in home
    assert "Sinergi Indonesia" not in site_client(tangsel).get("/").text
    connection.set_schema_to_public()
    entry = AuditEntry.objects.get(action="themes.change_branding")
    assert entry.actor_name == "Operator Sinergi"


def test_a_saved_branding_retires_only_that_regions_cached_pages(
    admin_client_for, site_client, tangsel, balikpapan, django_capture_on_commit_callbacks
):
    site_client(tangsel).get("/")
    site_client(balikpapan).get("/")
    client = admin_client_for(tangsel)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(EDIT, form_data(branding_of(tangsel), tagline="Kota layak huni"))
    after = site_client(tangsel).get("/")
    other = site_client(balikpapan).get("/")

    assert after["X-Page-Cache"] == "miss"
    assert "Kota layak huni" in after.text
    assert other["X-Page-Cache"] == "hit"
