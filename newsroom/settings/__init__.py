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
- ``SERVE_MEDIA``: ``1`` to let Django serve uploaded files (on in demo mode).
- ``CACHE_KEY_PREFIX``: prefix of every cache key, default ``newsroom`` (give
  each site sharing one Redis its own).
- ``PAGE_CACHE``: ``0`` turns the public pages' site cache off (on by default).
- ``PAGE_CACHE_TIMEOUT``: seconds a cached page may live at most, default 600.
- ``CDN_MAX_AGE``: seconds a shared cache (CDN) may keep a public page
  (``s-maxage``), default 60; browsers always revalidate.
- ``SITE_URL``: the public address, e.g. ``https://news.example.cn``, for
  canonical links, feeds and sitemaps; default: the address of the request.
- ``BENCH``: ``1`` adds the trivial view ``/bench/trivial/`` that ``make bench``
  measures the pages against. Never in production.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


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
    "django.contrib.sitemaps",
    "taggit",
    "django_prose_editor",
    "newsroom",
    "newsroom.sitecache",
    "media_library",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages from the site cache: a hit returns here, before sessions.
    "newsroom.sitecache.pages.SiteCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
                "newsroom.context_processors.site",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    VAR_DIR.mkdir(exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "newsroom.sqlite3",
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }
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

# The site cache of public pages (newsroom/sitecache). Pages are keyed by a
# "content generation" that every save changes after commit and by the next
# scheduled publish time, so nothing withdrawn is served and nothing due is
# missed. Where that generation lives must be shared by every process: Redis
# when there is one; otherwise the database (one tiny query per page), since a
# local-memory cache is private to each gunicorn worker.
NEWSROOM_PAGE_CACHE = env_bool("PAGE_CACHE", True)
NEWSROOM_PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "600"))
NEWSROOM_CACHE_GENERATION = os.environ.get(
    "CACHE_GENERATION", "cache" if REDIS_URL else "database"
)
NEWSROOM_CDN_MAX_AGE = int(os.environ.get("CDN_MAX_AGE", "60"))

# --- Auth ---------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

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
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG or DEMO_MODE)
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

# --- Taggit -------------------------------------------------------------------
TAGGIT_CASE_INSENSITIVE = True

# --- Logging ------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# --- The newsroom -------------------------------------------------------------
NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "城市日报")
# Canonical links, feeds and sitemaps use this address when set (no trailing
# slash); otherwise the address the request came in on.
NEWSROOM_SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

# `make bench` only: the trivial view the public pages are measured against.
BENCH = env_bool("BENCH")
