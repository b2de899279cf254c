"""Logs are JSON lines with what is needed to debug, and no personal data."""

import datetime
import io
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from pythonjsonlogger.json import JsonFormatter

from articles.models import Status
from newsroom.logging import JsonFormatter as NewsroomJsonFormatter
from newsroom.logging import RedactFilter
from tests.articles.factories import ArticleFactory

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


@pytest.mark.urls("tests.newsroom.broken_urls")
def test_errors_keep_the_traceback_but_not_the_request(client, json_log):
    client.raise_request_exception = False
    client.get("/broken/", REMOTE_ADDR="203.0.113.9", HTTP_COOKIE="sessionid=s3cr3t")
    errors = [r for r in json_log() if r["levelname"] == "ERROR"]
    assert errors, json_log()
    assert "RuntimeError: broken on purpose" in errors[0]["exc_info"]
    assert errors[0]["path"] == "/broken/"
    assert "203.0.113.9" not in json.dumps(errors) and "s3cr3t" not in json.dumps(errors)


def test_workflow_actions_are_logged_after_commit(django_capture_on_commit_callbacks, caplog):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from articles.models import Status
    from articles.services import article_publish, article_withdraw
    from tests.articles.factories import ArticleFactory

    chief = get_user_model().objects.create_user("zongbian", is_staff=True)
    chief.groups.add(Group.objects.get(name="总编"))
    article = ArticleFactory(status=Status.APPROVED, headline="将要撤下的稿")
    with caplog.at_level(logging.INFO, logger="newsroom.workflow"):
        with django_capture_on_commit_callbacks(execute=True):
            article_publish(article=article, by=chief)
        with django_capture_on_commit_callbacks(execute=True):
            article_withdraw(article=article, by=chief, reason="事实有误")
    records = [r for r in caplog.records if r.name == "newsroom.workflow"]
    assert [r.getMessage() for r in records] == ["article.publish", "article.withdraw"]
    assert records[1].by_username == "zongbian" and records[1].article_id == article.pk
    assert records[1].from_status == "published" and records[1].to_status == "withdrawn"
    assert "事实有误" not in json.dumps([r.__dict__ for r in records], default=str)


def test_a_withdrawn_article_is_not_a_warning_but_a_missing_page_is(client, json_log):
    withdrawn = ArticleFactory(live=True)
    withdrawn.status = Status.WITHDRAWN
    withdrawn.save()
    assert client.get(withdrawn.get_absolute_url()).status_code == 410
    assert client.get("/reporters/nobody/").status_code == 404
    levels = {
        record["status_code"]: record["levelname"]
        for record in json_log()
        if record["name"] == "django.request"
    }
    assert levels == {410: "INFO", 404: "WARNING"}


def test_json_lines_carry_times_with_their_utc_offset():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(
        NewsroomJsonFormatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s",
            rename_fields={"asctime": "time"},
        )
    )
    logger = logging.getLogger("newsroom.test_time")
    logger.addHandler(handler)
    try:
        logger.warning("a moment")
    finally:
        logger.removeHandler(handler)
    stamp = json.loads(stream.getvalue())["time"]
    moment = datetime.datetime.fromisoformat(stamp)
    assert moment.utcoffset() is not None, stamp
    assert abs((moment - datetime.datetime.now(datetime.UTC)).total_seconds()) < 60


def test_the_settings_and_gunicorn_log_through_the_same_json_formatter(settings):
    from newsroom import gunicorn_conf

    for config in (settings.LOGGING, gunicorn_conf.logconfig_dict):
        assert config["formatters"]["json"]["()"] == "newsroom.logging.JsonFormatter"
    assert gunicorn_conf.accesslog is None  # the site logs requests itself, without addresses


@pytest.mark.slow
def test_gunicorn_writes_its_own_lines_as_json(tmp_path):
    """Start, worker boot, shutdown: every line gunicorn writes is a JSON object
    with an ISO time and its UTC offset, as the site's own lines are."""
    root = Path(settings.BASE_DIR)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "NEWSROOM_DEMO": "1",
        "STATIC_ROOT": str(tmp_path / "static"),
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "INFO",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    (tmp_path / "static").mkdir()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "-c", "python:newsroom.gunicorn_conf", "newsroom.wsgi",
         "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    assert r.status == 200
                    break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "no gunicorn"
                time.sleep(0.3)
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    lines = [line for line in output.splitlines() if line.strip()]
    records = [json.loads(line) for line in lines]  # every line, or this fails
    messages = " ".join(r["message"] for r in records)
    assert "Booting worker" in messages and "Shutting down" in messages, messages
    assert {r["logger"] for r in records} >= {"gunicorn.error"}
    for record in records:
        assert datetime.datetime.fromisoformat(record["time"]).utcoffset() is not None
