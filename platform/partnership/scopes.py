"""What a support grant lets a mentor do in a region's admin: the paths they may open and
the permissions their support identity holds. The middleware checks the paths and the
method on every request; the permissions make the admin show only what is in scope."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

ACCESS_ADMIN = "wagtailadmin.access_admin"
# Open to a support identity whatever its scope: the admin's home, signing out, assets.
ALWAYS_OPEN = ("/admin/logout/", "/admin/jsi18n/", "/static/", "/media/", "/dukungan/")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


@dataclass(frozen=True)
class Scope:
    key: str
    label: str
    paths: tuple[str, ...]
    permissions: tuple[str, ...]
    pages: tuple[str, ...] = ()  # exact paths, opened for reading only


def _branding() -> Scope:
    return Scope(
        "branding",
        _("Pengaturan & tampilan situs"),
        ("/admin/tampilan/", "/admin/images/"),
        (
            ACCESS_ADMIN,
            "themes.change_branding",
            "wagtailimages.add_image",
            "wagtailimages.choose_image",
        ),
    )


def _audit() -> Scope:
    return Scope("audit", _("Log audit (melihat)"), ("/admin/log-audit/",), (ACCESS_ADMIN,))


def _module(manifest) -> Scope:
    permissions = {ACCESS_ADMIN, "accounts.manage_modules"}
    for role in manifest.roles:
        permissions.update(role.permissions)
    return Scope(
        f"module:{manifest.key}",
        _("Modul %(name)s") % {"name": manifest.name},
        (f"/admin/{manifest.key}/", f"/admin/modul/{manifest.key}/pengaturan/"),
        tuple(sorted(permissions)),
        ("/admin/modul/",),
    )


def all_scopes() -> list[Scope]:
    from modules import registry

    return [_branding(), _audit(), *(_module(m) for m in registry.all_manifests())]


def get(key: str) -> Scope | None:
    return next((scope for scope in all_scopes() if scope.key == key), None)


def choices() -> list[tuple[str, str]]:
    return [(scope.key, scope.label) for scope in all_scopes()]


def label_of(key: str) -> str:
    scope = get(key)
    return scope.label if scope else key


def allows(scope: Scope | None, path: str, method: str, read_only: bool) -> bool:
    """May a support identity with this scope make this request?"""
    if path.startswith(ALWAYS_OPEN):
        return True
    if scope is None:
        return False
    if read_only and method not in SAFE_METHODS:
        return False
    if path == "/admin/" or path in scope.pages:
        return method in SAFE_METHODS
    return path.startswith(scope.paths)
