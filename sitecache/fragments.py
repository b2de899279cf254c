"""Pieces of pages that recur (an article's teaser, its byline line, its body),
rendered once and kept until what they show changes.

A fragment is kept, like a page, with the keys of what it showed and the clock
when it began (``stamps``); it is good while none of those keys changed.
Name fragments by what they are (``teaser:12:v7``): the same fragment then
serves every page that shows it, and survives changes to everything else.
A page that uses a fragment shows its keys too (``keys.shows``), so the page
goes when the fragment would.

Without a working cache (Redis down) nothing is kept: each fragment is built.
"""

import logging
from collections.abc import Callable, Iterable
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache

from sitecache import stamps
from sitecache.keys import collecting, shows

logger = logging.getLogger(__name__)

PREFIX = "sitecache:fragment:"


class Fragment(NamedTuple):
    since: int
    keys: tuple[str, ...]
    value: object


def kept(names: Iterable[str]) -> dict[str, object]:
    """The fragments kept under ``names`` that are still good: one round trip each
    for the fragments and their stamps, however many there are."""
    names = list(names)
    if not names or not settings.NEWSROOM_PAGE_CACHE:
        return {}
    try:
        found = cache.get_many([PREFIX + name for name in names])
        if not found:
            return {}
        keys = {key for fragment in found.values() for key in fragment.keys}
        current = stamps.backend().read(keys)
    except Exception:
        logger.warning("fragments unavailable", exc_info=True)
        return {}
    good = {}
    for name in names:
        fragment = found.get(PREFIX + name)
        if fragment is not None and stamps.current(current, fragment.keys, fragment.since):
            shows(*fragment.keys)
            good[name] = fragment.value
    return good


def clock() -> int | None:
    """Read before the data of the fragments about to be built (None: nothing is kept)."""
    if not settings.NEWSROOM_PAGE_CACHE:
        return None
    try:
        return stamps.backend().now()[0]
    except Exception:
        logger.warning("fragments unavailable", exc_info=True)
        return None


def build(make: Callable[[], object]) -> tuple[object, tuple[str, ...]]:
    """``make()``, and the keys of what it showed (which the page shows too)."""
    with collecting() as keys:
        value = make()
    shows(*keys)
    return value, tuple(sorted(keys))


def keep(built: dict[str, tuple[object, tuple[str, ...]]], since: int | None) -> None:
    """Keep fragments built from data read after ``since`` (see ``clock``)."""
    if since is None or not built:
        return
    entries = {
        PREFIX + name: Fragment(since, keys, value) for name, (value, keys) in built.items()
    }
    try:
        cache.set_many(entries, timeout=settings.NEWSROOM_FRAGMENT_TIMEOUT)
    except Exception:
        logger.warning("fragments not kept", exc_info=True)
