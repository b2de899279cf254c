"""Each desk role lands on a start screen that says what to do next, in a
fixed number of queries whatever the newsroom holds."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Status
from tests.articles.factories import ArticleFactory, BylineFactory, PlacementFactory
from tests.media_library.factories import PhotoFactory
from tests.paper.factories import IssueFactory, PageFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def own(reporter, n=1, **fields):
    made = []
    for _ in range(n):
        article = ArticleFactory(created_by=reporter, **fields)
        BylineFactory(article=article, reporter=reporter.reporter)
        made.append(article)
    return made


def start_page(client, django_assert_max_num_queries, limit):
    """The start screen, in at most ``limit`` queries: seven are the session's
    and the permissions' (two more, for the desk, the app list's edition-plan
    count), the unread count one for header and screen, the rest one a count
    or list (the chief's 待签发 list adds its count only when it is longer
    than the rows shown)."""
    client.get(INDEX)  # sessions, permissions: the first request's own cost
    with django_assert_max_num_queries(limit):
        response = client.get(INDEX)
    assert response.status_code == 200
    return response.content.decode()


def test_the_reporter_sees_stories_by_state_notes_and_today(
    reporter, editor, django_assert_max_num_queries
):
    own(reporter, 2)  # drafts
    returned = own(reporter, headline="被退回的稿")[0]
    services.article_submit(article=returned, by=reporter)
    services.article_return(article=returned, by=editor, note="补充数据来源。")
    # Published this instant: "an hour ago" is yesterday between 0:00 and 1:00.
    own(reporter, headline="今天上线的稿", live=True, publish_at=timezone.now())
    ArticleFactory(headline="别人的稿")
    client = logged_in(reporter)
    page = start_page(client, django_assert_max_num_queries, 12)
    mine = reverse("admin:articles_mystory_changelist")
    assert f'href="{mine}?status__exact=draft"><strong>2</strong> 草稿' in page
    assert f'href="{mine}?status__exact=returned"><strong>1</strong> 退回修改' in page
    assert "被退回的稿" in page and "编辑意见：补充数据来源。" in page
    assert "今天上线的稿" in page.split("今天署我名字的稿件")[1]
    assert "别人的稿" not in page
    assert "待审" in page and "明日期次" not in page  # not an editor's screen
    assert 'id="apps"' in page and "全部功能" in page  # the app list, a click away

    # the same queries with ten times the stories
    for n in range(10):
        own(reporter, 3, live=True)
        services.article_return(
            article=own(reporter, status=Status.SUBMITTED)[0], by=editor, note=f"意见{n}"
        )
    start_page(client, django_assert_max_num_queries, 12)


def test_the_photographer_sees_photos_missing_their_description(
    photographer, django_assert_max_num_queries
):
    PhotoFactory(uploaded_by=photographer, title="无说明的图", caption="", alt_text="")
    PhotoFactory(uploaded_by=photographer, title="完整的图", caption="说明", alt_text="画面")
    PhotoFactory(title="别人的图", caption="")
    page = start_page(logged_in(photographer), django_assert_max_num_queries, 11)
    assert "无说明的图" in page and "完整的图" not in page and "别人的图" not in page
    link = reverse("admin:media_library_photo_changelist") + "?incomplete=mine"
    assert f'href="{link}"><strong>1</strong> 张缺' in page
    listed = logged_in(photographer).get(link).content.decode()
    assert "无说明的图" in listed and "完整的图" not in listed


def test_the_editor_sees_the_queue_and_tomorrows_issue_page_by_page(
    reporter, editor, django_assert_max_num_queries
):
    for hours in (30, 2):
        article = own(reporter)[0]
        services.article_submit(article=article, by=reporter)
        article.transitions.update(at=timezone.now() - datetime.timedelta(hours=hours))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    issue = IssueFactory(date=tomorrow, unreleased=True)
    front = PageFactory(issue=issue, number=1, name="要闻", word_budget=10)
    PageFactory(issue=issue, number=2, name="高新区")
    for status, body in (
        (Status.APPROVED, "<p>一二三四五六</p>"),
        (Status.SUBMITTED, "<p>七八</p>"),
    ):
        PlacementFactory(page=front, article=ArticleFactory(issue=issue, status=status, body=body))
    client = logged_in(editor)
    page = start_page(client, django_assert_max_num_queries, 16)
    assert "待审 3</strong>" in page and "1\xa0日，6\xa0小时" in page
    assert str(issue) in page
    row = page.split("第1版 要闻")[1].split("</tr>")[0]
    assert [cell.strip() for cell in row.split("<td>")[2:5]] == ["2</td>", "1</td>", "1</td>"]
    assert "8 / 10" in row
    assert "第2版 高新区" in page
    assert "签发" not in page.split('id="review"')[1].split("明日期次")[0]

    for _ in range(10):
        PlacementFactory(page=front, article=ArticleFactory(issue=issue, status=Status.APPROVED))
    start_page(client, django_assert_max_num_queries, 16)


def test_the_editor_without_tomorrows_issue_is_offered_to_create_it(editor):
    page = logged_in(editor).get(INDEX).content.decode()
    assert "明天的期次还没有创建" in page and reverse("admin:paper_issue_next") in page


def test_the_chief_sees_what_awaits_signing_goes_live_soon_and_unreleased_issues(
    chief, django_assert_max_num_queries
):
    ArticleFactory(headline="待签发的网络稿", status=Status.APPROVED)
    ArticleFactory(
        headline="两小时后上线",
        status=Status.PUBLISHED,
        publish_at=timezone.now() + datetime.timedelta(hours=2),
    )
    ArticleFactory(
        headline="三天后上线",
        status=Status.PUBLISHED,
        publish_at=timezone.now() + datetime.timedelta(days=3),
    )
    issue = IssueFactory(date=timezone.localdate() + datetime.timedelta(days=1), unreleased=True)
    PageFactory(issue=issue)
    client = logged_in(chief)
    page = start_page(client, django_assert_max_num_queries, 20)
    sign_off = page.split('id="sign-off"')[1]
    assert "待签发的网络稿" in sign_off and "（1 篇）" in sign_off
    assert "两小时后上线" in sign_off and "三天后上线" not in sign_off
    assert str(issue) in sign_off and "1 个版面" in sign_off
    assert 'id="review"' in page  # a chief editor does what an editor does, too

    for _ in range(10):
        ArticleFactory(status=Status.APPROVED)
        IssueFactory(unreleased=True)
    start_page(client, django_assert_max_num_queries, 20)
