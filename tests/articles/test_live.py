"""``Article.objects.live()``, case by case: the one definition of public."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article, Status
from tests.articles.factories import ArticleFactory
from tests.paper.factories import IssueFactory

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def is_live(article):
    return Article.objects.live().filter(pk=article.pk).exists()


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.APPROVED, Status.WITHDRAWN]
)
def test_unpublished_states_are_never_live_even_with_a_past_publish_time(status):
    article = ArticleFactory(status=status, publish_at=timezone.now() - HOUR)
    assert not is_live(article)


def test_approved_but_not_scheduled_is_not_live():
    assert not is_live(ArticleFactory(status=Status.APPROVED, publish_at=None))


def test_published_with_publish_time_passed_is_live():
    assert is_live(ArticleFactory(status=Status.PUBLISHED, publish_at=timezone.now() - HOUR))


def test_scheduled_for_the_future_is_not_live_until_the_clock_gets_there():
    publish_at = timezone.now() + HOUR
    article = ArticleFactory(status=Status.PUBLISHED, publish_at=publish_at)
    assert not is_live(article)
    assert not Article.objects.live(at=publish_at - datetime.timedelta(seconds=1)).filter(
        pk=article.pk
    )
    assert Article.objects.live(at=publish_at).filter(pk=article.pk).exists()


def test_article_in_an_unreleased_issue_is_not_live():
    issue = IssueFactory(unreleased=True)
    article = ArticleFactory(live=True, issue=issue)
    assert not is_live(article)


def test_article_in_a_released_issue_waits_for_the_issue_publish_time():
    issue = IssueFactory(publish_at=timezone.now() + HOUR, released_at=timezone.now())
    article = ArticleFactory(live=True, issue=issue)
    assert not is_live(article)
    assert Article.objects.live(at=issue.publish_at).filter(pk=article.pk).exists()


def test_article_in_a_released_due_issue_is_live():
    article = ArticleFactory(live=True, issue=IssueFactory())
    assert is_live(article)


def test_web_only_article_needs_no_issue():
    assert is_live(ArticleFactory(live=True, issue=None))
