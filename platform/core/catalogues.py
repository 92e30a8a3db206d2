"""Translation catalogues: .po files read, checked and compiled to .mo in pure Python.

GNU gettext's msgfmt is not on every machine, so `manage.py compile_catalogues` (run by
`make install`) compiles with this module. It writes what `msgfmt --no-hash` writes: the
translated entries (fuzzy, untranslated and obsolete ones left out) sorted by their key,
with no hash table (Python's gettext never reads it; GNU's falls back to binary search).

The .mo layout (GNU gettext manual, "The Format of GNU MO Files"): seven 32-bit words
(magic, revision 0, number of strings N, offset of the table of originals, offset of the
table of translations, hash table size, hash table offset), then two tables of N
(length, offset) pairs, then the strings, each followed by a NUL. A key is
`msgctxt EOT msgid`, plural forms are joined by NUL (`msgid NUL msgid_plural`,
`msgstr[0] NUL msgstr[1]`).
"""

from __future__ import annotations

import os
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path

MAGIC = 0x950412DE
CONTEXT_SEPARATOR = "\x04"

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|.)", re.S)
_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")\s*$")
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


class CatalogueError(ValueError):
    """A .po file that cannot be compiled; the message names the file and line."""


@dataclass
class Entry:
    msgid: str = ""
    msgstr: list[str] = field(default_factory=list)
    msgctxt: str | None = None
    msgid_plural: str | None = None
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False
    line: int = 0

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr)

    @property
    def key(self) -> str:
        key = self.msgid if self.msgid_plural is None else f"{self.msgid}\0{self.msgid_plural}"
        return key if self.msgctxt is None else f"{self.msgctxt}{CONTEXT_SEPARATOR}{key}"


def _unescape(match: re.Match) -> str:
    code = match.group(1)
    if code[0] == "x":
        return chr(int(code[1:], 16))
    if code[0] in "01234567":
        return chr(int(code, 8))
    return _ESCAPES.get(code, code)


def _literal(text: str, where: str) -> str:
    """The value of one quoted PO string, e.g. `"a \\"b\\"\\n"`."""
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise CatalogueError(f"{where}: expected a quoted string, found {text!r}")
    body = text[1:-1]
    if re.search(r'(?<!\\)(?:\\\\)*"', body):
        raise CatalogueError(f"{where}: unescaped quote in {text!r}")
    return _ESCAPE.sub(_unescape, body)


def parse_po(text: str, name: str = "<po>") -> list[Entry]:
    """Every entry of a PO file, the header (msgid "") included, in file order."""
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int | None] | None = None  # the field continuation lines extend
    seen_keyword = False

    def finish():
        nonlocal entry, target, seen_keyword
        if seen_keyword:
            if not entry.msgstr:
                raise CatalogueError(f"{name}:{entry.line}: msgid without msgstr")
            entries.append(entry)
        entry, target, seen_keyword = Entry(), None, False

    for number, raw in enumerate(text.splitlines(), start=1):
        where = f"{name}:{number}"
        line = raw.strip()
        obsolete = line.startswith("#~")  # kept by makemessages for reference, not compiled
        if obsolete:
            line = line[2:].strip()
            if not line or line.startswith("|"):
                continue
        if not line:
            finish()
            continue
        if line.startswith("#"):
            if entry.msgstr:
                finish()
            if line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
            continue
        if line.startswith('"'):
            if target is None:
                raise CatalogueError(f"{where}: a string outside any msgid or msgstr")
            _append(entry, target, _literal(line, where))
            continue
        match = _KEYWORD.match(line)
        if match is None:
            raise CatalogueError(f"{where}: cannot read {raw!r}")
        keyword, index, quoted = match.group(1), match.group(2), match.group(3)
        value = _literal(quoted, where)
        if keyword in ("msgctxt", "msgid") and entry.msgstr:
            finish()  # a new entry without a blank line before it
        entry.obsolete = entry.obsolete or obsolete
        if not seen_keyword:
            entry.line = number
        seen_keyword = True
        if keyword == "msgctxt":
            entry.msgctxt, target = value, ("msgctxt", None)
        elif keyword == "msgid":
            entry.msgid, target = value, ("msgid", None)
        elif keyword == "msgid_plural":
            entry.msgid_plural, target = value, ("msgid_plural", None)
        else:
            position = 0 if index is None else int(index)
            if position != len(entry.msgstr):
                raise CatalogueError(f"{where}: msgstr[{position}] out of order")
            entry.msgstr.append(value)
            target = ("msgstr", position)
    finish()
    return entries


def _append(entry: Entry, target: tuple[str, int | None], value: str) -> None:
    name, index = target
    if name == "msgstr":
        entry.msgstr[index] += value
    else:
        setattr(entry, name, getattr(entry, name) + value)


def plural_count(entries: list[Entry]) -> int | None:
    """nplurals from the header's Plural-Forms, or None without one."""
    for entry in entries:
        if entry.msgid == "" and entry.msgctxt is None and entry.msgstr:
            found = _NPLURALS.search(entry.msgstr[0])
            return int(found.group(1)) if found else None
    return None


def check(entries: list[Entry], name: str = "<po>") -> None:
    """Refuse what msgfmt refuses: the same key twice, a wrong number of plural forms."""
    nplurals = plural_count(entries)
    seen: dict[str, int] = {}
    for entry in entries:
        if entry.obsolete:
            continue
        if entry.key in seen:
            raise CatalogueError(
                f"{name}:{entry.line}: {entry.msgid!r} is already at line {seen[entry.key]}"
            )
        seen[entry.key] = entry.line
        forms = len(entry.msgstr)
        if entry.msgid_plural is None and forms != 1:
            raise CatalogueError(f"{name}:{entry.line}: msgstr[] without msgid_plural")
        if entry.msgid_plural is not None and nplurals is not None and forms != nplurals:
            raise CatalogueError(
                f"{name}:{entry.line}: {forms} plural forms, the header says {nplurals}"
            )


def _compiled_text(entry: Entry) -> str:
    text = "\0".join(entry.msgstr)
    if entry.key == "":
        # msgfmt leaves the header's POT-Creation-Date out: the build stays reproducible
        # when only makemessages' timestamp changed.
        text = re.sub(r"^POT-Creation-Date:[^\n]*\n", "", text, flags=re.M)
    return text


def mo_bytes(entries: list[Entry]) -> bytes:
    """The compiled catalogue: translated, current, non-fuzzy entries only."""
    pairs = sorted(
        (entry.key.encode(), _compiled_text(entry).encode())
        for entry in entries
        if entry.translated and not entry.fuzzy and not entry.obsolete
    )
    count = len(pairs)
    originals_at = 7 * 4
    translations_at = originals_at + count * 8
    strings_at = translations_at + count * 8
    tables: list[int] = []
    blob = bytearray()
    for column in (0, 1):
        for pair in pairs:
            tables += [len(pair[column]), strings_at + len(blob)]
            blob += pair[column] + b"\0"
    header = [MAGIC, 0, count, originals_at, translations_at, 0, strings_at]
    originals = tables[: count * 2]
    translations = tables[count * 2 :]
    return struct.pack(f"<{7 + count * 4}I", *header, *originals, *translations) + bytes(blob)


def read_po(path: Path) -> list[Entry]:
    entries = parse_po(path.read_text(encoding="utf-8"), str(path))
    check(entries, str(path))
    return entries


def compile_po(po_path: Path, mo_path: Path | None = None) -> tuple[Path, list[Entry]]:
    """Write the .mo beside the .po (atomically: servers may be reading the old one)."""
    mo_path = mo_path or po_path.with_suffix(".mo")
    entries = read_po(po_path)
    temporary = mo_path.with_name(f".{mo_path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(mo_bytes(entries))
    os.replace(temporary, mo_path)
    return mo_path, entries


def po_files(locale_dirs) -> list[Path]:
    return sorted(po for folder in locale_dirs for po in Path(folder).glob("*/LC_MESSAGES/*.po"))
