"""The e-Office counters on the admin's home page (like SRIKANDI's), shown only while the
module is on and to people with e-Office access."""

from wagtail import hooks
from wagtail.admin.ui.components import Component

from modules import gate


class CountersPanel(Component):
    name = "eoffice_counters"
    order = 90
    template_name = "eoffice/admin/home_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        from modules.eoffice.selectors import counters_for

        return {"counters": counters_for(self.user)}


@hooks.register("construct_homepage_panels")
def add_counters(request, panels) -> None:
    if gate.is_enabled("eoffice") and request.user.has_perm("eoffice.view_letter"):
        panels.append(CountersPanel(request.user))
