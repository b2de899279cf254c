"""Reads that feed the public pages, each prefetching what its template shows.

Everything here starts from ``Article.objects.live()`` / ``live_q``,
``public_photos()`` or ``Event.objects.public()``: readers never get
anything else. Split by subject; import from here.
"""

from articles.selectors.article import (
    article_for_reader,
    article_is_withdrawn,
    complete_article,
    prefetch_article,
    related_articles,
)
from articles.selectors.browse import (
    articles_since,
    corrections_for_reader,
    event_coverage,
    event_for_reader,
    event_photos,
    gallery_photos,
    latest_articles,
    latest_for_home,
    newest_ids,
    past_events,
    photo_articles,
    photo_for_reader,
    section_articles,
    section_for_reader,
    tag_articles,
    tag_for_reader,
    tags_for_reader,
    upcoming_events,
)
from articles.selectors.listing import (
    articles_for_listing,
    bylines_of,
    bylines_prefetch,
    photos_for_listing,
    photos_of,
    photos_prefetch,
    prefetch_for_listing,
)

__all__ = [
    "article_for_reader",
    "article_is_withdrawn",
    "articles_for_listing",
    "articles_since",
    "bylines_of",
    "bylines_prefetch",
    "complete_article",
    "corrections_for_reader",
    "event_coverage",
    "event_for_reader",
    "event_photos",
    "gallery_photos",
    "latest_articles",
    "latest_for_home",
    "newest_ids",
    "past_events",
    "photo_articles",
    "photo_for_reader",
    "photos_for_listing",
    "photos_of",
    "photos_prefetch",
    "prefetch_article",
    "prefetch_for_listing",
    "related_articles",
    "section_articles",
    "section_for_reader",
    "tag_articles",
    "tag_for_reader",
    "tags_for_reader",
    "upcoming_events",
]
