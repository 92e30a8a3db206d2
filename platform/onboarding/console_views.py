"""The operator console in the platform admin: every region by status, failed provisioning
with a retry, the template's health, failed background tasks, and the lifecycle actions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from billing import api as billing
from onboarding import selectors
from onboarding.admin_views import on_platform_with
from tenants import api as tenants
from tenants.models import Region, RegionDeletion, RegionExport

OPERATE_PERMISSION = "onboarding.operate_regions"
STATUS_ORDER = [
    Region.Status.PROVISIONING,
    Region.Status.FAILED,
    Region.Status.ACTIVE,
    Region.Status.SUSPENDED,
    Region.Status.ARCHIVED,
    Region.Status.PENDING,
]


def console(request):
    on_platform_with(request, OPERATE_PERMISSION)
    regions = list(tenants.regions_for_console())
    activity = tenants.last_activity(regions)
    storage = tenants.storage_bytes(regions)
    plans = billing.plan_names(regions)
    rows = [
        _row(region, activity.get(region.pk), storage.get(region.pk), plans.get(region.pk))
        for region in regions
    ]
    groups = [
        (label, [row for row in rows if row["region"].status == status])
        for status, label in ((s, Region.Status(s).label) for s in STATUS_ORDER)
    ]
    context = {
        "groups": [(label, members) for label, members in groups if members],
        "failed": [row for row in rows if row["region"].status == Region.Status.FAILED],
        "template": selectors.template_health(),
        "failed_tasks": selectors.failed_tasks(),
        "schedules": selectors.schedules(),
        "exports": tenants.recent_exports(),
        "restore_notes": tenants.restore_notes_for_console(),
        "deletions": tenants.deletions_for_console(),
        "page_title": _("Konsol operator"),
        "header_icon": "site",
    }
    return TemplateResponse(request, "onboarding/admin/console.html", context)


def _row(region: Region, last_seen, size, plan: str | None) -> dict:
    job = getattr(region, "provisioning_job", None)
    domain = next(iter(region.domains.all()), None)
    enabled = [a.module_key for a in region.module_activations.all() if a.enabled]
    return {
        "region": region,
        "host": domain.domain if domain else tenants.primary_hostname(region),
        "modules": selectors.module_names(sorted(enabled)),
        "plan": plan,
        "last_activity": last_seen,
        "storage": size,
        "job": job,
        "actions": [
            action
            for action, (allowed_from, _target) in tenants.LIFECYCLE.items()
            if region.status in allowed_from
        ],
        "exportable": region.status in (*Region.LIVE_STATUSES, Region.Status.ARCHIVED),
        "deletion": tenants.pending_deletion(region)
        if region.status == Region.Status.ARCHIVED
        else None,
    }


@require_POST
def change(request, pk: int, action: str):
    on_platform_with(request, OPERATE_PERMISSION)
    region = get_object_or_404(Region, pk=pk)
    if action == "archive" and request.POST.get("confirm", "").strip() != region.slug:
        messages.error(
            request,
            _("Ketik subdomain “%(slug)s” untuk mengarsipkan %(region)s.")
            % {"slug": region.slug, "region": region.name},
        )
        return redirect("onboarding_console:index")
    try:
        tenants.change_lifecycle(region, action, actor=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            _("%(region)s kini berstatus %(status)s.")
            % {"region": region.name, "status": region.get_status_display()},
        )
    return redirect("onboarding_console:index")


@require_POST
def retry(request, pk: int):
    on_platform_with(request, OPERATE_PERMISSION)
    region = get_object_or_404(Region.objects.select_related("provisioning_job"), pk=pk)
    job = getattr(region, "provisioning_job", None)
    try:
        if job is None:
            raise ValidationError(_("Daerah ini tidak punya catatan penyiapan."))
        tenants.retry_job(job, actor=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Penyiapan %(region)s diulang.") % {"region": region.name})
    return redirect("onboarding_console:index")


# --- exports, restores and deletions ------------------------------------------------------------
@require_POST
def export(request, pk: int):
    on_platform_with(request, OPERATE_PERMISSION)
    region = get_object_or_404(Region, pk=pk)
    try:
        tenants.request_export(region, actor=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            _("Ekspor %(region)s sedang dibuat; tautan unduhan muncul di bawah setelah selesai.")
            % {"region": region.name},
        )
    return redirect("onboarding_console:index")


def download(request, pk: int):
    on_platform_with(request, OPERATE_PERMISSION)
    return tenants.export_download(get_object_or_404(RegionExport, pk=pk))


@require_POST
def restore(request, pk: int):
    on_platform_with(request, OPERATE_PERMISSION)
    export = get_object_or_404(RegionExport, pk=pk)
    slug = request.POST.get("slug", "").strip().lower()
    try:
        region = tenants.queue_restore(
            export,
            slug=slug,
            name=request.POST.get("name", "")[:120],
            actor=request.user,
            request=request,
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            _("Ekspor %(source)s sedang dipulihkan sebagai %(slug)s.")
            % {"source": export.region_slug, "slug": region.slug},
        )
    return redirect("onboarding_console:index")


@require_POST
def schedule_deletion(request, pk: int):
    on_platform_with(request, OPERATE_PERMISSION)
    region = get_object_or_404(Region, pk=pk)
    try:
        deletion = tenants.schedule_deletion(
            region, confirm=request.POST.get("confirm", ""), actor=request.user, request=request
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            _("%(region)s akan dihapus setelah %(when)s; admin daerah sudah diberi tahu.")
            % {"region": region.name, "when": date_format(deletion.delete_after, "j E Y")},
        )
    return redirect("onboarding_console:index")


@require_POST
def cancel_deletion(request, pk: int):
    on_platform_with(request, OPERATE_PERMISSION)
    deletion = get_object_or_404(RegionDeletion, pk=pk)
    try:
        tenants.cancel_deletion(deletion, actor=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request, _("Penghapusan %(region)s dibatalkan.") % {"region": deletion.region_name}
        )
    return redirect("onboarding_console:index")
