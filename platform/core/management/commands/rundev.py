"""`make run`: a django-q2 worker beside the development server, and where to go."""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from core.demo import DEMO_REGIONS, PLATFORM_STAFF


class Command(BaseCommand):
    help = "Serve the platform and every region, with a background worker."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="0.0.0.0:8000")

    def handle(self, *args, addrport, **options):
        if os.environ.get("RUN_MAIN") == "true":
            # The autoreloader's child process: it only serves.
            call_command("runserver", addrport, use_reloader=True)
            return
        port = addrport.rsplit(":", 1)[-1]
        self._print_welcome(port)
        worker = subprocess.Popen([sys.executable, "manage.py", "qcluster"])
        try:
            call_command("runserver", addrport, use_reloader=True)
        finally:
            worker.terminate()
            worker.wait(timeout=30)

    def _print_welcome(self, port: str) -> None:
        domain = settings.PLATFORM_DOMAIN
        password = settings.SINERGI_DEMO_PASSWORD
        lines = [
            "",
            "Sinergi is running.",
            f"  Platform site            http://{domain}:{port}/    admin: /admin/",
        ]
        for email, _first, _last, role in PLATFORM_STAFF:
            lines.append(f"    {role:<22} {email} / {password}")
        for demo in DEMO_REGIONS:
            lines.append(f"  {demo.name:<24} http://{demo.slug}.{domain}:{port}/")
            lines.append(f"    region admin           {demo.admin_email} / {password}")
        lines.append(f"  Unknown host             http://nope.{domain}:{port}/  (404)")
        lines.append(f"  Mail sent (dev viewer)   http://{domain}:{port}/dev/mail/")
        lines.append("  Admins add an authenticator app at their first sign-in (a QR code).")
        lines.append("Stop with Ctrl+C; `make stop` stops the embedded PostgreSQL.\n")
        self.stdout.write("\n".join(lines))
