"""Telling a CDN in front of the site to drop its copies.

Public pages carry ``Cache-Control: s-maxage=N`` (never past the next
scheduled publish time) and a tag header, ``Surrogate-Key: newsroom-pages``
by default, the convention of Fastly and similar CDNs (Cloudflare calls it
``Cache-Tag``, Varnish's xkey module ``xkey``: ``CDN_TAG_HEADER``). Whenever
the site cache starts a new generation — something readers see changed —
the CDN is asked to purge that tag, so a withdrawal leaves the CDN too
instead of waiting out ``s-maxage``.

The purge request is configured by the environment (nothing is sent when
``CDN_PURGE_URL`` is unset):

- ``CDN_PURGE_URL``: the purge address, ``{key}`` standing for the tag, e.g.
  ``https://api.fastly.com/service/SERVICE_ID/purge/{key}``;
- ``CDN_PURGE_METHOD``: ``POST`` (default) or ``PURGE`` (Varnish);
- ``CDN_PURGE_HEADER``: one ``Name: value`` header, e.g. ``Fastly-Key: …``.

It runs as a task after the commit: inline by default, in the worker when
``TASKS_BACKEND=database``.
"""

import logging
import urllib.request

from django.conf import settings
from django_tasks import task

PAGES_KEY = "newsroom-pages"

logger = logging.getLogger(__name__)


def tag_headers() -> dict[str, str]:
    return {settings.NEWSROOM_CDN_TAG_HEADER: PAGES_KEY}


@task()
def cdn_purge(key: str = PAGES_KEY) -> int:
    """Ask the CDN to drop every page tagged ``key``; its HTTP status, or 0 on failure."""
    url = settings.NEWSROOM_CDN_PURGE_URL.format(key=key)
    request = urllib.request.Request(url, method=settings.NEWSROOM_CDN_PURGE_METHOD)
    name, _colon, value = settings.NEWSROOM_CDN_PURGE_HEADER.partition(":")
    if name.strip():
        request.add_header(name.strip(), value.strip())
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except OSError as error:
        # Pages still expire by s-maxage (at most CDN_MAX_AGE seconds).
        logger.warning("CDN purge failed", extra={"key": key, "error": str(error)})
        return 0


def purge_pages() -> None:
    if settings.NEWSROOM_CDN_PURGE_URL:
        cdn_purge.enqueue(PAGES_KEY)
