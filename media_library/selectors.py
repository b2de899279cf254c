"""Reads for pages that show photos, prefetching what the templates use.

Any queryset whose photos reach ``includes/figure.html`` or
``includes/photo_thumbnail.html`` should prefetch their renditions, or each
photo costs a query::

    ArticlePhoto.objects.select_related("photo__credit_reporter")
        .prefetch_related(*photo_prefetches("photo__"))
"""

from django.db.models import Prefetch, QuerySet

from media_library.models import Photo, Rendition


def photo_prefetches(prefix: str = "") -> list[Prefetch]:
    """Prefetch objects for the renditions of photos reached through ``prefix``.

    ``prefix`` is the lookup path to the photo, ending in ``__``
    (``"photo__"`` from ArticlePhoto, ``""`` from Photo itself).
    """
    return [
        Prefetch(
            f"{prefix}renditions",
            queryset=Rendition.objects.only("id", "photo_id", "spec", "width", "height"),
        )
    ]


def photos_for_listing(queryset: QuerySet | None = None) -> QuerySet:
    """Public photos with their credit and renditions, newest first."""
    queryset = (Photo.objects.all() if queryset is None else queryset).public()
    return queryset.select_related("credit_reporter").prefetch_related(*photo_prefetches())


def reporter_photos(reporter) -> QuerySet:
    """The public photos credited to a reporter, for their page."""
    return photos_for_listing(Photo.objects.filter(credit_reporter=reporter))


def photo_usage(photo: Photo) -> QuerySet:
    """Every article using the photo, whatever its state (for staff)."""
    from articles.models import Article

    return (
        Article.objects.filter(article_photos__photo=photo)
        .select_related("section", "issue")
        .order_by("-publish_at", "-pk")
        .distinct()
    )
