"""Public views of the articles app: articles, sections, tags, events, photos, corrections."""

from articles.views.article import article_detail
from articles.views.browse import (
    corrections,
    event_detail,
    event_list,
    photo_detail,
    photo_list,
    section_detail,
    tag_detail,
    tag_list,
)

__all__ = [
    "article_detail",
    "corrections",
    "event_detail",
    "event_list",
    "photo_detail",
    "photo_list",
    "section_detail",
    "tag_detail",
    "tag_list",
]
