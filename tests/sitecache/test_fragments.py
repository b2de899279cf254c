"""Fragments: the blocks a page is made of, kept until what they show changes.

Like pages, for each kind of change a fragment that shows what changed is
built again and one that does not is kept; a fragment of what is live goes
at the next due time; without the cache, pages are built from the database.
"""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from articles import cache_keys, services
from articles.models import Status
from sitecache import changes, fragments, stamps
from tests.articles.factories import ArticleFactory, BylineFactory, PlacementFactory
from tests.paper.factories import IssueFactory, PageFactory, SectionFactory
from tests.people.factories import ReporterFactory
from tests.support.queries import get

pytestmark = pytest.mark.django_db(transaction=True)

HOUR = datetime.timedelta(hours=1)


def later(delta):
    return mock.patch("django.utils.timezone.now", return_value=timezone.now() + delta)


def newest(list_key) -> str:
    return f"newest:{list_key}"


@pytest.fixture
def home(db):
    """Two sections with a live web story each, and today's paper with its front page."""
    one, two = SectionFactory(slug="gaoxin"), SectionFactory(slug="yaowen")
    ArticleFactory(live=True, section=one, headline="甲栏目旧稿")
    ArticleFactory(live=True, section=two, headline="乙栏目旧稿")
    front = PageFactory(issue=IssueFactory(), number=1, name="要闻")
    lead = ArticleFactory(live=True, section=two, issue=front.issue, headline="头版头条")
    PlacementFactory(page=front, article=lead)
    return {"one": one, "two": two, "front": front, "lead": lead}


def kept(*names) -> set[str]:
    return set(fragments.kept(names))


def test_a_fragment_no_change_has_passed_needs_no_stamps_in_a_page(client, site_cache, home):
    get(client, "/")
    store = type(stamps.backend())

    def kept_in_a_page() -> tuple[set[str], int]:
        with (
            fragments.page_clock(fragments.clock()),
            mock.patch.object(store, "read", autospec=True, side_effect=store.read) as read,
        ):
            return kept("paper:today"), read.call_count

    assert kept_in_a_page() == ({"paper:today"}, 0)
    changes.changed(["a0"])  # something it does not show
    assert kept_in_a_page() == ({"paper:today"}, 1)
    changes.changed([cache_keys.ISSUES])  # something it shows
    assert kept_in_a_page() == (set(), 1)


def test_a_fragment_from_before_lost_stamps_is_not_served(client, site_cache, home):
    if site_cache != "redis":
        pytest.skip("the stamps live in Redis only with Redis")
    get(client, "/")
    backend = stamps.backend()
    backend.client.delete(backend.hash)
    with fragments.page_clock(fragments.clock()):
        assert not kept("paper:today")


def test_publishing_a_story_reads_again_only_the_lists_it_joins(client, site_cache, home, chief):
    one, two = home["one"], home["two"]
    get(client, "/")
    lists = [newest(cache_keys.section(one.pk)), newest(cache_keys.section(two.pk))]
    latest = newest(cache_keys.LATEST)
    assert kept(*lists, latest, "paper:today") == {*lists, latest, "paper:today"}

    new = ArticleFactory(status=Status.APPROVED, section=one, headline="甲栏目新稿")
    services.article_publish(article=new, by=chief)

    assert kept(*lists, latest, "paper:today") == {lists[1], "paper:today"}
    html = get(client, "/")[0].content.decode()
    assert "甲栏目新稿" in html and "乙栏目旧稿" in html and "头版头条" in html


def test_a_box_of_teasers_is_rendered_again_only_when_its_stories_change(
    client, site_cache, home, chief
):
    one, two = home["one"], home["two"]
    days = datetime.timedelta(days=1)
    for n in range(8):  # home's 最新 is section one's, section two's box is the older
        ArticleFactory(live=True, section=one, publish_at=timezone.now() - HOUR - n * HOUR)
        ArticleFactory(live=True, section=two, publish_at=timezone.now() - days - n * HOUR)
    get(client, "/")
    new = ArticleFactory(status=Status.APPROVED, section=one, headline="甲栏目新稿")

    services.article_publish(article=new, by=chief)

    with mock.patch.object(fragments, "keep", wraps=fragments.keep) as keep:
        html = get(client, "/")[0].content.decode()
    built = {name.rsplit(":", 1)[0] for call in keep.call_args_list for name in call.args[0]}
    # The story it pushes out of 最新 goes back to its section's box.
    assert {"box:home:newest", f"box:home:section:{one.pk}"} <= built
    assert f"box:home:section:{two.pk}" not in built and "box:home:front" not in built
    assert "甲栏目新稿" in html


def test_a_withdrawal_leaves_homes_lists_and_its_paper(client, site_cache, home, chief):
    get(client, "/")
    services.article_withdraw(article=home["lead"], by=chief, reason="事实有误")
    assert not kept("paper:today", newest(cache_keys.section(home["two"].pk)))
    assert kept(newest(cache_keys.section(home["one"].pk)))
    assert "头版头条" not in get(client, "/")[0].content.decode()


def test_releasing_an_issue_rebuilds_todays_paper(client, site_cache, home, chief):
    get(client, "/")
    issue = IssueFactory(
        date=home["front"].issue.date + datetime.timedelta(days=1), unreleased=True
    )
    page = PageFactory(issue=issue, number=1, name="要闻")
    lead = ArticleFactory(status=Status.APPROVED, section=home["two"], headline="次日头条")
    services.article_place(article=lead, page=page, by=chief)
    assert kept("paper:today")  # tomorrow's issue is desk work until it is released

    services.issue_release(issue=issue, by=chief, publish_at=timezone.now())

    assert not kept("paper:today")
    assert "次日头条" in get(client, "/")[0].content.decode()


def test_a_scheduled_story_joins_homes_lists_at_its_minute(client, site_cache, home):
    ArticleFactory(
        status=Status.PUBLISHED,
        publish_at=timezone.now() + HOUR,
        section=home["one"],
        headline="定时发布",
    )
    assert "定时发布" not in get(client, "/")[0].content.decode()
    with later(HOUR + datetime.timedelta(seconds=1)):
        assert "定时发布" in get(client, "/")[0].content.decode()


def test_without_the_cache_home_comes_from_the_database(client, home, settings):
    settings.NEWSROOM_PAGE_CACHE = True
    settings.NEWSROOM_CACHE_GENERATION = "cache"
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        }
    }
    html = client.get("/").content.decode()
    assert "甲栏目旧稿" in html and "乙栏目旧稿" in html and "头版头条" in html


@pytest.fixture
def reporters(db):
    """Two reporters, each with a live story of their own."""
    section = SectionFactory()
    gao, zhang = ReporterFactory(name="高轶鹏"), ReporterFactory(name="张晓旭")
    for reporter, headline in ((gao, "高的旧稿"), (zhang, "张的旧稿")):
        story = ArticleFactory(live=True, section=section, headline=headline)
        BylineFactory(article=story, reporter=reporter)
    return section, gao, zhang


def test_publishing_a_story_drops_the_work_of_its_reporters_only(
    client, site_cache, reporters, chief
):
    section, gao, zhang = reporters
    for reporter in (gao, zhang):
        get(client, reporter.get_absolute_url())
    work = {reporter: f"reporter:{reporter.slug}:p1" for reporter in (gao, zhang)}
    new = ArticleFactory(status=Status.APPROVED, section=section, headline="高的新稿")
    BylineFactory(article=new, reporter=gao)

    services.article_publish(article=new, by=chief)

    assert kept(*work.values()) == {work[zhang]}
    assert "高的新稿" in get(client, gao.get_absolute_url())[0].content.decode()


def test_renaming_a_reporter_drops_their_work(client, site_cache, reporters):
    _section, gao, zhang = reporters
    for reporter in (gao, zhang):
        get(client, reporter.get_absolute_url())
    gao.name = "高轶鹏（改名）"
    gao.save()
    assert kept(f"reporter:{gao.slug}:p1", f"reporter:{zhang.slug}:p1") == {
        f"reporter:{zhang.slug}:p1"
    }


def test_releasing_an_issue_drops_the_neighbours_navigation_and_keeps_their_pages(
    client, site_cache, home, chief
):
    front = home["front"]
    old = front.issue
    get(client, old.get_absolute_url())
    get(client, front.get_absolute_url())
    parts = [f"issue:{old.date}", f"issue:{old.date}:nav"]
    parts += [f"issue:{old.date}:pages", f"page:{old.date}:1"]
    assert kept(*parts) == set(parts)
    issue = IssueFactory(date=old.date + datetime.timedelta(days=1), unreleased=True)
    page = PageFactory(issue=issue, number=1, name="要闻")
    lead = ArticleFactory(status=Status.APPROVED, section=home["two"], headline="次日头条")
    services.article_place(article=lead, page=page, by=chief)

    services.issue_release(issue=issue, by=chief, publish_at=timezone.now())

    # Whether it is released, and its neighbours, are read again; its pages are kept.
    assert kept(*parts) == set(parts[2:])
    for url in (old.get_absolute_url(), front.get_absolute_url()):
        assert "下一期" in get(client, url)[0].content.decode(), url


def test_moving_a_story_drops_its_pages_parts_and_keeps_the_others(client, site_cache, chief):
    issue, other = IssueFactory(), IssueFactory()
    page = PageFactory(issue=issue, number=1)
    elsewhere = PageFactory(issue=other, number=1)
    first = ArticleFactory(live=True, issue=issue, headline="先排的稿")
    second = ArticleFactory(live=True, issue=issue, headline="后排的稿")
    PlacementFactory(page=page, article=first, position=0)
    PlacementFactory(page=page, article=second, position=1)
    for url in (page.get_absolute_url(), issue.get_absolute_url(), elsewhere.get_absolute_url()):
        get(client, url)

    services.article_move(article=second, page=page, position=0, by=chief)

    assert kept(f"page:{issue.date}:1", f"issue:{issue.date}:pages", f"page:{other.date}:1") == {
        f"page:{other.date}:1"
    }
    html = get(client, issue.get_absolute_url())[0].content.decode()
    assert html.index("后排的稿") < html.index("先排的稿")


def test_publishing_a_story_drops_its_sections_list_and_keeps_the_others(
    client, site_cache, home, chief
):
    one, two = home["one"], home["two"]
    for section in (one, two):
        get(client, section.get_absolute_url())
    new = ArticleFactory(status=Status.APPROVED, section=one, headline="甲栏目新稿")

    services.article_publish(article=new, by=chief)

    assert kept(f"section:{one.slug}:p1", f"section:{two.slug}:p1") == {f"section:{two.slug}:p1"}
    assert "甲栏目新稿" in get(client, one.get_absolute_url())[0].content.decode()


def test_a_tag_is_public_while_a_live_story_carries_it(client, site_cache, home, chief):
    story = ArticleFactory(live=True, section=home["one"], headline="竹竿解急")
    story.tags.add("乡村振兴")
    ArticleFactory(status=Status.DRAFT, section=home["one"]).tags.add("尚未公开")
    assert get(client, "/tags/乡村振兴/")[0].status_code == 200
    assert get(client, "/tags/尚未公开/")[0].status_code == 404
    assert get(client, "/tags/没有这个/")[0].status_code == 404

    services.article_withdraw(article=story, by=chief, reason="事实有误")

    assert get(client, "/tags/乡村振兴/")[0].status_code == 404


def test_a_story_joining_a_tag_drops_the_related_stories_of_that_tag_only(
    client, site_cache, home, chief
):
    tagged = ArticleFactory(live=True, section=home["one"], headline="竹竿解急")
    tagged.tags.add("乡村振兴")
    other = ArticleFactory(live=True, section=home["one"], headline="别的新闻")
    other.tags.add("防汛")
    for story in (tagged, other):
        get(client, story.get_absolute_url())
    new = ArticleFactory(status=Status.APPROVED, section=home["two"], headline="乡村新稿")
    with services.article_editing(article=new, by=chief):  # desk work: nothing to drop
        new.tags.add("乡村振兴")

    services.article_publish(article=new, by=chief)

    assert kept(f"related:{tagged.pk}", f"related:{other.pk}") == {f"related:{other.pk}"}
    assert "乡村新稿" in get(client, tagged.get_absolute_url())[0].content.decode()
