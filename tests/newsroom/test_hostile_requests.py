"""Hostile requests: every URL pattern, admin included, with malformed, huge,
negative and overflowing path parameters and query strings, as an anonymous
reader and as staff, answers anything but a server error - on PostgreSQL
here, and on SQLite (``make run``'s database) in a process of its own.

The sweep itself is ``tests/support/hostile.py``.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import reversion
from django.conf import settings
from django.contrib.auth import get_user_model

from articles.models import Byline
from tests.articles.factories import (
    ArticleFactory,
    BylineFactory,
    CorrectionFactory,
    EventFactory,
    PlacementFactory,
)
from tests.media_library.factories import PhotoFactory
from tests.paper.factories import IssueFactory, PageFactory, SectionFactory
from tests.people.factories import ReporterFactory
from tests.support.hostile import GROUPS, PLAN, in_group, plausible_from_database, routes, sweep

ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def newsroom(db):
    """One of everything, live, so plausible values find real objects."""
    section = SectionFactory(name="要闻", slug="yaowen")
    issue = IssueFactory()
    page = PageFactory(issue=issue, number=1)
    reporter = ReporterFactory(name="高轶鹏")
    photographer = ReporterFactory(name="郑喜艳", kind="photographer")
    with reversion.create_revision():
        article = ArticleFactory(live=True, section=section, issue=issue, headline="公开稿件")
    PlacementFactory(page=page, article=article, position=0)
    BylineFactory(article=article, reporter=reporter)
    BylineFactory(article=article, reporter=photographer, role=Byline.Role.PHOTOGRAPHER)
    article.tags.add("疫情防控")
    article.photos.add(PhotoFactory(credit_reporter=photographer, renditions=True))
    EventFactory(title="全市领导干部大会", announced=True).articles.add(article)
    CorrectionFactory(article=article)
    ArticleFactory(section=section, headline="草稿")


def test_every_pattern_is_in_a_group():
    templates = [route.template for route in routes()]
    assert len(templates) > 100  # the admin is walked too
    ungrouped = [t for t in templates if not any(group(t) for group in GROUPS.values())]
    assert not ungrouped


# Thousands of requests per group: the whole suite runs the sweep, the
# edit-test loop (make test-fast) does not.
@pytest.mark.slow
@pytest.mark.parametrize("who, group", PLAN)
def test_no_hostile_request_is_a_server_error(client, newsroom, chief, who, group):
    if who == "chief":
        client.force_login(chief)
    elif who == "superuser":
        client.force_login(get_user_model().objects.create_superuser("root", "r@example.cn"))
    count, failures = sweep(client, plausible_from_database(), in_group(group))
    assert count > 0
    assert not failures, "\n".join(str(f) for f in failures[:40])


@pytest.mark.slow
def test_no_hostile_request_is_a_server_error_on_sqlite(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'sweep.sqlite3'}",
        "NEWSROOM_DEMO": "1",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "STATIC_ROOT": str(tmp_path / "static"),
        "LOG_LEVEL": "CRITICAL",
        "PAGE_CACHE": "0",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]

    def run(*args):
        return subprocess.run(
            [*manage, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
        )

    for args in (
        ("migrate", "--noinput", "-v0"),
        ("collectstatic", "--noinput", "-v0"),
        ("loaddemo", "--no-accounts"),
    ):
        done = run(*args)
        assert done.returncode == 0, done.stderr
    swept = run("shell", "-c", "from tests.support.hostile import main; main()")
    report = [line for line in swept.stdout.splitlines() if line.startswith(("sweep", "FAILED"))]
    assert swept.returncode == 0, "\n".join(report[:40]) + swept.stderr[-3000:]
    assert "swept" in swept.stdout and " 0 server errors" in swept.stdout.splitlines()[-1]
