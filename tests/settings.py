"""Settings for the test suite: the site's own settings, on PostgreSQL.

`make test` provides DATABASE_URL (a server of yours, or a throwaway cluster
it starts). The suite refuses SQLite: what it proves must hold in production.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")

from newsroom.settings import *  # noqa: F403
from newsroom.settings import DATABASES

if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise RuntimeError(
        "The tests run on PostgreSQL. Use `make test`, or set DATABASE_URL=postgres://…"
    )

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="newsroom-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files from the apps' folders: no collectstatic before tests.
STATIC_ROOT = tempfile.mkdtemp(prefix="newsroom-test-static-")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests run inside transactions that never commit, so the site cache's
# after-commit invalidation never fires: pages are rendered fresh unless a
# test turns the cache on (tests/test_site_cache.py, with committed data).
NEWSROOM_PAGE_CACHE = False
