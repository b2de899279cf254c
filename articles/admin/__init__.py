"""The newsroom's working desk in the Django admin (one module a job)."""

from articles.admin import article, desk, other, pageimport

__all__ = ["article", "desk", "other", "pageimport"]
