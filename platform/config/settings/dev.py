"""Development: `make run` on a laptop or a fresh machine."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "dev-only-not-secret-" + "x" * 40)
os.environ.setdefault("EMBEDDED_DATABASE", "true")
os.environ.setdefault("EMAIL_BACKEND", "notifications.mailbox.MailboxBackend")
os.environ.setdefault("DEV_MAIL_VIEWER", "true")
os.environ.setdefault("NOTIFICATIONS_GATEWAY_ALLOW_PRIVATE", "true")
# Links in messages point at the development server's port.
os.environ.setdefault("WAGTAILADMIN_BASE_URL", "http://localhost:8000")

from config.settings.base import *  # noqa: E402,F403

# Static files straight from the apps and themes, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
