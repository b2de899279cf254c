"""What a lost cache or database does to readers and staff (issue 18).

Redis gone: pages render from the database and staff stay logged in. The
database gone: a short 503 page in Chinese with Retry-After and no
traceback, and the next request after it is back is served as usual.
"""

import pytest
from django.db import OperationalError, connections
from django.test import Client

from sitecache import local
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

NOTHING_LISTENS = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_down(settings):
    """The site configured for Redis, and Redis not answering (refused at once)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": NOTHING_LISTENS,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        }
    }
    settings.NEWSROOM_CACHE_GENERATION = "cache"
    settings.NEWSROOM_PAGE_CACHE = True
    local.pages().clear()


def test_with_redis_down_public_pages_render_from_the_database(redis_down, client):
    article = ArticleFactory(live=True, headline="缓存停了照样看")
    for path in ("/", article.get_absolute_url(), article.section.get_absolute_url()):
        response = client.get(path)
        assert response.status_code == 200, path
    assert "缓存停了照样看" in client.get(article.get_absolute_url()).content.decode()


def test_with_redis_down_staff_log_in_work_and_log_out(redis_down, editor, reporter):
    desk, other = Client(), Client()
    desk.force_login(editor)
    other.force_login(reporter)
    page = desk.get("/admin/")
    assert page.status_code == 200
    assert page.context["user"] == editor  # each their own session, never another's
    assert other.get("/admin/").context["user"] == reporter
    assert desk.post("/admin/logout/").status_code == 200
    assert desk.get("/admin/").status_code == 302  # asked to log in again
    assert other.get("/admin/").context["user"] == reporter


def test_sessions_never_depend_on_the_cache(settings):
    from django.contrib.sessions.backends.db import SessionStore as DatabaseSessions
    from django.utils.module_loading import import_string

    engine = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    assert issubclass(engine, DatabaseSessions)


def test_a_session_save_the_database_drops_is_a_503_not_a_lost_session(monkeypatch, editor):
    from django.contrib.sessions.models import Session

    desk = Client(raise_request_exception=False)
    desk.force_login(editor)

    def dropped(self, *args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(Session, "save", dropped)
    response = desk.get("/admin/")
    assert response.status_code == 503 and "网站正在恢复" in response.content.decode()
    monkeypatch.undo()
    assert desk.get("/admin/").status_code == 200  # still logged in


def test_kept_database_connections_are_checked_before_reuse(settings):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    assert settings.DATABASES["default"]["OPTIONS"]["connect_timeout"] <= 10


def database_down(monkeypatch):
    # What Django raises when it cannot connect (it wraps the driver's error).
    def refused(*args, **kwargs):
        raise OperationalError(
            'connection to server at "127.0.0.1", port 5432 failed: Connection refused'
        )

    monkeypatch.setattr(connections["default"], "cursor", refused)


def test_with_the_database_down_readers_get_a_short_503(monkeypatch):
    article = ArticleFactory(live=True)
    reader = Client(raise_request_exception=False)
    database_down(monkeypatch)
    for path in ("/", article.get_absolute_url()):
        response = reader.get(path)
        assert response.status_code == 503, path
        assert response["Retry-After"] == "10"
        assert response["Cache-Control"] == "no-store"
        page = response.content.decode()
        assert "网站正在恢复" in page and "10 秒后" in page
        assert "Traceback" not in page and "OperationalError" not in page
    monkeypatch.undo()  # the database is back: nothing to reset
    assert reader.get(article.get_absolute_url()).status_code == 200


def test_with_the_database_down_staff_get_the_503_too(monkeypatch, editor):
    desk = Client(raise_request_exception=False)
    desk.force_login(editor)
    database_down(monkeypatch)
    response = desk.get("/admin/")
    assert response.status_code == 503 and "网站正在恢复" in response.content.decode()


@pytest.mark.urls("tests.newsroom.broken_urls")
def test_a_connection_lost_in_a_view_is_a_503_and_other_errors_stay_500(client, caplog):
    client.raise_request_exception = False
    response = client.get("/database-gone/")
    assert response.status_code == 503 and response["Retry-After"] == "10"
    assert [r for r in caplog.records if r.levelname == "ERROR" and r.exc_info]  # logged
    assert client.get("/broken/").status_code == 500
