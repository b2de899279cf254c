"""Markup typed into any text field staff fill never reaches a reader live:
not in a page, a feed, a sitemap or a structured-data block - on PostgreSQL
here, and on SQLite (``make run``'s database) in a process of its own.

The fields and the check are ``tests/support/stored_markup.py``.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.support.crawler import body
from tests.support.markup import WORD
from tests.support.stored_markup import check, plant

ROOT = Path(settings.BASE_DIR)


@pytest.mark.django_db
def test_no_public_page_feed_sitemap_or_structured_data_carries_markup_live(client):
    planted = plant()
    count, findings = check(client)
    assert count > 30  # pages, feeds, sitemaps, media were read
    assert not findings, "\n".join(findings[:40])
    # The text is there, shown as typed: escaped in the page, text in JSON-LD.
    page = body(client.get(planted["article"].get_absolute_url())).decode()
    assert "&lt;script&gt;" in page and f"{WORD}()" in page
    assert '"headline":"主题\\u003Cscript\\u003E' in page


@pytest.mark.slow
def test_the_same_on_sqlite(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'markup.sqlite3'}",
        "NEWSROOM_DEMO": "1",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "LOG_LEVEL": "CRITICAL",
        "PAGE_CACHE": "0",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for args in (("migrate", "--noinput", "-v0"), ("collectstatic", "--noinput", "-v0")):
        done = subprocess.run([*manage, *args], cwd=ROOT, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    checked = subprocess.run(
        [*manage, "shell", "-c", "from tests.support.stored_markup import main; main()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = [line for line in checked.stdout.splitlines() if line.startswith(("LIVE", "crawled"))]
    assert checked.returncode == 0, "\n".join(report[:40]) + checked.stderr[-3000:]
    assert report[-1].endswith(" 0 with live markup")
