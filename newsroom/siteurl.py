"""Absolute addresses for canonical links, feeds, sitemaps and robots.txt."""

from django.conf import settings


def site_root(request) -> str:
    """``https://news.example.cn``: ``SITE_URL`` when set, else where the request came in."""
    return settings.NEWSROOM_SITE_URL or f"{request.scheme}://{request.get_host()}"


def absolute_url(request, path: str) -> str:
    return path if "://" in path else site_root(request) + path
