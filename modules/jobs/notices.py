"""What Siap Kerja tells people, and when. Called by services inside their transaction; the
notifications outbox delivers after commit. Each idempotency key names the event, so a
retried request tells nobody twice."""

from __future__ import annotations

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from modules.jobs import selectors
from modules.jobs.models import Application, Company, Vacancy
from notifications import api as notifications


def _resident(name: str, *args) -> str:
    return reverse(f"module-jobs:{name}", args=args)


def _admin(name: str, *args) -> str:
    return reverse(f"module-jobs-admin:{name}", args=args)


def _stamp(moment) -> int:
    return int(moment.timestamp()) if moment else 0


def _members(company: Company):
    return [m.user for m in selectors.members_of(company)]


# --- to Disnaker -----------------------------------------------------------------------------
def company_waiting(company: Company) -> None:
    subject = _("Perusahaan menunggu verifikasi: %(name)s") % {"name": company.name}
    body = _("%(name)s (NIB %(nib)s, %(sector)s) mendaftar di Siap Kerja.") % {
        "name": company.name,
        "nib": company.nib,
        "sector": company.get_sector_display(),
    }
    for user in selectors.verifiers("jobs.verify_companies"):
        notifications.notify(
            user,
            "jobs.company_waiting",
            subject,
            body,
            url=_admin("company", company.pk),
            idempotency_key=f"jobs.company_waiting:{company.pk}:"
            f"{_stamp(company.submitted_at)}:{user.pk}",
        )


def vacancy_waiting(vacancy: Vacancy) -> None:
    subject = _("Lowongan menunggu persetujuan: %(title)s") % {"title": vacancy.title}
    body = _("%(company)s mengajukan lowongan %(title)s.") % {
        "company": vacancy.company.name,
        "title": vacancy.title,
    }
    for user in selectors.verifiers("jobs.moderate_vacancies"):
        notifications.notify(
            user,
            "jobs.vacancy_waiting",
            subject,
            body,
            url=_admin("vacancy", vacancy.pk),
            idempotency_key=f"jobs.vacancy_waiting:{vacancy.pk}:"
            f"{_stamp(vacancy.submitted_at)}:{user.pk}",
        )


# --- to employers ------------------------------------------------------------------------------
def company_reviewed(company: Company) -> None:
    texts = {
        Company.Status.VERIFIED: (
            _("%(name)s terverifikasi"),
            _("Disnaker telah memverifikasi %(name)s. Lowongan Anda kini dapat diajukan."),
        ),
        Company.Status.REJECTED: (
            _("Pendaftaran %(name)s ditolak"),
            _("Disnaker menolak pendaftaran %(name)s: %(note)s"),
        ),
        Company.Status.SUSPENDED: (
            _("%(name)s dibekukan"),
            _("Disnaker membekukan %(name)s; lowongannya tidak tampil lagi: %(note)s"),
        ),
    }
    subject, body = texts[company.status]
    values = {"name": company.name, "note": company.review_note}
    for user in _members(company):
        notifications.notify(
            user,
            "jobs.company_reviewed",
            subject % values,
            body % values,
            url=_resident("company", company.pk),
            idempotency_key=f"jobs.company_reviewed:{company.pk}:"
            f"{_stamp(company.reviewed_at)}:{user.pk}",
        )


def vacancy_reviewed(vacancy: Vacancy) -> None:
    if vacancy.status == Vacancy.Status.PUBLISHED:
        subject = _("Lowongan %(title)s tayang")
        body = _("Disnaker menyetujui lowongan %(title)s; warga kini dapat melamar.")
    else:
        subject = _("Lowongan %(title)s ditolak")
        body = _("Disnaker menolak lowongan %(title)s: %(note)s. Perbaiki lalu ajukan lagi.")
    values = {"title": vacancy.title, "note": vacancy.review_note}
    for user in _members(vacancy.company):
        notifications.notify(
            user,
            "jobs.vacancy_reviewed",
            subject % values,
            body % values,
            url=_resident("vacancy_manage", vacancy.pk),
            idempotency_key=f"jobs.vacancy_reviewed:{vacancy.pk}:{vacancy.status}:"
            f"{_stamp(vacancy.submitted_at)}:{user.pk}",
        )


def application_received(application: Application) -> None:
    vacancy = application.vacancy
    subject = _("Lamaran baru: %(title)s") % {"title": vacancy.title}
    body = _("Ada lamaran baru untuk lowongan %(title)s.") % {"title": vacancy.title}
    for user in _members(vacancy.company):
        notifications.notify(
            user,
            "jobs.application_received",
            subject,
            body,
            url=_resident("applicant", application.pk),
            channels=("inapp", "email"),
            idempotency_key=f"jobs.application_received:{application.pk}:{user.pk}",
        )


def invitation(invitation, token: str, inviter, request=None) -> None:
    path = _resident("accept_invitation", token)
    if request is not None:
        link = request.build_absolute_uri(path)
    else:
        from notifications.services import absolute_url

        link = absolute_url(path)
    company = invitation.company.name
    body = _(
        "%(inviter)s mengundang Anda mengelola lowongan %(company)s di Siap Kerja.\n"
        "Masuk (atau daftar) dengan alamat email ini, lalu buka tautan berikut "
        "(berlaku 7 hari):\n%(link)s\n"
    ) % {"inviter": inviter.get_full_name() or inviter.email, "company": company, "link": link}
    notifications.send_email(
        invitation.email,
        _("Undangan bergabung dengan %(company)s") % {"company": company},
        body,
        idempotency_key=f"jobs.invitation:{invitation.pk}",
    )


# --- to seekers --------------------------------------------------------------------------------
STAGE_TEXT = {
    Application.Stage.SHORTLISTED: _("Lamaran Anda untuk %(title)s lolos seleksi berkas."),
    Application.Stage.INTERVIEW: _("Anda diundang wawancara untuk %(title)s."),
    Application.Stage.OFFERED: _("%(company)s menawarkan pekerjaan %(title)s kepada Anda."),
    Application.Stage.HIRED: _("Selamat! Anda diterima bekerja sebagai %(title)s."),
    Application.Stage.NOT_SELECTED: _("Lamaran Anda untuk %(title)s tidak dilanjutkan."),
}


def stage_changed(application: Application, event) -> None:
    if application.seeker is None:
        return
    vacancy = application.vacancy
    values = {"title": vacancy.title, "company": vacancy.company.name}
    body = str(STAGE_TEXT.get(application.stage, _("Tahap lamaran Anda berubah."))) % values
    if event.message:
        body += "\n\n" + _("Pesan dari %(company)s:") % values + "\n" + event.message
    notifications.notify(
        application.seeker,
        "jobs.stage_changed",
        _("Lamaran %(title)s: %(stage)s")
        % {"title": vacancy.title, "stage": application.get_stage_display()},
        body,
        url=_resident("my_application", application.pk),
        idempotency_key=f"jobs.stage_changed:{event.pk}",
    )


def closing_soon(vacancy: Vacancy, days_left: int) -> int:
    """Remind the company's members; returns how many were told for the first time."""
    when = _("hari ini") if days_left <= 0 else _("dalam %(days)s hari") % {"days": days_left}
    subject = _("Lowongan %(title)s ditutup %(when)s") % {"title": vacancy.title, "when": when}
    body = _(
        "Lowongan %(title)s ditutup %(day)s. Perpanjang tanggal tutupnya bila masih mencari "
        "pelamar, atau tandai terisi."
    ) % {"title": vacancy.title, "day": formats.date_format(vacancy.closes_on, "l, j F Y")}
    told = 0
    for user in _members(vacancy.company):
        key = f"jobs.closing_soon:{vacancy.pk}:{vacancy.closes_on.isoformat()}:{user.pk}"
        if notifications.notices(user).filter(idempotency_key=key).exists():
            continue
        notifications.notify(
            user,
            "jobs.closing_soon",
            subject,
            body,
            url=_resident("vacancy_manage", vacancy.pk),
            idempotency_key=key,
        )
        told += 1
    return told
