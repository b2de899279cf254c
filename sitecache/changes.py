"""Telling the cache what changed, and when pages change by the clock alone.

``changed(keys)`` stamps the keys once the current transaction commits, never
before: a reader who sees the new stamp must also see the new data. Several
calls in one transaction make one stamp. The CDN is told the same keys.
``everything_changed()`` is for writes that cannot say what they touched
(``QuerySet.update()``, bulk imports): every page goes.

Pages also change by the clock: a scheduled article goes live at its minute
with nothing saved then. Apps register where such moments come from
(``register_due_times``); a page is not served past the earliest one known
when it was rendered, nor past local midnight (events move from "upcoming"
to "past" by date).
"""

import datetime
import logging
import threading
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from sitecache import stamps
from sitecache.cdn import purge
from sitecache.keys import kind

logger = logging.getLogger(__name__)

DUE_KEY = "sitecache:due"

DueTimes = Callable[[datetime.datetime], datetime.datetime | None]
_due_sources: list[DueTimes] = []


def changed(keys: Iterable[str], using: str | None = None) -> None:
    """Pages showing any of ``keys`` are out of date once this transaction commits."""
    keys = {key for key in keys if key}
    if not keys:
        return
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        _apply(keys)
        return
    # One stamp per transaction: later calls add their keys to the hook the
    # first one registered (the list is emptied at every commit or rollback).
    for _savepoints, hook, _robust in connection.run_on_commit:
        if isinstance(hook, _Pending):
            hook.keys |= keys
            return
    transaction.on_commit(_Pending(keys), using=using)


class _Pending:
    def __init__(self, keys: set[str]):
        self.keys = set(keys)

    def __call__(self):
        _apply(self.keys)


def everything_changed(using: str | None = None) -> None:
    """Every page is out of date (a write that cannot say what it touched)."""
    changed([stamps.EPOCH], using=using)


def _apply(keys: set[str]) -> None:
    # The kinds too: what pages that show too much to list depend on (keys.compact).
    try:
        stamps.backend().bump(keys | {kind(key) for key in keys})
    except Exception:
        # The change is committed, but the cache could not be told (Redis
        # unreachable). Pages it holds may show what changed: once it answers
        # again, every page goes, before this process serves from it again.
        logger.error("site cache not told of a change; dropping every page", exc_info=True)
        _drop_everything_when_back()
    purge(keys)


_retrying = threading.Lock()


def _drop_everything_when_back() -> None:
    if not _retrying.acquire(blocking=False):
        return  # already waiting for it

    def retry():
        try:
            # Past PAGE_CACHE_TIMEOUT every page it held has expired anyway.
            deadline = time.monotonic() + settings.NEWSROOM_PAGE_CACHE_TIMEOUT
            while time.monotonic() < deadline:
                try:
                    stamps.backend().bump({stamps.EPOCH})
                    return
                except Exception:
                    time.sleep(0.2)
        finally:
            _retrying.release()

    threading.Thread(target=retry, name="sitecache-retry", daemon=True).start()


def register_due_times(source: DueTimes) -> None:
    """Add a source of moments at which pages change by the clock alone.

    ``source(now)`` gives the earliest such moment after ``now``, or None.
    Apps register theirs in ``AppConfig.ready()``: the cache knows no models.
    """
    if source not in _due_sources:
        _due_sources.append(source)


def next_due(now: datetime.datetime) -> datetime.datetime:
    moments = [_next_midnight(now), *(source(now) for source in _due_sources)]
    return min(moment for moment in moments if moment is not None)


def _next_midnight(now: datetime.datetime) -> datetime.datetime:
    tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))


#: This process's copy of the shared due time, good on the same terms: a page
#: rendered afresh then asks the cache only for the clock.
_known: tuple[int, datetime.datetime] | None = None


def due(now: datetime.datetime, latest: int | None) -> datetime.datetime:
    """The next due time, asked of the sources once per change rather than per page.

    ``latest`` is the newest stamp: a change after the time was worked out
    (a new schedule, a release) may bring it forward, so it is worked out
    again.
    """
    global _known
    known = _known if _good(_known, now, latest) else cache.get(DUE_KEY)
    if _good(known, now, latest):
        _known = known
        return known[1]
    moment = next_due(now)
    if latest is not None:
        _known = (latest, moment)
        cache.set(DUE_KEY, _known, timeout=settings.NEWSROOM_PAGE_CACHE_TIMEOUT)
    return moment


def _good(known, now, latest) -> bool:
    return known is not None and latest is not None and known[0] >= latest and known[1] > now


def forget_due() -> None:
    """Forget this process's copy (the stamps moved elsewhere: tests swap the cache)."""
    global _known
    _known = None
