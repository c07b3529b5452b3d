"""innonet settings, read from environment variables (see README and .env.example).

Production differs from the embedded default only by environment. Without DATABASE_URL the
platform runs on an SQLite file under VAR_DIR and keeps a generated secret key there.
"""

import ipaddress
import os
import secrets
from importlib.util import find_spec
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no variable; unknown words are a configuration error, not a silent default."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name, "")
    if raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from exc
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}")
    return value


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_networks(name: str, default: str) -> list[str]:
    """A comma-separated list of networks (`10.0.0.0/8`, `::1`); a typo stops the start."""
    networks = env_list(name, default)
    for network in networks:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError as exc:
            raise ImproperlyConfigured(f"{name}: {network!r} is not a network") from exc
    return networks


VAR_DIR = Path(os.environ.get("VAR_DIR", PROJECT_DIR / "var")).resolve()
DEBUG = env_bool("DEBUG", False)
EMBEDDED_DATABASE = not os.environ.get("DATABASE_URL")
HTTPS = env_bool("HTTPS", True)


def _embedded_secret_key() -> str:
    """Generate the key once and keep it under VAR_DIR, readable only by its owner."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(64))
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or EMBEDDED_DATABASE:
        SECRET_KEY = _embedded_secret_key()
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off and DATABASE_URL is.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS",
    ",".join(f"{'https' if HTTPS else 'http'}://{host}" for host in ALLOWED_HOSTS if host != "*"),
)
# How many reverse proxies stand in front of the app; 0 means X-Forwarded-* are never trusted.
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)

INSTALLED_APPS = [
    "innonet.core",
    "innonet.accounts",
    "innonet.networks",
    "innonet.partners",
    "innonet.events",
    "innonet.projects",
    "innonet.matching",
    "innonet.meetings",
    "innonet.content",
    "innonet.reporting",
    "innonet.core.rest",  # the REST framework parts; `innonet.api` only routes
    "innonet.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "simple_history",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "bootstrap",
    "csp",
]

MIDDLEWARE = [
    "innonet.core.monitoring.metrics.RequestMetricsMiddleware",  # first: times the whole stack
    "innonet.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "innonet.core.middleware.GermanFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "innonet.accounts.middleware.SessionPolicyMiddleware",
    "innonet.accounts.middleware.TwoFactorMiddleware",
    "innonet.core.middleware.PrivateCacheMiddleware",
    "innonet.core.middleware.OutOfSpaceMiddleware",  # last: sees the view's exception first
]

ROOT_URLCONF = "innonet.urls"
WSGI_APPLICATION = "innonet.wsgi.application"
# Django's, with drop-downs written in Python (one template include per option was slow).
FORM_RENDERER = "innonet.core.renderers.FormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "innonet.core.context_processors.navigation",
            ],
        },
    },
]

# Database ------------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'innonet.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue instead of failing
    # with "database is locked"; select_for_update() is a no-op on SQLite.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("SQLITE_TEST_NAME") or None}
    if EMBEDDED_DATABASE:
        VAR_DIR.mkdir(parents=True, exist_ok=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache is shared by every app process and host, so rate limits and login lockouts hold
# across them: Redis when CACHE_URL names one (redis://host:6379/0), else a table in the database
# (core.cache: Django's database cache with one-statement writes and an atomic incr).
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "innonet"),
        }
    }
elif CACHE_URL:
    raise ImproperlyConfigured("CACHE_URL must be a redis:// address (or unset for the database)")
else:
    CACHES = {
        "default": {"BACKEND": "innonet.core.cache.DatabaseCache", "LOCATION": "innonet_cache"}
    }

# Accounts ------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "full_name")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "reporting:home"
LOGOUT_REDIRECT_URL = "reporting:home"

ACCOUNT_ADAPTER = "innonet.accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # no mail to strangers who type an unknown address
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[innonet] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if HTTPS else "http"
ACCOUNT_RATE_LIMITS = {
    # Lockout: 10 failed logins per account within 15 minutes, and 30 per client address.
    "login_failed": "30/15m/ip,10/15m/key",
    "login": "60/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "reauthenticate": "10/m/user",
}
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXIES
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "innonet"
MFA_PASSKEY_LOGIN_ENABLED = False

SESSION_COOKIE_AGE = env_int("SESSION_MAX_AGE_HOURS", 12) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
STAFF_IDLE_TIMEOUT_MINUTES = env_int("STAFF_IDLE_TIMEOUT_MINUTES", 30)
STAFF_SESSION_MAX_HOURS = env_int("STAFF_SESSION_MAX_HOURS", 10)

API_TOKEN_DEFAULT_DAYS = env_int("API_TOKEN_DEFAULT_DAYS", 90)
# Retention periods (core/privacy/register.py states them, core/privacy/retention.py enforces
# them daily). People without any change, contact or consent for this long are flagged for
# erasure, and so are unused accounts and old contact notes; registrations lose their names.
RETENTION_YEARS = env_int("RETENTION_YEARS", 3, minimum=1)
# Superseded consent records and ended newsletter subscriptions (with their consent log).
CONSENT_RETENTION_YEARS = env_int("CONSENT_RETENTION_YEARS", 3, minimum=1)
# Audit entries and the log of who opened or exported personal data.
AUDIT_RETENTION_YEARS = env_int("AUDIT_RETENTION_YEARS", 2, minimum=1)
# Results of finished background jobs (their arguments may name mail recipients).
TASK_RESULT_RETENTION_DAYS = env_int("TASK_RESULT_RETENTION_DAYS", 30, minimum=1)
# Stored answers to API writes sent with an Idempotency-Key.
IDEMPOTENCY_RETENTION_DAYS = env_int("IDEMPOTENCY_RETENTION_DAYS", 1, minimum=1)

# Security ------------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = HTTPS and not DEBUG
# Load balancers and the metrics scraper ask the app servers directly, over http.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^healthz/status$", r"^metrics$"]
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31536000) if HTTPS and not DEBUG else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# On by default so check --deploy is clean; turn off (and accept W021) if any subdomain still
# needs plain http: a preloaded domain is slow to get off the browsers' list.
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)
if TRUSTED_PROXIES > 0:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
SILENCED_SYSTEM_CHECKS: list[str] = []
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Internationalisation ------------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Berlin")
USE_I18N = True
USE_TZ = True

# Static and media files ----------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# Tom Select for the multi-selects (core.widgets), from the django-tomselect package's static
# files; the package is not an installed app (its widgets need inline scripts and views).
_TOMSELECT = find_spec("django_tomselect")
if _TOMSELECT is None or _TOMSELECT.origin is None:
    raise ImproperlyConfigured("django-tomselect is missing: run the install again.")
STATICFILES_DIRS = [
    ("django_tomselect", Path(_TOMSELECT.origin).parent / "static" / "django_tomselect")
]
MEDIA_ROOT = VAR_DIR / "media"


def _s3_storage() -> dict:
    """Uploads on an S3-compatible store that several app servers share (`S3_BUCKET` set).
    Objects stay private: files are only ever streamed through the app's own permission-checked
    views, never linked by a bucket address (see docs/decisions.md)."""
    if find_spec("storages") is None or find_spec("boto3") is None:
        raise ImproperlyConfigured("S3_BUCKET is set: install the s3 extra (innonet[s3]).")
    options = {
        "bucket_name": os.environ["S3_BUCKET"],
        "location": os.environ.get("S3_PREFIX", "").strip("/"),
        "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("S3_REGION") or None,
        "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
        "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
        # As on disk: a second file of the same name gets a new name instead of replacing.
        "file_overwrite": False,
        "default_acl": None,  # the bucket's own (private) policy; no public-read objects
        "querystring_auth": True,  # should anything ask for an address: signed, expiring
        "querystring_expire": 300,
    }
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


STORAGES = {
    # Local files remove a partly written file when the disk is full (core/storage.py).
    "default": (
        _s3_storage()
        if os.environ.get("S3_BUCKET")
        else {"BACKEND": "innonet.core.storage.LocalStorage"}
    ),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Mail ----------------------------------------------------------------------------------------
vars().update(dj_email_url.parse(os.environ.get("EMAIL_URL", "console:")))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "innonet <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The network office's address: notices of introduction requests, and Reply-To of introductions.
OFFICE_EMAIL = os.environ.get("OFFICE_EMAIL", "")
# Links in mails (confirm, cancel, feedback) and calendar feeds need the public address.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# At most this many confirmation mails per address and day (RELIABILITY.md item 20).
CONFIRMATION_MAILS_PER_DAY = 3
EMAIL_TIMEOUT = EMAIL_TIMEOUT or 20  # noqa: F821 - set by the update above
# The outbox (core/outbox): every mail is a row first, sent by the worker. At most this many
# mails a minute (0: as fast as the server takes them); a mail whose server answers "try later"
# waits OUTBOX_RETRY_SECONDS, then 4 x, 16 x as long ..., and fails after OUTBOX_MAX_ATTEMPTS.
OUTBOX_MAX_PER_MINUTE = env_int("OUTBOX_MAX_PER_MINUTE", 0, minimum=0)
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 8, minimum=1)
OUTBOX_RETRY_SECONDS = env_int("OUTBOX_RETRY_SECONDS", 60, minimum=1)
# Rows one sender takes at a time (one SMTP connection each) and how long it holds them.
OUTBOX_BATCH_SIZE = env_int("OUTBOX_BATCH_SIZE", 100, minimum=1)
OUTBOX_LEASE_SECONDS = env_int("OUTBOX_LEASE_SECONDS", 300, minimum=30)
# Days after which the text of sent mails is removed (who got what and when stays).
OUTBOX_RETENTION_DAYS = env_int("OUTBOX_RETENTION_DAYS", 90, minimum=1)

# Background tasks ----------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[os.environ.get("TASKS_BACKEND", "database")],
        "QUEUES": ["default"],
    }
}
TASK_MAX_ATTEMPTS = env_int("TASK_MAX_ATTEMPTS", 3)
# Workers renew a heartbeat this often; a worker on another machine whose heartbeat is older
# than the lease counts as dead and its running tasks are released (core/workers.py).
TASK_HEARTBEAT_SECONDS = env_int("TASK_HEARTBEAT_SECONDS", 10)
TASK_LEASE_SECONDS = env_int("TASK_LEASE_SECONDS", 300)

# Monitoring ----------------------------------------------------------------------------------
# The detailed health check (/healthz/status) and the metrics (/metrics) answer requests from
# these networks, or with `Authorization: Bearer <MONITORING_TOKEN>`; anyone else gets a 404.
MONITORING_ALLOWED_NETWORKS = env_networks("MONITORING_ALLOWED_NETWORKS", "127.0.0.1/32,::1/128")
MONITORING_TOKEN = os.environ.get("MONITORING_TOKEN", "")
if MONITORING_TOKEN and len(MONITORING_TOKEN) < 32:
    raise ImproperlyConfigured("MONITORING_TOKEN must be at least 32 characters long.")
# Background work counts as lagging (the health check says "degraded") above these.
HEALTH_MAX_WAITING_TASKS = env_int("HEALTH_MAX_WAITING_TASKS", 100, minimum=1)
HEALTH_MAX_TASK_WAIT_SECONDS = env_int("HEALTH_MAX_TASK_WAIT_SECONDS", 600, minimum=1)

# REST API ------------------------------------------------------------------------------------
# The empty choice of every filter drop-down (pages and the browsable API) reads "all", not dashes.
FILTERS_EMPTY_CHOICE_LABEL = _("all")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "innonet.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["innonet.core.rest.permissions.RoleObjectPermission"],
    "DEFAULT_FILTER_BACKENDS": [
        "innonet.core.rest.filters.StrictFilterBackend",
        "innonet.core.rest.filters.StrictOrderingFilter",
    ],
    # JSON only: form encodings cannot express types, so "null" or "false" would arrive as text.
    "DEFAULT_PARSER_CLASSES": ["innonet.core.rest.parsers.BoundedJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "innonet.core.rest.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "innonet.core.rest.schema.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_RATE_ANON", "60/min"),
        "user": os.environ.get("API_RATE_USER", "600/min"),
    },
    # Throttling keys on the client address; only as many X-Forwarded-For hops as we have
    # proxies are trusted, otherwise any client could pick its own address.
    "NUM_PROXIES": TRUSTED_PROXIES,
    "EXCEPTION_HANDLER": "innonet.core.rest.exceptions.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# Per-user limits for expensive work, shared by pages and API (core.ratelimit).
USER_RATE_LIMITS = {
    "matching": os.environ.get("RATE_MATCHING", "30/min"),
    "consortium": os.environ.get("RATE_CONSORTIUM", "10/min"),
    "export": os.environ.get("RATE_EXPORT", "20/hour"),
    "import": os.environ.get("RATE_IMPORT", "20/hour"),
    "contact": os.environ.get("RATE_CONTACT", "10/hour"),
    "newsletter": os.environ.get("RATE_NEWSLETTER", "10/hour"),
}
# The matching engine's index file of this host, shared by its web processes and worker; other
# hosts keep their own and follow the changes recorded in the database (matching.search_index).
MATCHING_INDEX_PATH = Path(
    os.environ.get("MATCHING_INDEX_PATH", VAR_DIR / "matching-index.pickle")
).resolve()
SPECTACULAR_SETTINGS = {
    "TITLE": "innonet API",
    "DESCRIPTION": "Partners, taxonomies and network data of an innovation network.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Several models have a "status"; each choice set gets its own name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "MembershipStatusEnum": "innonet.partners.models.MembershipStatus",
        "EventStatusEnum": "innonet.events.models.EventStatus",
        "RegistrationStatusEnum": "innonet.events.models.RegistrationStatus",
        "IntroductionStatusEnum": "innonet.matching.models.IntroductionStatus",
        "IssuedReportStatusEnum": "innonet.reporting.models.ReportStatus",
        "IssuedReportKindEnum": "innonet.reporting.models.ReportKind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "innonet.core.rest.schema.add_error_responses",
    ],
}

# Logging -------------------------------------------------------------------------------------
# Error reports (and mails to ADMINS, should any be configured) mask tokens in addresses too.
DEFAULT_EXCEPTION_REPORTER = "innonet.core.logsafety.SecretSafeExceptionReporter"
DEFAULT_EXCEPTION_REPORTER_FILTER = "innonet.core.logsafety.SecretSafeReporterFilter"
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "innonet.core.logging.RequestIdFilter"},
        # Tokens in addresses (confirmation links, calendar feeds) never reach a log line.
        "mask_secrets": {"()": "innonet.core.logsafety.MaskSecretsFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "json": {"()": "innonet.core.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(request_id)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id", "mask_secrets"],
            "formatter": os.environ.get("LOG_FORMAT", "json"),
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false", "mask_secrets"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Replaces Django's default handlers for "django" (an unmasked console in DEBUG); its
        # records reach the masked console through the root logger.
        "django": {"handlers": ["mail_admins"], "level": "INFO"},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        "django.security.DisallowedHost": {"level": "ERROR"},
        # WeasyPrint reports every step of a PDF at INFO; only its warnings matter here.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
