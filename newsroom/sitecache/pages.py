"""Public pages: the site cache and the HTTP caching headers, as one view decorator.

Every reader gets the same public page, so a rendered page is kept in the
cache under its address and served again while it is valid (see
``generation``): no later save, no scheduled time reached since. A hit costs
one cache round trip (Redis) and no query.

Headers, for browsers and a CDN in front of the site:

- ``ETag`` (a digest of the page) and ``Last-Modified`` (when it was
  rendered), so revalidation answers ``304 Not Modified``;
- ``Cache-Control: public, max-age=0, must-revalidate, s-maxage=N``: browsers
  always revalidate, so none keeps showing an article after its withdrawal; a
  shared cache may keep the page ``N`` seconds (``NEWSROOM_CDN_MAX_AGE``), and
  never past the next scheduled publish time, so none misses one.
"""

import functools
import hashlib
import time
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

from newsroom.sitecache import generation

PAGE_KEY = "sitecache:page:{digest}"
#: Headers a cached page keeps; the middleware adds the rest on every response.
SKIPPED_HEADERS = {"content-length", "set-cookie", "date"}
CACHEABLE_STATUS = {200, 404, 410}


class Entry(NamedTuple):
    token: str
    due: object  # datetime
    rendered_at: float
    headers: tuple
    content: bytes


def public_page(view=None, *, query: tuple[str, ...] = ("p",)):
    """Cache a public view and give it caching headers.

    ``query`` names the query parameters the view reads (``p``: the page of a
    list); others are ignored, so they cannot fill the cache with copies.
    Only for views whose response is the same for every reader.
    """
    if view is None:
        return functools.partial(public_page, query=query)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        if not settings.NEWSROOM_PAGE_CACHE:
            response = _rendered(view(request, *args, **kwargs))
            return _finish(request, response, due=None, rendered_at=time.time())

        now = timezone.now()
        key = page_key(request, query)
        token, entry = generation.store().lookup(key)
        if entry is not None and entry.token == token and now < entry.due:
            response = HttpResponse(entry.content, headers=dict(entry.headers))
            return _finish(request, response, due=entry.due, rendered_at=entry.rendered_at)

        due = generation.due_for(token, now)
        rendered_at = time.time()
        response = _rendered(view(request, *args, **kwargs))
        if _storable(request, response):
            response = _finish(request, response, due=due, rendered_at=rendered_at, check=False)
            headers = tuple(
                (name, value)
                for name, value in response.headers.items()
                if name.lower() not in SKIPPED_HEADERS
            )
            timeout = min(settings.NEWSROOM_PAGE_CACHE_TIMEOUT, (due - now).total_seconds())
            cache.set(key, Entry(token, due, rendered_at, headers, response.content), timeout)
        return _finish(request, response, due=due, rendered_at=rendered_at)

    wrapper.public_page = True
    return wrapper


def page_key(request, query=("p",)) -> str:
    params = sorted((name, request.GET.get(name, "")) for name in query if name in request.GET)
    source = f"{request.get_host()}\n{request.path}\n{params!r}"
    return PAGE_KEY.format(digest=hashlib.md5(source.encode(), usedforsecurity=False).hexdigest())


def _rendered(response):
    # Template responses (sitemaps) render lazily; the cache needs the bytes.
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    return response


def _storable(request, response) -> bool:
    """Only pages that are the same for everyone: no cookie set, no session read."""
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not (session is not None and session.accessed)
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def _finish(request, response, *, due, rendered_at, check=True):
    if response.status_code not in CACHEABLE_STATUS or response.streaming:
        return response
    shared_age = settings.NEWSROOM_CDN_MAX_AGE
    if due is not None:
        shared_age = max(0, min(shared_age, int((due - timezone.now()).total_seconds())))
    patch_cache_control(
        response, public=True, max_age=0, must_revalidate=True, s_maxage=shared_age
    )
    if response.status_code != 200:
        return response
    if not response.has_header("ETag"):
        digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        response["ETag"] = quote_etag(digest)
    response["Last-Modified"] = http_date(rendered_at)
    if not check:
        return response
    return get_conditional_response(
        request,
        etag=response["ETag"],
        last_modified=int(rendered_at),
        response=response,
    )
