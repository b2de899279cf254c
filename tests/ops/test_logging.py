"""Logs are JSON lines with what is needed to debug, and no personal data."""

import io
import json
import logging

import pytest
from pythonjsonlogger.json import JsonFormatter

from newsroom.logging import RedactFilter

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_log():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    handler.addFilter(RedactFilter())
    loggers = [logging.getLogger(name) for name in ("newsroom.request", "django.request")]
    for logger in loggers:
        logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    for logger in loggers:
        logger.removeHandler(handler)


def test_request_log_line(client, json_log, admin_user):
    client.cookies["sessionid"] = "s3cr3t-session"
    client.get("/reporters/nobody/?q=读者搜索的词", REMOTE_ADDR="203.0.113.9")
    client.force_login(admin_user)
    client.get("/admin/")
    lines = [r for r in json_log() if r["name"] == "newsroom.request"]
    anonymous, staff = lines[0], lines[-1]
    assert anonymous["method"] == "GET" and anonymous["status"] == 404
    assert anonymous["path"] == "/reporters/nobody/"
    assert anonymous["staff_user_id"] is None
    assert isinstance(anonymous["duration_ms"], float)
    assert staff["staff_user_id"] == admin_user.pk
    everything = json.dumps(json_log(), ensure_ascii=False)
    for private in ("203.0.113.9", "s3cr3t-session", "读者搜索的词"):
        assert private not in everything


@pytest.mark.urls("tests.ops.broken_urls")
def test_errors_keep_the_traceback_but_not_the_request(client, json_log):
    client.raise_request_exception = False
    client.get("/broken/", REMOTE_ADDR="203.0.113.9", HTTP_COOKIE="sessionid=s3cr3t")
    errors = [r for r in json_log() if r["levelname"] == "ERROR"]
    assert errors, json_log()
    assert "RuntimeError: broken on purpose" in errors[0]["exc_info"]
    assert errors[0]["path"] == "/broken/"
    assert "203.0.113.9" not in json.dumps(errors) and "s3cr3t" not in json.dumps(errors)
