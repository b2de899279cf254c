"""Preview you can trust: a 预览 banner with the state and the time readers get
it, links that stay inside the preview, the right neighbouring issues, and no
在站点上查看 in the admin before readers can see the thing."""

import datetime
import re
from html import unescape
from urllib.parse import unquote, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from articles import services
from articles.models import Status
from tests.articles.factories import ArticleFactory, EventFactory
from tests.media_library.factories import PhotoFactory
from tests.paper.factories import IssueFactory, PageFactory
from tests.support.crawler import page_text

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def banner(response) -> str:
    assert response.status_code == 200
    found = re.search(r'<div class="preview-banner".*?</div>', response.content.decode(), re.S)
    assert found, "no 预览 banner"
    return page_text_of(found.group(0))


def page_text_of(fragment: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def hrefs(response, *, but_public=False) -> list[str]:
    """The page's links; ``but_public`` leaves out the banner's link to the public page."""
    pattern = r'(?<!data-public )href="([^"]*)"' if but_public else r'href="([^"]*)"'
    return [unescape(h) for h in re.findall(pattern, response.content.decode())]


@pytest.fixture
def tomorrow(editor):
    """Tomorrow's issue, not released, between a released one and a later plan."""
    today = timezone.localdate()
    IssueFactory(date=today - DAY, number=900)
    issue = IssueFactory(
        date=today + DAY, number=901, unreleased=True, publish_at=timezone.now() + 20 * HOUR
    )
    IssueFactory(date=today + 2 * DAY, number=902, unreleased=True)
    first = PageFactory(issue=issue, number=1, name="要闻")
    second = PageFactory(issue=issue, number=2, name="高新区新闻")
    lead = ArticleFactory(status=Status.APPROVED, headline="明天见报的头条")
    services.article_place(article=lead, page=first, by=editor)
    other = ArticleFactory(status=Status.APPROVED, headline="二版的稿")
    services.article_place(article=other, page=second, by=editor)
    lead.refresh_from_db()
    return {"issue": issue, "first": first, "second": second, "lead": lead}


# --- the banner ----------------------------------------------------------------------


def test_a_draft_says_it_is_a_draft_readers_cannot_see(reporter):
    draft = ArticleFactory(headline="草稿", created_by=reporter)
    text = banner(logged_in(reporter).get(reverse("preview_article", args=[draft.pk])))
    assert "预览" in text and "稿件：草稿" in text and "读者看不到" in text
    assert "打开读者页面" not in text


def test_a_scheduled_story_says_when_it_goes_live(editor):
    at = timezone.now() + 3 * HOUR
    story = ArticleFactory(status=Status.PUBLISHED, publish_at=at, headline="定时稿")
    text = banner(logged_in(editor).get(reverse("preview_article", args=[story.pk])))
    assert f"将于 {local(at)} 上线" in text and "已排期" in text


def test_a_story_on_tomorrows_page_says_it_goes_live_with_the_issue(editor, tomorrow):
    lead, issue = tomorrow["lead"], tomorrow["issue"]
    text = banner(logged_in(editor).get(reverse("preview_article", args=[lead.pk])))
    assert "审核通过" in text and f"随{issue}签发上线" in text
    assert local(issue.publish_at) in text


def test_a_live_story_says_so_and_links_to_the_public_page(editor):
    story = ArticleFactory(live=True, headline="已上线的稿")
    response = logged_in(editor).get(reverse("preview_article", args=[story.pk]))
    assert "已上线" in banner(response)
    assert story.get_absolute_url() in hrefs(response)  # the one link out, in the banner


def test_issue_and_page_previews_say_the_issue_is_not_released(editor, tomorrow):
    issue = tomorrow["issue"]
    client = logged_in(editor)
    for url in (
        reverse("preview_issue", args=[issue.date]),
        reverse("preview_page", args=[issue.date, 1]),
    ):
        text = banner(client.get(url))
        assert "尚未签发" in text and f"签发后于 {local(issue.publish_at)} 上线" in text, url


def test_public_pages_have_no_banner(client):
    story = ArticleFactory(live=True)
    assert "preview-banner" not in client.get(story.get_absolute_url()).content.decode()


# --- links stay inside the preview ---------------------------------------------------


def test_links_to_articles_issues_and_pages_stay_inside_the_preview(editor, tomorrow):
    client = logged_in(editor)
    issue = tomorrow["issue"]
    start = reverse("preview_issue", args=[issue.date])
    seen, queue = set(), [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        for href in hrefs(response, but_public=True):
            parts = urlsplit(href)
            if parts.netloc or not parts.path.startswith("/"):
                continue
            try:
                name = resolve(unquote(parts.path)).url_name
            except Resolver404:  # static files
                continue
            assert name not in ("article", "article_short", "issue", "page"), (url, href)
            if name.startswith("preview_"):
                queue.append(parts.path)
    # the crawl reached both pages, the story and the neighbouring issues
    assert reverse("preview_page", args=[issue.date, 2]) in seen
    assert reverse("preview_article", args=[tomorrow["lead"].pk]) in seen
    assert reverse("preview_issue", args=[issue.date - 2 * DAY]) in seen  # released
    assert reverse("preview_issue", args=[issue.date + DAY]) in seen  # not released either


def test_the_banner_says_where_other_links_go(editor, tomorrow):
    text = banner(logged_in(editor).get(reverse("preview_page", args=[tomorrow["issue"].date, 1])))
    assert "其他链接打开公开网站" in text


# --- neighbours ------------------------------------------------------------------------


def test_previous_and_next_issue_are_the_real_neighbours(editor, tomorrow):
    issue = tomorrow["issue"]
    client = logged_in(editor)
    for url in (
        reverse("preview_issue", args=[issue.date]),
        reverse("preview_page", args=[issue.date, 1]),
    ):
        response = client.get(url)
        text = page_text(response)
        assert "已是最早一期" not in text and "已是最新一期" not in text, url
        day_before, day_after = issue.date - 2 * DAY, issue.date + DAY
        assert f"上一期：{day_before.year}年{day_before.month}月{day_before.day}日" in text
        assert f"下一期：{day_after.year}年{day_after.month}月{day_after.day}日" in text
        assert reverse("preview_issue", args=[day_before]) in hrefs(response)


# --- 在站点上查看 ----------------------------------------------------------------------


VIEW_ON_SITE = "在站点上查看"


def test_no_view_on_site_for_a_story_readers_cannot_see(chief):
    client = logged_in(chief)
    draft = ArticleFactory(headline="草稿")
    scheduled = ArticleFactory(status=Status.PUBLISHED, publish_at=timezone.now() + HOUR)
    live = ArticleFactory(live=True)
    for article, shown in ((draft, False), (scheduled, False), (live, True)):
        html = client.get(reverse("admin:articles_article_change", args=[article.pk]))
        assert (VIEW_ON_SITE in html.content.decode()) is shown, article.status


def test_no_view_on_site_for_an_issue_or_page_not_out(chief, tomorrow):
    client = logged_in(chief)
    issue, page = tomorrow["issue"], tomorrow["first"]
    out = PageFactory(issue=IssueFactory(), number=1)
    for url, shown in (
        (reverse("admin:paper_issue_change", args=[issue.pk]), False),
        (reverse("admin:paper_page_change", args=[page.pk]), False),
        (reverse("admin:paper_issue_change", args=[out.issue.pk]), True),
        (reverse("admin:paper_page_change", args=[out.pk]), True),
    ):
        assert (VIEW_ON_SITE in client.get(url).content.decode()) is shown, url


def test_no_view_on_site_for_a_photo_or_event_readers_cannot_see(chief):
    client = logged_in(chief)
    hidden_photo = PhotoFactory()
    public_photo = PhotoFactory()
    ArticleFactory(live=True).photos.add(public_photo)
    hidden_event = EventFactory(start=timezone.now() + DAY)
    public_event = EventFactory(start=timezone.now() + DAY, announced=True)
    for url, shown in (
        (reverse("admin:media_library_photo_change", args=[hidden_photo.pk]), False),
        (reverse("admin:media_library_photo_change", args=[public_photo.pk]), True),
        (reverse("admin:articles_event_change", args=[hidden_event.pk]), False),
        (reverse("admin:articles_event_change", args=[public_event.pk]), True),
    ):
        assert (VIEW_ON_SITE in client.get(url).content.decode()) is shown, url
