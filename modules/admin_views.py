"""The region admin's Modules page: every module, on or off, with its settings."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from modules import gate, registry, services
from modules.manifest import Manifest, Setting

PERMISSION = "accounts.manage_modules"


def _require_permission(request) -> None:
    if getattr(request, "region", None) is None or not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def modules_index(request):
    _require_permission(request)
    enabled = gate.enabled_keys()
    rows = [
        {
            "manifest": manifest,
            "enabled": manifest.key in enabled,
            "form": settings_form(manifest)(initial=services.module_settings(manifest.key))
            if manifest.settings
            else None,
        }
        for manifest in registry.all_manifests()
    ]
    context = {"rows": rows, "page_title": _("Modul"), "header_icon": "cogs"}
    return TemplateResponse(request, "modules/admin/index.html", context)


@require_POST
def toggle(request, key: str):
    _require_permission(request)
    if not registry.exists(key):
        raise Http404
    turn_on = request.POST.get("enabled") == "1"
    change = services.enable_module if turn_on else services.disable_module
    try:
        change(request.region, key, actor=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        text = (
            _("%(name)s diaktifkan.")
            if turn_on
            else _("%(name)s dinonaktifkan; datanya tetap tersimpan.")
        )
        messages.success(request, text % {"name": registry.get(key).name})
    return redirect("modules_admin:index")


@require_POST
def save_settings(request, key: str):
    _require_permission(request)
    if not registry.exists(key):
        raise Http404
    manifest = registry.get(key)
    form = settings_form(manifest)(request.POST)
    if form.is_valid():
        try:
            services.update_settings(
                request.region, key, form.cleaned_data, actor=request.user, request=request
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Pengaturan %(name)s tersimpan.") % {"name": manifest.name})
            return redirect("modules_admin:index")
    else:
        messages.error(
            request,
            _("Pengaturan %(name)s belum tersimpan: periksa isiannya.") % {"name": manifest.name},
        )
    rows = [{"manifest": manifest, "enabled": gate.is_enabled(key), "form": form}]
    return TemplateResponse(
        request,
        "modules/admin/index.html",
        {"rows": rows, "page_title": _("Modul"), "header_icon": "cogs"},
    )


def settings_form(manifest: Manifest) -> type[forms.Form]:
    """A form generated from the manifest's typed settings."""
    fields = {setting.key: _field(setting) for setting in manifest.settings}
    return type(f"{manifest.key.title()}SettingsForm", (forms.Form,), fields)


def _field(setting: Setting) -> forms.Field:
    common = {"label": setting.label, "help_text": setting.help_text}
    if setting.choices:
        return forms.TypedChoiceField(choices=setting.choices, coerce=setting.kind, **common)
    if setting.kind is bool:
        return forms.BooleanField(required=False, **common)
    if setting.kind is int:
        return forms.IntegerField(min_value=setting.minimum, max_value=setting.maximum, **common)
    if setting.kind.__name__ == "Decimal":
        return forms.DecimalField(min_value=setting.minimum, max_value=setting.maximum, **common)
    return forms.CharField(**common)
