"""Billing in the admin: the operator's pages on the platform host, the region admin's
page (and a quota warning panel on the dashboard) on a region's host."""

from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from billing import api, operator_views, region_views
from core.admin_menu import PlatformMenuItem, RegionMenuItem

operator_urls = (
    [
        path("", operator_views.index, name="index"),
        path("jalankan/", operator_views.run, name="run"),
        path("pembayaran/", operator_views.payments, name="payments"),
        path("umur-piutang/", operator_views.ageing, name="ageing"),
        path("pendapatan/", operator_views.revenue, name="revenue"),
        path("paket/", operator_views.plans, name="plans"),
        path("paket/baru/", operator_views.plan_edit, name="plan_add"),
        path("paket/<int:pk>/", operator_views.plan_edit, name="plan_edit"),
        path("daerah/", operator_views.regions, name="regions"),
        path("daerah/<int:pk>/", operator_views.region_plan, name="region_plan"),
        path("manual/", operator_views.manual_new, name="manual_new"),
        path("<int:pk>/terbitkan/", operator_views.issue_draft, name="issue_draft"),
        path("<int:pk>/hapus-draf/", operator_views.delete_draft, name="delete_draft"),
        path("<int:pk>/", operator_views.invoice_detail, name="invoice"),
        path("<int:pk>/pdf/", operator_views.invoice_pdf, name="pdf"),
        path("<int:pk>/bayar/", operator_views.record_payment, name="record_payment"),
        path("<int:pk>/batalkan/", operator_views.void, name="void"),
        path("pembayaran/<int:pk>/bukti/", operator_views.proof, name="proof"),
        path(
            "pembayaran/<int:pk>/<str:decision>/",
            operator_views.decide,
            name="decide",
        ),
    ],
    "billing_operator",
)

region_urls = (
    [
        path("", region_views.overview, name="overview"),
        path("<int:pk>/", region_views.invoice_detail, name="invoice"),
        path("<int:pk>/pdf/", region_views.invoice_pdf, name="pdf"),
        path("<int:pk>/bukti/", region_views.upload_proof, name="upload_proof"),
        path("pembayaran/<int:pk>/bukti/", region_views.proof, name="proof"),
    ],
    "billing_region",
)


@hooks.register("register_admin_urls")
def register_billing_urls():
    return [
        path("operator-tagihan/", include(operator_urls)),
        path("tagihan/", include(region_urls)),
    ]


@hooks.register("register_admin_menu_item")
def register_operator_menu_item():
    return PlatformMenuItem(
        operator_views.MANAGE,
        _("Tagihan"),
        reverse("billing_operator:index"),
        icon_name="doc-full",
        order=170,
        name="tagihan-operator",
    )


@hooks.register("register_admin_menu_item")
def register_region_menu_item():
    return RegionMenuItem(
        region_views.PERMISSION,
        _("Tagihan dan paket"),
        reverse("billing_region:overview"),
        icon_name="doc-full",
        order=900,
        name="tagihan",
    )


class QuotaPanel(Component):
    """Quotas at 80% or more this month, on the region admin's dashboard."""

    name = "quota_warnings"
    template_name = "billing/region/quota_panel.html"
    order = 50

    def __init__(self, warnings):
        self.warnings = warnings

    def get_context_data(self, parent_context):
        return {"warnings": self.warnings}


@hooks.register("construct_homepage_panels")
def add_quota_panel(request, panels):
    region = getattr(request, "region", None)
    if region is None or not request.user.has_perm(region_views.PERMISSION):
        return
    warnings = api.quota_warnings(region)
    if warnings:
        panels.append(QuotaPanel(warnings))
