"""Reads for the desk's own screens (not for readers)."""

from django.db.models import Exists, OuterRef

from articles.models import Article, Placement, Status


def flagged_articles():
    """Articles placed on a released issue that will not go live with it."""
    on_released = Placement.objects.filter(
        article=OuterRef("pk"), page__issue__released_at__isnull=False
    )
    return Article.objects.filter(Exists(on_released)).exclude(status=Status.PUBLISHED)
