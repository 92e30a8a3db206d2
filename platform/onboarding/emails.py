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


def review_needed(application, reviewer) -> None:
    """Tell a coordinator that a verified application waits for their decision."""
    link = links.platform_url(application, "onboarding_admin:detail", application.pk)
    body = _(
        "%(region)s (%(province)s) mendaftar ke Kemitraan Kota Cerdas dan emailnya sudah "
        "terverifikasi.\nPemohon: %(name)s, %(position)s\nSubdomain: %(host)s\n\n"
        "Tinjau dan putuskan di admin platform:\n%(link)s\n"
    ) % {
        "region": application.region_name,
        "province": application.province,
        "name": application.applicant_name,
        "position": application.applicant_position,
        "host": application.hostname,
        "link": link,
    }
    send_email(
        reviewer.email,
        _("Pendaftaran baru menunggu persetujuan: %(region)s")
        % {"region": application.region_name},
        body,
        idempotency_key=f"onboarding.review:{application.pk}:{reviewer.pk}",
        user=reviewer,
    )


def approved(application) -> None:
    body = _(
        "Yth. %(name)s,\n\n"
        "Pendaftaran %(region)s ke Kemitraan Kota Cerdas telah disetujui Kota Tangerang.\n"
        "Situs dan admin daerah Anda sedang disiapkan di %(host)s. Pantau prosesnya dan "
        "buat kata sandi admin di:\n%(link)s\n"
    ) % {
        "name": application.applicant_name,
        "region": application.region_name,
        "host": application.hostname,
        "link": links.status_url(application),
    }
    send_email(
        application.email,
        _("Pendaftaran %(region)s disetujui") % {"region": application.region_name},
        body,
        idempotency_key=f"onboarding.approved:{application.pk}",
    )


def rejected(application) -> None:
    body = _(
        "Yth. %(name)s,\n\n"
        "Mohon maaf, pendaftaran %(region)s ke Kemitraan Kota Cerdas belum dapat disetujui.\n"
        "Alasan: %(reason)s\n\n"
        "Anda dapat mendaftar kembali setelah hal di atas diselesaikan:\n%(link)s\n"
    ) % {
        "name": application.applicant_name,
        "region": application.region_name,
        "reason": application.rejection_reason,
        "link": links.platform_url(application, "onboarding:join"),
    }
    send_email(
        application.email,
        _("Pendaftaran %(region)s belum disetujui") % {"region": application.region_name},
        body,
        idempotency_key=f"onboarding.rejected:{application.pk}",
    )


def live(application) -> None:
    from onboarding.admin_account import link_days, password_link

    link = password_link(application)
    password_part = (
        _("Buat kata sandi admin (tautan sekali pakai, berlaku %(days)s hari):\n%(link)s\n\n")
        % {"days": link_days(), "link": link}
        if link
        else ""
    )
    body = _(
        "Yth. %(name)s,\n\n%(region)s sudah aktif di Sinergi: %(site)s\n\n"
        "%(password_part)s"
        "Admin daerah: %(admin)s (masuk dengan %(email)s dan verifikasi dua langkah).\n"
        "Status pendaftaran: %(status)s\n"
    ) % {
        "name": application.applicant_name,
        "region": application.region_name,
        "site": links.region_url(application),
        "password_part": password_part,
        "admin": links.region_url(application, "/admin/"),
        "email": application.email,
        "status": links.status_url(application),
    }
    send_email(
        application.email,
        _("%(region)s sudah aktif") % {"region": application.region_name},
        body,
        idempotency_key=f"onboarding.live:{application.pk}",
    )


def password_link(application, link: str) -> None:
    from onboarding.admin_account import link_days

    body = _(
        "Yth. %(name)s,\n\nBuat kata sandi admin %(region)s melalui tautan berikut "
        "(sekali pakai, berlaku %(days)s hari):\n%(link)s\n"
    ) % {
        "name": application.applicant_name,
        "region": application.region_name,
        "days": link_days(),
        "link": link,
    }
    send_email(
        application.email,
        _("Tautan kata sandi admin %(region)s") % {"region": application.region_name},
        body,
        idempotency_key=f"onboarding.password:{application.pk}:{link.rstrip('/')[-24:]}",
    )


def provisioning_failed(application, job, reviewer) -> None:
    from tenants.api import STEP_LABELS

    body = _(
        "Penyiapan %(region)s (%(host)s) gagal pada langkah “%(step)s”.\nAlasan: %(reason)s\n\n"
        "Tidak ada yang tertinggal: skema, domain dan akun sudah dihapus. Ulangi dari "
        "admin platform:\n%(link)s\n"
    ) % {
        "region": application.region_name,
        "host": application.hostname,
        "step": STEP_LABELS.get(job.failed_step, job.failed_step),
        "reason": job.failure_reason,
        "link": links.platform_url(application, "onboarding_admin:detail", application.pk),
    }
    send_email(
        reviewer.email,
        _("Penyiapan %(region)s gagal") % {"region": application.region_name},
        body,
        idempotency_key=f"onboarding.failed:{application.pk}:{job.attempts}:{reviewer.pk}",
        user=reviewer,
    )
