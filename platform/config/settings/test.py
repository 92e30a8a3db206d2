"""Tests: the same settings as development, on a per-run copy of the database."""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "test-only-not-secret-" + "x" * 40)
os.environ.setdefault("EMBEDDED_DATABASE", "true")
# A fixed, public key for signing keys at rest: never use it for real keys.
os.environ.setdefault("SIGNING_KEY_ENCRYPTION_KEY", "H1RPa9wRSOwtFeH78GOYV94bDJM8ajzozqHXl3HMlPI=")
# Processes the tests start (worker, live server) write mail where the tests can read it;
# the test process itself gets Django's locmem backend from the test environment.
os.environ.setdefault("EMAIL_BACKEND", "notifications.mailbox.MailboxBackend")
os.environ.setdefault("DEV_MAIL_VIEWER", "true")
os.environ.setdefault("NOTIFICATIONS_GATEWAY_ALLOW_PRIVATE", "true")
os.environ.setdefault("REGION_ROUTING_TTL", "0")
os.environ.setdefault("SERVE_MEDIA", "true")
os.environ.setdefault("REGION_POOL_SIZE", "0")  # pool tests set their own
# Every test client comes from 127.0.0.1: the rate-limit tests set their own limits.
os.environ.setdefault("ONBOARDING_JOIN_PER_HOUR", "100000")
os.environ.setdefault("ONBOARDING_CHECKS_PER_MINUTE", "100000")
# Playwright's sync API runs an event loop in the test thread; the ORM calls made there
# are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from config.settings.base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# Static files straight from the apps and themes, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
