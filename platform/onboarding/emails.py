"""What the platform mails applicants and reviewers. Every mail names its event in its
idempotency key, so a repeated request or task never sends it twice."""

from __future__ import annotations

from django.utils.translation import gettext as _

from notifications.api import send_email
from onboarding import links

VERIFICATION_DAYS = 7


def verification(application, token: str) -> None:
    link = links.platform_url(application, "onboarding:verify", token)
    body = _(
        "Yth. %(name)s,\n\n"
        "Terima kasih telah mendaftarkan %(region)s ke Kemitraan Kota Cerdas (Sinergi).\n"
        "Buka tautan berikut untuk memastikan alamat email Anda (berlaku %(days)s hari, "
        "sekali pakai):\n%(link)s\n\n"
        "Jika Anda tidak merasa mendaftar, abaikan email ini.\n"
    ) % {
        "name": application.applicant_name,
        "region": application.region_name,
        "days": VERIFICATION_DAYS,
        "link": link,
    }
    send_email(
        application.email,
        _("Verifikasi pendaftaran %(region)s") % {"region": application.region_name},
        body,
        idempotency_key=f"onboarding.verify:{application.pk}",
    )
