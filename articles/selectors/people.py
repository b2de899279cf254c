"""Reporters as readers see them: what they wrote and photographed that is live."""

from django.db.models import Exists, OuterRef, QuerySet
from django.shortcuts import get_object_or_404

from articles.models import Article, Byline, live_q
from articles.selectors.listing import articles_for_listing
from media_library.models import Photo
from newsroom.models import Reporter


def reporter_for_reader(slug: str) -> Reporter:
    return get_object_or_404(Reporter, slug=slug)


def reporter_roles(reporter: Reporter) -> list[str]:
    """The roles the reporter is credited in on live articles (记者, 通讯员, 摄影 …)."""
    roles = set(
        Byline.objects.filter(live_q("article__"), reporter=reporter)
        .order_by()
        .values_list("role", flat=True)
        .distinct()
    )
    return [label for value, label in Byline.Role.choices if value in roles]


def reporter_articles(reporter: Reporter) -> QuerySet:
    """Live articles bylined by the reporter, newest first."""
    bylined = Byline.objects.filter(article=OuterRef("pk"), reporter=reporter)
    return articles_for_listing(Article.objects.filter(Exists(bylined)))


def reporter_photos(reporter: Reporter) -> QuerySet:
    """Public photos credited to the reporter, newest first."""
    return Photo.objects.public().filter(credit_reporter=reporter).order_by("-created_at", "-pk")


def reporters_with_work() -> QuerySet:
    """Reporters with a live byline or a public photo, by name."""
    live_byline = Byline.objects.filter(live_q("article__"), reporter=OuterRef("pk"))
    public_photo = Photo.objects.public().filter(credit_reporter=OuterRef("pk"))
    return Reporter.objects.filter(Exists(live_byline) | Exists(public_photo))
