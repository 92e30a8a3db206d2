"""The branding page of the admin (Pengaturan → Tampilan situs) and its live preview.

Both edit the branding of the site this host serves: a region's admin only ever sees its
own region's, and the platform's admin the platform's."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language as django_set_language
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.side_panels import PreviewSidePanel
from wagtail.admin.views import generic
from wagtail.admin.views.generic.preview import PreviewOnEdit
from wagtail.permission_policies import ModelPermissionPolicy

from themes import services
from themes.contrast import contrast_ratio, shown_ratio
from themes.forms import BrandingForm
from themes.models import Branding
from themes.palette import minimum_text, ratio_text
from themes.registry import get_theme
from themes.selectors import current_site

PERMISSION_POLICY = ModelPermissionPolicy(Branding)

PANEL = ObjectList(
    [
        MultiFieldPanel(
            [FieldPanel("official_name"), FieldPanel("short_name"), FieldPanel("tagline")],
            heading=_("Nama"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("theme"),
                FieldPanel("primary_colour"),
                FieldPanel("secondary_colour"),
                FieldPanel("accent_colour"),
            ],
            heading=_("Tema dan warna"),
        ),
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("favicon"), FieldPanel("hero_image")],
            heading=_("Gambar"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("whatsapp"),
            ],
            heading=_("Kontak"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("x_url"),
                FieldPanel("youtube_url"),
                FieldPanel("tiktok_url"),
            ],
            heading=_("Media sosial"),
        ),
        FieldPanel("footer_text"),
    ]
).bind_to_model(Branding)


class BrandingEditView(generic.EditView):
    model = Branding
    form_class = BrandingForm
    panel = PANEL
    permission_policy = PERMISSION_POLICY
    template_name = "themes/admin/branding_edit.html"
    header_icon = "desktop"
    page_title = _("Tampilan situs")
    success_message = _("Tampilan situs disimpan. Situs kini tampil dengan nilai baru.")
    error_message = _("Tampilan situs belum disimpan: periksa isian yang ditandai.")

    def get_panel(self):
        return self.panel

    def get_object(self, queryset=None):
        return services.ensure_branding(current_site(self.request))

    def get_page_subtitle(self):
        return self.page_title

    def get_edit_url(self):
        return reverse("themes_branding:edit")

    def get_success_url(self):
        return self.get_edit_url()

    def get_success_buttons(self):
        return None

    def save_instance(self):
        return services.save_branding(
            self.form.save(commit=False), actor=self.request.user, request=self.request
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:  # checked again by the service, e.g. a race
            form.add_error(None, error)
            return self.form_invalid(form)

    def get_side_panels(self):
        panels = super().get_side_panels()
        panels.append(
            PreviewSidePanel(
                self.object, self.request, preview_url=reverse("themes_branding:preview")
            )
        )
        return panels

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contrast"] = contrast_table(self.object)
        return context


def contrast_table(branding: Branding) -> dict:
    """The saved theme's colour pairs with their ratios, shown above the form."""
    theme = get_theme(branding.theme)
    palette = theme.palette(branding.brand_colours)
    rows = []
    for pair in theme.pairs:
        ratio = contrast_ratio(palette[pair.fg], palette[pair.bg])
        rows.append(
            {
                "label": pair.label,
                "fg": palette[pair.fg],
                "bg": palette[pair.bg],
                "ratio": ratio_text(shown_ratio(ratio, theme.min_ratio)),
                "passes": ratio >= theme.min_ratio,
            }
        )
    return {
        "theme": theme,
        "required": minimum_text(theme.min_ratio),
        "rows": rows,
        "failing": sum(not row["passes"] for row in rows),
    }


class BrandingPreviewView(PreviewOnEdit):
    """The home page rendered with the form's unsaved values (Wagtail's preview panel posts
    the form here as the admin types; nothing is saved). New images show once saved."""

    model = Branding
    form_class = BrandingForm
    permission_policy = PERMISSION_POLICY

    def get_object(self):
        return services.ensure_branding(current_site(self.request))


# Every resident page carries the language switcher. With a CSRF token in it each response
# would set a token cookie, and a page that sets a cookie is never cached. A forged switch
# only changes the visitor's language (and `next` must stay on this host), so this one
# view goes without the token.
set_language = csrf_exempt(django_set_language)
