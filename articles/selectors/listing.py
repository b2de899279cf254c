"""What every list of headlines shows, prefetched once for the whole list."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Exists,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from taggit.models import TaggedItem

from articles.models import Article, ArticlePhoto, Byline, live_q, public_photos
from media_library.selectors import photo_prefetches

# Prefetched into plain lists (``to_attr``): a prefetch into the related
# manager clones a queryset per article, which costs more than the query.


def bylines_prefetch(prefix: str = "") -> Prefetch:
    """An article's bylines in order, with their reporters, as ``article.byline_list``."""
    return Prefetch(
        f"{prefix}bylines",
        queryset=Byline.objects.select_related("reporter"),
        to_attr="byline_list",
    )


def photos_prefetch(prefix: str = "") -> Prefetch:
    """An article's photos in order, with their credits, as ``article.photo_list``.

    The first one leads. The one place pages fetch an article's photos, so
    renditions can be added here.
    """
    return Prefetch(
        f"{prefix}article_photos",
        queryset=ArticlePhoto.objects.select_related("photo__credit_reporter").prefetch_related(
            *photo_prefetches("photo__")
        ),
        to_attr="photo_list",
    )


def bylines_of(article: Article):
    """The article's bylines: prefetched as above, else from the database."""
    found = getattr(article, "byline_list", None)
    return found if found is not None else article.bylines.select_related("reporter")


def photos_of(article: Article):
    """The article's ``ArticlePhoto`` rows in order: prefetched as above, else queried."""
    found = getattr(article, "photo_list", None)
    if found is not None:
        return found
    return article.article_photos.select_related("photo__credit_reporter").prefetch_related(
        *photo_prefetches("photo__")
    )


def articles_for_listing(queryset: QuerySet | None = None) -> QuerySet:
    """Live articles for a headline list, newest first.

    What each item shows beyond the article itself (bylines, lead photo) comes
    with its teaser (``articles.teasers.prepare``), once the page is cut.
    """
    articles = Article.objects.live() if queryset is None else queryset.filter(live_q())
    return articles.defer("body")


def photos_for_listing(photos: QuerySet | None = None) -> QuerySet:
    """Public photos with their credit and renditions, newest first."""
    return (
        public_photos(photos)
        .select_related("credit_reporter")
        .prefetch_related(*photo_prefetches())
    )


def prefetch_for_listing(articles: Iterable[Article]) -> None:
    """Bylines and photos for articles fetched some other way, in two queries."""
    prefetch_related_objects(list(articles), bylines_prefetch(), photos_prefetch())


def tagged_with(tag_ids) -> Exists:
    """A filter for articles carrying any of ``tag_ids``.

    ``EXISTS`` on taggit's (content type, object id) index, with the content
    type as a scalar subquery rather than a join: with the join PostgreSQL
    misjudged a common tag as rare, fetched every article with it (thousands
    at archive scale) and sorted them; with good estimates it walks the
    newest articles and stops at the page's last. Rare tags still go the
    other way, as they should.
    """
    article_type = ContentType.objects.filter(app_label="articles", model="article")
    return Exists(
        TaggedItem.objects.filter(
            content_type_id=Subquery(article_type.values("pk")[:1]),
            object_id=OuterRef("pk"),
            tag_id__in=tag_ids,
        )
    )
