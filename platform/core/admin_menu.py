"""Admin menu entries that belong to one side of the platform: the platform's own admin
(operator, coordinators, mentors) or a region's admin. One Wagtail admin serves both hosts,
so an entry says which side it is for and which permission it needs."""

from __future__ import annotations

from wagtail.admin.menu import MenuItem


class PlatformMenuItem(MenuItem):
    """Shown on the platform's admin only, to those with the permission."""

    def __init__(self, permission: str, *args, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return getattr(request, "region", None) is None and request.user.has_perm(self.permission)


class RegionMenuItem(PlatformMenuItem):
    """Shown on a region's admin only, to those with the permission."""

    def is_shown(self, request):
        return getattr(request, "region", None) is not None and request.user.has_perm(
            self.permission
        )
