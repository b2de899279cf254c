"""What the demo edition holds once loaded: one released issue, its printed
page's every item, come through the page importer as the desk's would."""

import pytest

from articles.models import Article, Byline, Event, Kind, PageImport, Transition, public_photos
from articles.selectors.versions import version_number
from paper.models import Issue
from people.models import Reporter

pytestmark = pytest.mark.django_db


def test_the_demo_edition_comes_through_the_page_importer(demo_edition):
    record = PageImport.objects.get()
    assert record.page.number == 5 and record.items == 10 and record.encoding == "UTF-8"
    notes = set(Transition.objects.values_list("action", "note"))
    assert notes == {(Transition.Action.IMPORT, "来自版面导入，由 系统 确认。")}


def test_the_demo_edition_is_a_released_issue_with_every_item(demo_edition):
    issue = Issue.objects.get()
    assert issue.is_released
    page = issue.pages.get()
    assert str(page) == "第5版 高新区新闻"
    assert page.articles.count() == 10
    assert Article.objects.live().count() == 10
    assert Article.objects.filter(kind=Kind.PHOTO).count() == 4
    assert public_photos().count() == 4
    assert Event.objects.public().count() == Event.objects.count() >= 10

    zheng = Reporter.objects.get(name="郑喜艳")
    assert set(zheng.bylines.values_list("role", flat=True)) == {
        Byline.Role.CORRESPONDENT,
        Byline.Role.PHOTOGRAPHER,
    }
    assert Reporter.objects.get(name="高轶鹏").kind == Reporter.Kind.STAFF
    assert Reporter.objects.get(name="张晓旭").kind == Reporter.Kind.CORRESPONDENT


def test_the_demo_stories_start_their_history_at_the_first_version(demo_edition):
    articles = Article.objects.all()
    assert articles and all(version_number(a) == 1 for a in articles)
