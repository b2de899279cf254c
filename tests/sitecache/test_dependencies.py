"""A change drops only what it changes: for each kind of change, a page that
shows what changed is rendered afresh, and a page that does not is still
served from the cache.

"Served from the cache" is measured by queries: a hit costs none with Redis,
one (the stamps) with the database; a fresh page costs several. The changes
go through the services the admin calls, which announce what they changed.
"""

import datetime

import pytest
from django.utils import timezone

from articles import services
from articles.models import Status
from paper.services import issue_create_next
from sitecache.keys import ALL_LISTS
from tests.articles.factories import ArticleFactory, BylineFactory, PlacementFactory
from tests.media_library.factories import PhotoFactory
from tests.paper.factories import IssueFactory, PageFactory, SectionFactory
from tests.people.factories import ReporterFactory
from tests.support.queries import get

pytestmark = pytest.mark.django_db(transaction=True)


def cached(client, url) -> bool:
    response, queries = get(client, url)
    assert response.status_code in (200, 410), url
    return queries <= 1


def warm(client, *urls):
    for url in urls:
        get(client, url)
        assert cached(client, url), url  # the second time comes from the cache


@pytest.fixture
def paper(db):
    """Two sections, each with a live story by its own reporter, and one unrelated story."""
    one, two = SectionFactory(name="高新区", slug="gaoxin"), SectionFactory(slug="yaowen")
    gao, zhang = ReporterFactory(name="高轶鹏"), ReporterFactory(name="张晓旭")
    story = ArticleFactory(live=True, section=one, headline="竹竿解急")
    BylineFactory(article=story, reporter=gao)
    story.tags.add("乡村振兴")
    other = ArticleFactory(live=True, section=two, headline="别的新闻")
    BylineFactory(article=other, reporter=zhang)
    return {"one": one, "two": two, "gao": gao, "zhang": zhang, "story": story, "other": other}


def test_editing_a_live_article_drops_its_pages_and_keeps_the_others(
    client, site_cache, paper, chief
):
    story, other = paper["story"], paper["other"]
    showing = [story.get_absolute_url(), paper["one"].get_absolute_url(), "/tags/乡村振兴/"]
    not_showing = [other.get_absolute_url(), paper["two"].get_absolute_url()]
    warm(client, *showing, *not_showing)

    story.headline = "竹竿解了菜农之急"
    services.article_save(article=story, by=chief)

    for url in showing:
        assert "竹竿解了菜农之急" in get(client, url)[0].content.decode(), url
    for url in not_showing:
        assert cached(client, url), url


def test_publishing_drops_the_lists_it_joins_and_keeps_the_others(
    client, site_cache, paper, editor, chief
):
    new = ArticleFactory(status=Status.APPROVED, section=paper["one"], headline="新发的稿")
    BylineFactory(article=new, reporter=paper["gao"])
    joins = [paper["one"].get_absolute_url(), paper["gao"].get_absolute_url(), "/feeds/rss/"]
    # A story with no tags or photos leaves the tag pages and the other
    # reporters' pages (their photos included) alone.
    not_joined = [
        paper["two"].get_absolute_url(),
        paper["other"].get_absolute_url(),
        paper["zhang"].get_absolute_url(),
        "/tags/乡村振兴/",
    ]
    warm(client, *joins, *not_joined)

    services.article_publish(article=new, by=chief)

    for url in joins:
        assert "新发的稿" in get(client, url)[0].content.decode(), url
    for url in not_joined:
        assert cached(client, url), url


def test_a_withdrawal_reaches_every_page_that_shows_the_article(client, site_cache, paper, chief):
    story = paper["story"]
    page = PageFactory(issue=IssueFactory(), number=3)
    story.issue = page.issue
    story.save()
    PlacementFactory(page=page, article=story)
    showing = [
        "/",
        paper["one"].get_absolute_url(),
        paper["gao"].get_absolute_url(),
        "/tags/乡村振兴/",
        page.get_absolute_url(),
        page.issue.get_absolute_url(),
        "/feeds/atom/",
        "/search/?q=竹竿",
    ]
    warm(client, story.get_absolute_url(), *showing, paper["other"].get_absolute_url())

    services.article_withdraw(article=story, by=chief, reason="事实有误")

    assert get(client, story.get_absolute_url())[0].status_code == 410
    for url in showing:
        assert "竹竿解急" not in get(client, url)[0].content.decode(), url
    assert cached(client, paper["other"].get_absolute_url())


def test_a_correction_drops_its_article_and_the_corrections_page(client, site_cache, paper, chief):
    story, other = paper["story"], paper["other"]
    warm(client, story.get_absolute_url(), "/corrections/", other.get_absolute_url())
    services.correction_add(article=story, by=chief, text="第二段的日期应为11月17日。")
    for url in (story.get_absolute_url(), "/corrections/"):
        assert "11月17日" in get(client, url)[0].content.decode(), url
    assert cached(client, other.get_absolute_url())


def test_releasing_an_issue_drops_its_pages_and_home_only(client, site_cache, paper, chief):
    old = IssueFactory(date=datetime.date(2021, 11, 24))
    old_page = PageFactory(issue=old, number=1, name="要闻")
    issue = IssueFactory(date=datetime.date(2021, 11, 25), unreleased=True)
    page = PageFactory(issue=issue, number=1, name="要闻")
    lead = ArticleFactory(status=Status.APPROVED, section=paper["two"], headline="今日头条")
    services.article_place(article=lead, page=page, by=chief)
    unrelated = [paper["other"].get_absolute_url(), paper["one"].get_absolute_url()]
    warm(client, "/", "/issues/", old_page.get_absolute_url(), *unrelated)

    services.issue_release(issue=issue, by=chief, publish_at=timezone.now())

    assert "今日头条" in get(client, "/")[0].content.decode()
    assert "2021年11月25日" in get(client, "/issues/")[0].content.decode()
    assert "今日头条" in get(client, page.get_absolute_url())[0].content.decode()
    # The day before now has a 下一期 to show.
    assert "2021年11月25日" in get(client, old_page.get_absolute_url())[0].content.decode()
    for url in unrelated:  # nothing of it joined this section, nor shows on that story
        assert cached(client, url), url


def test_moving_a_story_on_a_released_page_drops_that_page(client, site_cache, paper, chief):
    issue = IssueFactory()
    page, elsewhere = PageFactory(issue=issue, number=1), PageFactory(number=2)
    first = ArticleFactory(live=True, issue=issue, headline="先排的稿")
    second = ArticleFactory(live=True, issue=issue, headline="后排的稿")
    PlacementFactory(page=page, article=first, position=0)
    PlacementFactory(page=page, article=second, position=1)
    warm(client, page.get_absolute_url(), elsewhere.get_absolute_url())

    services.article_move(article=second, page=page, position=0, by=chief)

    html = get(client, page.get_absolute_url())[0].content.decode()
    assert html.index("后排的稿") < html.index("先排的稿")
    assert cached(client, elsewhere.get_absolute_url())


def test_renaming_a_reporter_drops_the_pages_that_show_them(client, site_cache, paper):
    gao = paper["gao"]
    showing = [gao.get_absolute_url(), paper["story"].get_absolute_url()]
    not_showing = [paper["other"].get_absolute_url(), paper["two"].get_absolute_url()]
    warm(client, *showing, *not_showing)

    gao.name = "高轶鹏（改名）"
    gao.save()  # the reporter admin saves the row: the safety net hears it

    for url in showing:
        assert "高轶鹏（改名）" in get(client, url)[0].content.decode(), url
    for url in not_showing:
        assert cached(client, url), url


def test_renaming_a_tag_drops_its_pages(client, site_cache, paper):
    story, other = paper["story"], paper["other"]
    tag = story.tags.get()
    warm(client, story.get_absolute_url(), "/tags/", other.get_absolute_url())
    tag.name = "乡村振兴战略"
    tag.save()
    assert "乡村振兴战略" in get(client, story.get_absolute_url())[0].content.decode()
    assert "乡村振兴战略" in get(client, "/tags/")[0].content.decode()
    assert cached(client, other.get_absolute_url())


def test_editing_a_section_reaches_every_page(client, site_cache, paper):
    """Every page's navigation lists the sections."""
    warm(client, paper["other"].get_absolute_url())
    paper["one"].name = "高新技术开发区"
    paper["one"].save()
    assert "高新技术开发区" in get(client, paper["other"].get_absolute_url())[0].content.decode()


def test_a_photo_change_drops_the_pages_that_show_it(client, site_cache, paper, chief):
    story, other = paper["story"], paper["other"]
    photo = PhotoFactory(renditions=True, caption="菜农领竹竿")
    story.photos.add(photo)
    warm(client, story.get_absolute_url(), other.get_absolute_url())
    services.photo_change(photo=photo, by=chief, caption="菜农在领取竹竿")
    assert "菜农在领取竹竿" in get(client, story.get_absolute_url())[0].content.decode()
    assert cached(client, other.get_absolute_url())


def test_a_write_outside_the_services_drops_every_list(client, site_cache, paper):
    """The safety net: a public article saved directly cannot say which lists it is in."""
    warm(client, paper["two"].get_absolute_url(), paper["other"].get_absolute_url())
    late = ArticleFactory(live=True, section=paper["two"], headline="脚本写入的稿")
    assert "脚本写入的稿" in get(client, paper["two"].get_absolute_url())[0].content.decode()
    assert cached(client, paper["other"].get_absolute_url())  # an article page is no list
    assert late.pk


def test_creating_tomorrows_issue_keeps_every_page(client, site_cache, paper, editor):
    warm(client, "/", paper["one"].get_absolute_url())
    issue_create_next(by=editor)
    assert cached(client, "/")
    assert cached(client, paper["one"].get_absolute_url())


def test_list_pages_show_the_key_every_list_is_dropped_by(client, site_cache, paper, settings):
    response = client.get(paper["one"].get_absolute_url())
    tags = response[settings.NEWSROOM_CDN_TAG_HEADER].split()
    assert ALL_LISTS in tags and f"L:section:{paper['one'].pk}" in tags
    assert f"a{paper['story'].pk}" in tags and f"a{paper['other'].pk}" not in tags


def test_a_live_story_taking_a_new_tag_adds_it_to_the_tag_index(client, site_cache, paper, chief):
    story = paper["story"]
    warm(client, "/tags/", paper["other"].get_absolute_url())

    with services.article_editing(article=story, by=chief):
        story.tags.add("防汛")

    assert "防汛" in get(client, "/tags/")[0].content.decode()
    assert cached(client, paper["other"].get_absolute_url())


def test_publishing_a_photo_puts_it_on_its_photographers_page(client, site_cache, paper, chief):
    photographer = ReporterFactory(name="郑喜艳")
    BylineFactory(article=paper["other"], reporter=photographer)  # a public page already
    new = ArticleFactory(status=Status.APPROVED, section=paper["two"], headline="图片新闻")
    new.photos.add(PhotoFactory(renditions=True, credit_reporter=photographer, title="竹竿丰收"))
    warm(client, photographer.get_absolute_url(), paper["gao"].get_absolute_url())

    services.article_publish(article=new, by=chief)

    assert "竹竿丰收" in get(client, photographer.get_absolute_url())[0].content.decode()
    assert cached(client, paper["gao"].get_absolute_url())
