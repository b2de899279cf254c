"""Reads that feed the public pages, each prefetching what its template shows.

Everything here starts from ``Article.objects.live()`` or ``live_q``: readers
never get anything else.
"""

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from articles.models import Article, ArticlePhoto, Byline, Event, Placement, live_q
from media_library.models import Photo
from media_library.selectors import photo_prefetches
from newsroom.models import Issue, Page, Reporter, Section


def _bylines():
    return Prefetch("bylines", queryset=Byline.objects.select_related("reporter"))


def _photos():
    return Prefetch(
        "article_photos",
        queryset=ArticlePhoto.objects.select_related("photo__credit_reporter").prefetch_related(
            *photo_prefetches("photo__")
        ),
    )


def articles_for_listing(queryset: QuerySet | None = None) -> QuerySet:
    """Live articles with what a headline list shows: section, bylines, lead photo."""
    queryset = Article.objects.live() if queryset is None else queryset.filter(live_q())
    return queryset.select_related("section").prefetch_related(_bylines(), _photos())


def article_for_reader(pk: int) -> Article:
    return get_object_or_404(
        Article.objects.live()
        .select_related("section", "issue")
        .prefetch_related(
            _bylines(),
            _photos(),
            "tags",
            "corrections",
            "events",
            Prefetch("placements", queryset=Placement.objects.select_related("page__issue")),
        ),
        pk=pk,
    )


def latest_issue() -> Issue | None:
    return Issue.objects.released().order_by("-date").first()


def issue_for_reader(date) -> Issue:
    return get_object_or_404(Issue.objects.released(), date=date)


def issue_pages(issue: Issue) -> list[Page]:
    """The issue's pages in order, each with its live articles in print order."""
    return list(
        issue.pages.order_by("number").prefetch_related(
            Prefetch(
                "placements",
                queryset=Placement.objects.filter(live_q("article__"))
                .select_related("article__section")
                .prefetch_related(
                    Prefetch(
                        "article__bylines",
                        queryset=Byline.objects.select_related("reporter"),
                    ),
                    Prefetch(
                        "article__article_photos",
                        queryset=ArticlePhoto.objects.select_related(
                            "photo__credit_reporter"
                        ).prefetch_related(*photo_prefetches("photo__")),
                    ),
                )
                .order_by("position", "pk"),
                to_attr="live_placements",
            )
        )
    )


def reporter_for_reader(slug: str) -> Reporter:
    return get_object_or_404(Reporter, slug=slug)


def reporter_articles(reporter: Reporter) -> QuerySet:
    return articles_for_listing(Article.objects.filter(bylines__reporter=reporter).distinct())


def section_articles(section: Section) -> QuerySet:
    return articles_for_listing(Article.objects.filter(section=section))


def event_for_reader(pk: int) -> Event:
    return get_object_or_404(Event.objects.public(), pk=pk)


def event_coverage(event: Event) -> QuerySet:
    return articles_for_listing(event.articles.all())


def photo_for_reader(pk: int) -> Photo:
    return get_object_or_404(
        Photo.objects.public()
        .select_related("credit_reporter")
        .prefetch_related(*photo_prefetches()),
        pk=pk,
    )


def photo_articles(photo: Photo) -> QuerySet:
    return articles_for_listing(photo.articles.all())
