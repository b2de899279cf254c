"""Design rule 2: nothing unpublished reaches an anonymous reader, by any route.

Content in every state that is not public carries a marker word of its own -
in its headline, kicker, summary, body, tags, correction, event, and the
title, caption and alt text of its photo - and is put where public content
is: on a page of the released issue, in a live section, bylined by a
reporter with live work, photographed by a photographer with public photos.
Then an anonymous reader crawls every page, pagination, feed, sitemap,
robots.txt, tag, reporter, event and photo page, media file and search, and
not one marker may appear anywhere, not even in a URL.
"""

import datetime

import pytest
from django.db import transaction
from django.test import Client, TestCase
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from articles.models import Article, Byline, Kind, Placement, Status
from media_library.models import Photo
from paper.rendering import SPECS
from paper.services import page_file_attach
from tests.articles.factories import (
    ArticleFactory,
    BylineFactory,
    CorrectionFactory,
    EventFactory,
    PlacementFactory,
)
from tests.media_library.factories import PhotoFactory
from tests.paper.factories import IssueFactory, PageFactory, SectionFactory
from tests.paper.pdfs import printed_pdf, story
from tests.people.factories import ReporterFactory
from tests.support.crawler import ENTRY_POINTS, body, crawl

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)

#: state -> how to make an article in it (issue given for placement on a page)
HIDDEN = {
    "draft": {"status": Status.DRAFT},
    "submitted": {"status": Status.SUBMITTED},
    "returned": {"status": Status.RETURNED},
    "approved": {"status": Status.APPROVED, "publish_at": "past"},
    "scheduled": {"status": Status.PUBLISHED, "publish_at": "future"},
    "unreleased": {"status": Status.PUBLISHED, "publish_at": "past", "issue": "unreleased"},
    "dueissue": {"status": Status.PUBLISHED, "publish_at": "past", "issue": "due_later"},
    "withdrawn": {"status": Status.WITHDRAWN, "publish_at": "past"},
}


def marker(state: str) -> str:
    return f"zqxleak{state}"


@pytest.fixture(scope="module")
def built(module_db):
    """Built once for the module's tests: ``{state: (article id, photo id)}``."""
    with module_db.unblock():
        return {state: (a.pk, p.pk) for state, (a, p) in build().items()}


@pytest.fixture
def newsroom(built):
    """``{state: (article, photo)}`` of the hidden content, read afresh for each test."""
    return {
        state: (Article.objects.get(pk=article), Photo.objects.get(pk=photo))
        for state, (article, photo) in built.items()
    }


def build():
    """A small live paper with something on every kind of page, its pages as
    printed, and hidden content."""
    now = timezone.now()
    section = SectionFactory(name="要闻", slug="yaowen")
    issue = IssueFactory()
    front, second = PageFactory(issue=issue, number=1), PageFactory(issue=issue, number=2)
    reporter = ReporterFactory(name="高轶鹏")
    photographer = ReporterFactory(name="郑喜艳", kind="photographer")
    event = EventFactory(title="全市领导干部大会", announced=True)

    # Enough live articles for every list to have a second page.
    for n in range(25):
        article = ArticleFactory(
            live=True, section=section, issue=issue, headline=f"公开稿件{n}", dateline="本报讯"
        )
        PlacementFactory(page=front if n % 2 else second, article=article, position=n)
        BylineFactory(article=article, reporter=reporter)
        article.tags.add("疫情防控", "招商")
        if n % 5 == 0:
            article.photos.add(PhotoFactory(credit_reporter=photographer, renditions=True))
            event.articles.add(article)
    CorrectionFactory(article=article, text="公开的更正")
    ArticleFactory(live=True, section=section, kind=Kind.PHOTO, headline="网络稿")

    unreleased_issue = IssueFactory(unreleased=True)
    due_later_issue = IssueFactory(publish_at=now + HOUR, released_at=now)
    issues = {
        "unreleased": unreleased_issue,
        "due_later": due_later_issue,
    }
    hidden = {}
    for state, spec in HIDDEN.items():
        word = marker(state)
        publish_at = {"past": now - HOUR, "future": now + HOUR, None: None}[spec.get("publish_at")]
        article_issue = issues.get(spec.get("issue"), issue)
        article = ArticleFactory(
            status=spec["status"],
            publish_at=publish_at,
            section=section,
            issue=article_issue,
            kicker=f"{word}引题",
            headline=f"{word}主题",
            subheadline=f"{word}副题",
            summary=f"{word}摘要",
            body=f"<p>{word}正文</p><h2>{word}小标题</h2>",
        )
        page = front if article_issue == issue else PageFactory(issue=article_issue, number=1)
        PlacementFactory(page=page, article=article, position=0)
        BylineFactory(article=article, reporter=reporter)
        BylineFactory(article=article, reporter=photographer, role=Byline.Role.PHOTOGRAPHER)
        article.tags.add(f"{word}标签", "疫情防控")
        photo = PhotoFactory(
            renditions=True,
            title=f"{word}图片",
            caption=f"{word}说明",
            alt_text=f"{word}描述",
            credit_reporter=photographer,
            credit_text="",
        )
        article.photos.add(photo)
        EventFactory(title=f"{word}活动").articles.add(article)
        event.articles.add(article)
        CorrectionFactory(article=article, text=f"{word}更正")
        hidden[state] = (article, photo)

    # Every page as printed (电子报): the front page and the pages of issues not
    # yet out print hidden stories, the second page live ones only.
    later = [a.placements.get().page for a, _photo in hidden.values() if a.issue_id != issue.id]
    for page in [front, second, *later]:
        headlines = [p.article.headline for p in page.placements.select_related("article")]
        pdf = printed_pdf(*(story(h, "正文。") for h in headlines), title=str(page))
        with TestCase.captureOnCommitCallbacks(execute=True):  # the rendering
            page_file_attach(page=page, data=pdf, name="page.pdf", by=None)
    return hidden


def entry_points():
    points = list(ENTRY_POINTS)
    try:
        search = reverse("search")
    except NoReverseMatch:
        return points  # no search yet: nothing to crawl there
    return points + [f"{search}?q={marker(state)}" for state in HIDDEN]


@pytest.fixture(scope="module")
def site(built, module_db):
    """The site as an anonymous crawler finds it over the built paper, crawled
    once for the tests that only read it; whatever the crawl writes is rolled
    back."""
    with module_db.unblock(), transaction.atomic():
        found = crawl(Client(), extra=entry_points())
        transaction.set_rollback(True)
    return found


def test_no_marker_reaches_an_anonymous_crawler(site):
    # The crawl went everywhere readers can go.
    paths = set(site)
    for expected in (
        "/issues/",
        "/sections/yaowen/?p=2",
        "/reporters/高轶鹏/?p=2",
        "/reporters/郑喜艳/",
        "/tags/疫情防控/?p=2",
        "/photos/",
        "/events/past/",
        "/corrections/",
        "/sitemap-articles.xml",
        "/sections/yaowen/rss/",
    ):
        assert expected in paths, expected
    assert any(p.startswith("/events/") and p.count("/") > 3 for p in paths)
    assert any(p.startswith("/media/photos/") for p in paths)
    assert all(r.status_code == 200 for r in site.values()), [
        (u, r.status_code) for u, r in site.items() if r.status_code != 200
    ]

    searches = {url: response for url, response in site.items() if url.startswith("/search/")}
    pages = {url: response for url, response in site.items() if url not in searches}
    for state in HIDDEN:
        word = marker(state).encode()
        leaked = [url for url, response in pages.items() if word in body(response).lower()]
        assert not leaked, (state, leaked)
        assert not [url for url in pages if marker(state) in url.lower()], state
    # A search page repeats what the reader typed (the marker itself), so
    # there a leak is a result: any highlighted match at all.
    for url, response in searches.items():
        assert b"<mark>" not in body(response), url


def test_no_unpublished_photo_file_is_served(client, newsroom, site):
    hidden_files = {photo.file_url for _article, photo in newsroom.values()}
    assert not hidden_files & set(site)
    for _article, photo in newsroom.values():
        renditions = [f"/media/photos/{photo.pk}/{r.spec}" for r in photo.renditions.all()]
        assert renditions and not set(renditions) & set(site)
        for url in renditions:  # the files exist; readers still get nothing
            assert client.get(url).status_code == 404, url
        assert client.get(photo.file_url).status_code == 404
        assert client.get(photo.get_absolute_url()).status_code == 404
        assert client.get(f"/media/{photo.file.name}").status_code == 404


def test_hidden_articles_are_not_found_and_withdrawn_is_gone(client, newsroom):
    for state, (article, _photo) in newsroom.items():
        for url in (article.get_absolute_url(), f"/articles/{article.pk}/"):
            response = client.get(url)
            assert response.status_code == (410 if state == "withdrawn" else 404), (state, url)
            assert marker(state).encode() not in response.content.lower()
        tag = article.tags.get(name__startswith=marker(state))
        assert client.get(reverse("tag", args=[tag.slug])).status_code == 404
        event = article.events.get(title__startswith=marker(state))
        assert client.get(event.get_absolute_url()).status_code == 404


def test_withdrawn_notice_repeats_nothing_of_the_article(client, newsroom):
    article, _photo = newsroom["withdrawn"]
    response = client.get(article.get_absolute_url())
    assert response.status_code == 410
    text = response.content.decode()
    assert "稿件已撤回" in text
    for part in ("主题", "引题", "副题", "摘要", "正文"):
        assert f"{marker('withdrawn')}{part}" not in text
    assert article.slug not in text


def test_no_withheld_page_file_or_image_is_served(client, newsroom, site):
    """E-paper pages: a page printing hidden stories (the front page here, and the
    pages of issues not yet out) keeps its PDF and images; a page of live stories
    only gives them, and its printed text carries no marker. (The module's
    paper has its pages printed: ``build``.)"""
    front = Placement.objects.get(article__headline="公开稿件1").page
    second = Placement.objects.get(article__headline="公开稿件0").page
    unreleased = [
        a.placements.get().page for a, _photo in newsroom.values() if a.issue_id != front.issue_id
    ]
    assert all(page.print_file and page.images.exists() for page in [front, *unreleased])
    shown = {url for url in site if "/image/" in url or url.endswith("/print")}
    second_url = second.get_absolute_url()
    assert f"{second_url}print" in shown
    assert any(url.startswith(f"{second_url}image/reading.") for url in shown)
    assert all(url.startswith(second_url) for url in shown), shown
    for page in [front, *unreleased]:
        base = reverse("page", args=[page.issue.date, page.number])
        for name in ["print", *(f"image/{spec}" for spec in SPECS)]:
            assert client.get(f"{base}{name}").status_code == 404, (base, name)
    for state in HIDDEN:
        word = marker(state).encode()
        # (A search page repeats the reader's words: the first test covers it.)
        pages = {url: r for url, r in site.items() if not url.startswith("/search/")}
        assert not [url for url, response in pages.items() if word in body(response).lower()]
