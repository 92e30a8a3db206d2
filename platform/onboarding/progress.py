"""What the applicant's status page shows, as one dict for the page and its JSON."""

from __future__ import annotations

from django.utils.translation import gettext as _

from onboarding import selectors
from onboarding.models import Application

# States after which the page stops asking.
FINISHED = {"live", "failed", "rejected", "expired"}


def status_of(application: Application) -> dict:
    from tenants.api import provisioning_progress

    job = selectors.job_of(application)
    progress = provisioning_progress(job) if job is not None else None
    state = _state(application, progress)
    return {
        "state": state,
        "headline": _headline(state, application, progress),
        "percent": progress.percent if progress else 0,
        "steps": [_step(step) for step in progress.steps] if progress else [],
        "finished": state in FINISHED,
        # Waiting for people takes hours; waiting for the worker, seconds.
        "poll_seconds": 30 if state in ("unverified", "verified") else 1,
        "failure_reason": progress.failure_reason if state == "failed" else "",
    }


def _step(step) -> dict:
    words = {
        "done": _("selesai"),
        "running": _("berjalan"),
        "failed": _("gagal"),
        "waiting": _("menunggu"),
    }
    return {**vars(step), "state_label": words[step.state]}


def _state(application: Application, progress) -> str:
    Status = Application.Status
    if application.status == Status.LIVE:
        return "live"
    if application.status != Status.APPROVED:
        return application.status  # unverified, verified, rejected, expired
    if progress is None:
        return "queued"
    return {"done": "live"}.get(progress.status, progress.status)  # queued, running, failed


def _headline(state: str, application: Application, progress) -> str:
    if state == "failed":
        label = next(s.label for s in progress.steps if s.key == progress.failed_step)
        return _(
            "Penyiapan gagal pada langkah “%(step)s”. Tidak ada yang tertinggal; tim kami "
            "akan mengulanginya."
        ) % {"step": label}
    return {
        "unverified": _("Menunggu verifikasi email. Buka tautan yang kami kirim ke email Anda."),
        "verified": _(
            "Email Anda sudah terverifikasi. Koordinator kemitraan Kota Tangerang sedang "
            "meninjau pendaftaran Anda; kami mengabari Anda lewat email."
        ),
        "rejected": _("Pendaftaran Anda belum disetujui."),
        "expired": _("Tautan verifikasi sudah kedaluwarsa. Silakan mendaftar lagi."),
        "queued": _("Disetujui. Penyiapan daerah Anda segera dimulai."),
        "running": _("Daerah Anda sedang disiapkan."),
        "live": _("%(region)s sudah aktif.") % {"region": application.region_name},
    }[state]
