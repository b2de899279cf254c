"""What every list of headlines shows, prefetched once for the whole list."""

from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet, prefetch_related_objects

from articles.models import Article, ArticlePhoto, Byline, live_q


def bylines_prefetch(prefix: str = "") -> Prefetch:
    return Prefetch(f"{prefix}bylines", queryset=Byline.objects.select_related("reporter"))


def photos_prefetch(prefix: str = "") -> Prefetch:
    """An article's photos in order, with their credits: the first one leads.

    The one place listings fetch photos, so renditions can be added here.
    """
    return Prefetch(
        f"{prefix}article_photos",
        queryset=ArticlePhoto.objects.select_related("photo__credit_reporter"),
    )


def articles_for_listing(queryset: QuerySet | None = None) -> QuerySet:
    """Live articles with what a headline list shows: section, bylines, lead photo."""
    queryset = Article.objects.live() if queryset is None else queryset.filter(live_q())
    return queryset.select_related("section").prefetch_related(
        bylines_prefetch(), photos_prefetch()
    )


def prefetch_for_listing(articles: Iterable[Article]) -> None:
    """Bylines and photos for articles fetched some other way, in two queries."""
    prefetch_related_objects(list(articles), bylines_prefetch(), photos_prefetch())
