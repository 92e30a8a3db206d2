import secrets

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tenants.models import Region
from tenants.services import ProvisioningError, RegionRequest, primary_hostname, provision_region


class Command(BaseCommand):
    help = "Bring a new region live: clone the template, create its site, domain and admin."

    def add_arguments(self, parser):
        parser.add_argument("--slug", required=True, help="Subdomain, e.g. tangsel")
        parser.add_argument(
            "--name", required=True, help="Official name, e.g. Kota Tangerang Selatan"
        )
        parser.add_argument("--kind", required=True, choices=Region.Kind.values)
        parser.add_argument("--province", required=True)
        parser.add_argument(
            "--timezone", default=Region.TimeZone.WIB, choices=Region.TimeZone.values
        )
        parser.add_argument("--admin-email", required=True)
        parser.add_argument("--admin-password", help="Default: a random one, printed once.")
        parser.add_argument("--modules", default="", help="Comma-separated module keys")
        parser.add_argument("--lead-city", action="store_true")

    def handle(self, *args, **options):
        request = RegionRequest(
            slug=options["slug"],
            name=options["name"],
            kind=options["kind"],
            province=options["province"],
            timezone=options["timezone"],
            admin_email=options["admin_email"],
            admin_password=options["admin_password"] or secrets.token_urlsafe(12),
            modules=[m for m in options["modules"].split(",") if m],
            is_lead_city=options["lead_city"],
        )
        try:
            region = provision_region(request)
        except ValidationError as exc:
            raise CommandError("; ".join(_messages(exc))) from exc
        except ProvisioningError as exc:
            raise CommandError(f"Provisioning failed, nothing was left behind: {exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(f"{region.name} is live at http://{primary_hostname(region)}/")
        )
        self.stdout.write(f"Admin: {request.admin_email} / {request.admin_password}")


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "message_dict"):
        return [f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items()]
    return exc.messages
