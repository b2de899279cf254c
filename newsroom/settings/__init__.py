"""Newsroom settings, read once from the environment.

Environment variables (all optional unless noted):

- ``DEBUG``: ``1`` for development. Off by default.
- ``SECRET_KEY``: required whenever ``DEBUG`` is off, except in the demo mode
  that ``make run`` switches on with ``NEWSROOM_DEMO=1``.
- ``DATABASE_URL``: ``postgres://user:pass@host:5432/name`` in production and
  tests. When unset, an embedded SQLite file under ``var/`` (for ``make run``).
- ``ALLOWED_HOSTS``: comma separated, default ``127.0.0.1,localhost``.
- ``CSRF_TRUSTED_ORIGINS``: comma separated origins, e.g. ``https://news.example.cn``.
- ``MEDIA_ROOT``: where uploads live, default ``var/media``.
- ``STATIC_ROOT``: where ``collectstatic`` writes, default ``var/static``.
- ``REDIS_URL``: ``redis://host:6379/0`` turns on a shared Redis cache;
  otherwise each process keeps a local-memory cache.
- ``EPAPER_MAX_UPLOAD_MB``: largest e-paper page file (PDF or image), default 50;
  ``EPAPER_MAX_MEGAPIXELS`` (60): largest page image, uploaded or rendered.
- ``HTTPS``: ``1`` (default when DEBUG and demo mode are off) turns on secure
  cookies, HSTS and the redirect to https. Behind a TLS-terminating proxy set
  ``TRUSTED_PROXY_COUNT`` (how many proxies add to X-Forwarded-For) so that
  X-Forwarded-Proto and client addresses are believed.
- ``SESSION_IDLE_MINUTES``: staff sessions end after this much inactivity (120).
- ``LOGIN_FAILURE_LIMIT`` (5): failed logins after which an account is locked
  for the address they came from (a colleague behind the same office address
  still logs in).
- ``LOGIN_ADDRESS_FAILURE_LIMIT`` (50): failed logins from one address, any
  accounts, after which that address is locked for everyone (password
  spraying). Set it above what a whole office mistypes in the cool-off time.
- ``LOGIN_COOLOFF_MINUTES`` (15): how long either lock lasts.
- ``DATABASE_REPLICA_URL``: a read replica for anonymous readers' pages, used
  only once it has caught up (``newsroom/db_router.py``).
- ``DATABASE_CONNECT_TIMEOUT`` (5): seconds to wait for the primary.
- ``REDIS_CONNECT_TIMEOUT`` (0.5), ``REDIS_TIMEOUT`` (1): seconds before an
  unanswering Redis is given up (pages render from the database).
- ``MEDIA_S3_CONNECT_TIMEOUT`` (3), ``MEDIA_S3_READ_TIMEOUT`` (5): seconds
  before an unanswering object store refuses an upload (one retry).
- ``LOG_FORMAT``: ``json`` (default outside DEBUG) or ``plain``.
- ``PHOTO_MAX_UPLOAD_MB`` (40), ``PHOTO_MAX_MEGAPIXELS`` (80),
  ``PHOTO_MIN_SIDE`` (400): what a photo upload may be.
- ``MEDIA_S3_BUCKET``: store uploads in S3-compatible object storage instead
  of ``MEDIA_ROOT`` (with ``MEDIA_S3_ENDPOINT_URL``, ``MEDIA_S3_REGION``,
  ``MEDIA_S3_PREFIX``, ``MEDIA_S3_ADDRESSING_STYLE``; credentials from the
  usual ``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY`` or the host's role).
- ``TASKS_BACKEND``: ``database`` runs background tasks (photo renditions)
  through ``manage.py db_worker``; unset, they run right after each commit.
- ``CACHE_KEY_PREFIX``: prefix of every cache key, default ``newsroom`` (give
  each site sharing one Redis its own).
- ``PAGE_CACHE``: ``0`` turns the public pages' site cache off (on by default).
- ``PAGE_CACHE_TIMEOUT``: seconds a cached page may live at most, default 600.
- ``CDN_MAX_AGE``: seconds a shared cache (CDN) may keep a public page
  (``s-maxage``), default 60; browsers always revalidate.
- ``SITE_URL``: the public address, e.g. ``https://news.example.cn``, for
  canonical links, feeds and sitemaps; default: the address of the request.
- ``EMAIL_URL``: ``smtp://user:password@host:587`` (or ``smtps://…:465``,
  ``smtp+plain://host:25``, ``console://``) sends notifications by e-mail;
  Django's ``EMAIL_HOST``, ``EMAIL_PORT``, ``EMAIL_HOST_USER``,
  ``EMAIL_HOST_PASSWORD``, ``EMAIL_USE_TLS``/``EMAIL_USE_SSL`` work too.
  ``DEFAULT_FROM_EMAIL``: the sender.
- ``NEWSROOM_WEBHOOK_URL``: a WeCom/DingTalk group robot's address; every
  notification is posted there as ``{"msgtype": "text", …}``.
- ``BENCH``: ``1`` installs the benchmark tools (``bench/``) and their URLconf
  with the trivial view ``/bench/trivial/`` that ``make bench``
  measures the pages against. Never in production.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE as CSP_NONCE
from django.core.exceptions import ImproperlyConfigured

from newsroom.logging import config as logging_config
from newsroom.mail_url import email_settings


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG")
# Demo mode is what `make run` starts: a throwaway site on a laptop, with demo
# accounts whose passwords are printed. It must never be set in production.
DEMO_MODE = env_bool("NEWSROOM_DEMO")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or DEMO_MODE):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set in the environment when DEBUG is off. "
            'Generate one with: python -c "import secrets; print(secrets.token_urlsafe(50))"'
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "people.axes_app.AxesConfig",  # django-axes, named in Chinese
    "django.contrib.sitemaps",
    "taggit",
    "django_prose_editor",
    "django_tasks",
    "reversion",
    # The paper's own apps, each building only on those listed before it.
    "sitecache",
    "people",
    "paper",
    "media_library",
    "articles",
    "search",
    "demo",
    "ops",
]

MIDDLEWARE = [
    # Answers load balancers before host checks and the https redirect.
    "newsroom.health.HealthCheckMiddleware",
    "newsroom.logging.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # TRACE and other methods no page takes: 405.
    "newsroom.guard.RequestGuardMiddleware",
    # Public pages from the site cache: a hit returns here, replaying the
    # headers the middleware below gave the page (the CSP among them) when it
    # was rendered; the https redirect above still applies.
    "sitecache.pages.SiteCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsroom.db_router.ReplicaMiddleware",
    # Last, as django-axes asks: it turns lock-outs into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "paper.context_processors.site",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
# Connections are kept a minute and checked before each request reuses one, so
# a restarted server costs the requests in flight, not the next one on every
# kept connection. A server that is down refuses at once or within the connect
# timeout; the reader gets the short 503 page (newsroom/outage.py).
DATABASE_CONNECT_TIMEOUT = env_int("DATABASE_CONNECT_TIMEOUT", 5)
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    }
    if "postgresql" in DATABASES["default"]["ENGINE"]:
        # libpq's option; SQLite (DATABASE_URL=sqlite:///…) refuses unknown ones.
        options = DATABASES["default"].setdefault("OPTIONS", {})
        options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
else:
    VAR_DIR.mkdir(exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "newsroom.sqlite3",
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=60, conn_health_checks=True
    )
    # A replica that does not answer quickly is skipped for the primary
    # (newsroom/db_router.py): waiting on it would only slow readers down.
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["newsroom.db_router.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache --------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "newsroom")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            # Redis down or unreachable: give up quickly and render from the
            # database (sitecache/pages.py) rather than hold the reader.
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": float(os.environ.get("REDIS_CONNECT_TIMEOUT", "0.5")),
                "SOCKET_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", "1")),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# The site cache of public pages (sitecache/). A page is kept with the keys of
# what it shows and served while none of them has been stamped as changed
# (after the commit of the change) and no scheduled publish time has come, so
# nothing withdrawn is served and nothing due is missed. Where the stamps live
# must be shared by every process: Redis when there is one; otherwise the
# database (one small query per page), since a local-memory cache is private
# to each gunicorn worker (CACHE_GENERATION: "cache" or "database", the
# variable's name kept so that deployments' environments keep working).
NEWSROOM_PAGE_CACHE = env_bool("PAGE_CACHE", True)
NEWSROOM_PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "600"))
# Each worker also keeps the pages it served (sitecache/local.py), checked
# against the shared stamps on every hit: a hit then fetches only the stamps.
NEWSROOM_PAGE_CACHE_LOCAL_MB = int(os.environ.get("PAGE_CACHE_LOCAL_MB", "32"))
NEWSROOM_CACHE_GENERATION = os.environ.get(
    "CACHE_GENERATION", "cache" if REDIS_URL else "database"
)
NEWSROOM_CDN_MAX_AGE = int(os.environ.get("CDN_MAX_AGE", "60"))
# A CDN in front: the tag header public pages carry, and how to purge it
# when readers' content changes (sitecache/cdn.py).
NEWSROOM_CDN_TAG_HEADER = os.environ.get("CDN_TAG_HEADER", "Surrogate-Key")
NEWSROOM_CDN_PURGE_URL = os.environ.get("CDN_PURGE_URL", "")
NEWSROOM_CDN_PURGE_METHOD = os.environ.get("CDN_PURGE_METHOD", "POST")
NEWSROOM_CDN_PURGE_HEADER = os.environ.get("CDN_PURGE_HEADER", "")
NEWSROOM_CDN_TAG_LIMIT = env_int("CDN_TAG_LIMIT", 8000)
# A page that shows more things than this (a sitemap) is checked by their
# kinds (every article …) instead of one by one (sitecache/keys.py).
NEWSROOM_PAGE_KEY_LIMIT = env_int("PAGE_KEY_LIMIT", 400)
# Readers who miss the same page at once: one renders it, the others wait for
# it this long at most before rendering it themselves.
NEWSROOM_PAGE_RENDER_WAIT = float(os.environ.get("PAGE_RENDER_WAIT", "3"))
# Pieces of pages that recur (an article's teaser) are kept this long at most;
# they are dropped at once when what they show changes (sitecache/fragments.py).
NEWSROOM_FRAGMENT_TIMEOUT = env_int("FRAGMENT_TIMEOUT", 6 * 3600)

# --- Auth ---------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses locked-out users before passwords are checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
# Where a login lands when its ?next= is refused (another site's address):
# the desk, not Django's default /accounts/profile/, which we do not have.
LOGIN_REDIRECT_URL = "admin:index"

# Staff log in from shared office machines: a session ends at logout, when
# the browser closes, and after SESSION_IDLE_MINUTES without a request.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_MINUTES", "120")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Sessions live in the database only, Redis or not. A session is saved on
# every request (above), so a cache in front of it would spare no write, and
# with Redis down Django's cached_db fails on login and logout, or, after a
# logout it could not tell the cache of, brings the session back once Redis
# answers again. Staff are few; one indexed read per request is nothing.
# (Django's database sessions, telling a lost connection from a lost session.)
SESSION_ENGINE = "newsroom.sessions"

# Failed logins lock an account for the address they came from after
# LOGIN_FAILURE_LIMIT failures, and an address for everyone only after
# LOGIN_ADDRESS_FAILURE_LIMIT failures of any accounts (password spraying):
# staff share one office address, and one person's typing must not lock the
# newsroom out (people/lockout.py). A chief editor unlocks in the admin
# (登录尝试（解除锁定） → delete), or `axes_reset`.
AXES_HANDLER = "people.lockout.AccountAndAddressHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
NEWSROOM_LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", "50"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "people.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # its log lines carry user names and addresses
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# --- Chinese first ------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Static and media ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Uploads reach readers only through views that check what is public (photo
# files, portraits, e-paper pages): nothing is served from MEDIA_URL directly.
EPAPER_MAX_UPLOAD_MB = env_int("EPAPER_MAX_UPLOAD_MB", 50)
EPAPER_MAX_MEGAPIXELS = env_int("EPAPER_MAX_MEGAPIXELS", 60)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_PERMISSIONS = 0o644

MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET", "")
if MEDIA_S3_BUCKET:
    from botocore.config import Config as S3Config

    # Objects stay private: every photo file is served through the site's
    # view, which checks that it is public (see media_library/views.py).
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "location": os.environ.get("MEDIA_S3_PREFIX", ""),
            "addressing_style": os.environ.get("MEDIA_S3_ADDRESSING_STYLE") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            # Object storage that does not answer: the upload is refused in a
            # few seconds with a clear message (media_library/services.py),
            # not after botocore's minute of retries.
            "client_config": S3Config(
                connect_timeout=env_int("MEDIA_S3_CONNECT_TIMEOUT", 3),
                read_timeout=env_int("MEDIA_S3_READ_TIMEOUT", 5),
                retries={"total_max_attempts": 2, "mode": "standard"},
            ),
        },
    }

# --- Photos -------------------------------------------------------------------
PHOTO_MAX_UPLOAD_SIZE = env_int("PHOTO_MAX_UPLOAD_MB", 40) * 1024 * 1024
PHOTO_MAX_PIXELS = env_int("PHOTO_MAX_MEGAPIXELS", 80) * 1_000_000
PHOTO_MIN_SIDE = env_int("PHOTO_MIN_SIDE", 400)

# --- Background tasks (django-tasks, the backport of Django 6's django.tasks) ---
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate").strip().lower()
if TASKS_BACKEND == "database":
    INSTALLED_APPS.append("django_tasks_db")
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif TASKS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    raise ImproperlyConfigured("TASKS_BACKEND must be 'immediate' (default) or 'database'.")

# --- Notifications --------------------------------------------------------------
# Start-screen notifications always; by e-mail when mail is configured
# (EMAIL_URL, or Django's own EMAIL_HOST and friends), and to a WeCom/DingTalk
# group robot when NEWSROOM_WEBHOOK_URL is set. Both are sent by the task
# worker after the commit and retried after these many seconds.
EMAIL_URL = os.environ.get("EMAIL_URL", "").strip()
if EMAIL_URL:
    globals().update(email_settings(EMAIL_URL))
elif os.environ.get("EMAIL_HOST"):
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = env_int("EMAIL_PORT", 25)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
NEWSROOM_NOTIFY_BY_EMAIL = bool(EMAIL_URL or os.environ.get("EMAIL_HOST"))
NEWSROOM_WEBHOOK_URL = os.environ.get("NEWSROOM_WEBHOOK_URL", "").strip()
NEWSROOM_NOTIFY_RETRY_DELAYS = (30, 120, 600)

# --- Taggit -------------------------------------------------------------------
TAGGIT_CASE_INSENSITIVE = True
TAGGIT_TAGS_FROM_STRING = "articles.tagging.parse_tags"

# --- Logging ------------------------------------------------------------------
# One JSON object per line on stderr: requests (newsroom.request), editorial
# actions (newsroom.workflow), gunicorn's own lines and errors with their
# tracebacks (newsroom/logging.py). No client addresses, cookies, passwords
# or query strings are logged.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain" if DEBUG else "json")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = logging_config(LOG_FORMAT, LOG_LEVEL)

# --- The newsroom -------------------------------------------------------------
NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "城市日报")

# --- Security -----------------------------------------------------------------
HTTPS = env_bool("HTTPS", not (DEBUG or DEMO_MODE))
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", 31536000 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp): scripts, styles, fonts and images from
# this site only. No inline script runs, except the one a page marks with the
# request's nonce (the prose editor's import map, see articles/admin/csp.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", CSP_NONCE],
        # The one inline <style> the prose editor (Tiptap) injects for its own
        # base rules, allowed by its hash; the browser tests fail on any other
        # violation, and on this one if a new editor version changes it.
        "style-src": ["'self'", "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Canonical links, feeds and sitemaps use this address when set (no trailing
# slash); otherwise the address the request came in on.
NEWSROOM_SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

# `make bench` only: the benchmark tools (bench/) and their URLconf, with the
# trivial view the public pages are measured against. Never in production.
BENCH = env_bool("BENCH")
if BENCH:
    INSTALLED_APPS.append("bench")
    ROOT_URLCONF = "bench.urls"
