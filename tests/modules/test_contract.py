"""The module contract, generated over every manifest in the registry (not hand-listed)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import RequestFactory
from django.urls import Resolver404, resolve
from django.utils.module_loading import import_string
from wagtail.admin.menu import admin_menu

from accounts.models import User
from modules import contract, gate, registry
from modules.services import disable_module, enable_module

pytestmark = pytest.mark.django_db
MANIFESTS = registry.all_manifests()


@pytest.fixture(params=MANIFESTS, ids=[m.key for m in MANIFESTS])
def manifest(request):
    return request.param


def _set(region, manifest, on: bool) -> None:
    connection.set_schema_to_public()
    if on and not gate.is_enabled(manifest.key, region.schema_name):
        enable_module(region, manifest.key)
    if not on and gate.is_enabled(manifest.key, region.schema_name):
        disable_module(region, manifest.key)
    connection.set_tenant(region)


def test_every_route_of_the_module_is_behind_the_gate(manifest):
    assert contract.ungated_routes(manifest, settings.ROOT_URLCONF) == []
    assert contract.ungated_routes(manifest, settings.PUBLIC_SCHEMA_URLCONF) == []


def test_role_permissions_exist_and_default_settings_validate(manifest, tangsel):
    connection.set_tenant(tangsel)
    assert contract.missing_permissions(manifest) == []
    assert contract.invalid_defaults(manifest) == []


def _admin_request(region):
    request = RequestFactory().get("/admin/", HTTP_HOST=f"{region.slug}.localhost")
    request.region = region
    connection.set_tenant(region)
    request.user = User.objects.get(email=f"admin@{region.slug}.test")
    return request


def _menu_items_into_module(manifest, request) -> list[str]:
    """Labels of the admin menu entries, as rendered for this request, that lead into the
    module's URLs, however they were registered."""
    labels = []
    for item in admin_menu.menu_items_for_request(request):
        try:
            match = resolve(str(item.url), urlconf=settings.ROOT_URLCONF)
        except Resolver404:
            continue
        if gate.app_name_for(manifest.key) in match.app_names:
            labels.append(str(item.label))
    return labels


def test_admin_menu_of_the_module_is_absent_while_off(manifest, tangsel):
    _set(tangsel, manifest, on=False)
    request = _admin_request(tangsel)
    shown_while_off = _menu_items_into_module(manifest, request)
    _set(tangsel, manifest, on=True)
    shown_while_on = _menu_items_into_module(manifest, request)

    assert shown_while_off == []
    assert len(shown_while_on) == len(manifest.admin_menu)


def test_tasks_of_the_module_do_nothing_while_off(manifest, tangsel):
    _set(tangsel, manifest, on=False)
    allowed_while_off = [
        path for path in manifest.tasks if gate.task_allowed(path, tangsel.schema_name)
    ]
    _set(tangsel, manifest, on=True)

    assert allowed_while_off == []
    assert all(gate.task_allowed(path, tangsel.schema_name) for path in manifest.tasks)


def _plain_routes(manifest):
    return [r for r in contract.routes_of(manifest, settings.ROOT_URLCONF) if not r.takes_arguments]


def test_pages_answer_404_while_off_and_render_while_on(
    manifest, tangsel, admin_client_for, site_client
):
    routes = _plain_routes(manifest)
    _set(tangsel, manifest, on=False)
    admin, anonymous = admin_client_for(tangsel), site_client(tangsel)

    def get(route):
        client = admin if route.route.startswith("admin/") else anonymous
        return client.get("/" + route.route).status_code

    while_off = {r.route: get(r) for r in routes}
    _set(tangsel, manifest, on=True)
    while_on = {r.route: get(r) for r in routes}

    assert routes, "a module has at least one page"
    assert set(while_off.values()) == {404}
    assert all(status in (200, 302, 405) for status in while_on.values()), while_on


def _advance_sequences(schema: str) -> None:
    """Make the next ids in this schema larger than any other region's."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT sequencename FROM pg_sequences WHERE schemaname = %s", [schema])
        for (name,) in cursor.fetchall():
            cursor.execute("SELECT setval(%s, 5000000)", [f'"{schema}"."{name}"'])


def _url(route: contract.Route, objects: dict) -> str:
    """Fill the route's kwargs: "<url name>:<kwarg>" first, then plain "<kwarg>"."""

    def value(kwarg: str):
        for key in (f"{route.name}:{kwarg}", kwarg):
            if key in objects:
                return objects[key]
        raise AssertionError(f"contract_objects gives no value for {kwarg} of /{route.route}")

    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(value(m.group(1))), route.route)


def test_urls_with_an_object_id_answer_404_through_another_regions_host(
    manifest, tangsel, balikpapan, admin_client_for
):
    routes = [r for r in contract.routes_of(manifest, settings.ROOT_URLCONF) if r.takes_arguments]
    if not routes:
        pytest.skip(f"{manifest.key} has no URL that takes an object id")
    assert manifest.contract_objects, "id-taking URLs need a contract_objects function"
    _set(balikpapan, manifest, on=True)
    _set(tangsel, manifest, on=True)
    _advance_sequences(tangsel.schema_name)
    objects = import_string(manifest.contract_objects)(tangsel)
    own, other = admin_client_for(tangsel), admin_client_for(balikpapan)

    urls = [_url(route, objects) for route in routes]
    own_status = {url: own.get(url).status_code for url in urls}
    other_status = {url: other.get(url).status_code for url in urls}

    assert all(status in (200, 302, 405) for status in own_status.values()), own_status
    assert set(other_status.values()) == {404}, other_status
