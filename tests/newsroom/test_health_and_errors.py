"""Load balancers get /healthz; readers get error pages in Chinese, in the site's look."""

import logging

import pytest
from django.db import connections
from django.test import Client

from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_healthz_checks_the_database_and_the_cache(client, settings):
    settings.REDIS_URL = ""  # each process's own memory: still checked, still reported
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_healthz_answers_any_host_over_plain_http(settings):
    settings.SECURE_SSL_REDIRECT = True
    response = Client(HTTP_HOST="10.0.0.7:8000").get("/healthz")
    assert response.status_code == 200


def test_healthz_reports_redis_when_configured(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:6379/15"
    settings.CACHES = {
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": settings.REDIS_URL}
    }
    assert client.get("/healthz").json()["cache"] == "ok"


def test_healthz_keeps_the_process_in_service_when_redis_is_down(client, settings):
    # Pages are rendered from the database meanwhile (tests/newsroom/test_faults.py).
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": settings.REDIS_URL,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2},
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 200
    report = response.json()
    assert report["status"] == "degraded" and report["database"] == "ok"
    assert report["cache"].startswith("error")


def test_healthz_fails_when_the_database_is_down(client, monkeypatch):
    def broken(*args, **kwargs):
        raise connections["default"].Database.OperationalError("down")

    monkeypatch.setattr(connections["default"], "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "fail"
    assert response.json()["database"].startswith("error")


def test_404_page_in_chinese_in_the_site_look(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "页面不存在" in page and 'class="masthead' in page


@pytest.mark.urls("tests.newsroom.broken_urls")
def test_500_page_in_chinese_and_the_error_is_logged(client, caplog):
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    assert "服务暂时出错" in response.content.decode()
    errors = [r for r in caplog.records if r.levelname == "ERROR"]
    assert errors and errors[0].exc_info  # the traceback is kept for debugging


def test_csrf_failure_page_in_chinese(django_user_model):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "表单已失效" in response.content.decode()


def test_a_foreign_host_gets_a_chinese_400_and_a_warning_without_traceback(caplog):
    client = Client(HTTP_HOST="evil.example", raise_request_exception=False)
    with caplog.at_level(logging.INFO):
        response = client.get("/")
    assert response.status_code == 400
    page = response.content.decode()
    assert "请求有误" in page and 'lang="zh-Hans"' in page
    found = [r for r in caplog.records if r.name == "django.security.DisallowedHost"]
    assert found and all(r.levelno == logging.WARNING and r.exc_info is None for r in found)
    assert "evil.example" in found[0].getMessage()


@pytest.mark.parametrize("method", ["TRACE", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND"])
def test_methods_no_page_takes_are_405(client, method):
    ArticleFactory(live=True, headline="公开稿件")
    response = client.generic(method, "/")
    assert response.status_code == 405
    assert set(response["Allow"].split(", ")) == {"GET", "HEAD", "POST"}
    assert "公开稿件" not in response.content.decode()


def test_a_nul_in_a_search_is_left_out_not_an_error(admin_client):
    from taggit.models import Tag

    from tests.people.factories import ReporterFactory

    Tag.objects.create(name="竹竿")
    ReporterFactory(name="高轶鹏")
    suggestions = admin_client.get("/admin/tag-suggestions/?q=竹%00")
    assert suggestions.json() == {"results": ["竹竿"]}
    found = admin_client.get(
        "/admin/autocomplete/?term=高%00&app_label=media_library&model_name=photo"
        "&field_name=credit_reporter"
    )
    assert [r["text"] for r in found.json()["results"]] == ["高轶鹏"]
    assert admin_client.get("/admin/people/reporter/?q=高%00").status_code == 200


def test_a_foreign_host_is_a_400_with_the_site_cache_on(site_cache):
    client = Client(HTTP_HOST="evil.example", raise_request_exception=False)
    response = client.get("/")
    assert response.status_code == 400 and "请求有误" in response.content.decode()
