"""The articles' invariants are enforced by the database, under their own names."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article, Status
from tests.articles.factories import ArticleFactory, BylineFactory, EventFactory, PlacementFactory
from tests.media_library.factories import PhotoFactory
from tests.paper.factories import IssueFactory, PageFactory
from tests.support.db import violates

pytestmark = pytest.mark.django_db


def test_an_article_is_on_a_page_at_most_once():
    placement = PlacementFactory()
    violates(
        "placement_unique_article_per_page",
        lambda: PlacementFactory(page=placement.page, article=placement.article, position=2),
    )


def test_one_byline_per_article_reporter_and_role():
    byline = BylineFactory()
    violates(
        "byline_unique_article_reporter_role",
        lambda: BylineFactory(article=byline.article, reporter=byline.reporter, role=byline.role),
    )
    # the same person in another role is a separate byline (记者 and 摄影)
    BylineFactory(article=byline.article, reporter=byline.reporter, role="photographer")


def test_a_published_article_has_a_publish_time():
    violates(
        "article_published_has_publish_at",
        lambda: ArticleFactory(status=Status.PUBLISHED, publish_at=None),
    )


def test_the_same_photo_once_per_article():
    article, photo = ArticleFactory(), PhotoFactory()
    article.photos.add(photo)
    violates(
        "articlephoto_unique_photo_per_article",
        lambda: Article.photos.through.objects.create(article=article, photo=photo),
    )


def test_events_end_after_they_start():
    start = timezone.now()
    violates(
        "event_ends_after_start",
        lambda: EventFactory(start=start, end=start - datetime.timedelta(minutes=1)),
    )


def test_a_placement_must_be_on_a_page_of_the_article_issue():
    from django.core.exceptions import ValidationError

    from articles.models import Placement

    page = PageFactory()
    placement = Placement(page=page, article=ArticleFactory(issue=IssueFactory()))
    with pytest.raises(ValidationError, match="不一致"):
        placement.full_clean()
    Placement(page=page, article=ArticleFactory(issue=page.issue)).full_clean()
