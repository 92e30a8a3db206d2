#!/usr/bin/env python
"""Django's command-line utility for Sinergi."""

import os
import sys
from pathlib import Path

# platform/ is a source root, not a package: the standard library owns the name `platform`.
ROOT = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT / "platform"), str(ROOT)]


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
