"""One article as readers read it, and what goes around it."""

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import Http404
from django.utils import timezone

from articles import cache_keys
from articles.models import Article, Correction, Placement, Status
from articles.selectors.listing import bylines_prefetch, photos_prefetch, tagged_with
from sitecache.keys import shows
from sitecache.queries import AT, ID, Prepared


def article_prefetches() -> list:
    """Everything ``articles/article_detail.html`` shows of an article, one query a relation."""
    return [
        bylines_prefetch(),
        photos_prefetch(),
        "tags",
        Prefetch("corrections", queryset=Correction.objects.order_by("published_at", "pk")),
        "events",
        Prefetch("placements", queryset=Placement.objects.select_related("page__issue")),
    ]


def prefetch_article(queryset: QuerySet) -> QuerySet:
    """The admin's preview applies this to an unpublished article; readers only
    ever get articles through ``article_for_reader``."""
    return queryset.select_related("section", "issue").prefetch_related(*article_prefetches())


def article_for_reader(pk: int) -> Article:
    """A live article and its section; the rest comes with its page's fragment
    (``articles.views.article``), fetched only when that is rendered."""
    found = _live_article(timezone.now(), pk)
    if not found:
        raise Http404("没有这篇稿件")
    return found[0]


_live_article = Prepared(
    Article,
    lambda at, pk: Article.objects.live(at=at).select_related("section", "issue").filter(pk=pk),
    AT,
    ID,
)


def complete_article(article: Article) -> None:
    """Fetch what the article's page shows, for an article from ``article_for_reader``."""
    prefetch_related_objects([article], *article_prefetches())


def article_is_withdrawn(pk: int) -> bool:
    """Whether ``pk`` was published and then withdrawn (撤稿): 410 Gone, not 404."""
    return Article.objects.filter(pk=pk, status=Status.WITHDRAWN).exists()


def related_articles(pk: int, tag_ids: list[int], limit: int = 5) -> list[Article]:
    """The latest live articles sharing one of ``tag_ids`` (its tags) with article ``pk``."""
    if not tag_ids:
        return []
    shows(*(cache_keys.tag(tag_id) for tag_id in tag_ids))
    return list(
        Article.objects.live()
        .filter(tagged_with(tag_ids))
        .exclude(pk=pk)
        .only("pk", "slug", "headline", "publish_at")
        .order_by("-publish_at", "-pk")[:limit]
    )
