from django.core.management import call_command
from django.core.management.base import BaseCommand

from tenants import template


class Command(BaseCommand):
    help = (
        "Bring the database up to date: migrate the public schema and every region, the "
        "cache table, the region template, and the platform's own site. Idempotent."
    )

    def handle(self, *args, verbosity=1, **options):
        quiet = max(verbosity - 1, 0)
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=quiet)
        call_command("createcachetable", verbosity=quiet)
        # Regions already at the code's migrations are skipped; the rest migrate in parallel.
        call_command("migrate_regions", verbosity=quiet)
        if template.ensure_template(verbosity=quiet):
            self.stdout.write("Region template rebuilt.")
        from tenants import pool

        pool.queue_refill()  # the worker clones the warm pool's schemas
        from accounts.roles import PLATFORM_ROLES, install_roles
        from pages.services import ensure_platform_site

        ensure_platform_site()
        install_roles(PLATFORM_ROLES)
        self.stdout.write(self.style.SUCCESS("Platform database ready."))
