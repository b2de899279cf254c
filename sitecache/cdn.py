"""Telling a CDN in front of the site to drop its copies, by what they show.

Public pages carry ``Cache-Control: s-maxage=N`` (never past the next
scheduled publish time) and their keys in a tag header: ``Surrogate-Key`` by
default, the convention of Fastly and similar CDNs (Cloudflare calls it
``Cache-Tag``, Varnish's xkey module ``xkey``: ``CDN_TAG_HEADER``). A change
purges exactly its keys, so a withdrawal leaves every page that shows the
article at once, and nothing else.

CDNs limit the header (Fastly 16 KB, Cloudflare 16 KB in all): a page that
shows too much (a sitemap) carries each kind of thing it shows instead
(``a`` for articles), and every change purges its kinds too, which only such
pages carry. Every page also carries ``pages``: what a purge of everything
names.

The purge request is configured by the environment (nothing is sent when
``CDN_PURGE_URL`` is unset):

- ``CDN_PURGE_URL``: the purge address, ``{key}`` standing for one key (a
  request per key), e.g. ``https://api.fastly.com/service/SERVICE_ID/purge/{key}``;
- ``CDN_PURGE_METHOD``: ``POST`` (default) or ``PURGE`` (Varnish);
- ``CDN_PURGE_HEADER``: one ``Name: value`` header, e.g. ``Fastly-Key: …``;
- ``CDN_TAG_LIMIT``: the most bytes the tag header may hold (8000).

It runs as a task after the commit: inline by default, in the worker when
``TASKS_BACKEND=database``.
"""

import logging
import urllib.parse
import urllib.request

from django.conf import settings
from django_tasks import task

from sitecache.keys import kind

PAGES_KEY = "pages"
#: What a change of everything is stamped with (``sitecache.stamps.EPOCH``).
EVERYTHING = "epoch"

logger = logging.getLogger(__name__)


def tag_headers(keys) -> dict[str, str]:
    """The tag header for a page showing ``keys``, within the CDN's size limit."""
    tags = sorted({PAGES_KEY, *keys})
    value = " ".join(tags)
    if len(value) > settings.NEWSROOM_CDN_TAG_LIMIT:
        value = " ".join(sorted({PAGES_KEY, *(kind(key) for key in keys)}))
    if len(value) > settings.NEWSROOM_CDN_TAG_LIMIT:
        value = PAGES_KEY
    return {settings.NEWSROOM_CDN_TAG_HEADER: value}


def purge_keys(keys) -> list[str]:
    """What a change of ``keys`` purges: the keys, and their kinds for pages that show too much."""
    if EVERYTHING in keys:
        return [PAGES_KEY]
    return sorted({*keys, *(kind(key) for key in keys)})


@task()
def cdn_purge(keys: str = PAGES_KEY) -> int:
    """Ask the CDN to drop every page tagged with any of ``keys`` (space separated).

    One request per key, as the CDNs' purge-by-key addresses take one. The
    last HTTP status, or 0 if any request failed.
    """
    status = 0
    for key in keys.split():
        status = _purge_one(key)
        if not status:
            return 0
    return status


def _purge_one(key: str) -> int:
    url = settings.NEWSROOM_CDN_PURGE_URL.format(key=urllib.parse.quote(key, safe=""))
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


def purge(keys) -> None:
    if settings.NEWSROOM_CDN_PURGE_URL:
        cdn_purge.enqueue(" ".join(purge_keys(keys)))
