"""The region admin's Domain page (add the region's own domain, prove it, choose the
primary one, remove it) and Export page. Region admins (superusers of the region) only."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenants import domains, exports, selectors
from tenants.models import Domain, DomainClaim, RegionExport


def region_admin_only(request):
    region = getattr(request, "region", None)
    if region is None or not request.user.is_superuser:
        raise PermissionDenied
    return region


def domains_index(request):
    region = region_admin_only(request)
    claims = DomainClaim.objects.filter(region=region)
    routed = {d.domain: d for d in Domain.objects.filter(tenant=region)}
    rows = [
        {
            "claim": claim,
            "record_name": domains.record_name(claim),
            "record_value": domains.record_value(claim),
            "is_primary": routed.get(claim.domain) is not None and routed[claim.domain].is_primary,
        }
        for claim in claims
    ]
    default = domains.default_hostname(region)
    context = {
        "rows": rows,
        "default_host": default,
        "default_is_primary": getattr(routed.get(default), "is_primary", False),
        "page_title": _("Domain"),
        "header_icon": "site",
    }
    return TemplateResponse(request, "tenants/admin/domains.html", context)


@require_POST
def add(request):
    region = region_admin_only(request)
    try:
        claim = domains.add_claim(
            region, request.POST.get("domain", ""), actor=request.user, request=request
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            _("Tambahkan catatan TXT untuk %(domain)s, lalu tekan Periksa.")
            % {"domain": claim.domain},
        )
    return redirect("tenants_domains:index")


@require_POST
def verify(request, pk: int):
    region = region_admin_only(request)
    claim = get_object_or_404(DomainClaim, pk=pk, region=region)
    try:
        domains.verify_claim(claim, actor=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request, _("%(domain)s terverifikasi dan kini aktif.") % {"domain": claim.domain}
        )
    return redirect("tenants_domains:index")


@require_POST
def make_primary(request):
    region = region_admin_only(request)
    try:
        domain = domains.set_primary(
            region, request.POST.get("domain", ""), actor=request.user, request=request
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("%(domain)s kini domain utama.") % {"domain": domain.domain})
    return redirect("tenants_domains:index")


@require_POST
def remove(request, pk: int):
    region = region_admin_only(request)
    claim = get_object_or_404(DomainClaim, pk=pk, region=region)
    domains.remove_claim(claim, actor=request.user, request=request)
    messages.success(request, _("%(domain)s dihapus.") % {"domain": claim.domain})
    return redirect("tenants_domains:index")


# --- the region's own exports (also while suspended: staff can still sign in) ----------------
def exports_index(request):
    region = region_admin_only(request)
    context = {
        "exports": selectors.exports_of(region),
        "page_title": _("Ekspor data daerah"),
        "header_icon": "download",
    }
    return TemplateResponse(request, "tenants/admin/exports.html", context)


@require_POST
def request_export(request):
    region = region_admin_only(request)
    try:
        exports.request_export(region, actor=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request, _("Ekspor sedang dibuat. Muat ulang halaman ini beberapa saat lagi.")
        )
    return redirect("tenants_exports:index")


def download_export(request, pk: int):
    region = region_admin_only(request)
    return exports.export_download(get_object_or_404(RegionExport, pk=pk, region=region))
