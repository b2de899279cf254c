"""Pieces of pages that recur, rendered once and kept until what they show changes:
an article's teaser, its body, a list's newest ids, a page's block of stories.

A fragment is kept, like a page, with the keys of what it showed and the clock
when it began (``stamps``); it is good while none of those keys changed.
Name fragments by what they are (``teaser:12``, ``issue:45:pages``): the same
fragment then serves every page that shows it, and survives changes to
everything else. A page that uses a fragment shows its keys too
(``keys.shows``), so the page goes when the fragment would.

A fragment of what is live now (a list of live articles, an issue's live
stories) changes by the clock too: it is ``timed``, and like a page it is not
served past the next due time known when it was built (``changes.due``), so
a scheduled story still appears at its minute.

Without a working cache (Redis down) nothing is kept: each fragment is built.
"""

import datetime
import logging
from collections.abc import Callable, Collection, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from sitecache import changes, stamps
from sitecache.keys import collecting, shows

logger = logging.getLogger(__name__)

PREFIX = "sitecache:fragment:"


class Fragment(NamedTuple):
    since: int
    keys: tuple[str, ...]
    value: object
    #: A timed fragment is stale from then on; None: it does not change by the clock.
    due: datetime.datetime | None = None


class Clock(NamedTuple):
    """Read before the data of the fragments about to be built."""

    since: int
    #: The next moment pages change by the clock alone, as known at ``since``.
    due: datetime.datetime
    #: The newest stamp at ``since``: a fragment built from then on has seen every change.
    latest: int


#: The clock of the page being rendered: fragments built for it start from it.
_page_clock: ContextVar[Clock | None] = ContextVar("sitecache_page_clock", default=None)


@contextmanager
def page_clock(clock: Clock):
    """While a page renders, fragments built for it take its clock: read before
    anything of the page was, so it is as good as their own, and it costs no
    round trip."""
    token = _page_clock.set(clock)
    try:
        yield
    finally:
        _page_clock.reset(token)


def kept(names: Iterable[str]) -> dict[str, object]:
    """The fragments kept under ``names`` that are still good: one round trip each
    for the fragments and their stamps, however many there are (in a page, none
    for the stamps while no change has passed since the fragments were built)."""
    return {name: value for name, (value, _keys) in kept_with_keys(names).items()}


def kept_with_keys(names: Iterable[str]) -> dict[str, tuple[object, tuple[str, ...]]]:
    """``kept``, each fragment with the keys of what it shows (``{name: (value, keys)}``),
    for a fragment built from others."""
    names = list(names)
    if not names or not settings.NEWSROOM_PAGE_CACHE:
        return {}
    page = _page_clock.get()
    try:
        found = cache.get_many([PREFIX + name for name in names])
        # A fragment built since the page's clock was read, or from a clock no
        # change has passed since, is as good as the page: its stamps need no
        # round trip. (Lost stamps start again later than every clock.)
        unchanged = {
            name
            for name, fragment in found.items()
            if page is not None and fragment.since >= page.latest
        }
        keys = {key for name, f in found.items() if name not in unchanged for key in f.keys}
        current = stamps.backend().read(keys) if len(unchanged) < len(found) else {}
    except Exception:
        logger.warning("fragments unavailable", exc_info=True)
        return {}
    now = timezone.now()
    good = {}
    for name in names:
        fragment = found.get(PREFIX + name)
        if fragment is None or (fragment.due is not None and now >= fragment.due):
            continue
        if PREFIX + name in unchanged or stamps.current(current, fragment.keys, fragment.since):
            shows(*fragment.keys)
            good[name] = (fragment.value, fragment.keys)
    return good


def clock() -> Clock | None:
    """Read before the data of the fragments about to be built (None: nothing is kept)."""
    if not settings.NEWSROOM_PAGE_CACHE:
        return None
    page = _page_clock.get()
    if page is not None:
        return page
    now = timezone.now()
    try:
        since, latest = stamps.backend().now()
        return Clock(since, changes.due(now, latest), latest)
    except Exception:
        logger.warning("fragments unavailable", exc_info=True)
        return None


def build(make: Callable[[], object]) -> tuple[object, tuple[str, ...]]:
    """``make()``, and the keys of what it showed (which the page shows too)."""
    keys: set[str] = set()
    try:
        with collecting() as keys:
            value = make()
    finally:
        # Even when ``make`` ends in a 404, the page showed what it read: a
        # CDN may keep the 404 until one of those changes.
        shows(*keys)
    return value, tuple(sorted(keys))


def keep(
    built: dict[str, tuple[object, tuple[str, ...]]], since: Clock | None, *, timed: bool = False
) -> None:
    """Keep fragments built from data read after ``since`` (see ``clock``).

    ``timed``: they show what is live now, and go at the next due time.
    """
    if since is None or not built:
        return
    due = since.due if timed else None
    entries = {
        PREFIX + name: Fragment(since.since, keys, value, due)
        for name, (value, keys) in built.items()
    }
    timeout = settings.NEWSROOM_FRAGMENT_TIMEOUT
    if due is not None:
        timeout = max(1, min(timeout, int((due - timezone.now()).total_seconds()) + 1))
    try:
        cache.set_many(entries, timeout=timeout)
    except Exception:
        logger.warning("fragments not kept", exc_info=True)


def each(
    makers: dict[str, Callable[[dict], object]], *, timed: bool | Collection[str]
) -> dict[str, object]:
    """``{name: value}``: each fragment kept, or made by ``makers[name](found)`` and kept.

    One round trip for all that are kept; the others are built in order, from
    one clock, each given the values found so far (``found``): a page's parts
    may need one another (an article's related stories, its tags).
    ``timed``: all of them, or the names of those that show what is live now.
    """
    values = kept(makers)
    missing = [name for name in makers if name not in values]
    if missing:
        since = clock()  # before what they show is read
        built = {}
        for name in missing:
            built[name] = build(partial(makers[name], values))
            values[name] = built[name][0]
        clocked = set(makers) if timed is True else set(timed or ())
        keep({n: b for n, b in built.items() if n in clocked}, since, timed=True)
        keep({n: b for n, b in built.items() if n not in clocked}, since)
    return values


def one(name: str, make: Callable[[], object], *, timed: bool) -> object:
    """The fragment ``name``, kept or made by ``make()`` (see ``each``)."""
    return each({name: lambda found: make()}, timed=timed)[name]
