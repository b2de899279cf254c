"""Settings for the test suite: the site's own settings, on PostgreSQL.

`make test` provides DATABASE_URL (a server of yours, or a throwaway cluster
it starts). The suite refuses SQLite: what it proves must hold in production.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
# The test client speaks plain http; production's https settings are tested
# separately (tests/newsroom/test_security.py runs `check --deploy`).
os.environ.setdefault("HTTPS", "0")
os.environ.setdefault("LOG_FORMAT", "plain")

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

# Login throttling is switched on by the tests that exercise it.
AXES_ENABLED = False

# Tests run inside transactions that never commit, so the site cache's
# after-commit invalidation never fires: pages are rendered fresh unless a
# test turns the cache on (tests/conftest.py site_cache, with committed data).
NEWSROOM_PAGE_CACHE = False
