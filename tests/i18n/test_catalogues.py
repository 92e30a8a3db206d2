"""The translation catalogues: complete, current, and compiled by our own compiler exactly
as GNU msgfmt would compile them."""

from __future__ import annotations

import gettext
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from core.catalogues import CatalogueError, compile_po, mo_bytes, parse_po, po_files, read_po
from tests.i18n import extract

LOCALE = Path(settings.LOCALE_PATHS[0])
ENGLISH = LOCALE / "en" / "LC_MESSAGES" / "django.po"
CATALOGUES = po_files(settings.LOCALE_PATHS)


def test_english_is_the_one_catalogue_next_to_the_indonesian_source():
    assert settings.LANGUAGE_CODE == "id"
    assert [code for code, _ in settings.LANGUAGES] == ["id", "en"]
    assert ENGLISH in CATALOGUES


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(LOCALE)))
def test_no_catalogue_has_an_empty_or_fuzzy_translation(po):
    problems = [
        f"{po.name}:{entry.line} {entry.msgid!r}: {'fuzzy' if entry.fuzzy else 'empty'}"
        for entry in read_po(po)
        if not entry.obsolete and (entry.fuzzy or not entry.translated)
    ]

    assert not problems, "Translate these (and drop the fuzzy flag):\n" + "\n".join(problems)


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(LOCALE)))
def test_every_catalogue_is_compiled_and_current(po):
    """Servers read the .mo; `make install` (compile_catalogues) writes it from the .po."""
    mo = po.with_suffix(".mo")

    assert mo.is_file(), f"{mo} is missing: run `make install` or compile_catalogues"
    current = mo.read_bytes() == mo_bytes(read_po(po))
    assert current, f"{mo} is stale: run `make install` or compile_catalogues"


def test_every_message_of_the_code_and_templates_is_in_the_english_catalogue():
    """Our own extractor (tests/i18n/extract.py says why not only makemessages)."""
    catalogue = {(e.msgctxt, e.msgid) for e in read_po(ENGLISH) if not e.obsolete}
    found = extract.messages()

    missing = sorted({f"{m.where}: {m.msgid!r}" for m in found if m.key not in catalogue})

    assert len(found) > 500  # the extractor does find the project's messages
    assert not missing, "Run `make messages`, then translate:\n" + "\n".join(missing)


def test_the_extractor_sees_messages_xgettext_would_miss():
    """A string marked through an alias of gettext_lazy reaches no catalogue by makemessages;
    the extractor finds it, so the completeness test above fails until it is fixed."""
    code = (
        "from django.utils.translation import gettext_lazy as _lazy, pgettext\n"
        "from django.utils import translation\n"
        "A = _lazy('Tersembunyi')\n"
        "B = pgettext('bulan', 'Mei')\n"
        "C = translation.ngettext('%(n)s hari', '%(n)s hari', 2)\n"
        "D = _lazy(variable)\n"
    )

    found = extract.python_messages(code, "contoh.py")

    assert [(m.msgctxt, m.msgid, m.msgid_plural) for m in found] == [
        (None, "Tersembunyi", None),
        ("bulan", "Mei", None),
        (None, "%(n)s hari", "%(n)s hari"),
    ]


def test_the_extractor_reads_templates_as_makemessages_does():
    template = (
        "{% load i18n %}{% translate 'Simpan' %}"
        '{% translate "Mei" context "bulan" %}'
        "{% blocktranslate trimmed with n=x %}\n  Halaman {{ n }}\n  dari semua\n"
        "{% endblocktranslate %}"
        "{% blocktranslate count counter=c %}{{ counter }} pasar{% plural %}{{ counter }} pasar"
        "{% endblocktranslate %}"
        '{{ value|yesno:_("ya,tidak") }}'
    )

    found = extract.template_messages(template, "contoh.html")

    assert [(m.msgctxt, m.msgid, m.msgid_plural) for m in found] == [
        (None, "Simpan", None),
        ("bulan", "Mei", None),
        (None, "Halaman %(n)s dari semua", None),
        (None, "%(counter)s pasar", "%(counter)s pasar"),
        (None, "ya,tidak", None),
    ]


@pytest.mark.skipif(not shutil.which("xgettext"), reason="GNU gettext (xgettext) is not installed")
def test_makemessages_extracts_exactly_what_our_extractor_finds(tmp_path, settings, monkeypatch):
    """Keeps the extractor honest: on a copy of the code (makemessages writes temporary
    files beside templates), Django's makemessages finds the same messages."""
    for root in extract.ROOTS:
        shutil.copytree(
            Path(settings.BASE_DIR) / root,
            tmp_path / root,
            ignore=shutil.ignore_patterns("__pycache__", "migrations"),
        )
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)

    call_command("makemessages", locale=["en"], verbosity=0)

    made = read_po(tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.po")
    by_makemessages = {(e.msgctxt, e.msgid) for e in made if e.msgid}
    assert by_makemessages == {m.key for m in extract.messages()}


# --- the compiler ------------------------------------------------------------------------
SAMPLE = r"""# A sample with every construct the compiler must handle.
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"POT-Creation-Date: 2026-11-22 10:00+0700\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

#: a.py
#, python-format
msgid "Halo %(name)s"
msgstr "Hello %(name)s"

msgctxt "bulan"
msgid "Mei"
msgstr "May"

msgid "Mei"
msgstr "May (the word)"

msgid ""
"Baris satu\n"
"baris \"dua\"\t\\ selesai"
msgstr ""
"Line one\n"
"line \"two\"\t\\ done, café"

msgid "%(counter)s pasar"
msgid_plural "%(counter)s pasar"
msgstr[0] "%(counter)s market"
msgstr[1] "%(counter)s markets"

#, fuzzy
msgid "Kabur"
msgstr "Blurred"

msgid "Kosong"
msgstr ""

#~ msgid "Lama"
#~ msgstr "Old"
"""


def _translations(mo: bytes) -> gettext.GNUTranslations:
    return gettext.GNUTranslations(io.BytesIO(mo))


def test_the_compiler_handles_context_plurals_multiline_strings_and_escapes():
    english = _translations(mo_bytes(parse_po(SAMPLE)))

    assert english.gettext("Halo %(name)s") == "Hello %(name)s"
    assert english.pgettext("bulan", "Mei") == "May"
    assert english.gettext("Mei") == "May (the word)"
    assert english.gettext('Baris satu\nbaris "dua"\t\\ selesai') == (
        'Line one\nline "two"\t\\ done, café'
    )
    assert english.ngettext("%(counter)s pasar", "%(counter)s pasar", 1) == "%(counter)s market"
    assert english.ngettext("%(counter)s pasar", "%(counter)s pasar", 3) == "%(counter)s markets"


def test_fuzzy_empty_and_obsolete_entries_are_left_out_as_msgfmt_does():
    english = _translations(mo_bytes(parse_po(SAMPLE)))

    assert english.gettext("Kabur") == "Kabur"
    assert english.gettext("Kosong") == "Kosong"
    assert english.gettext("Lama") == "Lama"
    assert "POT-Creation-Date" not in english.gettext("")  # as msgfmt: reproducible builds


@pytest.mark.parametrize(
    "text, problem",
    [
        ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', "<po>:4: 'a' is already at line 1"),
        ('msgid "a"\n', "<po>:1: msgid without msgstr"),
        ('msgid "a"\nmsgstr ""\n"b\n', "<po>:3: expected a quoted string"),
        ('msgid "a"\nmsgstr "b"c"\n', "<po>:2: unescaped quote"),
        ('msgid "a"\nmsgstrr "b"\n', "<po>:2: cannot read"),
        (
            '"Plural-Forms: nplurals=2;"\n',
            "<po>:1: a string outside any msgid or msgstr",
        ),
        (
            'msgid ""\nmsgstr "Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
            'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\n',
            "<po>:4: 1 plural forms, the header says 2",
        ),
    ],
)
def test_a_broken_catalogue_is_refused_with_its_line(text, problem):
    from core.catalogues import check

    with pytest.raises(CatalogueError) as refused:
        check(parse_po(text))

    assert str(refused.value).startswith(problem)


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="GNU gettext (msgfmt) is not installed")
@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(LOCALE)))
def test_our_compiler_writes_what_msgfmt_writes_for_the_real_catalogue(po, tmp_path):
    """Byte for byte against `msgfmt --no-hash`; and the same messages as plain msgfmt
    (which adds a hash table only C's gettext reads)."""
    ours, _ = compile_po(po, tmp_path / "ours.mo")
    subprocess.run(["msgfmt", "--no-hash", "-o", tmp_path / "gnu.mo", po], check=True)
    subprocess.run(["msgfmt", "-o", tmp_path / "hashed.mo", po], check=True)

    assert ours.read_bytes() == (tmp_path / "gnu.mo").read_bytes()
    hashed = gettext.GNUTranslations((tmp_path / "hashed.mo").open("rb"))
    assert _translations(ours.read_bytes())._catalog == hashed._catalog


def test_the_command_compiles_every_catalogue_and_counts_its_messages(tmp_path, settings):
    folder = tmp_path / "locale" / "en" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "django.po").write_text(SAMPLE, encoding="utf-8")
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    out = io.StringIO()

    call_command("compile_catalogues", stdout=out)

    english = _translations((folder / "django.mo").read_bytes())
    assert english.pgettext("bulan", "Mei") == "May"
    assert "django.mo: 5 messages, 1 fuzzy, 1 untranslated" in out.getvalue()
