"""The newsroom's working desk in the Django admin (one module a job)."""

from articles.admin import (
    article,
    desk,
    notifications,
    other,
    pageimport,
    photo_requests,
    tags,
)

__all__ = [
    "article",
    "desk",
    "notifications",
    "other",
    "pageimport",
    "photo_requests",
    "tags",
]
