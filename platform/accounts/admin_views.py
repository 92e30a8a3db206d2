"""The region admin's staff page: who works here, who is invited, and inviting more."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import services
from accounts.forms import InviteStaffForm
from accounts.models import Invitation, User

PERMISSION = "accounts.manage_staff"


def _require_permission(request) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def staff_index(request):
    _require_permission(request)
    form = InviteStaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_staff(
                request.user,
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                groups=form.cleaned_data["groups"],
                request=request,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Undangan terkirim ke %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("accounts_admin:staff")
    context = {
        "form": form,
        "staff": User.objects.filter(is_staff=True).prefetch_related("groups").order_by("email"),
        "invitations": [i for i in Invitation.objects.prefetch_related("groups") if i.is_open],
        "page_title": _("Staf"),
        "header_icon": "group",
    }
    return TemplateResponse(request, "accounts/admin/staff.html", context)


@require_POST
def set_active(request, pk: int, active: int):
    _require_permission(request)
    person = get_object_or_404(User, pk=pk, is_staff=True)
    try:
        services.set_staff_active(request.user, person, bool(active), request)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        text = _("%(name)s diaktifkan kembali.") if active else _("%(name)s dinonaktifkan.")
        messages.success(request, text % {"name": person})
    return redirect("accounts_admin:staff")


def _add_errors(form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
