from django.core.management.base import BaseCommand

from tenants import template


class Command(BaseCommand):
    help = "Rebuild the migrated, empty region schema that new regions are cloned from."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-stale", action="store_true", help="Only rebuild when missing or stale."
        )

    def handle(self, *args, if_stale=False, verbosity=1, **options):
        if if_stale and not template.ensure_template(verbosity=max(verbosity - 1, 0)):
            self.stdout.write(f"Region template is current ({template.migrations_fingerprint()}).")
            return
        if not if_stale:
            template.refresh_template(verbosity=max(verbosity - 1, 0))
        self.stdout.write(
            self.style.SUCCESS(f"Region template rebuilt ({template.migrations_fingerprint()}).")
        )
