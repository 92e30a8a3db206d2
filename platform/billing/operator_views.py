"""The operator's billing pages in the platform admin (platform host only): invoices,
payments and proofs to confirm, receivables ageing, revenue by month, regions' plans."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from billing import pdf, periods, proofs, selectors, services
from billing.forms import (
    ManualInvoiceForm,
    ManualLineFormSet,
    PaymentForm,
    PlanChangeForm,
    PlanForm,
    RunForm,
    VoidForm,
)
from billing.models import Invoice, Payment, Plan, Subscription
from core.tasks import enqueue
from onboarding.admin_views import on_platform_with
from tenants.models import Region

MANAGE = "billing.manage_billing"


def index(request):
    on_platform_with(request, MANAGE)
    status = request.GET.get("status", "")
    query = request.GET.get("q", "").strip()
    context = {
        "invoices": selectors.invoices_for_operator(status, query)[:200],
        "statuses": Invoice.Status.choices,
        "status": status,
        "query": query,
        "pending": selectors.pending_proofs(),
        "run_form": RunForm(initial={"period": periods.previous_period(periods.today())}),
        "page_title": _("Tagihan"),
        "header_icon": "doc-full",
    }
    return TemplateResponse(request, "billing/operator/index.html", context)


def invoice_detail(request, pk: int, payment_form=None, void_form=None, status=200):
    on_platform_with(request, MANAGE)
    invoice = get_object_or_404(Invoice.objects.select_related("region"), pk=pk)
    context = {
        "invoice": invoice,
        "lines": invoice.lines.all(),
        "payments": invoice.payments.all(),
        "credit_note": getattr(invoice, "credit_note", None),
        "payment_form": payment_form or PaymentForm(initial={"paid_on": periods.today()}),
        "void_form": void_form or VoidForm(),
        "page_title": str(invoice),
        "header_icon": "doc-full",
    }
    return TemplateResponse(request, "billing/operator/invoice.html", context, status=status)


@require_POST
def record_payment(request, pk: int):
    on_platform_with(request, MANAGE)
    invoice = get_object_or_404(Invoice, pk=pk)
    form = PaymentForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_payment(
                invoice,
                data["amount"],
                data["paid_on"],
                reference=data["reference"],
                proof_file=data["proof"],
                actor=request.user,
                request=request,
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Pembayaran %(number)s dicatat.") % {"number": invoice})
            return redirect("billing_operator:invoice", pk)
    return invoice_detail(request, pk, payment_form=form, status=400)


@require_POST
def decide(request, pk: int, decision: str):
    on_platform_with(request, MANAGE)
    payment = get_object_or_404(Payment, pk=pk)
    try:
        services.decide_payment(
            payment, decision == "konfirmasi", actor=request.user, request=request
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Keputusan atas bukti transfer disimpan."))
    return redirect("billing_operator:invoice", payment.invoice_id)


@require_POST
def void(request, pk: int):
    on_platform_with(request, MANAGE)
    invoice = get_object_or_404(Invoice, pk=pk)
    form = VoidForm(request.POST)
    if form.is_valid():
        try:
            note = services.void_invoice(
                invoice, form.cleaned_data["reason"], actor=request.user, request=request
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request,
                _("%(invoice)s dibatalkan dengan nota kredit %(note)s.")
                % {"invoice": invoice, "note": note},
            )
            return redirect("billing_operator:invoice", pk)
    return invoice_detail(request, pk, void_form=form, status=400)


def manual_new(request):
    """A hand-made invoice: the operator types its lines; it is saved as a draft."""
    on_platform_with(request, MANAGE)
    form = ManualInvoiceForm(request.POST or None)
    lines = ManualLineFormSet(request.POST or None, prefix="baris")
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        typed = [
            (line["description"], line["quantity"], line["unit_price"])
            for line in lines.cleaned_data
            if line
        ]
        try:
            draft = services.create_draft(
                form.cleaned_data["region"], typed, actor=request.user, request=request
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Draf tagihan disimpan. Periksa lalu terbitkan."))
            return redirect("billing_operator:invoice", draft.pk)
    context = {
        "form": form,
        "lines": lines,
        "page_title": _("Tagihan manual baru"),
        "header_icon": "doc-full",
    }
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "billing/operator/manual.html", context, status=status)


@require_POST
def issue_draft(request, pk: int):
    on_platform_with(request, MANAGE)
    invoice = get_object_or_404(Invoice, pk=pk)
    try:
        invoice = services.issue_draft(invoice, actor=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Tagihan %(number)s terbit.") % {"number": invoice.number})
    return redirect("billing_operator:invoice", pk)


@require_POST
def delete_draft(request, pk: int):
    on_platform_with(request, MANAGE)
    invoice = get_object_or_404(Invoice, pk=pk)
    try:
        services.delete_draft(invoice, actor=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("billing_operator:invoice", pk)
    messages.success(request, _("Draf tagihan dihapus."))
    return redirect("billing_operator:index")


def invoice_pdf(request, pk: int):
    on_platform_with(request, MANAGE)
    invoice = get_object_or_404(Invoice.objects.exclude(status=Invoice.Status.DRAFT), pk=pk)
    return pdf_response(invoice)


def pdf_response(invoice: Invoice) -> HttpResponse:
    response = HttpResponse(pdf.invoice_pdf(invoice), content_type="application/pdf")
    name = invoice.number.replace("/", "-")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


def proof(request, pk: int):
    on_platform_with(request, MANAGE)
    payment = get_object_or_404(Payment.objects.select_related("invoice__region"), pk=pk)
    return proof_response(request, payment)


def proof_response(request, payment: Payment) -> FileResponse:
    if not payment.proof:
        raise Http404
    return proofs.stream(request, payment)


def payments(request):
    on_platform_with(request, MANAGE)
    context = {
        "payments": selectors.recent_payments(200),
        "page_title": _("Pembayaran"),
        "header_icon": "tick",
    }
    return TemplateResponse(request, "billing/operator/payments.html", context)


def ageing(request):
    on_platform_with(request, MANAGE)
    context = {
        "ageing": selectors.receivables_ageing(),
        "buckets": [_("Belum jatuh tempo"), "1–30", "31–60", "61–90", "> 90"],
        "page_title": _("Umur piutang"),
        "header_icon": "time",
    }
    return TemplateResponse(request, "billing/operator/ageing.html", context)


def revenue(request):
    on_platform_with(request, MANAGE)
    context = {
        "months": selectors.revenue_by_month(),
        "page_title": _("Pendapatan per bulan"),
        "header_icon": "table",
    }
    return TemplateResponse(request, "billing/operator/revenue.html", context)


def regions(request):
    on_platform_with(request, MANAGE)
    subscriptions = {s.region_id: s for s in Subscription.objects.select_related("plan")}
    rows = [
        {"region": region, "subscription": subscriptions.get(region.pk)}
        for region in Region.objects.filter(status__in=Region.LIVE_STATUSES).order_by("name")
    ]
    context = {
        "rows": rows,
        "plans": Plan.objects.all(),
        "page_title": _("Paket daerah"),
        "header_icon": "site",
    }
    return TemplateResponse(request, "billing/operator/regions.html", context)


def region_plan(request, pk: int):
    on_platform_with(request, MANAGE)
    region = get_object_or_404(Region, pk=pk)
    subscription = Subscription.objects.filter(region=region).first()
    initial = {"effective_on": periods.today()}
    if subscription:
        initial |= {"plan": subscription.plan, "billing_emails": subscription.billing_emails}
    form = PlanChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_plan(
                region,
                data["plan"],
                effective_on=data["effective_on"],
                actor=request.user,
                request=request,
            )
            services.set_billing_emails(
                region, data["billing_emails"], actor=request.user, request=request
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request,
                _("%(region)s kini pada paket %(plan)s.")
                % {"region": region.name, "plan": data["plan"]},
            )
            return redirect("billing_operator:regions")
    context = {
        "region": region,
        "subscription": subscription,
        "form": form,
        "page_title": _("Paket %(region)s") % {"region": region.name},
        "header_icon": "site",
    }
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "billing/operator/region_plan.html", context, status=status)


def plans(request):
    on_platform_with(request, MANAGE)
    context = {
        "plans": selectors.plans_with_regions(),
        "page_title": _("Paket"),
        "header_icon": "list-ul",
    }
    return TemplateResponse(request, "billing/operator/plans.html", context)


def plan_edit(request, pk: int | None = None):
    """Add a plan (no `pk`) or change one's price, modules, quotas, trial and availability."""
    on_platform_with(request, MANAGE)
    plan = get_object_or_404(Plan, pk=pk) if pk is not None else None
    form = PlanForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_plan(plan, form.cleaned_data, actor=request.user, request=request)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Paket %(plan)s disimpan.") % {"plan": saved.name})
            return redirect("billing_operator:plans")
    title = _("Ubah paket %(plan)s") % {"plan": plan.name} if plan else _("Paket baru")
    context = {
        "plan": plan,
        "form": form,
        "regions_on_plan": selectors.regions_on_plan(plan) if plan else [],
        "page_title": title,
        "header_icon": "list-ul",
    }
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "billing/operator/plan_form.html", context, status=status)


@require_POST
def run(request):
    on_platform_with(request, MANAGE)
    form = RunForm(request.POST)
    if form.is_valid():
        period = periods.month_start(form.cleaned_data["period"])
        enqueue("billing.tasks.run_billing", period.isoformat())
        messages.success(
            request,
            _("Penagihan %(month)s diantrekan; daerah yang sudah ditagih dilewati.")
            % {"month": period.strftime("%m/%Y")},
        )
    else:
        messages.error(request, _("Pilih bulan yang ditagih."))
    return redirect("billing_operator:index")
