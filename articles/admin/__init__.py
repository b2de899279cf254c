"""The newsroom's working desk in the Django admin (one module a job)."""

from articles.admin import article, desk, other
from articles.admin.inlines import PlacementInline

__all__ = ["PlacementInline", "article", "desk", "other"]
