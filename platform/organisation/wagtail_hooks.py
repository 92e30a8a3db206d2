"""The "Organisasi" menu of a region's admin. Each item shows only to staff holding the
app's permissions for it (region superusers see all)."""

from __future__ import annotations

from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from organisation import periods, services, views
from organisation.forms import AreaForm, AssignmentForm, PositionForm, UnitForm
from organisation.models import Area, Assignment, Position, Unit


class _ServiceModelViewSet(ModelViewSet):
    copy_view_enabled = False  # a copy would be saved around the services
    search_backend_name = None  # plain database search on `search_fields`
    form_class = None

    def get_form_class(self, for_update=False):
        return self.form_class

    def list_queryset(self):
        return self.model.objects.all()

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(queryset=self.list_queryset(), **kwargs)


class UnitViewSet(_ServiceModelViewSet):
    model = Unit
    form_class = UnitForm
    url_prefix = "organisation/unit"
    url_namespace = "organisation_unit"
    icon = "folder-open-inverse"
    menu_label = _("Unit kerja")
    ordering = "path"
    list_per_page = 100
    list_display = [
        "tree_label",
        "short_name",
        "code",
        "kind",
        BooleanColumn("active", label=_("Aktif")),
    ]
    list_filter = ["kind", "active"]
    search_fields = ["name", "short_name", "code"]
    add_view_class = views.service_create_view(services.create_unit)
    edit_view_class = views.service_edit_view(services.update_unit)
    delete_view_class = views.service_delete_view(services.delete_unit)


class PositionViewSet(_ServiceModelViewSet):
    model = Position
    form_class = PositionForm
    url_prefix = "organisation/position"
    url_namespace = "organisation_position"
    icon = "user"
    menu_label = _("Jabatan")
    ordering = "unit__path"
    list_display = [
        "title",
        Column("unit", label=_("Unit kerja"), accessor="unit.display_name", sort_key="unit__path"),
        "code",
        BooleanColumn("is_head", label=_("Kepala unit")),
        BooleanColumn("active", label=_("Aktif")),
    ]
    list_filter = ["is_head", "active"]
    search_fields = ["title", "code", "unit__name", "unit__short_name"]
    add_view_class = views.service_create_view(services.create_position)
    edit_view_class = views.service_edit_view(services.update_position)
    delete_view_class = views.service_delete_view(services.delete_position)

    def list_queryset(self):
        return Position.objects.select_related("unit")


def _local(value, *, is_end=False) -> str:
    return periods.format_moment(value, is_end=is_end) if value else "—"


class AssignmentViewSet(_ServiceModelViewSet):
    model = Assignment
    form_class = AssignmentForm
    url_prefix = "organisation/assignment"
    url_namespace = "organisation_assignment"
    icon = "clipboard-list"
    menu_label = _("Penugasan (definitif, Plt., Plh.)")
    ordering = "-starts_at"
    list_display = [
        Column("user", label=_("Pegawai"), accessor="user.email", sort_key="user__email"),
        Column("position", label=_("Jabatan"), accessor=lambda a: str(a.position)),
        Column("kind", label=_("Jenis"), accessor="get_kind_display", sort_key="kind"),
        Column(
            "starts_at",
            label=_("Mulai"),
            accessor=lambda a: _local(a.starts_at),
            sort_key="starts_at",
        ),
        Column(
            "ends_at",
            label=_("Sampai dengan"),
            accessor=lambda a: _local(a.ends_at, is_end=True),
            sort_key="ends_at",
        ),
    ]
    list_filter = ["kind"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "position__title"]
    add_view_class = views.service_create_view(
        services.assign,
        fields_for_service=views.assignment_fields,
        field_names=views.ASSIGNMENT_FIELD_NAMES,
    )
    edit_view_class = views.service_edit_view(
        services.update_assignment,
        fields_for_service=views.assignment_fields,
        field_names=views.ASSIGNMENT_FIELD_NAMES,
    )
    delete_view_class = views.service_delete_view(services.delete_assignment)

    def list_queryset(self):
        return Assignment.objects.select_related("user", "position__unit")


class AreaViewSet(_ServiceModelViewSet):
    model = Area
    form_class = AreaForm
    url_prefix = "organisation/area"
    url_namespace = "organisation_area"
    icon = "site"
    menu_label = _("Wilayah (kecamatan, kelurahan)")
    ordering = "code"
    list_per_page = 100
    list_display = [
        "name",
        "code",
        "kind",
        Column("parent", label=_("Kecamatan"), accessor="parent"),
    ]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    add_view_class = views.service_create_view(services.create_area)
    edit_view_class = views.service_edit_view(services.update_area)
    delete_view_class = views.service_delete_view(services.delete_area)

    def list_queryset(self):
        return Area.objects.select_related("parent")


def _menu_item_shown_when(check):
    return type("OrganisationToolMenuItem", (MenuItem,), {"is_shown": lambda _s, r: check(r.user)})


class MutasiViewSet(ViewSet):
    name = "organisation_mutasi"
    url_prefix = "organisation/mutasi"
    icon = "resubmit"
    menu_label = _("Mutasi")

    @cached_property
    def menu_item_class(self):
        return _menu_item_shown_when(views.can_mutasi)

    def get_urlpatterns(self):
        return [path("", views.MutasiView.as_view(), name="index")]


class TransferViewSet(ViewSet):
    name = "organisation_transfer"
    url_prefix = "organisation/csv"
    icon = "upload"
    menu_label = _("Impor & ekspor CSV")

    @cached_property
    def menu_item_class(self):
        return _menu_item_shown_when(views.can_transfer)

    def get_urlpatterns(self):
        return [
            path("", views.TransferView.as_view(), name="index"),
            path("export/<str:key>/", views.ExportView.as_view(), name="export"),
        ]


class OrganisationGroup(ViewSetGroup):
    menu_label = _("Organisasi")
    menu_icon = "group"
    items = (
        UnitViewSet,
        PositionViewSet,
        AssignmentViewSet,
        MutasiViewSet,
        AreaViewSet,
        TransferViewSet,
    )


@hooks.register("register_admin_viewset")
def register_organisation_viewsets():
    return OrganisationGroup()
