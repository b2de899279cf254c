"""The workflow services: each step, its log, its guards, and nothing half-applied."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from reversion.models import Version

from articles import services
from articles.models import Article, Correction, Placement, Status, Transition
from paper.models import Issue
from paper.services import issue_create_next
from tests.articles.factories import ArticleFactory, BylineFactory
from tests.media_library.factories import PhotoFactory
from tests.paper.factories import IssueFactory, PageFactory

pytestmark = pytest.mark.django_db

MINUTE = datetime.timedelta(minutes=1)


def is_live(article, at=None):
    return Article.objects.live(at=at).filter(pk=article.pk).exists()


def filed_by(user, **kwargs):
    article = ArticleFactory(created_by=user, **kwargs)
    BylineFactory(article=article, reporter=user.reporter)
    return article


def snapshot(article):
    article.refresh_from_db()
    return (
        article.status,
        article.publish_at,
        article.issue_id,
        article.version,
        article.transitions.count(),
        list(article.placements.values_list("page_id", "position")),
    )


def test_the_whole_way_from_draft_to_reader_is_logged(reporter, editor, chief):
    article = filed_by(reporter)
    services.article_submit(article=article, by=reporter)
    services.article_return(article=article, by=editor, note="导语太长，请压缩到一百字。")
    services.article_submit(article=article, by=reporter)
    services.article_approve(article=article, by=editor)
    issue = IssueFactory(unreleased=True, publish_at=timezone.now() + 5 * MINUTE)
    page = PageFactory(issue=issue, number=1)
    services.article_place(article=article, page=page, by=editor)
    services.issue_release(issue=issue, by=chief)

    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.publish_at == issue.publish_at
    assert article.get_state_display().startswith("已排期")
    log = list(article.transitions.order_by("at", "pk"))
    assert [(t.action, t.from_status, t.to_status, t.by) for t in log] == [
        ("submit", "draft", "submitted", reporter),
        ("return", "submitted", "returned", editor),
        ("submit", "returned", "submitted", reporter),
        ("approve", "submitted", "approved", editor),
        ("place", "approved", "approved", editor),
        ("release", "approved", "published", chief),
    ]
    assert log[1].note == "导语太长，请压缩到一百字。"
    # Scheduling is the clock: not live now, live when the issue's time comes.
    assert not is_live(article)
    assert is_live(article, at=issue.publish_at)


def test_every_step_is_a_new_version_with_who_did_it(reporter, editor):
    article = filed_by(reporter)
    start = article.version
    services.article_submit(article=article, by=reporter)
    services.article_approve(article=article, by=editor)
    article.refresh_from_db()
    assert article.version == start + 2
    assert article.updated_by == editor
    versions = Version.objects.get_for_object(article)
    assert [v.revision.user for v in versions] == [editor, reporter]
    assert versions[0].revision.get_comment() == "审核通过"


@pytest.mark.parametrize(
    "status", [Status.SUBMITTED, Status.APPROVED, Status.PUBLISHED, Status.WITHDRAWN]
)
def test_an_illegal_transition_is_refused_with_a_clear_message_and_changes_nothing(
    reporter, status
):
    article = filed_by(reporter, status=status, publish_at=timezone.now())
    before = snapshot(article)
    with pytest.raises(ValidationError, match="只有草稿或退回的稿件可以提交"):
        services.article_submit(article=article, by=reporter)
    assert snapshot(article) == before


def test_submit_needs_a_byline_and_words(reporter):
    article = ArticleFactory(created_by=reporter, body="")
    with pytest.raises(ValidationError) as error:
        services.article_submit(article=article, by=reporter)
    assert "至少添加一个署名" in str(error.value)
    assert "正文不能为空" in str(error.value)
    assert article.transitions.count() == 0


def test_photo_news_needs_its_photo(reporter):
    article = filed_by(reporter, kind="photo", body="")
    with pytest.raises(ValidationError, match="图片新闻需要一张图片"):
        services.article_submit(article=article, by=reporter)
    article.article_photos.create(photo=PhotoFactory())
    services.article_submit(article=article, by=reporter)


def test_return_needs_a_note(reporter, editor):
    article = filed_by(reporter, status=Status.SUBMITTED)
    with pytest.raises(ValidationError, match="修改意见"):
        services.article_return(article=article, by=editor, note="  ")
    assert snapshot(article)[0] == Status.SUBMITTED


def test_publish_now_and_scheduled_web_articles(chief):
    now_article = ArticleFactory(status=Status.APPROVED)
    services.article_publish(article=now_article, by=chief)
    assert is_live(now_article)

    later = ArticleFactory(status=Status.APPROVED)
    at = timezone.now() + 30 * MINUTE
    services.article_schedule(article=later, by=chief, at=at)
    later.refresh_from_db()
    assert later.status == Status.PUBLISHED and later.is_scheduled
    assert not is_live(later) and is_live(later, at=at)
    # a scheduled article can be moved to another time
    services.article_schedule(article=later, by=chief, at=at + MINUTE)
    later.refresh_from_db()
    assert later.publish_at == at + MINUTE

    with pytest.raises(ValidationError, match="必须晚于现在"):
        services.article_schedule(
            article=ArticleFactory(status=Status.APPROVED), by=chief, at=timezone.now() - MINUTE
        )


def test_an_article_on_an_unreleased_issue_goes_live_with_the_issue_only(editor, chief):
    article = ArticleFactory(status=Status.APPROVED)
    page = PageFactory(issue=IssueFactory(unreleased=True))
    services.article_place(article=article, page=page, by=editor)
    with pytest.raises(ValidationError, match="随期次签发"):
        services.article_publish(article=article, by=chief)


def test_withdraw_needs_a_reason_and_takes_the_article_off_at_once(chief):
    article = ArticleFactory(live=True)
    with pytest.raises(ValidationError, match="理由"):
        services.article_withdraw(article=article, by=chief, reason="")
    assert is_live(article)
    services.article_withdraw(article=article, by=chief, reason="当事人要求更正事实，核实中。")
    assert not is_live(article)
    assert article.transitions.get().note == "当事人要求更正事实，核实中。"


def test_release_is_refused_whole_if_anything_placed_is_not_approved(editor, chief):
    issue = IssueFactory(unreleased=True)
    page = PageFactory(issue=issue)
    good = ArticleFactory(status=Status.APPROVED)
    services.article_place(article=good, page=page, by=editor)
    # Something slipped onto the page without approval (e.g. an old import).
    bad = ArticleFactory(status=Status.SUBMITTED, issue=issue, headline="未审的稿")
    Placement.objects.create(page=page, article=bad, position=5)
    before = snapshot(good)
    with pytest.raises(ValidationError, match="《未审的稿》（待审）"):
        services.issue_release(issue=issue, by=chief)
    issue.refresh_from_db()
    assert issue.released_at is None
    assert snapshot(good) == before


def test_release_refuses_an_empty_or_already_released_issue(editor, chief):
    empty = IssueFactory(unreleased=True)
    with pytest.raises(ValidationError, match="还没有安排稿件"):
        services.issue_release(issue=empty, by=chief)
    with pytest.raises(ValidationError, match="已于"):
        services.issue_release(issue=IssueFactory(), by=chief)
    with pytest.raises(PermissionDenied):
        services.issue_release(issue=empty, by=editor)


def test_release_at_a_set_time(editor, chief):
    issue = IssueFactory(unreleased=True)
    article = ArticleFactory(status=Status.APPROVED)
    services.article_place(article=article, page=PageFactory(issue=issue), by=editor)
    at = timezone.now() + 5 * MINUTE
    services.issue_release(issue=issue, by=chief, publish_at=at)
    issue.refresh_from_db()
    assert issue.publish_at == at and issue.released_by == chief
    assert not is_live(article)
    assert is_live(article, at=at)
    assert Issue.objects.released(at=at).filter(pk=issue.pk).exists()


def test_placing_keeps_print_order_and_moves_between_pages(editor):
    issue = IssueFactory(unreleased=True)
    one, two = PageFactory(issue=issue, number=1), PageFactory(issue=issue, number=2)
    a, b, c = (ArticleFactory(status=Status.APPROVED) for _ in range(3))
    for article in (a, b, c):
        services.article_place(article=article, page=one, by=editor)

    def order(page):
        return list(page.placements.order_by("position").values_list("article", flat=True))

    assert order(one) == [a.pk, b.pk, c.pk]
    services.article_move(article=c, page=one, position=0, by=editor)
    assert order(one) == [c.pk, a.pk, b.pk]
    services.article_move(article=a, page=one, to_page=two, by=editor)
    assert order(one) == [c.pk, b.pk] and order(two) == [a.pk]
    assert list(one.placements.values_list("position", flat=True).order_by("position")) == [0, 1]
    services.article_unplace(article=a, page=two, by=editor)
    a.refresh_from_db()
    assert a.issue is None and a.status == Status.APPROVED
    assert a.transitions.filter(action="unplace").exists()


def test_an_article_belongs_to_one_issue(editor):
    article = ArticleFactory(status=Status.APPROVED)
    services.article_place(
        article=article, page=PageFactory(issue=IssueFactory(unreleased=True)), by=editor
    )
    other = PageFactory(issue=IssueFactory(unreleased=True))
    with pytest.raises(ValidationError, match="请先撤下"):
        services.article_place(article=article, page=other, by=editor)


def test_pages_of_a_released_issue_are_the_chief_editors(editor, chief):
    page = PageFactory(issue=IssueFactory())
    article = ArticleFactory(status=Status.APPROVED)
    with pytest.raises(PermissionDenied, match="只有总编"):
        services.article_place(article=article, page=page, by=editor)
    services.article_place(article=article, page=page, by=chief)
    # placed after the release, not approved into print: the desk is warned
    from articles.admin.desk import flagged_articles

    assert list(flagged_articles()) == [article]


def test_published_articles_cannot_be_taken_off_a_page(chief, editor):
    issue = IssueFactory(unreleased=True)
    page = PageFactory(issue=issue)
    article = ArticleFactory(status=Status.APPROVED)
    services.article_place(article=article, page=page, by=editor)
    services.issue_release(issue=issue, by=chief)
    with pytest.raises(ValidationError, match="请撤稿"):
        services.article_unplace(article=article, page=page, by=chief)


def test_first_issue_gets_the_usual_pages(editor):
    issue = issue_create_next(by=editor)
    assert issue.number == 1
    assert issue.pages.get(number=1).name == "要闻"
    assert timezone.localtime(issue.publish_at).time() == datetime.time(6, 0)


def test_corrections_only_after_publication(editor):
    draft = ArticleFactory(status=Status.APPROVED)
    with pytest.raises(ValidationError, match="只有已发表的稿件可以更正"):
        services.correction_add(article=draft, by=editor, text="更正")
    scheduled = ArticleFactory(status=Status.PUBLISHED, publish_at=timezone.now() + MINUTE)
    with pytest.raises(ValidationError, match="尚未上线"):
        services.correction_add(article=scheduled, by=editor, text="更正")

    article = ArticleFactory(live=True)
    correction = services.correction_add(
        article=article, by=editor, text="第二段人数应为 2000 人。"
    )
    assert correction.created_by == editor
    assert Correction.objects.get().article == article
    assert article.transitions.get().action == Transition.Action.CORRECT


def test_a_story_goes_out_only_with_photos_readers_can_be_shown(editor, chief):
    """Caption, alt text and credit before approving, publishing or releasing."""
    article = ArticleFactory(status=Status.SUBMITTED, headline="配图不全")
    bare = PhotoFactory(title="健步走", caption="", alt_text="")
    article.photos.add(bare)
    with pytest.raises(ValidationError, match="缺少图片说明、替代文字"):
        services.article_approve(article=article, by=editor)
    bare.caption, bare.alt_text = "冬季健步走", "一群人在乡间小路上快走"
    bare.save()
    services.article_approve(article=article, by=editor)

    page = PageFactory(issue=IssueFactory(unreleased=True))
    services.article_place(article=article, page=page, by=editor)
    bare.caption = ""
    bare.save()
    with pytest.raises(ValidationError, match="缺少图片说明"):
        services.issue_release(issue=page.issue, by=chief)
    article.refresh_from_db()
    assert article.status == Status.APPROVED
