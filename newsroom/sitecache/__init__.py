"""The site cache of public pages; see ``generation`` and ``pages``."""

from newsroom.sitecache.generation import bump, content_changed
from newsroom.sitecache.pages import SiteCacheMiddleware, public_page

__all__ = ["SiteCacheMiddleware", "bump", "content_changed", "public_page"]
