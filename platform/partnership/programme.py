"""Each partner region's onboarding programme (a checklist with progress), its assigned
mentor and its mentoring sessions. Some steps tick themselves from what the region did,
asked of the modules through their api.py, defensively: a module that is not installed
leaves its step for a person to tick."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from django_tenants.utils import schema_context

from audit import api as audit
from modules import gate, registry
from partnership.models import MentoringSession, ProgrammeStep, RegionMentoring

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    module: str = ""  # the module its automatic check needs ("" = the platform's own)
    check: Callable[[], bool] | None = None  # runs in the region's schema


def _any_module_on() -> bool:
    from django.db import connection

    return bool(gate.enabled_keys(connection.schema_name))


def _branding_changed() -> bool:
    from audit.models import AuditEntry

    return AuditEntry.objects.filter(action="themes.change_branding").exists()


def _report_answered() -> bool:
    laksa = import_module("modules.laksa.api")
    return any(score.answered for score in laksa.scorecard(days=3650))


def _vacancy_open() -> bool:
    jobs = import_module("modules.jobs.api")
    return jobs.open_vacancy_count() > 0


def _letter_signed() -> bool:
    eoffice = import_module("modules.eoffice.api")
    return bool(eoffice.signed_letter_count())


STEPS = (
    Step("mou_signed", _("MoU/PKS ditandatangani")),
    Step("admin_trained", _("Admin daerah dilatih")),
    Step("first_module_on", _("Modul pertama aktif"), check=_any_module_on),
    Step("branding_done", _("Tampilan situs disesuaikan"), check=_branding_changed),
    Step("first_report_answered", _("Laporan LAKSA pertama ditanggapi"), "laksa", _report_answered),
    Step("first_vacancy", _("Lowongan Siap Kerja pertama tayang"), "jobs", _vacancy_open),
    Step(
        "first_letter_signed", _("Surat e-Office pertama ditandatangani"), "eoffice", _letter_signed
    ),
    Step("first_session", _("Sesi pendampingan pertama")),
)


def step(key: str) -> Step:
    found = next((s for s in STEPS if s.key == key), None)
    if found is None:
        raise ValidationError(_("Langkah program tidak dikenal."))
    return found


def automatic(s: Step) -> bool:
    """Can this step tick itself here (its check exists and its module is installed)?"""
    return s.check is not None and (not s.module or registry.exists(s.module))


def checklist(region) -> list[dict]:
    ticked = {t.step: t for t in ProgrammeStep.objects.filter(region=region)}
    return [{"step": s, "tick": ticked.get(s.key), "automatic": automatic(s)} for s in STEPS]


def progress(region) -> tuple[int, int]:
    keys = {s.key for s in STEPS}
    done = ProgrammeStep.objects.filter(region=region, step__in=keys).count()
    return done, len(STEPS)


def progress_of_all() -> dict[int, int]:
    from django.db.models import Count

    keys = [s.key for s in STEPS]
    return dict(
        ProgrammeStep.objects.filter(step__in=keys)
        .values_list("region")
        .annotate(n=Count("pk"))
        .values_list("region", "n")
    )


# --- writes ---------------------------------------------------------------------------------
def tick_automatic(region) -> list[str]:
    """Tick the steps the region's own data shows done (idempotent); keys newly ticked."""
    done = set(ProgrammeStep.objects.filter(region=region).values_list("step", flat=True))
    found = []
    with schema_context(region.schema_name):
        for s in STEPS:
            if s.key in done or not automatic(s):
                continue
            if s.module and not gate.is_enabled(s.module, region.schema_name):
                continue
            try:
                if s.check():
                    found.append(s.key)
            except Exception:
                log.exception("programme check failed", extra={"region": region.schema_name})
    for key in found:
        try:
            with transaction.atomic():
                ProgrammeStep.objects.create(region=region, step=key, automatic=True)
        except IntegrityError:  # ticked meanwhile by someone else
            pass
    return found


def tick(region, key: str, *, actor, request=None) -> ProgrammeStep:
    step(key)
    with transaction.atomic():
        ticked, _created = ProgrammeStep.objects.get_or_create(
            region=region, step=key, defaults={"done_by_name": str(actor)}
        )
        audit.record("partnership.tick_step", actor=actor, obj=ticked, request=request)
    return ticked


def untick(region, key: str, *, actor, request=None) -> None:
    step(key)
    with transaction.atomic():
        ProgrammeStep.objects.filter(region=region, step=key).delete()
        audit.record(
            "partnership.untick_step",
            actor=actor,
            request=request,
            details={"region": region.slug, "step": key},
        )


def assign_mentor(region, mentor, *, actor, request=None) -> RegionMentoring:
    from partnership.access import mentors

    if mentor is not None and mentor.pk not in {m.pk for m in mentors()}:
        raise ValidationError(_("Pilih mentor Tangerang yang terdaftar."))
    with transaction.atomic():
        assignment, _created = RegionMentoring.objects.update_or_create(
            region=region, defaults={"mentor": mentor}
        )
        audit.record(
            "partnership.assign_mentor",
            actor=actor,
            obj=assignment,
            request=request,
            details={"mentor": getattr(mentor, "email", "")},
        )
    return assignment


def schedule_session(region, *, scheduled_at, agenda: str, actor, request=None):
    with transaction.atomic():
        session = MentoringSession.objects.create(
            region=region, mentor=actor, scheduled_at=scheduled_at, agenda=agenda
        )
        audit.record("partnership.schedule_session", actor=actor, obj=session, request=request)
    return session


def record_session(session, *, notes: str, follow_up: str, actor, request=None):
    with transaction.atomic():
        session.notes, session.follow_up = notes, follow_up
        session.save(update_fields=["notes", "follow_up"])
        if notes.strip():
            ProgrammeStep.objects.get_or_create(
                region=session.region,
                step="first_session",
                defaults={"done_by_name": str(actor), "automatic": True},
            )
        audit.record("partnership.record_session", actor=actor, obj=session, request=request)
    return session
