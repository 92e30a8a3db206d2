"""Staff pages of e-Office in the region's Wagtail admin (/admin/eoffice/). Thin: reads from
selectors, writes through services (which audit every action). A letter the person may not
see answers 404, exactly like one that does not exist."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from modules.eoffice import selectors, services, signing
from modules.eoffice.forms import (
    ArchiveForm,
    ClassificationForm,
    DestructionForm,
    DispositionForm,
    DoneForm,
    DraftForm,
    EditForm,
    ImportForm,
    IncomingForm,
    InstructionForm,
    ReviewForm,
    SignForm,
    TemplateForm,
)
from modules.eoffice.models import (
    Classification,
    Destruction,
    Disposition,
    Instruction,
    Letter,
    Template,
)
from modules.services import module_settings
from organisation import api as organisation

VIEW = "eoffice.view_letter"
REGISTER = "eoffice.register_incoming"
DRAFT = "eoffice.draft_letter"
MANAGE = "eoffice.manage_archive"
NS = "module-eoffice-admin"


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _page(request, template: str, title: str, status: int = 200, **context) -> TemplateResponse:
    context.update(page_title=title, header_title=title, header_icon="mail")
    return TemplateResponse(request, f"eoffice/admin/{template}", context, status=status)


def _letter(request, pk: int) -> Letter:
    """The letter if this person may see it, else 404 (also before a POST-only check, so
    another region's id never answers 405)."""
    _require(request, VIEW)
    letter = selectors.letter_for(request.user, pk)
    if letter is None:
        raise Http404
    return letter


def _errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _posted(request):
    """The POST data, even when empty (an empty form must show its errors)."""
    return request.POST if request.method == "POST" else None


def _files(request):
    return request.FILES if request.method == "POST" else None


def _go(letter: Letter):

    return redirect(f"{NS}:letter", letter.pk)


# --- inbox ---------------------------------------------------------------------------------------
def index(request):
    _require(request, VIEW)
    positions = selectors.my_position_ids(request.user)
    return _page(
        request,
        "index.html",
        _("e-Office: kotak masuk"),
        counters=selectors.counters_for(request.user),
        deliveries=selectors.incoming_deliveries(positions)[:50],
        dispositions=selectors.open_dispositions(positions)[:50],
        reviews=selectors.pending_reviews(positions).select_related("letter")[:50],
        to_sign=selectors.letters_to_sign(positions)[:50],
        drafts=selectors.my_drafts(request.user)[:50],
        no_position=not positions,
    )


def register_incoming(request):
    _require(request, REGISTER)
    form = IncomingForm(_posted(request), _files(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        scan = data.pop("scan")
        mine = selectors.my_position_ids(request.user)
        try:
            letter = services.register_incoming(
                request.user,
                scan=scan.read(),
                scan_name=scan.name,
                max_bytes=module_settings("eoffice")["max_scan_mb"] * 1024 * 1024,
                registrar_position=organisation.Position.objects.filter(pk__in=mine[:1]).first(),
                request=request,
                **data,
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Surat masuk dicatat dan dikirim ke kotak masuk."))
            return _go(letter)
    return _page(request, "form.html", _("Catat surat masuk"), form=form, multipart=True)


# --- one letter ----------------------------------------------------------------------------------
def letter(request, pk: int):
    letter = _letter(request, pk)
    services.mark_read(request.user, letter, request=request)
    user = request.user
    held = selectors.dispositions_held_by(user, letter)
    context = {
        "letter": letter,
        "documents": letter.documents.defer("content"),
        "tree": selectors.disposition_tree(letter),
        "deliveries": letter.deliveries.select_related("position__unit", "read_by"),
        "reviews": letter.reviews.select_related("position__unit", "acted_by"),
        "held": held,
        "done_form": DoneForm(),
        "in_chain": selectors.in_chain(user, letter),
    }
    if selectors.can_dispose(user, letter):
        form = DispositionForm(user=user, letter=letter)
        if held:
            form.fields["parent"].initial = held[0].pk
            form.fields["from_position"].initial = held[0].to_position_id
        else:
            delivered = letter.deliveries.filter(position__in=selectors.my_position_ids(user))
            form.fields["from_position"].initial = delivered.values_list(
                "position", flat=True
            ).first()
        context["dispose_form"] = form
    step = selectors.current_review(letter)
    if step is not None and organisation.acts_for(user, step.position):
        context["review_form"] = ReviewForm()
    mine = selectors.my_position_ids(user)
    if letter.status == Letter.Status.READY and letter.signatory_position_id in mine:
        context["sign_form"] = SignForm()
    if letter.status in (Letter.Status.DRAFT, Letter.Status.RETURNED):
        context["can_edit"] = letter.origin_position_id in mine
    return _page(request, "letter.html", letter.subject, **context)


def dispose(request, pk: int):
    letter = _letter(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = DispositionForm(request.POST, user=request.user, letter=letter)
    if form.is_valid():
        data = form.cleaned_data
        parent = None
        if data.get("parent"):
            parent = Disposition.objects.filter(letter=letter, pk=data["parent"]).first()
        try:
            services.dispose(
                request.user,
                letter,
                from_position=data["from_position"],
                to_positions=list(data["to_positions"]),
                instruction=data["instruction"],
                note=data["note"],
                due_at=data["due_at"],
                parent=parent,
                request=request,
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Disposisi dikirim."))
            return _go(letter)
    return _page(
        request,
        "form.html",
        _("Disposisi: %(s)s") % {"s": letter.subject},
        status=400,
        form=form,
    )


def done(request, disposition: int):
    _require(request, VIEW)
    item = get_object_or_404(Disposition.objects.select_related("letter"), pk=disposition)
    if selectors.letter_for(request.user, item.letter_id) is None:
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = DoneForm(request.POST)
    if form.is_valid():
        try:
            services.report_done(
                request.user, item, report=form.cleaned_data["report"], request=request
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Laporan selesai dikirim ke pemberi disposisi."))
            return _go(item.letter)
    return _page(request, "form.html", _("Laporan tindak lanjut"), status=400, form=form)


def download(request, pk: int, doc: int):
    letter = _letter(request, pk)
    document = get_object_or_404(letter.documents, pk=doc)
    services.record_download(request.user, document, request=request)
    response = HttpResponse(bytes(document.content), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def export_package(request, pk: int):
    letter = _letter(request, pk)
    content = services.export_package(request.user, letter, request=request)
    response = HttpResponse(content, content_type="application/zip")
    name = services._safe(letter.number or f"naskah-{letter.pk}")
    response["Content-Disposition"] = f'attachment; filename="{name}.zip"'
    response["Cache-Control"] = "private, no-store"
    return response


def import_package(request):
    _require(request, REGISTER)
    form = ImportForm(_posted(request), _files(request))
    if request.method == "POST" and form.is_valid():
        try:
            letter = services.import_package(
                request.user,
                form.cleaned_data["package"].read(),
                addressed_to=form.cleaned_data["addressed_to"],
                request=request,
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Paket diimpor sebagai surat masuk."))
            return _go(letter)
    return _page(request, "form.html", _("Impor paket naskah"), form=form, multipart=True)


# --- outgoing ------------------------------------------------------------------------------------
def new_draft(request):
    _require(request, DRAFT)
    form = DraftForm(_posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            letter = services.create_draft(
                request.user,
                kind=data["kind"],
                origin_position=data["origin_position"],
                subject=data["subject"],
                body=data["body"],
                addressee=data["addressee"],
                classification=data["classification"],
                urgency=data["urgency"],
                confidentiality=data["confidentiality"],
                signatory_position=data["signatory_position"],
                on_behalf=data.get("on_behalf") or "",
                reviewers=form.reviewers(),
                recipients=list(data["recipients"]),
                copies=list(data["copies"]),
                request=request,
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Konsep disimpan."))
            return _go(letter)
    return _page(request, "form.html", _("Konsep naskah baru"), form=form)


def edit_draft(request, pk: int):
    letter = _letter(request, pk)
    form = EditForm(_posted(request), initial={"subject": letter.subject, "body": letter.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_draft(request.user, letter, request=request, **form.cleaned_data)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Konsep diperbarui."))
            return _go(letter)
    return _page(request, "form.html", _("Ubah konsep"), form=form)


def submit(request, pk: int):
    letter = _letter(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.submit_for_review(request.user, letter, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Konsep diajukan."))
    return _go(letter)


def review(request, pk: int):
    letter = _letter(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.review(
                request.user,
                letter,
                approve=form.cleaned_data["decision"] == "paraf",
                comment=form.cleaned_data["comment"],
                request=request,
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Keputusan paraf disimpan."))
            return _go(letter)
    return _page(request, "form.html", _("Paraf"), status=400, form=form)


def sign(request, pk: int):
    letter = _letter(request, pk)
    form = SignForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.sign_letter(request.user, letter, request=request, **form.cleaned_data)
        except signing.SigningError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Naskah ditandatangani dan dikirim."))
            return _go(letter)
    return _page(request, "form.html", _("Tanda tangani: %(s)s") % {"s": letter.subject}, form=form)


def preview(request, pk: int):
    """The draft as it will look, without number or signature."""
    from modules.eoffice.pdf import render_letter

    letter = _letter(request, pk)
    pdf = render_letter(
        letter,
        number=letter.number,
        letterhead=services.letterhead(letter),
        signer_lines=(organisation.label_of(letter.signatory_position),)
        if letter.signatory_position_id
        else (),
    )
    services.record_preview(request.user, letter, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Cache-Control"] = "private, no-store"
    return response


# --- archive -------------------------------------------------------------------------------------
def archive(request):
    _require(request, VIEW)
    form = ArchiveForm(request.GET or None)
    query = form.query()
    letters = selectors.search_archive(request.user, query)
    page = Paginator(letters, 50).get_page(request.GET.get("halaman"))
    if request.GET:
        services.record_search(request.user, query, page.paginator.count, request=request)
    params = request.GET.copy()
    params.pop("halaman", None)
    return _page(
        request,
        "archive.html",
        _("e-Office: arsip"),
        form=form,
        page=page,
        params=params.urlencode(),
    )


def destruction(request):
    _require(request, MANAGE)
    letters = selectors.due_for_destruction(request.user)
    form = DestructionForm(_posted(request), due=letters)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.destroy_letters(
                request.user,
                [letter.pk for letter in form.cleaned_data["letters"]],
                note=form.cleaned_data["note"],
                request=request,
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "%(n)d naskah dimusnahkan; berita acara dicatat.",
                    "%(n)d naskah dimusnahkan; berita acara dicatat.",
                    len(record.inventory),
                )
                % {"n": len(record.inventory)},
            )
            return redirect(f"{NS}:destruction")
    page = Paginator(letters, 100).get_page(request.GET.get("halaman"))
    return _page(
        request,
        "destruction.html",
        _("Arsip yang habis masa retensinya"),
        status=400 if form.errors else 200,
        page=page,
        form=form,
        records=Destruction.objects.select_related("destroyed_by")[:20],
    )


def settings_page(request):
    _require(request, MANAGE)
    form = InstructionForm(_posted(request))
    if request.method == "POST":
        if "toggle" in request.POST:
            chosen = request.POST["toggle"]
            instruction = get_object_or_404(Instruction, pk=chosen if chosen.isdigit() else 0)
            services.toggle_instruction(request.user, instruction, request=request)
            return redirect(f"{NS}:settings")
        if form.is_valid():
            try:
                services.add_instruction(request.user, form.cleaned_data["text"], request=request)
            except ValidationError as exc:
                _errors(form, exc)
            else:
                return redirect(f"{NS}:settings")
    return _page(
        request,
        "settings.html",
        _("e-Office: pengaturan"),
        form=form,
        instructions=Instruction.objects.all(),
        classifications=Classification.objects.all(),
        templates=Template.objects.all(),
    )


def edit_classification(request, pk: int | None = None):
    return _edit_setting(request, Classification, ClassificationForm, pk, "classification")


def edit_template(request, pk: int | None = None):
    return _edit_setting(request, Template, TemplateForm, pk, "template")


def _edit_setting(request, model, form_class, pk, name: str):
    _require(request, MANAGE)
    instance = get_object_or_404(model, pk=pk) if pk is not None else None
    form = form_class(_posted(request), instance=instance)
    if request.method == "POST" and form.is_valid():
        services.save_setting(request.user, form, action=f"eoffice.{name}_save", request=request)
        messages.success(request, _("Pengaturan disimpan."))
        return redirect(f"{NS}:settings")
    title = str(instance) if instance else model._meta.verbose_name.capitalize()
    return _page(request, "form.html", title, form=form)
