"""Staff pages in the Wagtail admin: their own notices and preferences, the region's gateways
(audited) and its outbox."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import (
    CreateView,
    DeleteView,
    EditView,
    WagtailAdminTemplateMixin,
)
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from notifications import selectors, services
from notifications.forms import PreferencesForm
from notifications.models import Gateway, Message


# --- the staff member's own notices and preferences ---------------------------------------
class _OwnPage(WagtailAdminTemplateMixin):
    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class NoticeIndexView(_OwnPage, TemplateView):
    page_title = gettext_lazy("Notifikasi")
    header_icon = "mail"
    template_name = "notifications/admin/notices.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page"] = Paginator(selectors.notices_for(self.request.user), 20).get_page(
            self.request.GET.get("p")
        )
        context["unread"] = selectors.unread_count(self.request.user)
        context["open_url_prefix"] = reverse("notifications_admin:list")
        context["button_class"] = "button button-small button-secondary"
        return context


@require_POST
def notice_read(request, notice_id: int):
    if selectors.notice_for(request.user, notice_id) is None:
        raise Http404
    services.mark_read(request.user, notice_id)
    return redirect("notifications_admin:list")


@require_POST
def notice_open(request, notice_id: int):
    notice = selectors.notice_for(request.user, notice_id)
    if notice is None:
        raise Http404
    services.mark_read(request.user, notice_id)
    if notice.url and url_has_allowed_host_and_scheme(
        notice.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notice.url)
    return redirect("notifications_admin:list")


@require_POST
def notices_all_read(request):
    services.mark_all_read(request.user)
    messages.success(request, _("Semua notifikasi ditandai sudah dibaca."))
    return redirect("notifications_admin:list")


class PreferencesView(_OwnPage, FormView):
    page_title = gettext_lazy("Pengaturan notifikasi saya")
    header_icon = "cog"
    template_name = "notifications/admin/preferences.html"

    def get_form(self, form_class=None):
        self.profile = selectors.contact_profile(self.request.user)
        return PreferencesForm.for_profile(self.profile, self.request.POST or None)

    def get_context_data(self, **kwargs):
        return super().get_context_data(profile=self.profile, **kwargs)

    def form_valid(self, form):
        services.update_preferences(
            self.request.user, **form.cleaned_data, actor=self.request.user, request=self.request
        )
        messages.success(self.request, _("Pengaturan notifikasi disimpan."))
        return redirect("notifications_admin:preferences")


# --- the region's gateways ----------------------------------------------------------------
class GatewayForm(WagtailAdminModelForm):
    url = forms.URLField(label=gettext_lazy("Alamat API"), max_length=500, assume_scheme="https")
    token = forms.CharField(
        label=gettext_lazy("Token"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=gettext_lazy("Kosongkan untuk tetap memakai token yang tersimpan."),
    )

    class Meta:
        model = Gateway
        fields = ["channel", "url", "token", "sender", "is_active"]

    def clean_token(self) -> str:
        token = self.cleaned_data["token"]
        return token or (self.instance.token if self.instance.pk else "")


class GatewayCreateView(CreateView):
    def save_instance(self):
        gateway = super().save_instance()
        services.record_gateway_change(
            "create", gateway, actor=self.request.user, request=self.request
        )
        return gateway


class GatewayEditView(EditView):
    def save_instance(self):
        gateway = super().save_instance()
        services.record_gateway_change(
            "change", gateway, actor=self.request.user, request=self.request
        )
        return gateway


class GatewayDeleteView(DeleteView):
    def delete_action(self):
        with transaction.atomic():
            services.record_gateway_change(
                "delete", self.object, actor=self.request.user, request=self.request
            )
            super().delete_action()


class GatewayViewSet(ModelViewSet):
    model = Gateway
    form_class = GatewayForm
    icon = "mail"
    add_to_settings_menu = True
    menu_label = gettext_lazy("Gateway SMS/WhatsApp")
    list_display = ["channel", "url", "sender", "is_active", "updated_at"]
    add_view_class = GatewayCreateView
    edit_view_class = GatewayEditView
    delete_view_class = GatewayDeleteView
    inspect_view_enabled = False

    def get_form_class(self, for_update=False):
        return GatewayForm


# --- the outbox, read only ----------------------------------------------------------------
class ReadOnlyPolicy(ModelPermissionPolicy):
    """Staff may look at the outbox; only the worker writes to it."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, "view")

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")


class MessageViewSet(ModelViewSet):
    model = Message
    icon = "mail"
    add_to_settings_menu = True
    menu_label = gettext_lazy("Kotak keluar")
    list_display = ["created_at", "channel", "to", "subject", "status", "attempts", "last_error"]
    list_filter = ["status", "channel"]
    form_fields = []
    inspect_view_enabled = True
    inspect_view_fields = [
        "created_at",
        "channel",
        "to",
        "subject",
        "body",
        "status",
        "attempts",
        "last_attempt_at",
        "next_attempt_at",
        "sent_at",
        "last_error",
        "delivery_id",
        "provider_reference",
    ]
