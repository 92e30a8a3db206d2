"""The module contract, checked for every manifest the registry holds (tests/modules/).

Each check returns a list of problems in plain words; an empty list means the module keeps
the contract. The URL walk is generated from the URLconf, not hand-listed, so a route that
a module adds outside its gated namespace is found wherever it was registered.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import URLPattern, URLResolver, get_resolver

from modules.gate import app_name_for
from modules.manifest import Manifest


@dataclass(frozen=True)
class Route:
    route: str  # the path pattern as written, e.g. "admin/prices/pasar/<int:pk>/"
    name: str  # the URL name, e.g. "market_edit"
    callback_module: str
    app_names: tuple[str, ...]
    converters: tuple[str, ...]  # names of the URL kwargs

    @property
    def takes_arguments(self) -> bool:
        return bool(self.converters)


def walk(urlconf: str) -> Iterator[Route]:
    yield from _walk(get_resolver(urlconf).url_patterns, "", ())


def _walk(patterns, prefix: str, app_names: tuple[str, ...]) -> Iterator[Route]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            names = app_names + ((entry.app_name,) if entry.app_name else ())
            yield from _walk(entry.url_patterns, route, names)
        elif isinstance(entry, URLPattern):
            callback = entry.callback
            module = getattr(callback, "__module__", "") or ""
            view_class = getattr(callback, "view_class", None)
            if view_class is not None:
                module = view_class.__module__
            converters = (
                tuple(entry.pattern.converters) if hasattr(entry.pattern, "converters") else ()
            )
            yield Route(route, entry.name or "", module, app_names, converters)


def routes_of(manifest: Manifest, urlconf: str) -> list[Route]:
    """Every route whose view lives in the module's package."""
    package = f"{manifest.app_name}."
    return [r for r in walk(urlconf) if r.callback_module.startswith(package)]


def ungated_routes(manifest: Manifest, urlconf: str) -> list[str]:
    gate_name = app_name_for(manifest.key)
    return [
        f"/{route.route} (view in {route.callback_module}) is outside the gate '{gate_name}'"
        for route in routes_of(manifest, urlconf)
        if gate_name not in route.app_names
    ]


def missing_permissions(manifest: Manifest) -> list[str]:
    problems = []
    for role in manifest.roles:
        for dotted in role.permissions:
            app_label, _dot, codename = dotted.partition(".")
            if not Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).exists():
                problems.append(f"role {role.name!r} names unknown permission {dotted}")
    return problems


def invalid_defaults(manifest: Manifest) -> list[str]:
    try:
        cleaned = manifest.clean_settings({})
    except ValidationError as exc:
        return [f"default settings do not validate: {exc.messages}"]
    return [
        f"setting {key} default {manifest.default_settings()[key]!r} changes when cleaned"
        for key, value in cleaned.items()
        if str(value) != str(manifest.default_settings()[key])
    ]
