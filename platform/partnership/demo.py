"""The console's demo data for `make run`: the demo partners' mentor, a step or two of
their programme, one answered question, an announcement, and an adoption snapshot taken
last, so the dashboard shows the modules' demo data. Idempotent: each piece is made only
when missing, through the services (with their audit entries), without notifications."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django_tenants.utils import get_public_schema_name, schema_context, tenant_context

from partnership import announcements, programme, snapshot, threads
from partnership.models import Announcement, ProgrammeStep, RegionMentoring, SupportThread

MENTOR_EMAIL = "mentor@sinergi.test"
COORDINATOR_EMAIL = "koordinator@sinergi.test"
PARTNERS = ("tangsel", "balikpapan")
STEPS = {"tangsel": ("mou_signed", "admin_trained"), "balikpapan": ("mou_signed",)}
QUESTION_REGION = "tangsel"
QUESTION = "Bagaimana menambah kategori laporan LAKSA?"
QUESTION_BODY = (
    "Kami ingin menambah kategori “Pohon tumbang” untuk laporan warga. "
    "Apakah bisa dilakukan sendiri oleh admin daerah?"
)
ANSWER_BODY = (
    "Bisa. Buka menu LAKSA: kategori di admin daerah, pilih “Tambah kategori”, lalu isi "
    "nama dan OPD penanggung jawabnya. Kategori baru langsung tampil di formulir warga."
)
ANNOUNCEMENT = "Selamat datang di kemitraan Sinergi"
ANNOUNCEMENT_BODY = (
    "Tim Kota Tangerang siap mendampingi. Ajukan pertanyaan lewat menu “Tanya mentor”; "
    "sesi pendampingan bulanan diadakan setiap Kamis pertama."
)


def load(regions) -> None:
    with schema_context(get_public_schema_name()):
        users = get_user_model().objects
        mentor = users.filter(email=MENTOR_EMAIL).first()
        coordinator = users.filter(email=COORDINATOR_EMAIL).first()
        if mentor is None or coordinator is None:
            return
        partners = {region.slug: region for region in regions if region.slug in PARTNERS}
        for slug, region in partners.items():
            _mentor_and_steps(region, mentor, coordinator, STEPS.get(slug, ()))
        if QUESTION_REGION in partners:
            _answered_question(partners[QUESTION_REGION], mentor)
        if not Announcement.objects.filter(title=ANNOUNCEMENT).exists():
            announcements.publish(title=ANNOUNCEMENT, body=ANNOUNCEMENT_BODY, actor=coordinator)
        snapshot.take_snapshot()


def _mentor_and_steps(region, mentor, coordinator, steps) -> None:
    if not RegionMentoring.objects.filter(region=region, mentor__isnull=False).exists():
        programme.assign_mentor(region, mentor, actor=coordinator)
    done = set(ProgrammeStep.objects.filter(region=region).values_list("step", flat=True))
    for key in steps:
        if key not in done:
            programme.tick(region, key, actor=coordinator)


def _answered_question(region, mentor) -> None:
    if SupportThread.objects.filter(region=region, subject=QUESTION).exists():
        return
    with tenant_context(region):
        admin = get_user_model().objects.filter(email=f"admin@{region.slug}.test").first()
        if admin is None:
            return
        thread = threads.ask(
            subject=QUESTION,
            body=QUESTION_BODY,
            attachment=None,
            actor=admin,
            request=None,
            notify=False,
        )
    threads.answer(
        thread,
        body=ANSWER_BODY,
        attachment=None,
        knowledge_url="",
        close=False,
        actor=mentor,
        request=None,
        notify=False,
    )
