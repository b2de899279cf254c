"""The content generation and the next due time: what cached pages are valid for.

A cached page is valid while

- the *generation* it was rendered under is still current. Every save or
  delete of anything readers see replaces the generation with a new random
  token, after the transaction commits (``signal_handlers``). A reader who
  sees the new token therefore also sees the committed data; a page rendered
  from older data can only have been stored under an older token.
- the clock has not reached the *next due time* known when it was rendered:
  the earliest moment any registered source (``register_due_times``; the
  articles app registers the next scheduled publish time) says a page may
  change by itself, or local midnight (events move from "upcoming" to "past"
  by date). So a scheduled article appears at its minute although nothing
  was saved then.

Where the token lives must be shared by every process that serves pages: the
shared cache (Redis), fetched in the same round trip as the page; or, when the
cache is local memory and private to each worker, the database.
"""

import datetime
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from sitecache import local
from sitecache.cdn import purge_pages
from sitecache.models import ContentGeneration

GENERATION_KEY = "sitecache:generation"
DUE_KEY = "sitecache:due:{token}"


def new_token() -> str:
    return secrets.token_hex(8)


class SharedCacheGeneration:
    """The token lives in the shared cache, next to the pages it validates."""

    def lookup(self, key: str):
        """``(token, cached page at key or None)``.

        One small round trip when this worker holds the page under the
        current token (``local``); otherwise a second one for the shared copy.
        """
        token = self.current()
        entry = local.pages().get(key, max_age=settings.NEWSROOM_PAGE_CACHE_TIMEOUT)
        if entry is None or entry.token != token:
            entry = cache.get(key)
            if entry is not None and entry.token == token:
                local.pages().put(key, entry)
        return token, entry

    def current(self) -> str:
        token = cache.get(GENERATION_KEY)
        if token is None:
            # Lost (eviction, restart): any new token invalidates every page.
            cache.add(GENERATION_KEY, new_token(), timeout=None)
            token = cache.get(GENERATION_KEY)
        return token

    def store(self, key: str, entry, timeout: float) -> None:
        cache.set(key, entry, timeout)
        local.pages().put(key, entry)

    def bump(self) -> None:
        cache.set(GENERATION_KEY, new_token(), timeout=None)


class DatabaseGeneration:
    """The token lives in one database row, which every worker reads."""

    def lookup(self, key: str):
        return self.current(), cache.get(key)

    def store(self, key: str, entry, timeout: float) -> None:
        # The cache is this worker's local memory already.
        cache.set(key, entry, timeout)

    def current(self) -> str:
        token = ContentGeneration.objects.filter(pk=1).values_list("token", flat=True).first()
        if token is None:
            try:
                with transaction.atomic():
                    token = ContentGeneration.objects.get_or_create(
                        pk=1, defaults={"token": new_token()}
                    )[0].token
            except IntegrityError:  # another worker created it first
                token = ContentGeneration.objects.get(pk=1).token
        return token

    def bump(self) -> None:
        token = new_token()
        if not ContentGeneration.objects.filter(pk=1).update(token=token):
            ContentGeneration.objects.update_or_create(pk=1, defaults={"token": token})


def store():
    if settings.NEWSROOM_CACHE_GENERATION == "database":
        return DatabaseGeneration()
    return SharedCacheGeneration()


def bump() -> None:
    """Start a new generation now: every cached page is out of date, here and at the CDN."""
    store().bump()
    purge_pages()


def content_changed(using: str | None = None) -> None:
    """Record that content changed: a new generation once the transaction commits.

    Signal handlers call this for every save; services that write with
    ``QuerySet.update()`` or ``bulk_create()`` (which send no signals) must call
    it themselves. Several saves in one transaction give one new generation.
    """
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        bump()
        return
    pending = getattr(connection, "run_on_commit", [])
    if any(entry[1] is bump for entry in pending):
        return
    transaction.on_commit(bump, using=using)


DueTimes = Callable[[datetime.datetime], datetime.datetime | None]
_due_sources: list[DueTimes] = []


def register_due_times(source: DueTimes) -> None:
    """Add a source of moments at which pages change by the clock alone.

    ``source(now)`` gives the earliest such moment after ``now``, or None.
    Apps register theirs in ``AppConfig.ready()``: the cache knows no models.
    """
    if source not in _due_sources:
        _due_sources.append(source)


def next_due(now: datetime.datetime) -> datetime.datetime:
    """The earliest moment after ``now`` at which a cached page may be wrong.

    What the registered sources say, and local midnight. Anything else that
    changes a page (a release, a withdrawal) is a save, and so a new
    generation.
    """
    moments = [_next_midnight(now), *(source(now) for source in _due_sources)]
    return min(moment for moment in moments if moment is not None)


def _next_midnight(now: datetime.datetime) -> datetime.datetime:
    tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))


def due_for(token: str, now: datetime.datetime) -> datetime.datetime:
    """The next due time for pages rendered under ``token``, computed once per token.

    Computed after the token was read, so data committed before it are counted;
    anything committed later comes with a new token anyway.
    """
    key = DUE_KEY.format(token=token)
    due = cache.get(key)
    if due is None or due <= now:
        due = next_due(now)
        cache.set(key, due, timeout=settings.NEWSROOM_PAGE_CACHE_TIMEOUT)
    return due
