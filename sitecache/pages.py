"""Public pages: the site cache and the HTTP caching headers.

Views every reader gets alike are marked with ``@public_page``; the
``SiteCacheMiddleware`` (near the top of ``MIDDLEWARE``) does the rest for
them, like Django's per-site cache: a rendered page is kept under its address
with the keys of what it shows (``keys``) and served again while none of them
has changed since (``stamps``) and no scheduled time has come (``changes``).
A hit costs one small round trip (the stamps of its keys; each worker keeps
the pages it served, see ``local``) and no query, and skips the middleware
below it, whose headers it replays.

Readers who miss the same page at the same moment do not all render it: the
first takes a short lock in the shared cache and renders, the others wait
for its result (at most ``PAGE_RENDER_WAIT`` seconds, then they render
themselves). With Redis, taking the lock, looking again and reading the
clock is one round trip, and storing the page and letting go of the lock
another: round trips are most of what a fresh render waits for.

Headers, for browsers and a CDN in front of the site, cache on or off:

- ``ETag`` (a digest of the page) and ``Last-Modified`` (when it was
  rendered), so revalidation answers ``304 Not Modified``;
- ``Cache-Control: public, max-age=0, must-revalidate, s-maxage=N``: browsers
  always revalidate, so none keeps showing an article after its withdrawal; a
  shared cache may keep the page ``N`` seconds (``NEWSROOM_CDN_MAX_AGE``), and
  never past the next scheduled publish time, so none misses one. With the
  site cache off that time is unknown, and ``N`` is 0;
- the page's keys in the CDN's tag header (``cdn``), which a change purges.
"""

import functools
import hashlib
import logging
import time
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag

from sitecache import changes, fragments, local, stamps
from sitecache.cdn import tag_headers
from sitecache.keys import collecting, compact

logger = logging.getLogger(__name__)

PAGE_KEY = "sitecache:page:{digest}"
#: Headers a cached page does not keep: they belong to one response.
SKIPPED_HEADERS = frozenset({"set-cookie", "date"})
CACHEABLE_STATUS = frozenset({200, 404, 410})
CONDITIONAL_HEADERS = frozenset(
    {"HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE"}
)


def public_page(view=None, *, query: tuple[str, ...] = ("p",)):
    """Mark a view whose response is the same for every reader.

    ``query`` names the query parameters the view reads (``p``: the page of a
    list); the others are ignored for caching, so they cannot fill the cache
    with copies of one page.
    """

    def mark(view):
        # A wrapper of its own: one view (a sitemap view, say) may be routed
        # twice with different query parameters.
        @functools.wraps(view)
        def marked(request, *args, **kwargs):
            return view(request, *args, **kwargs)

        marked.sitecache_query = tuple(query)
        return marked

    return mark if view is None else mark(view)


class Entry(NamedTuple):
    keys: tuple[str, ...]  # what the page shows
    since: int  # the clock when its rendering began (``stamps``)
    due: object  # datetime: the page is stale from then on
    rendered_at: float
    headers: tuple
    content: bytes

    def response(self) -> HttpResponse:
        return HttpResponse(self.content, headers=dict(self.headers))

    def good(self, found: dict, now) -> bool:
        return now < self.due and stamps.current(found, self.keys, self.since)


def page_query(request) -> tuple[str, ...] | None:
    """The query parameters of the public view at this address; None if not public."""
    if request.method not in ("GET", "HEAD"):
        return None
    return _view_query(getattr(request, "urlconf", None), request.path_info)


@functools.lru_cache(maxsize=4096)
def _view_query(urlconf, path: str) -> tuple[str, ...] | None:
    # The URLconf does not change while the process runs: resolve a path once.
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None
    return getattr(match.func, "sitecache_query", None)


def view_query_cache_clear() -> None:
    _view_query.cache_clear()


def page_key(request, query=("p",)) -> str:
    params = sorted((name, request.GET.get(name, "")) for name in query if name in request.GET)
    source = f"{request.get_host()}\n{request.path}\n{params!r}"
    return PAGE_KEY.format(digest=hashlib.md5(source.encode(), usedforsecurity=False).hexdigest())


class SiteCacheMiddleware:
    """Serve public pages from the site cache; give them caching headers.

    Place it right after ``SecurityMiddleware``: a hit returns from here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = page_query(request)
        if query is None:
            return self.get_response(request)
        if not settings.NEWSROOM_PAGE_CACHE:
            with collecting() as keys:
                response = rendered(self.get_response(request))
            return finish(request, response, keys=keys, due=None, rendered_at=time.time())

        key = page_key(request, query)
        lock = f"{key}:rendering"
        now = timezone.now()
        try:
            store = stamps.backend()
            found, stale = self.look(key, store)
            read = None  # the clock, when read with the lock
            if found is None:
                taken, found, read = self.claim(key, lock, store, stale)
                if taken and found is not None:
                    _try(cache.delete, lock)
                elif not taken and found is None:
                    found = self.wait_for(key, store)
                    read = None  # before the wait: read it again
            if found is None:
                since, latest = read or store.now()  # before anything is read for the page
                due = changes.due(now, latest)
        except Exception:
            # The shared cache is gone (Redis down): slower, from the database,
            # never wrong and never an error page for it.
            logger.warning("site cache unavailable, page rendered without it", exc_info=True)
            with collecting() as keys:
                response = rendered(self.get_response(request))
            return finish(request, response, keys=keys, due=None, rendered_at=time.time())
        if found is not None:
            return finish(request, found.response(), due=found.due, rendered_at=found.rendered_at)
        try:
            clock = fragments.Clock(since, due, latest)
            return self.render(request, key, lock, store, clock=clock, now=now)
        except BaseException:
            _try(cache.delete, lock)
            raise

    def cached(self, key: str, store) -> Entry | None:
        """The page under ``key`` if it is still good."""
        return self.look(key, store)[0]

    def look(self, key: str, store) -> tuple[Entry | None, Entry | None]:
        """``(the page under key, if still good; else the copy found stale)``:
        this worker's copy, else the shared one.

        (Without Redis the cache is this worker's memory already.)
        """
        mine = None
        if store.shared:
            mine = local.pages().get(key, max_age=settings.NEWSROOM_PAGE_CACHE_TIMEOUT)
            if mine is not None and mine.good(store.read(mine.keys), timezone.now()):
                return mine, None
        shared = cache.get(key)
        if shared is None or (mine is not None and shared.since <= mine.since):
            return None, mine
        if not self.good(key, shared, store):
            return None, shared
        return shared, None

    def good(self, key: str, entry: Entry, store) -> bool:
        if not entry.good(store.read(entry.keys), timezone.now()):
            return False
        if store.shared:
            local.pages().put(key, entry)
        return True

    def claim(self, key: str, lock: str, store, stale: Entry | None):
        """Take the lock on rendering ``key``, and look for the page again once it
        is taken: another reader may have stored it and let go of the lock since
        our first look (which found ``stale``). ``(taken, the page if good, the
        clock)``; with Redis the three in one round trip (without it, no clock:
        the database keeps it).
        """
        wait = settings.NEWSROOM_PAGE_RENDER_WAIT
        if not store.shared:
            taken = cache.add(lock, 1, timeout=wait)
            return taken, self.cached(key, store) if taken else None, None
        with store.client.pipeline(transaction=False) as pipeline:
            pipeline.set(cache.make_key(lock), 1, nx=True, px=max(1, int(wait * 1000)))
            pipeline.get(cache.make_key(key))
            store.ask_now(pipeline)
            taken, stored, clock = pipeline.execute()
        entry = None if stored is None else cache.client.decode(stored)
        if entry is None or entry == stale or not self.good(key, entry, store):
            entry = None
        return bool(taken), entry, store.now_from(clock)

    def wait_for(self, key: str, store) -> Entry | None:
        """Another reader is rendering this page: wait for it, a little."""
        deadline = time.monotonic() + settings.NEWSROOM_PAGE_RENDER_WAIT
        while time.monotonic() < deadline:
            time.sleep(0.02)
            found = self.cached(key, store)
            if found is not None:
                return found
            if cache.get(f"{key}:rendering") is None:
                # Done: stored just now, or not storable.
                return self.cached(key, store)
        return None

    def render(self, request, key: str, lock: str, store, *, clock: fragments.Clock, now):
        since, due = clock.since, clock.due
        rendered_at = time.time()
        with collecting() as keys, fragments.page_clock(clock):
            response = rendered(self.get_response(request))
        response = finish(
            request, response, keys=keys, due=due, rendered_at=rendered_at, check=False
        )
        if not storable(request, response):
            _try(cache.delete, lock)
            return finish(request, response, due=due, rendered_at=rendered_at)
        headers = tuple(
            (name, value)
            for name, value in response.headers.items()
            if name.lower() not in SKIPPED_HEADERS
        )
        shown = compact(keys, settings.NEWSROOM_PAGE_KEY_LIMIT)
        entry = Entry(tuple(sorted(shown)), since, due, rendered_at, headers, response.content)
        timeout = min(settings.NEWSROOM_PAGE_CACHE_TIMEOUT, (due - now).total_seconds())
        if keep(key, entry, timeout, store, lock) and store.shared:
            local.pages().put(key, entry)
        return finish(request, response, due=due, rendered_at=rendered_at)


def keep(key: str, entry: Entry, timeout: float, store, lock: str) -> bool:
    """Store the page and let go of the lock on its rendering, in that order (a
    reader who finds the lock gone finds the page): with Redis, one round trip."""
    if not store.shared:
        kept = _try(cache.set, key, entry, timeout)
        _try(cache.delete, lock)
        return kept
    milliseconds = int(timeout * 1000)
    try:
        with store.client.pipeline(transaction=False) as pipeline:
            if milliseconds > 0:
                pipeline.set(cache.make_key(key), cache.client.encode(entry), px=milliseconds)
            pipeline.delete(cache.make_key(lock))
            pipeline.execute()
    except Exception:
        logger.warning("site cache write failed", exc_info=True)
        return False
    return milliseconds > 0


def _try(call, *args) -> bool:
    """A cache write that may fail without failing the page."""
    try:
        result = call(*args)
    except Exception:
        logger.warning("site cache write failed", exc_info=True)
        return False
    return result is not False


def rendered(response):
    # Template responses (sitemaps) render lazily; the cache needs the bytes.
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    return response


def storable(request, response) -> bool:
    """Only pages that are the same for everyone: no cookie set, none read."""
    session = getattr(request, "session", None)
    vary = response.get("Vary", "").lower()
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "cookie" not in vary
        and not (session is not None and session.accessed)
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        # A CSP nonce is for one response only; its page must not be replayed.
        and getattr(request, "_csp_nonce", None) is None
    )


def finish(request, response, *, due, rendered_at, keys=None, check=True):
    """Caching headers, then ``304 Not Modified`` when the reader has this page."""
    if response.status_code not in CACHEABLE_STATUS or response.streaming:
        return response
    # Without the site cache nothing knows when the next scheduled article is
    # due, so shared caches must revalidate too (cheap: 304 by ETag).
    shared_age = 0
    if due is not None:
        seconds = int((due - timezone.now()).total_seconds())
        shared_age = max(0, min(settings.NEWSROOM_CDN_MAX_AGE, seconds))
    # The policy for public pages is this one, whatever a view said.
    response["Cache-Control"] = f"public, max-age=0, must-revalidate, s-maxage={shared_age}"
    if keys is not None:  # a page replayed from the cache has its tags already
        for header, value in tag_headers(keys).items():  # what a purge names (cdn)
            response[header] = value
    if response.status_code != 200:
        return response
    if not response.has_header("ETag"):
        digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        response["ETag"] = quote_etag(digest)
    response["Last-Modified"] = http_date(rendered_at)
    if not check or not CONDITIONAL_HEADERS.intersection(request.META):
        return response
    return get_conditional_response(
        request, etag=response["ETag"], last_modified=int(rendered_at), response=response
    )
