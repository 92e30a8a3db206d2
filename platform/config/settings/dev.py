"""Development: `make run` on a laptop or a fresh machine."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "dev-only-not-secret-" + "x" * 40)
os.environ.setdefault("EMBEDDED_DATABASE", "true")
# A fixed, public key for signing keys at rest: never use it for real keys.
os.environ.setdefault("SIGNING_KEY_ENCRYPTION_KEY", "eX31m_z5UXE7W70nr2-b3y_lkPxf1OIfJM9s25lnkpU=")
os.environ.setdefault("EMAIL_BACKEND", "notifications.mailbox.MailboxBackend")
os.environ.setdefault("DEV_MAIL_VIEWER", "true")
os.environ.setdefault("NOTIFICATIONS_GATEWAY_ALLOW_PRIVATE", "true")
# Links in messages point at the development server's port.
os.environ.setdefault("WAGTAILADMIN_BASE_URL", "http://localhost:8000")

from config.settings.base import *  # noqa: E402,F403

# Static files straight from the apps and themes, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
