"""The region admin's billing pages (the region's own Wagtail admin): its plan, usage
against quotas, its invoices with their PDFs, and proofs of transfer to upload. Every
lookup is filtered by the request's region: another region's invoice id is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from billing import periods, selectors, services
from billing.forms import ProofForm
from billing.models import Invoice, Payment, Subscription
from billing.operator_views import pdf_response, proof_response

PERMISSION = "accounts.manage_modules"


def on_region_with(request):
    """The region's admins only, and only on a region's host."""
    region = getattr(request, "region", None)
    if region is None:
        raise Http404
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    return region


def overview(request):
    region = on_region_with(request)
    subscription = Subscription.objects.filter(region=region).select_related("plan").first()
    context = {
        "subscription": subscription,
        "plan": subscription.plan if subscription else selectors.partnership_plan(),
        "effective_plan": selectors.effective_plan(region),
        "quotas": selectors.quota_use(region),
        "module_usage": selectors.module_usage(region),
        "invoices": selectors.invoices_of(region),
        "page_title": _("Tagihan dan paket"),
        "header_icon": "doc-full",
    }
    return TemplateResponse(request, "billing/region/overview.html", context)


def _invoice(region, pk: int) -> Invoice:
    return get_object_or_404(selectors.invoices_of(region), pk=pk)


def invoice_detail(request, pk: int, form=None, status=200):
    region = on_region_with(request)
    invoice = _invoice(region, pk)
    context = {
        "invoice": invoice,
        "lines": invoice.lines.all(),
        "payments": invoice.payments.all(),
        "credit_note": getattr(invoice, "credit_note", None),
        "form": form or ProofForm(initial={"paid_on": periods.today(), "amount": ""}),
        "can_pay": invoice.status in Invoice.OPEN_STATUSES,
        "page_title": invoice.number,
        "header_icon": "doc-full",
    }
    return TemplateResponse(request, "billing/region/invoice.html", context, status=status)


def upload_proof(request, pk: int):
    region = on_region_with(request)
    invoice = _invoice(region, pk)
    if request.method != "POST":
        return redirect("billing_region:invoice", pk)
    form = ProofForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.submit_proof(
                invoice,
                data["amount"],
                data["paid_on"],
                data["proof"],
                reference=data["reference"],
                actor=request.user,
                request=request,
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Bukti transfer terkirim; operator akan mengonfirmasinya."))
            return redirect("billing_region:invoice", pk)
    return invoice_detail(request, pk, form=form, status=400)


def invoice_pdf(request, pk: int):
    region = on_region_with(request)
    return pdf_response(_invoice(region, pk))


def proof(request, pk: int):
    region = on_region_with(request)
    payment = get_object_or_404(
        Payment.objects.select_related("invoice__region"), pk=pk, invoice__region=region
    )
    return proof_response(request, payment)
