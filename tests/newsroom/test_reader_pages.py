"""What readers see on each page, and what they must not."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Byline, Kind, Status
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
from tests.support.crawler import page_text

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)


def text(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return page_text(response)


def placed(page, headline, position=0, **kwargs):
    article = ArticleFactory(live=True, issue=page.issue, headline=headline, **kwargs)
    PlacementFactory(page=page, article=article, position=position)
    return article


@pytest.fixture
def paper():
    """Two released issues of three pages, and a newer one not out yet."""
    older = IssueFactory(date=datetime.date(2021, 11, 24))
    today = IssueFactory(date=datetime.date(2021, 11, 25))
    IssueFactory(date=datetime.date(2021, 11, 26), unreleased=True)
    pages = {}
    for issue in (older, today):
        for number, name in ((1, "要闻"), (2, "高新区新闻"), (3, "文化")):
            page = PageFactory(issue=issue, number=number, name=name)
            pages[issue.date.day, number] = page
            placed(page, f"{issue.date.day}日{number}版头条", 0)
            placed(page, f"{issue.date.day}日{number}版二条", 1)
    return {"older": older, "today": today, "pages": pages}


def test_home_shows_todays_front_page_the_lead_of_every_page_and_each_section(client, paper):
    section = SectionFactory(name="经济")
    ArticleFactory(live=True, section=section, headline="网络稿件")
    home = text(client, "/")
    newest, today = home.split("2021年11月25日报纸")  # not today's: it says its date
    today, sections = today.split("栏目最新")
    assert "最新" in newest and "网络稿件" in newest  # the newest stories come first
    assert "25日1版头条" in today and "25日1版二条" in today  # the front page in full
    assert "25日2版头条" in today and "25日3版头条" in today  # each page's lead
    assert "25日2版二条" not in today
    assert "24日1版头条" not in today and "2021年11月26日" not in today
    assert "网络稿件" not in sections  # not twice: 栏目最新 skips what 最新 shows


def test_issue_lists_its_pages_with_headlines_and_neighbouring_issues(client, paper):
    issue = text(client, paper["today"].get_absolute_url())
    assert "第1版 要闻" in issue and "第3版 文化" in issue
    assert "25日3版二条" in issue
    assert "上一期：2021年11月24日" in issue
    assert "已是最新一期" in issue  # the 26th is not released


def test_page_leads_to_the_previous_and_next_page_and_issue(client, paper):
    page = text(client, paper["pages"][25, 2].get_absolute_url())
    assert page.index("25日2版头条") < page.index("25日2版二条")
    assert "上一版：第1版 要闻" in page and "下一版：第3版 文化" in page
    assert "上一期：2021年11月24日" in page
    first = text(client, paper["pages"][24, 1].get_absolute_url())
    assert "已是第一版" in first and "下一期：2021年11月25日" in first


def test_a_page_shows_only_live_articles(client, paper):
    page = paper["pages"][25, 1]
    draft = ArticleFactory(issue=page.issue, headline="未签发的稿件")
    PlacementFactory(page=page, article=draft, position=5)
    assert "未签发的稿件" not in text(client, page.get_absolute_url())


def test_archive_calendar_by_year_and_month(client, paper):
    archive = client.get("/issues/")
    assert archive.status_code == 200
    html = archive.content.decode()
    assert "2021年11月" in page_text(archive)
    assert 'href="/issues/2021-11-24/"' in html and 'href="/issues/2021-11-25/"' in html
    assert "/issues/2021-11-26/" not in html
    assert 'href="/issues/2021/11/"' in html
    assert client.get("/issues/2021/11/").status_code == 200
    assert client.get("/issues/2021/10/").status_code == 404
    assert client.get("/issues/2021/13/").status_code == 404


def test_section_pages_paginate(client):
    section = SectionFactory()
    for n in range(21):
        ArticleFactory(
            live=True,
            section=section,
            headline=f"稿件{n:02d}",
            publish_at=timezone.now() - n * HOUR,
        )
    first = text(client, section.get_absolute_url())
    assert "稿件00" in first and "稿件19" in first and "稿件20" not in first
    assert "下一页" in first
    second = text(client, section.get_absolute_url() + "?p=2")
    assert "稿件20" in second and "上一页" in second and "下一页" not in second
    for bad in ("?p=3", "?p=0", "?p=abc"):
        assert client.get(section.get_absolute_url() + bad).status_code == 404


def test_article_page_prints_the_article_as_the_paper_does(client, paper):
    page = paper["pages"][25, 2]
    reporter = ReporterFactory(name="高轶鹏")
    correspondent = ReporterFactory(name="张晓旭", kind="correspondent")
    photographer = ReporterFactory(name="郑喜艳", kind="photographer")
    article = placed(
        page,
        "高新区安排当前疫情防控工作",
        5,
        kicker="齐心协力 常抓不懈",
        subheadline="全区动员",
        dateline="本报讯",
        body="<p>11月20日上午，召开会议。</p><h2>积极培育创新创造生力军</h2><p>第二段。</p>",
    )
    BylineFactory(article=article, reporter=reporter, position=0)
    BylineFactory(
        article=article, reporter=correspondent, role=Byline.Role.CORRESPONDENT, position=1
    )
    photo = PhotoFactory(caption="会议现场", credit_reporter=photographer, credit_text="")
    article.photos.add(photo)
    article.tags.add("疫情防控")
    event = EventFactory(title="疫情防控专题会议")
    event.articles.add(article)
    CorrectionFactory(article=article, text="原稿“11月19日”应为“11月20日”。")
    related = ArticleFactory(live=True, headline="另一篇防疫稿件")
    related.tags.add("疫情防控")

    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    words = page_text(response)
    assert "齐心协力 常抓不懈" in words and "全区动员" in words
    assert "本报讯（记者 高轶鹏 通讯员 张晓旭）11月20日上午" in words
    assert "<h2>积极培育创新创造生力军</h2>" in html
    assert "会议现场" in words and "郑喜艳 摄" in words
    assert 'href="/tags/疫情防控/"' in html or 'href="/tags/%E7%96%AB' in html
    assert "疫情防控专题会议" in words
    assert "原稿“11月19日”应为“11月20日”。" in words
    assert "刊于 2021年11月25日 第2版 高新区新闻" in words
    assert "另一篇防疫稿件" in words
    assert f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">' in html


def test_reporter_page_shows_bio_roles_stories_and_photos(client):
    person = ReporterFactory(name="郑喜艳", kind="correspondent", bio="高新区通讯员。")
    story = ArticleFactory(live=True, headline="竹竿解菜农之急")
    BylineFactory(article=story, reporter=person, role=Byline.Role.CORRESPONDENT)
    photo_news = ArticleFactory(live=True, kind=Kind.PHOTO, headline="冬季健步走")
    BylineFactory(article=photo_news, reporter=person, role=Byline.Role.PHOTOGRAPHER)
    photo_news.photos.add(PhotoFactory(title="健步走的队伍", credit_reporter=person))
    hidden = ArticleFactory(headline="还在写的稿子")
    BylineFactory(article=hidden, reporter=person, role=Byline.Role.WRITER)
    hidden.photos.add(PhotoFactory(title="没有发表的照片", credit_reporter=person))

    page = text(client, person.get_absolute_url())
    assert "高新区通讯员。" in page
    assert "署名身份：通讯员、摄影" in page
    assert "竹竿解菜农之急" in page and "冬季健步走" in page and "健步走的队伍" in page
    assert "还在写的稿子" not in page and "没有发表的照片" not in page and "撰稿" not in page
    assert "健步走的队伍" in text(client, person.get_absolute_url() + "photos/")


def test_tags_are_public_only_with_a_live_article(client):
    ArticleFactory(live=True).tags.add("招商引资")
    ArticleFactory().tags.add("内部选题")
    tags = text(client, "/tags/")
    assert "招商引资" in tags and "内部选题" not in tags
    assert client.get("/tags/招商引资/").status_code == 200
    assert client.get("/tags/内部选题/").status_code == 404


def test_events_upcoming_and_past_by_date(client):
    now = timezone.now()
    EventFactory(title="冬季健步走", start=now + 3 * DAY, announced=True)
    covered = EventFactory(title="全市领导干部大会", start=now - 3 * DAY)
    covered.articles.add(ArticleFactory(live=True, headline="大会报道"))
    EventFactory(title="没有公开的活动", start=now + DAY)
    draft_only = EventFactory(title="只有草稿报道", start=now - DAY)
    draft_only.articles.add(ArticleFactory(headline="草稿"))

    upcoming = text(client, "/events/")
    past = text(client, "/events/past/")
    assert "冬季健步走" in upcoming and "全市领导干部大会" not in upcoming
    assert "全市领导干部大会" in past and "冬季健步走" not in past
    for hidden in ("没有公开的活动", "只有草稿报道"):
        assert hidden not in upcoming + past
    event = text(client, covered.get_absolute_url())
    assert "大会报道" in event


def test_photo_gallery_and_photo_pages_show_only_public_photos(client):
    photographer = ReporterFactory(name="张振成")
    public = PhotoFactory(
        title="成立驻上海招商处", credit_reporter=photographer, rights="本报版权"
    )
    ArticleFactory(live=True, headline="招商处成立").photos.add(public)
    ArticleFactory(headline="草稿").photos.add(PhotoFactory(title="草稿里的照片"))
    gallery = text(client, "/photos/")
    assert "成立驻上海招商处" in gallery and "草稿里的照片" not in gallery
    photo = text(client, public.get_absolute_url())
    assert "张振成" in photo and "本报版权" in photo and "招商处成立" in photo


def test_corrections_page_lists_corrections_of_live_articles(client):
    CorrectionFactory(article=ArticleFactory(live=True, headline="已更正的稿件"), text="数字有误")
    CorrectionFactory(
        article=ArticleFactory(status=Status.WITHDRAWN, headline="撤回的稿件"), text="撤回的更正"
    )
    corrections = text(client, "/corrections/")
    assert "已更正的稿件" in corrections and "数字有误" in corrections
    assert "撤回的稿件" not in corrections and "撤回的更正" not in corrections
