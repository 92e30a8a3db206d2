"""Staff views of the Organisasi admin: thin, every write goes through services.py."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View
from wagtail.admin import messages
from wagtail.admin.views.generic import CreateView, DeleteView, EditView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from organisation import services
from organisation.csv_format import FILES
from organisation.csv_import import ImportRejected
from organisation.forms import ImportForm, MutasiForm
from organisation.models import Area, Assignment, Position, Unit
from organisation.periods import format_moment
from organisation.selectors import label_of

MODEL_OF_FILE = {"areas": Area, "units": Unit, "positions": Position, "assignments": Assignment}


# --- permissions -------------------------------------------------------------------------------
def _perm(model, action: str) -> str:
    return f"organisation.{action}_{model._meta.model_name}"


def can_import(user, key: str) -> bool:
    model = MODEL_OF_FILE[key]
    return user.has_perms([_perm(model, "add"), _perm(model, "change")])


def can_export(user, key: str) -> bool:
    model = MODEL_OF_FILE[key]
    return any(user.has_perm(_perm(model, a)) for a in ("add", "change", "delete", "view"))


def can_transfer(user) -> bool:
    return any(can_export(user, key) for key in FILES)


MUTASI_PERMISSIONS = (_perm(Assignment, "add"), _perm(Assignment, "change"))


def can_mutasi(user) -> bool:
    return user.has_perms(MUTASI_PERMISSIONS)


def attach_errors(form, error: ValidationError, field_names: dict[str, str] | None = None):
    """Put a service's errors on the form fields they are about (the rest on top)."""
    field_names = field_names or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, messages_ in error.message_dict.items():
        target = field_names.get(name, name)
        form.add_error(target if target in form.fields else None, messages_)


# --- model views through services ----------------------------------------------------------------
class _ServiceFormMixin:
    field_names: dict[str, str] = {}

    def fields_for_service(self) -> dict:
        return dict(self.form.cleaned_data)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as exc:
            attach_errors(form, exc, self.field_names)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


def service_create_view(create: Callable, **attrs) -> type[CreateView]:
    def save_instance(self):
        return create(actor=self.request.user, request=self.request, **self.fields_for_service())

    return type(
        "ServiceCreateView",
        (_ServiceFormMixin, CreateView),
        {"save_instance": save_instance, **attrs},
    )


def service_edit_view(update: Callable, **attrs) -> type[EditView]:
    def save_instance(self):
        return update(
            self.object,
            actor=self.request.user,
            request=self.request,
            **self.fields_for_service(),
        )

    return type(
        "ServiceEditView", (_ServiceFormMixin, EditView), {"save_instance": save_instance, **attrs}
    )


def service_delete_view(delete: Callable) -> type[DeleteView]:
    def delete_action(self):
        delete(self.object, actor=self.request.user, request=self.request)

    def form_valid(self, form):
        # The service decides what may be deleted (and the database's PROTECT keys back it):
        # Wagtail's reference index is filled only for models registered before the rows
        # were saved, so its "protected" answer depends on import order.
        try:
            self.delete_action()
        except ValidationError as exc:
            messages.error(self.request, " ".join(exc.messages))
            return redirect(self.get_success_url())
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url())

    return type(
        "ServiceDeleteView",
        (DeleteView,),
        {"delete_action": delete_action, "form_valid": form_valid},
    )


def assignment_fields(self) -> dict:
    data = {k: v for k, v in self.form.cleaned_data.items() if k not in ("start_date", "end_date")}
    return {**data, **self.form.period()}


ASSIGNMENT_FIELD_NAMES = {"starts_at": "start_date", "ends_at": "end_date"}


# --- mutasi -------------------------------------------------------------------------------------
class _AdminFormView(WagtailAdminTemplateMixin, FormView):
    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class MutasiView(_AdminFormView):
    template_name = "organisation/admin/mutasi.html"
    page_title = gettext_lazy("Mutasi pegawai")
    header_icon = "resubmit"
    form_class = MutasiForm

    def dispatch(self, request, *args, **kwargs):
        if not can_mutasi(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            assignment = services.mutasi(
                data["person"],
                data["to_position"],
                data["effective"],
                self.request.user,
                decree=data["decree"],
                request=self.request,
            )
        except ValidationError as exc:
            attach_errors(form, exc, {"position": "to_position", "starts_at": "effective"})
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Mutasi %(person)s menjadi %(position)s berlaku %(date)s tercatat.")
            % {
                "person": data["person"],
                "position": label_of(assignment.position),
                "date": format_moment(assignment.starts_at),
            },
        )
        return redirect("organisation_assignment:index")


# --- import and export --------------------------------------------------------------------------
class TransferView(_AdminFormView):
    template_name = "organisation/admin/transfer.html"
    page_title = gettext_lazy("Impor & ekspor CSV")
    header_icon = "upload"
    form_class = ImportForm
    import_errors: list = []

    def dispatch(self, request, *args, **kwargs):
        if not can_transfer(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["exports"] = [
            (spec, reverse("organisation_transfer:export", args=[spec.key]))
            for spec in FILES.values()
            if can_export(user, spec.key)
        ]
        context["import_errors"] = self.import_errors
        return context

    def form_valid(self, form):
        files = form.files_content()
        for key in files:
            if not can_import(self.request.user, key):
                form.add_error(key, _("Anda tidak berwenang mengimpor berkas ini."))
        if form.errors:
            return self.form_invalid(form)
        try:
            result = services.import_csv(files, actor=self.request.user, request=self.request)
        except ImportRejected as exc:
            self.import_errors = exc.errors
            messages.error(
                self.request,
                _("Tidak ada yang diimpor: %(count)d baris perlu diperbaiki.")
                % {"count": len(exc.errors)},
            )
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(self.request, _summary(result.counts))
        return redirect("organisation_transfer:index")


def _summary(counts: dict[str, dict[str, int]]) -> str:
    parts = [
        _("%(label)s: %(created)d baru, %(updated)d diperbarui")
        % {"label": spec.label, **counts[key]}
        for key, spec in FILES.items()
        if key in counts
    ]
    return _("Impor selesai. %(parts)s.") % {"parts": "; ".join(parts) or _("tidak ada baris")}


class ExportView(View):
    def get(self, request, key: str):
        if key not in FILES:
            raise Http404
        if not can_export(request.user, key):
            raise PermissionDenied
        content = services.export_csv(key, actor=request.user, request=request)
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        filename = f"{connection.schema_name}-{FILES[key].filename}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
