"""The site cache: fast, and never wrong.

Publishing, editing, withdrawing and the clock reaching a scheduled time all
show at once, whether the cache is Redis (the stamps next to the pages) or
each process's local memory (the stamps in the database). These tests commit
for real (``transaction=True``): the cache hears of changes after commit.
What each kind of change drops, and keeps, is in ``test_dependencies``.
"""

import datetime
import time
from collections import namedtuple
from unittest import mock

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Status
from sitecache import changes, local, stamps
from sitecache.keys import key_of
from tests.articles.factories import ArticleFactory, PlacementFactory
from tests.paper.factories import IssueFactory, PageFactory, SectionFactory
from tests.support.queries import get

pytestmark = pytest.mark.django_db(transaction=True)

HOUR = datetime.timedelta(hours=1)


def later(delta):
    return mock.patch("django.utils.timezone.now", return_value=timezone.now() + delta)


def test_a_cached_page_costs_no_query_or_one(client, site_cache):
    article = ArticleFactory(live=True, headline="高新区安排当前疫情防控工作")
    first, first_queries = get(client, article.get_absolute_url())
    again, queries = get(client, article.get_absolute_url())
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    # Redis: the token comes with the page. Local memory: the token's row.
    assert queries == (0 if site_cache == "redis" else 1) < first_queries


def test_publishing_shows_at_once(client, site_cache):
    section = SectionFactory()
    ArticleFactory(live=True, section=section, headline="旧闻")
    assert "新闻发布" not in get(client, section.get_absolute_url())[0].content.decode()
    ArticleFactory(live=True, section=section, headline="新闻发布")
    assert "新闻发布" in get(client, section.get_absolute_url())[0].content.decode()
    assert "新闻发布" in get(client, "/feeds/rss/")[0].content.decode()


def test_editing_shows_at_once(client, site_cache):
    article = ArticleFactory(live=True, headline="原来的标题")
    url = article.get_absolute_url()
    assert "原来的标题" in get(client, url)[0].content.decode()
    article.headline = "改过的标题"
    article.save()
    assert "改过的标题" in get(client, url)[0].content.decode()


def test_a_withdrawn_article_is_never_served_from_cache(client, site_cache):
    section = SectionFactory()
    page = PageFactory()
    article = ArticleFactory(live=True, section=section, issue=page.issue, headline="将被撤回")
    PlacementFactory(page=page, article=article)
    urls = ["/", section.get_absolute_url(), page.get_absolute_url(), "/feeds/atom/"]
    for url in [article.get_absolute_url(), *urls]:
        assert "将被撤回" in get(client, url)[0].content.decode(), url
    article.status = Status.WITHDRAWN
    article.save()
    assert get(client, article.get_absolute_url())[0].status_code == 410
    for url in urls:
        assert "将被撤回" not in get(client, url)[0].content.decode(), url


def test_a_scheduled_article_appears_when_the_clock_gets_there(client, site_cache):
    section = SectionFactory()
    ArticleFactory(live=True, section=section, headline="已经发布")
    scheduled = ArticleFactory(
        status=Status.PUBLISHED,
        publish_at=timezone.now() + HOUR,
        section=section,
        headline="定时发布",
    )
    response, _ = get(client, section.get_absolute_url())
    assert "定时发布" not in response.content.decode()
    assert get(client, scheduled.get_absolute_url())[0].status_code == 404
    with later(HOUR + datetime.timedelta(seconds=1)):
        assert "定时发布" in get(client, section.get_absolute_url())[0].content.decode()
        assert get(client, scheduled.get_absolute_url())[0].status_code == 200


def test_a_released_issue_goes_on_the_home_page_at_its_publish_time(client, site_cache):
    today = IssueFactory(date=datetime.date(2021, 11, 24))
    PageFactory(issue=today, number=1, name="要闻")
    tomorrow = IssueFactory(
        date=datetime.date(2021, 11, 25),
        publish_at=timezone.now() + HOUR,
        released_at=timezone.now(),
    )
    PageFactory(issue=tomorrow, number=1, name="要闻")
    assert "2021年11月24日" in get(client, "/")[0].content.decode()
    assert "2021年11月25日" not in get(client, "/")[0].content.decode()
    with later(2 * HOUR):
        assert "2021年11月25日" in get(client, "/")[0].content.decode()


def test_a_change_made_by_another_worker_is_seen(client, site_cache):
    """Another process saves: all this process shares with it is where the stamps live."""
    article = ArticleFactory(live=True, headline="别的进程")
    url = article.get_absolute_url()
    get(client, url)
    with connection.cursor() as cursor:  # as another worker would, after its commit
        cursor.execute("UPDATE articles_article SET headline = %s", ["别的进程改过"])
    stamps.backend().bump({key_of(article)})
    assert "别的进程改过" in get(client, url)[0].content.decode()


def test_revalidation_answers_not_modified(client, site_cache):
    article = ArticleFactory(live=True)
    response = client.get(article.get_absolute_url())
    assert response["ETag"] and response["Last-Modified"]
    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    article.headline = "改了"
    article.save()
    changed = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=response["ETag"])
    assert changed.status_code == 200


def s_maxage(cache_control: str) -> int:
    return int(cache_control.split("s-maxage=")[1].split(",")[0])


def test_a_cdn_may_keep_a_page_only_until_the_next_scheduled_time(client, site_cache, settings):
    settings.NEWSROOM_CDN_MAX_AGE = 300
    section = SectionFactory()
    response = client.get(section.get_absolute_url())
    control = response["Cache-Control"]
    assert "public" in control and "max-age=0" in control and "must-revalidate" in control
    # Local midnight is due too (the home page's "today" changes): within
    # five minutes of it a CDN may keep the page only until then.
    now = timezone.now()
    until_midnight = (changes._next_midnight(now) - now).total_seconds()
    assert abs(s_maxage(control) - min(300, until_midnight)) <= 1
    ArticleFactory(
        status=Status.PUBLISHED, publish_at=timezone.now() + datetime.timedelta(seconds=30)
    )
    control = client.get(section.get_absolute_url())["Cache-Control"]
    assert 0 <= s_maxage(control) <= 30


def test_other_query_parameters_share_the_cached_page(client, site_cache):
    section = SectionFactory()
    ArticleFactory(live=True, section=section)
    get(client, section.get_absolute_url())
    _response, queries = get(client, section.get_absolute_url() + "?utm_source=weixin")
    assert queries <= 1


@pytest.mark.django_db(transaction=False)
def test_without_the_site_cache_shared_caches_must_revalidate(client, settings):
    """Nothing then knows when the next scheduled article is due."""
    settings.NEWSROOM_PAGE_CACHE = False
    article = ArticleFactory(live=True)
    response = client.get(article.get_absolute_url())
    control = response["Cache-Control"]
    assert "s-maxage=0" in control and "max-age=0" in control and "public" in control
    assert response["ETag"]
    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


# --- desk work leaves the cache alone; anything public does not -----------------------


def test_desk_work_readers_cannot_see_keeps_the_cache(client, site_cache, django_user_model):
    from django.contrib.auth.models import Group

    from articles.services import article_save, article_submit
    from tests.articles.factories import BylineFactory
    from tests.media_library.factories import PhotoFactory

    section = SectionFactory()
    ArticleFactory(live=True, section=section, headline="已发布的稿")
    reporter = django_user_model.objects.create_user("jizhe", is_staff=True)
    reporter.groups.add(Group.objects.get(name="记者"))
    draft = ArticleFactory(section=section, headline="草稿", created_by=reporter)
    BylineFactory(article=draft)
    draft.tags.add("未发布的标签")
    draft.photos.add(PhotoFactory())
    url = section.get_absolute_url()
    get(client, url)

    # What the desk does all day, through the services the admin calls.
    draft.headline = "草稿改了"
    article_save(article=draft, by=reporter)
    article_submit(article=draft, by=reporter)  # and its Transition record
    IssueFactory(unreleased=True)
    PageFactory(issue=IssueFactory(unreleased=True))

    assert get(client, url)[1] <= 1  # still served from the cache


def test_a_page_another_worker_rendered_comes_from_the_shared_cache(client, site_cache):
    article = ArticleFactory(live=True, headline="别的进程缓存的页面")
    first, _ = get(client, article.get_absolute_url())
    local.pages().clear()  # as a worker that has not served this page yet
    again, queries = get(client, article.get_absolute_url())
    assert again.content == first.content
    assert queries == (0 if site_cache == "redis" else 1)


def test_each_worker_keeps_only_so_many_bytes_of_pages():
    Page = namedtuple("Page", "token content rendered_at")
    pages = local.LocalPages(max_bytes=100)
    for n in range(5):
        pages.put(f"page{n}", Page("t", b"x" * 40, time.time()))
    pages.get("page3")  # used lately: kept
    pages.put("page5", Page("t", b"x" * 40, time.time()))
    assert pages.size <= 100
    assert pages.get("page3") is not None and pages.get("page5") is not None
    assert pages.get("page0") is None and pages.get("page4") is None
    pages.put("huge", Page("t", b"x" * 101, time.time()))
    assert pages.get("huge") is None


def test_a_worker_keeps_a_page_no_longer_than_the_shared_cache_would():
    Page = namedtuple("Page", "token content rendered_at")
    pages = local.LocalPages(max_bytes=100)
    pages.put("fresh", Page("t", b"x", time.time() - 599))
    pages.put("old", Page("t", b"x", time.time() - 600))
    assert pages.get("fresh", max_age=600) is not None
    assert pages.get("old", max_age=600) is None
    assert pages.size == 1


def test_the_due_time_is_worked_out_once_per_change(site_cache):
    now = timezone.now()
    with mock.patch.object(changes, "next_due", return_value=now + HOUR) as worked_out:
        assert changes.due(now, 5) == changes.due(now, 5) == now + HOUR
        assert worked_out.call_count == 1
        changes.forget_due()  # another process: the shared copy serves it
        assert changes.due(now, 5) == now + HOUR
        assert worked_out.call_count == 1
        changes.due(now, 6)  # a change since
        assert worked_out.call_count == 2
    with mock.patch.object(changes, "next_due", return_value=now + 2 * HOUR):
        # Past the known time, it is worked out again.
        assert changes.due(now + HOUR, 6) == now + 2 * HOUR
