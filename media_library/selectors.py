"""Reads for pages that show photos, prefetching what the templates use.

Any queryset whose photos reach ``includes/figure.html`` or
``includes/photo_thumbnail.html`` should prefetch their renditions, or each
photo costs a query::

    ArticlePhoto.objects.select_related("photo__credit_reporter")
        .prefetch_related(*photo_prefetches("photo__"))
"""

from django.db.models import Prefetch, Q, QuerySet

from media_library.models import Photo, Rendition, hash_file


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


def photo_usage(photo: Photo) -> QuerySet:
    """Every article using the photo, whatever its state (for staff).

    Through the relation the articles app declares (``Article.photos``), so
    the library needs to know nothing else about articles.
    """
    return (
        photo.articles.select_related("section", "issue").order_by("-publish_at", "-pk").distinct()
    )


def photo_with_hash(content_hash: str) -> Photo | None:
    """The first photo holding content with this fingerprint, if any."""
    return Photo.objects.filter(content_hash=content_hash).order_by("pk").first()


def photo_duplicate_of(file) -> Photo | None:
    """A photo already holding exactly this file's content, if any."""
    return photo_with_hash(hash_file(file))


def incomplete_q() -> Q:
    """Photos missing what ``rules.photo_missing_errors`` asks for: a title,
    caption, alt text or credit."""
    return (
        Q(title="")
        | Q(caption="")
        | Q(alt_text="")
        | (Q(credit_reporter__isnull=True) & Q(credit_text=""))
    )


def own_q(user) -> Q:
    """Photos the user uploaded or is credited for."""
    return Q(uploaded_by=user) | Q(credit_reporter__user=user)
