from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.catalogues import CatalogueError, compile_po, po_files


class Command(BaseCommand):
    help = (
        "Compile every translation catalogue (LOCALE_PATHS/<lang>/LC_MESSAGES/*.po) to its "
        ".mo in pure Python, as `msgfmt --no-hash` would; no GNU gettext needed. Entries "
        "that are untranslated or fuzzy are left out and counted."
    )
    requires_system_checks = []

    def handle(self, *args, **options):
        found = po_files(settings.LOCALE_PATHS)
        if not found:
            raise CommandError(f"No .po files under {', '.join(map(str, settings.LOCALE_PATHS))}.")
        for po_path in found:
            try:
                mo_path, entries = compile_po(po_path)
            except CatalogueError as error:
                raise CommandError(str(error)) from error
            current = [entry for entry in entries if not entry.obsolete and entry.msgid]
            fuzzy = sum(entry.fuzzy for entry in current)
            empty = sum(not entry.translated and not entry.fuzzy for entry in current)
            shown = (
                mo_path.relative_to(settings.BASE_DIR)
                if mo_path.is_relative_to(settings.BASE_DIR)
                else mo_path
            )
            line = f"{shown}: {len(current) - fuzzy - empty} messages"
            if fuzzy or empty:
                self.stdout.write(
                    self.style.WARNING(f"{line}, {fuzzy} fuzzy, {empty} untranslated")
                )
            else:
                self.stdout.write(line)
