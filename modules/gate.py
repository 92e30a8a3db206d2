"""The one check: is this module on for this region? Every entry point asks it.

The answer per region is kept in the process for REGION_ROUTING_TTL seconds and cleared
in the process that changes an activation, as the host-to-region lookup is.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.db import connection
from django.http import Http404

from modules import registry

log = logging.getLogger(__name__)
_enabled: dict[str, tuple[float, frozenset[str]]] = {}


APP_NAME_PREFIX = "module-"


def app_name_for(key: str) -> str:
    return f"{APP_NAME_PREFIX}{key}"


def key_of(app_name: str) -> str:
    return app_name.removeprefix(APP_NAME_PREFIX)


def forget_on_change(**_kwargs) -> None:
    _enabled.clear()


def enabled_keys(schema_name: str | None = None) -> frozenset[str]:
    """Keys of the modules switched on for a region (the current schema's by default)."""
    schema = schema_name or connection.schema_name
    if schema == "public":
        return frozenset()
    now = time.monotonic()
    cached = _enabled.get(schema)
    if cached is not None and cached[0] > now:
        return cached[1]
    from modules.models import ModuleActivation

    keys = frozenset(
        ModuleActivation.objects.filter(region__schema_name=schema, enabled=True).values_list(
            "module_key", flat=True
        )
    ) & frozenset(m.key for m in registry.all_manifests())
    _enabled[schema] = (now + settings.REGION_ROUTING_TTL, keys)
    return keys


def is_enabled(key: str, schema_name: str | None = None) -> bool:
    return key in enabled_keys(schema_name)


def require(key: str) -> None:
    """Raise 404 when the module is off for the current region."""
    if not is_enabled(key):
        raise Http404


def task_allowed(path: str, schema_name: str) -> bool:
    """Whether a queued function may run: a module's task only while the module is on. In
    the public schema a module's function is a schedule walking the regions; it asks the
    gate for each region itself (modules have no data in public)."""
    key = registry.module_of_path(path)
    if key is None or schema_name == "public" or is_enabled(key, schema_name):
        return True
    log.warning(
        "task skipped: module off", extra={"region": schema_name, "task": path, "module_key": key}
    )
    return False


class ModuleGateMiddleware:
    """URLs in a module's application namespace ("module-<key>", used by its resident, admin
    and API URLs alike) answer 404 while the module is off."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        for app_name in match.app_names if match else ():
            if app_name.startswith(APP_NAME_PREFIX) and not is_enabled(key_of(app_name)):
                raise Http404
        return None
