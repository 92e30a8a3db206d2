"""Saved searches and their email alerts: the only write path for them.

A signed-in resident keeps a search from the vacancy list; once a day every saved search of
the region is run again and its owner is told (email and in-app) of the vacancies published
since the last check. The notice's key holds the search and the region's date, so a re-run
on the same day tells nobody twice.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from modules.jobs import forms, selectors
from modules.jobs.models import SavedSearch
from notifications import api as notifications

MAX_SEARCHES = 10
MAX_LISTED = 10


def searches_of(user) -> QuerySet[SavedSearch]:
    return SavedSearch.objects.filter(user=user)


def _form(query: dict) -> forms.SearchForm:
    data = QueryDict(mutable=True)
    for key, value in query.items():
        data[key] = value
    return forms.SearchForm(data)


def describe(form: forms.SearchForm) -> str:
    """The search in words: `“kasir” · Perdagangan besar dan eceran · Kec. Serpong`."""
    form.is_valid()
    data = {k: v for k, v in getattr(form, "cleaned_data", {}).items() if k not in form.errors}
    parts = [f"“{data['q']}”"] if data.get("q") else []
    for name in ("sector", "education", "job_type"):
        if data.get(name):
            parts.append(str(dict(form.fields[name].choices)[data[name]]))
    if data.get("salary"):
        parts.append(
            _("gaji mulai %(amount)s")
            % {"amount": form.fields["salary"].prepare_value(data["salary"])}
        )
    if data.get("area"):
        parts.append(_("Kec. %(name)s") % {"name": data["area"].name})
    if data.get("disability_friendly"):
        parts.append(_("ramah disabilitas"))
    return " · ".join(parts) or _("Semua lowongan")


@transaction.atomic
def save_search(user, params: QueryDict) -> SavedSearch:
    form = forms.SearchForm(params)
    query = {name: params.get(name) for name in form.fields if params.get(name)}
    if not query:
        raise ValidationError(_("Isi kata kunci atau saringan dulu, lalu simpan pencariannya."))
    if searches_of(user).count() >= MAX_SEARCHES:
        raise ValidationError(
            _("Paling banyak %(n)s pencarian tersimpan; hapus salah satu dulu.")
            % {"n": MAX_SEARCHES}
        )
    existing = searches_of(user).filter(query=query).first()
    if existing is not None:
        return existing
    return SavedSearch.objects.create(
        user=user, query=query, label=describe(form)[:300], checked_at=timezone.now()
    )


def delete_search(search: SavedSearch) -> None:
    search.delete()


def send_alerts() -> int:
    """In the current region: tell each saved search's owner of vacancies new since the last
    check. Returns how many people were told."""
    told = 0
    for search in SavedSearch.objects.select_related("user").order_by("pk"):
        told += _alert(search)
    return told


@transaction.atomic
def _alert(search: SavedSearch) -> int:
    search = SavedSearch.objects.select_for_update().get(pk=search.pk)
    now = timezone.now()
    new = list(
        selectors.search(_form(search.query).filters())
        .filter(published_at__gt=search.checked_at, published_at__lte=now)
        .order_by("published_at")[: MAX_LISTED + 1]
    )
    search.checked_at = now
    search.save(update_fields=["checked_at"])
    if not new:
        return 0
    key = f"jobs.alert:{search.pk}:{selectors.region_today().isoformat()}"
    if notifications.notices(search.user).filter(idempotency_key=key).exists():
        return 0
    shown = new[:MAX_LISTED]
    lines = [f"- {v.title}, {v.company.name}" for v in shown]
    if len(new) > MAX_LISTED:
        lines.append(_("… dan lainnya."))
    count = len(shown)
    subject = ngettext(
        "%(n)s lowongan baru: %(label)s", "%(n)s lowongan baru: %(label)s", count
    ) % {"n": count, "label": search.label}
    body = _("Lowongan baru yang cocok dengan pencarian Anda:") + "\n" + "\n".join(lines)
    body += "\n\n" + _("Berhenti menerima email ini di halaman Pencarian tersimpan.")
    notifications.notify(
        search.user,
        "jobs.alert",
        subject,
        body,
        url=f"{reverse('module-jobs:index')}?{_form(search.query).data.urlencode()}",
        channels=("inapp", "email"),
        idempotency_key=key,
    )
    return 1
