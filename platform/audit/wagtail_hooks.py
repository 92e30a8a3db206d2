"""The audit log viewer in the admin: read-only, filterable, exportable as CSV."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from audit.models import AuditEntry

VIEW_PERMISSION = "accounts.view_audit_log"


class AuditLogPolicy(ModelPermissionPolicy):
    """Entries are only ever read here; nobody adds, edits or deletes them by hand."""

    def user_has_permission(self, user, action):
        if action in ("view", "inspect", "export"):
            return user.is_active and user.has_perm(VIEW_PERMISSION)
        return False

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(["view"])


register_permission_policy(AuditEntry, AuditLogPolicy(AuditEntry))


class AuditFilterSet(WagtailFilterSet):
    at = django_filters.DateFromToRangeFilter(label=_("Waktu"), widget=DateRangePickerWidget)
    action = django_filters.CharFilter(label=_("Tindakan"), lookup_expr="icontains")
    actor_name = django_filters.CharFilter(label=_("Pelaku"), lookup_expr="icontains")
    object_type = django_filters.CharFilter(label=_("Jenis objek"), lookup_expr="icontains")

    class Meta:
        model = AuditEntry
        fields = ["at", "action", "actor_name", "object_type"]


class AuditLogViewSet(ModelViewSet):
    model = AuditEntry
    icon = "history"
    menu_label = _("Log audit")
    menu_order = 950
    add_to_admin_menu = True
    url_prefix = "log-audit"
    name = "audit_log"
    inspect_view_enabled = True
    filterset_class = AuditFilterSet
    list_display = [
        "at",
        "actor_name",
        "actor_position",
        "platform_identity",
        "action",
        "object_repr",
        "ip_address",
    ]
    list_export = [
        "at",
        "actor_name",
        "actor_position",
        "platform_identity",
        "action",
        "object_type",
        "object_id",
        "object_repr",
        "ip_address",
        "details",
    ]
    export_filename = "log-audit"
    copy_view_enabled = False
    # The add/edit views exist in Wagtail's viewset, but the policy above refuses them.
    form_fields = ["action"]


audit_log_viewset = AuditLogViewSet()


@hooks.register("register_admin_viewset")
def register_audit_log_viewset():
    return audit_log_viewset
