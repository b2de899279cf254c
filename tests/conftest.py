"""Fixtures every app's tests share: users in each role, the site cache on
Redis or local memory, and a headless chromium."""

import gc
import io
import shutil
import uuid

import psycopg2
import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections, transaction
from pytest_django.plugin import blocking_manager_key

from people import roles
from sitecache import local
from tests.support.browser import ARGS, CHROMIUM, have_chromium
from tests.support.roles import make_user


def pytest_collection_modifyitems(items):
    """Every transactional test rolls back by restoring the serialized database.

    A transactional test (live server, real commits) ends by flushing the
    database, which would also wipe what migrations created — the newsroom's
    groups and their permissions — for every later test. Restoring the
    serialized initial data instead keeps them, and it only works if every
    transactional test does it (a plain flush re-creates content types that
    the restore then collides with).
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = (marker is not None and marker.kwargs.get("transaction")) or any(
            name in item.fixturenames for name in ("transactional_db", "live_server")
        )
        if transactional:
            kwargs = {**(marker.kwargs if marker else {}), "transaction": True}
            kwargs["serialized_rollback"] = True
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)
            # `make test-fast` leaves these out: each one flushes and restores
            # the whole database.
            item.add_marker(pytest.mark.committing)


def pytest_collection_finish(session):
    """What is loaded by now (Django, the apps, every test module and item)
    lives for the whole run: out of the collector's sight, so that each full
    collection does not walk it all again."""
    gc.freeze()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a test that commits, give the next test that does not the database it expects.

    A committing test ends by flushing the database; the next committing test
    restores the serialized initial data when it starts, but a plain test
    would find no groups and no content types. Django and pytest-django run
    plain tests first for that reason; with a module's tests kept on one
    worker (`--dist loadfile`) the two kinds alternate, so restore here.
    """
    result = yield
    if nextitem is not None and _commits(item) and not _commits(nextitem):
        with item.config.stash[blocking_manager_key].unblock():
            for connection in connections.all(initialized_only=True):
                contents = getattr(connection, "_test_serialized_contents", None)
                if contents:
                    connection.creation.deserialize_db_from_string(contents)
    return result


def _commits(item) -> bool:
    return item.get_closest_marker("committing") is not None


@pytest.fixture(scope="session", autouse=True)
def _remove_test_media():
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


# --- data built once for a module's tests ------------------------------------------


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """A transaction around a module's tests, rolled back after the last of them.

    For data that takes seconds to build and that the module's tests only read
    (the demo edition, a paper with something hidden on every page): built once
    inside it with ``module_db.unblock()``. Each test still runs in a
    transaction of its own inside this one, so what a test writes is gone
    before the next. Every test of such a module sees the data, so give it
    only to modules whose tests all use it. (`--dist loadfile` keeps a
    module's tests on one worker, so each builds it once.)
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    yield django_db_blocker
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def demo_edition(module_db):
    """The demo edition (no accounts), loaded once for a module (see ``module_db``)."""
    with module_db.unblock():
        call_command("loaddemo", "--no-accounts", stdout=io.StringIO())


# --- users in the newsroom's roles ----------------------------------------------


@pytest.fixture
def reporter(db):
    return make_user(roles.REPORTER, "reporter")


@pytest.fixture
def other_reporter(db):
    return make_user(roles.REPORTER, "other")


@pytest.fixture
def photographer(db):
    return make_user(roles.PHOTOGRAPHER, "photographer")


@pytest.fixture
def editor(db):
    return make_user(roles.EDITOR, "editor")


@pytest.fixture
def chief(db):
    return make_user(roles.CHIEF_EDITOR, "chief")


# --- the site cache ------------------------------------------------------------------

REDIS_URL = "redis://127.0.0.1:6379/0"


def redis_available() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except Exception:
        return False


@pytest.fixture(params=["redis", "locmem"])
def site_cache(request, settings):
    """The page cache on, with Redis (token in Redis) or local memory (token in the database)."""
    prefix = f"newsroom-test-{uuid.uuid4().hex[:12]}"
    if request.param == "redis":
        if not redis_available():
            pytest.skip(f"no Redis at {REDIS_URL}")
        settings.CACHES = {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": prefix,
            }
        }
        settings.NEWSROOM_CACHE_GENERATION = "cache"
    else:
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": prefix,
            }
        }
        settings.NEWSROOM_CACHE_GENERATION = "database"
    settings.NEWSROOM_PAGE_CACHE = True
    local.pages().clear()
    yield request.param
    if request.param == "redis":
        cache.delete_pattern("*")
    else:
        cache.clear()


# --- a database of its own ------------------------------------------------------


def database_url(params):
    host = params.get("host", "").replace("/", "%2F")
    port = f":{params['port']}" if params.get("port") else ""
    return f"postgres://{params.get('user', '')}@{host}{port}/{params['dbname']}"


@pytest.fixture
def scratch_database():
    """An empty PostgreSQL database beside the test database, dropped afterwards:
    its connection parameters (psycopg2) and, as ``url``, its DATABASE_URL."""
    db = settings.DATABASES["default"]
    name = f"{db['NAME']}_scratch"
    params = {"dbname": "postgres", "user": db["USER"], "host": db["HOST"], "port": db["PORT"]}
    params = {k: v for k, v in params.items() if v}
    admin = psycopg2.connect(**params)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    scratch = {**params, "dbname": name}
    yield {**scratch, "url": database_url(scratch)}
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


# --- a real browser ----------------------------------------------------------------


@pytest.fixture
def browser(monkeypatch):
    """Debian's chromium, headless, driven by Playwright's sync API.

    Ask for it after the data fixtures. Playwright keeps an event loop in this
    thread, so the test's own ORM calls between browser steps are allowed
    (they are ordinary synchronous ones) and get connections of their own,
    which are closed afterwards, or the test database could not be dropped.
    """
    if not have_chromium():
        pytest.skip(f"no chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield launched
        launched.close()
        # In here, where the test's ORM calls opened their connections.
        connections.close_all()
