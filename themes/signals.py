"""`branding_changed` is sent after a site's branding is saved and committed.

Arguments: `schema_name` (the region's schema, or "public" for the platform's site) and
`site_id`. The theme's own receiver (apps.py) asks the page cache to forget the region's
pages through `pages.cache.invalidate_region()` once that function exists."""

from django.dispatch import Signal

branding_changed = Signal()
