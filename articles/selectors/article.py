"""One article as readers read it, and what goes around it."""

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from articles import cache_keys
from articles.models import Article, Correction, Placement, Status
from articles.selectors.listing import bylines_prefetch, photos_prefetch, tagged_with
from sitecache.keys import shows


def prefetch_article(queryset: QuerySet) -> QuerySet:
    """Everything ``articles/article_detail.html`` shows, in one query per relation.

    The admin's preview applies this to an unpublished article; readers only
    ever get it through ``article_for_reader``.
    """
    return queryset.select_related("section", "issue").prefetch_related(
        bylines_prefetch(),
        photos_prefetch(),
        "tags",
        Prefetch("corrections", queryset=Correction.objects.order_by("published_at", "pk")),
        "events",
        Prefetch("placements", queryset=Placement.objects.select_related("page__issue")),
    )


def article_for_reader(pk: int) -> Article:
    return get_object_or_404(prefetch_article(Article.objects.live()), pk=pk)


def article_is_withdrawn(pk: int) -> bool:
    """Whether ``pk`` was published and then withdrawn (撤稿): 410 Gone, not 404."""
    return Article.objects.filter(pk=pk, status=Status.WITHDRAWN).exists()


def related_articles(article: Article, limit: int = 5) -> list[Article]:
    """The latest live articles sharing a tag with ``article`` (its tags prefetched)."""
    tag_ids = [tag.pk for tag in article.tags.all()]
    if not tag_ids:
        return []
    shows(*(cache_keys.tag(pk) for pk in tag_ids))
    return list(
        Article.objects.live()
        .filter(tagged_with(tag_ids))
        .exclude(pk=article.pk)
        .only("pk", "slug", "headline", "publish_at")
        .order_by("-publish_at", "-pk")[:limit]
    )
