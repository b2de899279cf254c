"""Load balancers get /healthz; readers get error pages in Chinese, in the site's look."""

import pytest
from django.db import connections
from django.test import Client

pytestmark = pytest.mark.django_db


def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
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


def test_healthz_fails_when_redis_is_down(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": settings.REDIS_URL,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2},
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "fail"


def test_healthz_fails_when_the_database_is_down(client, monkeypatch):
    def broken(*args, **kwargs):
        raise connections["default"].Database.OperationalError("down")

    monkeypatch.setattr(connections["default"], "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
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
