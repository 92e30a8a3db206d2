"""`python manage.py startmodule <key>`: a working module from modules/_scaffold/."""

from __future__ import annotations

import keyword
import re
from pathlib import Path
from string import Template

from django.core.management.base import BaseCommand, CommandError

from modules import registry

SCAFFOLD = Path(__file__).resolve().parents[2] / "_scaffold"
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,29}$")


class Command(BaseCommand):
    help = "Create modules/<key>/: manifest, model, migration, services, pages, admin pages."

    def add_arguments(self, parser):
        parser.add_argument("key", help="Lower-case identifier, e.g. parks")
        parser.add_argument("--name", help="Human name, e.g. 'Taman Kota' (default: from the key)")
        parser.add_argument(
            "--directory",
            default=str(Path(__file__).resolve().parents[2]),
            help="Where to create it (default: modules/)",
        )

    def handle(self, *args, key: str, name: str | None, directory: str, **options):
        _check_key(key)
        target = Path(directory) / key
        if target.exists():
            raise CommandError(f"{target} already exists.")
        values = {
            "key": key,
            "name": name or key.replace("_", " ").title(),
            "Class": "".join(part.title() for part in key.split("_")),
        }
        for source in sorted(SCAFFOLD.rglob("*")):
            if source.is_file():
                _render(source, target, values)
        self.stdout.write(self.style.SUCCESS(f"Module {key} created in {target}."))
        self.stdout.write(
            f"Next: fill in modules/{key}/manifest.py, change models.py and run "
            f"`manage.py makemigrations {key}`, then `make test` (the contract test covers it). "
            "See docs/writing-a-module.md."
        )


def _check_key(key: str) -> None:
    if not KEY_PATTERN.match(key) or keyword.iskeyword(key):
        raise CommandError(
            "The key must be 2–30 lower-case letters, digits or _, starting with a letter."
        )
    if registry.exists(key):
        raise CommandError(f"A module with the key {key!r} already exists.")


def _render(source: Path, target: Path, values: dict[str, str]) -> None:
    relative = Template(str(source.relative_to(SCAFFOLD))).substitute(values)
    destination = target / relative.removesuffix("-tpl")
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_text(Template(source.read_text()).safe_substitute(values))
