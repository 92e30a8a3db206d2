from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from partnership import access, scopes


class GrantForm(forms.Form):
    mentor = forms.TypedChoiceField(label=_("Mentor Tangerang"), coerce=int)
    hours = forms.IntegerField(
        label=_("Lama akses (jam)"), min_value=1, max_value=access.MAX_HOURS, initial=2
    )
    scope = forms.ChoiceField(label=_("Cakupan"))
    read_only = forms.BooleanField(label=_("Hanya melihat (tanpa mengubah)"), required=False)
    reason = forms.CharField(label=_("Keperluan"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].choices = [(m.pk, f"{m} <{m.email}>") for m in access.mentors()]
        self.fields["scope"].choices = scopes.choices()


class QuestionForm(forms.Form):
    subject = forms.CharField(label=_("Pertanyaan singkat"), max_length=200)
    body = forms.CharField(label=_("Penjelasan"), widget=forms.Textarea(attrs={"rows": 5}))
    attachment = forms.FileField(label=_("Lampiran (maks. 5 MB)"), required=False)


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Pesan"), widget=forms.Textarea(attrs={"rows": 5}))
    attachment = forms.FileField(label=_("Lampiran (maks. 5 MB)"), required=False)


class AnswerForm(ReplyForm):
    knowledge_url = forms.URLField(
        label=_("Artikel basis pengetahuan (URL)"), required=False, assume_scheme="https"
    )
    close = forms.BooleanField(label=_("Tandai selesai"), required=False)


class MentorForm(forms.Form):
    mentor = forms.TypedChoiceField(label=_("Mentor"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].choices = [("", "–")] + [
            (m.pk, f"{m} <{m.email}>") for m in access.mentors()
        ]


class SessionForm(forms.Form):
    scheduled_at = forms.DateTimeField(
        label=_("Jadwal"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    agenda = forms.CharField(label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 3}))


class SessionNotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    follow_up = forms.CharField(
        label=_("Tindak lanjut"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnnouncementForm(forms.Form):
    title = forms.CharField(label=_("Judul"), max_length=200)
    body = forms.CharField(label=_("Isi"), widget=forms.Textarea(attrs={"rows": 5}))
    ends_at = forms.DateTimeField(
        label=_("Tampil sampai (kosongkan bila tanpa batas)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
