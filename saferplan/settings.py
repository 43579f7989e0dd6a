"""SaferPlan's one settings module, configured from the environment.

Every variable is read by a helper that rejects a bad value with ImproperlyConfigured naming the
variable; the `saferplan` command prints that as one line and stops. README.md lists them all.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def env_bool(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_url(url):
    scheme = url.partition("://")[0] if "://" in url else ""
    if scheme not in {"sqlite", "postgres", "postgresql"}:
        # Name the scheme only: the address may hold a password.
        raise ImproperlyConfigured(
            "DATABASE_URL must be postgres://USER@HOST:PORT/NAME or sqlite:///PATH, "
            f"not a {scheme or 'malformed'!r} address"
        )
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if scheme == "sqlite":
        if config["NAME"] != ":memory:":
            Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        # Readers alongside one writer; IMMEDIATE takes the write lock up front, which avoids
        # "database is locked" when a read transaction later tries to write. A writer waits up
        # to `timeout` seconds for its turn (imports hold the lock for a moment, not a file).
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    else:
        # Django reads the choices of every list a form shows through QuerySet.iterator(), which
        # on PostgreSQL is a server-side cursor: four round trips (declare, fetch, fetch, close)
        # for a dozen rows, per list, per page. Nothing of SaferPlan streams rows that way.
        config["DISABLE_SERVER_SIDE_CURSORS"] = True
    return config


BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("SAFERPLAN_VAR_DIR", Path.cwd() / "var")).resolve()

# Off unless set: a forgotten variable must not publish tracebacks or sign with the known
# development key. `saferplan demo` and `saferplan runserver` turn it on for themselves (cli.py).
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (DEBUG=true on a developer's machine)"
        )
    SECRET_KEY = "insecure-key-for-development-only"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# The address people reach this site at; links in emails and printed by commands start with it.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
if not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"SITE_URL must start with http:// or https://, not {SITE_URL!r}")

DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'saferplan.sqlite3'}"
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Charts are drawn once per change of their numbers and kept where every process finds them
# (saferplan/ui/charts.py); the ui app's migration creates the table.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "charts": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "saferplan_charts",
        "TIMEOUT": 30 * 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}

INSTALLED_APPS = [
    # First, so that its registration/ templates win over the admin's.
    "saferplan.ui",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "saferplan.partnerships",
    "saferplan.plans",
    "saferplan.crime",
    "saferplan.funding",
    "saferplan.reports",
    "saferplan.meetings",
    "saferplan.jobs",
    "saferplan.reminders",
    "saferplan.assessment",
    "saferplan.registers",
    "saferplan.api",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, which reads the body: a body too large is refused unread.
    "saferplan.ui.middleware.RequestSizeLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "saferplan.ui.middleware.permissions_policy",
    "saferplan.ui.middleware.FileNotStoredMiddleware",
]

# Content-Security-Policy: scripts, styles, images and fonts from this site only, no inline
# script or style (charts and bars are drawn with SVG attributes, not style=""), no plugins,
# no framing, forms post only here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

if not DEBUG:
    # Serves the collected static files in production; runserver serves them while debugging.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "saferplan.urls"
WSGI_APPLICATION = "saferplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
FORM_RENDERER = "saferplan.ui.forms.GovukFormRenderer"

AUTH_USER_MODEL = "partnerships.Person"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Password reset and invitation links stop working after this many days.
INVITATION_DAYS = env_int("INVITATION_DAYS", 7)
PASSWORD_RESET_TIMEOUT = INVITATION_DAYS * 24 * 3600

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    # Never leaves a truncated file when the upload folder is full or read-only.
    "default": {"BACKEND": "saferplan.storage.WholeFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Email: SMTP when EMAIL_HOST is set, otherwise messages are printed to the console (the demo).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be on")
# Seconds to wait for the mail server at each step; emails have a queue of their own, so a
# server that hangs only delays emails.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "SaferPlan <saferplan@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (emails, reminders, long imports) is queued in the database and run by
# `saferplan worker`; on Django 6 the same setting drives django.tasks.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "emails"]}}
# A worker writes a beat this often; a task whose worker stopped beating is given up
# (jobs/lease.py).
WORKER_HEARTBEAT_SECONDS = env_int("WORKER_HEARTBEAT_SECONDS", 10)
for name in ["EMAIL_TIMEOUT", "WORKER_HEARTBEAT_SECONDS"]:
    if globals()[name] < 1:
        raise ImproperlyConfigured(f"{name} must be at least 1 second")

# Behind HTTPS in production: secure cookies and HSTS; the proxy must set X-Forwarded-Proto.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_AGE = env_int("SESSION_HOURS", 12) * 3600

# Sign-in (saferplan/accounts): wrong passwords throttled by account and by address (django-axes),
# two-factor sign-in with an authenticator app (django-otp).
INSTALLED_APPS += ["axes", "django_otp", "django_otp.plugins.otp_totp", "saferplan.accounts"]
_signed_in = MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1
MIDDLEWARE[_signed_in:_signed_in] = [
    "django_otp.middleware.OTPMiddleware",
    "saferplan.accounts.middleware.second_step_required",
]
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # last, as django-axes asks
AUTHENTICATION_BACKENDS = [
    # First, to refuse a paused account or address before any password is checked. It keeps no
    # sessions (no get_user), so logins, and the test client's force_login, use ModelBackend.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each counted on its own
AXES_FAILURE_LIMIT = env_int("SIGN_IN_ATTEMPTS", 10)
_lockout_minutes = env_int("SIGN_IN_LOCKOUT_MINUTES", 15)
for _name, _value in [
    ("SIGN_IN_ATTEMPTS", AXES_FAILURE_LIMIT),
    ("SIGN_IN_LOCKOUT_MINUTES", _lockout_minutes),
]:
    if _value < 1:
        raise ImproperlyConfigured(f"{_name} must be 1 or more, not {_value}")
AXES_COOLOFF_TIME = datetime.timedelta(minutes=_lockout_minutes)
AXES_USERNAME_CALLABLE = "saferplan.accounts.lockout.account_name"
AXES_CLIENT_IP_CALLABLE = "saferplan.accounts.lockout.client_address"
AXES_LOCKOUT_CALLABLE = "saferplan.accounts.lockout.locked_out"
AXES_VERBOSE = False
# Reverse proxies in front of the site that add the client's address to X-Forwarded-For; with 0
# the header is ignored (anyone can send it) and the connection's address is the client's.
PROXY_COUNT = env_int("PROXY_COUNT", 0)
if PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"PROXY_COUNT must be 0 or more, not {PROXY_COUNT}")
OTP_TOTP_ISSUER = "SaferPlan"

LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(
        f"LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, not {LOG_LEVEL!r}"
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # WeasyPrint narrates every step of every PDF at INFO; matplotlib each chart whose labels
    # ("2014-12") look like numbers or dates.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "matplotlib": {"level": "WARNING"},
    },
}
