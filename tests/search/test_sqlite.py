"""`make run` without DATABASE_URL: SQLite migrates and searches (no GIN there)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

SCRIPT = """
from search.selectors import search_live, search_page
from search.segment import parse_query
from articles.models import Article
for text in ["竹竿", "高轶鹏", "2000多根", "中国科学院", "村"]:
    ids = search_live(parse_query(text))
    print("found", text, len(ids), Article.objects.get(pk=ids[0]).headline)
    page = search_page(parse_query(text), page="2", per_page=2)
    shown = [result.article.pk for result in page.results]
    start = (page.number - 1) * 2
    print("page", text, page.total, page.number, shown == ids[start:start + 2])
"""


@pytest.mark.slow
def test_sqlite_migrates_loads_the_demo_and_searches(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "NEWSROOM_DEMO": "1",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    }
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]

    def run(*args):
        return subprocess.run(
            [*manage, *args], env=env, capture_output=True, text=True, check=True, timeout=300
        ).stdout

    run("migrate", "--noinput", "-v0")
    run("loaddemo", "--no-accounts")
    output = run("shell", "-c", SCRIPT).splitlines()
    lines = dict(line.split(" ", 2)[1:] for line in output if line.startswith("found "))
    assert lines["竹竿"] == "1 2000多根竹竿解菜农之急"
    assert lines["高轶鹏"].startswith("6 ")
    assert lines["2000多根"] == "1 2000多根竹竿解菜农之急"
    assert lines["中国科学院"] == "1 做强创新主业 做好创新生态"
    assert lines["村"].split()[0] != "0"
    # A page of results, in one statement there too: the second page of two,
    # or the last when there is no second.
    pages = dict(line.split(" ", 2)[1:] for line in output if line.startswith("page "))
    assert pages["竹竿"] == "1 1 True"
    assert pages["高轶鹏"] == "6 2 True"
