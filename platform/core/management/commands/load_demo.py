from django.core.management.base import BaseCommand

from core.demo import load_demo


class Command(BaseCommand):
    help = "Create the demo regions and accounts (idempotent)."

    def handle(self, *args, **options):
        load_demo(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
