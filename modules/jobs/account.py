""" "Akun saya" of Siap Kerja: the resident's applications and companies, their data
download, and what is removed when they delete their account."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.providers import AccountItem, AccountSection
from modules.jobs import alerts, cards, selectors
from modules.jobs.models import CompanyInvitation, SeekerProfile


def account_section(user) -> AccountSection | None:
    applications = list(selectors.applications_of(user)[:20])
    items = [
        AccountItem(
            text=_("%(title)s · %(company)s")
            % {"title": a.vacancy.title, "company": a.vacancy.company.name},
            url=reverse("module-jobs:my_application", args=[a.pk]),
            status=a.get_stage_display(),
        )
        for a in applications
    ]
    items += [
        AccountItem(
            text=_("Perusahaan: %(name)s") % {"name": company.name},
            url=reverse("module-jobs:company", args=[company.pk]),
            status=company.get_status_display(),
        )
        for company in selectors.companies_of(user)
    ]
    items += [
        AccountItem(
            text=_("Kartu AK/1 %(number)s") % {"number": card.number or ""},
            url=reverse("module-jobs:cards"),
            status=card.get_status_display(),
        )
        for card in cards.cards_of(user)
    ]
    return AccountSection(
        title=_("Lamaran kerja (Siap Kerja)"),
        items=items,
        empty_text=_("Anda belum melamar pekerjaan. Cari lowongan di Siap Kerja."),
        url=reverse("module-jobs:my_applications"),
    )


def personal_data(user) -> dict:
    profile = selectors.profile_of(user)
    return {
        "profile": None
        if profile is None
        else {
            "phone": profile.phone,
            "education": profile.education,
            "major": profile.major,
            "skills": profile.skills,
            "experience": profile.experience,
            "area": profile.area.name if profile.area else "",
            "share_phone": profile.share_phone,
            "cv": profile.cv.file_name if selectors.has_cv(profile) else None,
            "photo": bool(profile.photo),
        },
        "applications": [
            {
                "vacancy": a.vacancy.title,
                "company": a.vacancy.company.name,
                "applied_at": a.created_at.isoformat(),
                "stage": a.stage,
                "cover_note": a.cover_note,
                "history": [
                    {"stage": e.stage, "message": e.message, "at": e.at.isoformat()}
                    for e in a.events.all()
                ],
            }
            for a in selectors.applications_of(user)
        ],
        "job_cards": [
            {
                "number": c.number,
                "status": c.status,
                "nik": c.nik,
                "full_name": c.full_name,
                "birth_date": c.birth_date.isoformat(),
                "address": c.address,
                "requested_at": c.requested_at.isoformat(),
                "valid_until": c.valid_until.isoformat() if c.valid_until else None,
                "placed_with": c.placed_with,
                "report_due_on": c.report_due_on.isoformat() if c.report_due_on else None,
                "reports": [
                    {
                        "reported_at": r.reported_at.isoformat(),
                        "still_looking": r.still_looking,
                        "employer": r.employer,
                        "note": r.note,
                    }
                    for r in c.reports.all()
                ],
            }
            for c in cards.cards_of(user)
        ],
        "saved_searches": [
            {"label": s.label, "query": s.query, "created_at": s.created_at.isoformat()}
            for s in alerts.searches_of(user)
        ],
        "companies": [
            {"name": c.name, "nib": c.nib, "status": c.status} for c in selectors.companies_of(user)
        ],
    }


def erase(user) -> None:
    """The profile, CV and photo go; applications stay for the statistics, without the
    seeker (the account's deletion empties their link) and without what the seeker wrote.
    AK/1 cards and their reports go with the account (they hold the NIK)."""
    profile = SeekerProfile.objects.filter(user=user).exclude(photo="").first()
    if profile is not None:
        storage, name = profile.photo.storage, profile.photo.name
        transaction.on_commit(lambda: storage.delete(name))
    SeekerProfile.objects.filter(user=user).delete()
    selectors.applications_of(user).update(cover_note="")
    CompanyInvitation.objects.filter(email__iexact=user.email, accepted_at__isnull=True).delete()
