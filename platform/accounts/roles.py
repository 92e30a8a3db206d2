"""Roles as groups: the platform's (public schema) and a region's own admin role.

Modules install their own roles into a region when they are switched on.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _

ADMIN_ACCESS = "wagtailadmin.access_admin"
REGION_ADMIN = "Admin Daerah"
PLATFORM_ROLES = {
    "Operator Platform": [
        ADMIN_ACCESS,
        "accounts.view_audit_log",
        "accounts.requires_two_factor",
        "onboarding.review_applications",
        "onboarding.operate_regions",
        "billing.manage_billing",
        "partnership.manage_partnership",
        "partnership.view_adoption",
    ],
    "Koordinator Kemitraan": [
        ADMIN_ACCESS,
        "accounts.requires_two_factor",
        "onboarding.review_applications",
        "partnership.support_regions",
        "partnership.manage_partnership",
        "partnership.view_adoption",
    ],
    "Mentor": [ADMIN_ACCESS, "partnership.support_regions", "partnership.view_adoption"],
}
REGION_ROLES = {
    REGION_ADMIN: [
        ADMIN_ACCESS,
        "accounts.manage_staff",
        "accounts.manage_modules",
        "accounts.view_audit_log",
        "accounts.requires_two_factor",
        "themes.change_branding",
    ],
}
ROLE_DESCRIPTIONS = {
    "Operator Platform": _("Menjalankan platform, paket dan tagihan."),
    "Koordinator Kemitraan": _("Staf Kota Tangerang yang menyetujui daerah mitra."),
    "Mentor": _("Staf Kota Tangerang yang mendampingi daerah mitra."),
    REGION_ADMIN: _("Mengelola staf, modul dan situs daerah."),
}


def install_roles(roles: dict[str, list[str]]) -> list[Group]:
    """Create the groups with exactly these permissions (idempotent)."""
    groups = []
    for name, permission_names in roles.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set([_permission(p) for p in permission_names])
        groups.append(group)
    return groups


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)
