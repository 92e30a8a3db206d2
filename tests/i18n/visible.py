"""What a person reads on a page, and which of it is still Indonesian interface text.

A page is read as text chunks: every text node (whitespace collapsed) and every attribute a
person reads or hears (aria-label, alt, title, placeholder, meta description, button
values). Scripts and styles are not read; the title, description and labels of an inline
SVG chart are, as a screen reader reads them.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings

from core.catalogues import Entry, read_po

READ_ATTRIBUTES = {"aria-label", "alt", "title", "placeholder"}
SKIPPED_ELEMENTS = {"script", "style"}
PUNCTUATION = " :·.,;()–-=▲▼"
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%%")


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_ELEMENTS:
            self._skipping += 1
        values = dict(attrs)
        for name in READ_ATTRIBUTES & values.keys():
            self._add(values[name])
        if tag == "meta" and values.get("name") == "description":
            self._add(values.get("content"))
        if tag == "input" and values.get("type") in ("submit", "button"):
            self._add(values.get("value"))

    def handle_endtag(self, tag):
        if tag in SKIPPED_ELEMENTS and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping:
            self._add(data)

    def _add(self, text):
        text = " ".join((text or "").split())
        if text:
            self.chunks.append(text)


def chunks(html: str) -> list[str]:
    """The page's readable text, chunk by chunk, in document order."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.chunks


def english_catalogue() -> list[Entry]:
    path = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"
    return [entry for entry in read_po(path) if entry.msgid and not entry.obsolete]


class InterfaceText:
    """Recognises the catalogue's Indonesian msgids in page text. Placeholders (%(name)s)
    match anything. A chunk is interface text when it, or a part of it between "·"
    separators, is one msgid (give or take punctuation around it); a msgid of three words
    or more is also found inside a longer chunk, e.g. a sentence after a date."""

    def __init__(self, entries: list[Entry]):
        self.whole: list[tuple[str, re.Pattern]] = []
        self.inside: list[tuple[str, re.Pattern]] = []
        for entry in entries:
            if entry.msgstr == [entry.msgid] * len(entry.msgstr):
                continue  # the same in English ("Email", "SMS", "kg")
            for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                pattern = _pattern(msgid)
                self.whole.append((msgid, re.compile(rf"(?:{pattern})", re.S)))
                if len(_PLACEHOLDER.sub("", msgid).split()) >= 3:
                    self.inside.append((msgid, re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.S)))

    def found_in(self, chunk: str) -> set[str]:
        """The msgids this chunk shows."""
        found = set()
        pieces = {chunk, *chunk.split("·")}  # "Banten · kota pembina"
        for candidate in {piece.strip(s) for piece in pieces for s in (" ", PUNCTUATION)}:
            found.update(m for m, p in self.whole if candidate and p.fullmatch(candidate))
        found.update(m for m, p in self.inside if p.search(chunk))
        return found


def _pattern(msgid: str) -> str:
    """A regular expression for the text a msgid renders: its words, any placeholder value."""
    parts, at = [], 0
    for match in _PLACEHOLDER.finditer(msgid):
        parts.append(_words(msgid[at : match.start()]))
        parts.append("%" if match.group(0) == "%%" else ".+?")
        at = match.end()
    parts.append(_words(msgid[at:]))
    return "".join(parts)


def _words(text: str) -> str:
    # Templates may wrap a message over lines; the page shows it with collapsed spaces.
    return r"\s+".join(re.escape(word) for word in text.split(" "))
