"""What other code may use of themes and branding.

- `look_for_request(request)`: the site's look (theme, palette, names, contact) as pages
  show it; templates have it as `brand`, and `theme_base` for `{% extends %}`.
- `branding_for_site(site)`: the site's Branding, or its unsaved defaults.
- `branding_changed`: signal sent after a branding is saved and committed
  (`schema_name`, `site_id`); the page cache listens to it.
- `get_theme(key)`, `all_themes()`: the registry; `contrast_ratio(a, b)`: WCAG 2.x.
"""

from themes.contrast import contrast_ratio
from themes.registry import all_themes, get_theme
from themes.selectors import branding_for_site, look_for_request
from themes.signals import branding_changed

__all__ = [
    "all_themes",
    "branding_changed",
    "branding_for_site",
    "contrast_ratio",
    "get_theme",
    "look_for_request",
]
