"""Home as a news site and a paper: the newest stories first, today's issue,
then each section's latest, and no story twice."""

import datetime

import pytest
from django.utils import timezone

from tests.articles.factories import ArticleFactory, PlacementFactory
from tests.paper.factories import IssueFactory, PageFactory, SectionFactory
from tests.support.crawler import page_text

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def home(client):
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode(), page_text(response)


def placed(page, headline, position, **kwargs):
    article = ArticleFactory(live=True, issue=page.issue, headline=headline, **kwargs)
    PlacementFactory(page=page, article=article, position=position)
    return article


@pytest.fixture
def paper():
    """Today's issue: a front page of two stories, a second page of two."""
    section = SectionFactory(name="要闻")
    issue = IssueFactory(date=timezone.localdate())
    front = PageFactory(issue=issue, number=1, name="要闻")
    second = PageFactory(issue=issue, number=2, name="高新区新闻")
    placed(front, "一版头条", 0, section=section)
    placed(front, "一版二条", 1, section=section)
    placed(second, "二版头条", 0, section=section)
    placed(second, "二版二条", 1, section=section)
    return {"section": section, "issue": issue}


def test_a_web_story_published_today_is_near_the_top_not_only_below_the_issue(client, paper):
    ArticleFactory(
        live=True,
        section=paper["section"],
        headline="刚刚发布的网络稿",
        publish_at=timezone.now() - datetime.timedelta(minutes=5),
    )
    html, text = home(client)
    newest, _rest = text.split("今日报纸", 1)
    assert "最新" in newest and "刚刚发布的网络稿" in newest
    # the print issue's other stories are in 最新 too, those shown in full are not
    assert "二版二条" in newest
    assert "一版头条" not in newest and "二版头条" not in newest
    assert html.index('id="newest-title"') < html.index('id="today-title"')


def test_section_latest_repeats_no_story_shown_above(client, paper):
    for n in range(10):
        ArticleFactory(
            live=True,
            section=paper["section"],
            headline=f"网络稿{n}号",
            publish_at=(timezone.now() - HOUR * (n + 2)),
        )
    _html, text = home(client)
    above, sections = text.split("栏目最新")
    for n in range(10):
        headline = f"网络稿{n}号"
        assert text.count(headline) == 1, headline
    # 最新 takes the newest eight (二版二条, then 网络稿0号 to 6号); 栏目最新 goes on
    assert "二版二条" in above and "网络稿6号" in above and "网络稿7号" in sections
    for headline in ("一版头条", "一版二条", "二版头条", "二版二条"):
        assert text.count(headline) == 1, headline


def test_todays_paper_is_called_so_only_on_its_day(client, paper):
    _html, text = home(client)
    assert "今日报纸" in text


def test_an_older_issue_says_its_date_not_today(client):
    IssueFactory(date=datetime.date(2021, 11, 25), number=4321)
    _html, text = home(client)
    assert "今日报纸" not in text
    assert "2021年11月25日报纸" in text and "第4321期" in text


def test_no_issue_yet_still_shows_the_newest_stories(client):
    ArticleFactory(live=True, headline="没有报纸时的网络稿")
    ArticleFactory(headline="草稿不上首页")
    _html, text = home(client)
    assert "今日报纸尚未出版" in text
    assert "没有报纸时的网络稿" in text and "草稿不上首页" not in text


def test_home_declares_the_lists_it_shows(client, paper):
    """最新 shows the newest list, 今日报纸 the issues, 栏目最新 each section's."""
    tags = client.get("/")["Surrogate-Key"].split()
    assert {"L:latest", "L:issues", f"L:section:{paper['section'].pk}"} <= set(tags)
