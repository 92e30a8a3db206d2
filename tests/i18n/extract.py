"""Our own extractor of the messages the code and templates mark for translation.

Why our own, and not only `makemessages` into a temporary folder: it needs no GNU gettext
(xgettext), so the check runs on every machine, and it is stricter where xgettext is blind.
xgettext finds calls by name only (`_`, `gettext`, `gettext_lazy`, ...): a string marked
through an alias such as `gettext_lazy as _lazy` is silently left out of the catalogue and
stays Indonesian in English. Here Python files are read with `ast` and every name imported
from django.utils.translation counts, whatever it is called. Templates go through Django's
own `templatize`, the function makemessages itself uses, so `{% blocktranslate trimmed %}`,
plurals and contexts give exactly the msgids makemessages gives. When xgettext is present,
a test checks that makemessages extracts the same set as this module.
"""

from __future__ import annotations

import ast
import io
import tokenize
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.utils.translation.template import templatize

ROOTS = ("platform", "tenants", "modules", "themes")
TEMPLATE_SUFFIXES = (".html", ".txt")
SKIPPED_FOLDERS = {"migrations", "__pycache__"}

# Which positional arguments are (msgctxt, msgid, msgid_plural), as makemessages tells xgettext.
SIGNATURES = {
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}


class Message(NamedTuple):
    msgid: str
    msgctxt: str | None
    msgid_plural: str | None
    where: str

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)


def source_files() -> list[Path]:
    base = Path(settings.BASE_DIR)
    files = []
    for root in ROOTS:
        for path in sorted((base / root).rglob("*")):
            parts = path.relative_to(base).parts
            if SKIPPED_FOLDERS.intersection(parts) or any(p.startswith(".") for p in parts):
                continue
            if path.is_file() and path.suffix in (".py", *TEMPLATE_SUFFIXES):
                files.append(path)
    return files


def messages() -> list[Message]:
    """Every marked message of the project's code and templates, with where it is."""
    found: list[Message] = []
    for path in source_files():
        where = str(path.relative_to(settings.BASE_DIR))
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".py":
            found += python_messages(text, where)
        else:
            found += template_messages(text, where)
    return found


def _translation_names(tree: ast.AST) -> tuple[dict[str, str], set[str]]:
    """Local names of django.utils.translation's functions, and names of the module."""
    functions = {name: name for name in SIGNATURES}
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            for alias in node.names:
                if alias.name in SIGNATURES:
                    functions[alias.asname or alias.name] = alias.name
        elif isinstance(node, ast.ImportFrom) and node.module == "django.utils":
            modules.update(a.asname or a.name for a in node.names if a.name == "translation")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "django.utils.translation" and alias.asname:
                    modules.add(alias.asname)
    return functions, modules


def _called(node: ast.Call, functions: dict[str, str], modules: set[str]) -> str | None:
    func = node.func
    if isinstance(func, ast.Name):
        return functions.get(func.id)
    if (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id in modules
        and func.attr in SIGNATURES
    ):
        return func.attr
    return None


def python_messages(text: str, where: str) -> list[Message]:
    tree = ast.parse(text)
    functions, modules = _translation_names(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _called(node, functions, modules)
        if name is None:
            continue
        strings = [a.value if _is_str(a) else None for a in node.args]
        message = _message(SIGNATURES[name], strings, f"{where}:{node.lineno}")
        if message is not None:
            found.append(message)
    return found


def _is_str(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _message(signature, strings: list[str | None], where: str) -> Message | None:
    """The message of one call, or None when its msgid is not a literal (as xgettext)."""
    context_at, msgid_at, plural_at = signature
    needed = [i for i in (context_at, msgid_at, plural_at) if i is not None]
    if len(strings) <= max(needed) or any(strings[i] is None for i in needed):
        return None
    return Message(
        msgid=strings[msgid_at],
        msgctxt=None if context_at is None else strings[context_at],
        msgid_plural=None if plural_at is None else strings[plural_at],
        where=where,
    )


def template_messages(text: str, where: str) -> list[Message]:
    """Messages of a template: templatize turns every translate tag into a call such as
    `gettext(u'...')` or `ngettext(u'...', u'...', count)` (each on one line) in a text
    xgettext reads as Python; the calls are read back here with Python's tokenizer."""
    # Python's tokenizer minds indentation; templatize keeps the template's, so it goes.
    flat = "\n".join(line.strip() for line in templatize(text).splitlines())
    tokens = [
        t
        for t in tokenize.generate_tokens(io.StringIO(flat).readline)
        if t.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT)
    ]
    found = []
    for index, token in enumerate(tokens[:-1]):
        if token.type != tokenize.NAME or token.string not in SIGNATURES:
            continue
        if tokens[index + 1].string != "(":
            continue
        strings, position = [], index + 2
        while position + 1 < len(tokens):
            argument = tokens[position]
            is_string = argument.type == tokenize.STRING
            strings.append(ast.literal_eval(argument.string) if is_string else None)
            if tokens[position + 1].string != ",":
                break
            position += 2
        message = _message(SIGNATURES[token.string], strings, f"{where}:{token.start[0]}")
        if message is not None:
            found.append(message)
    return found
