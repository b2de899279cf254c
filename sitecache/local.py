"""A copy of recently served pages in each worker's own memory.

Fetching a page from Redis (tens of kilobytes, then unpickled) costs more
than the round trip itself, so each worker keeps the pages it served, and a
hit asks Redis only for the stamps of the page's keys: a worker's copy is
served only while it is still good (``stamps``), exactly like the shared
copy, and never past ``PAGE_CACHE_TIMEOUT`` from its rendering. Bounded by
size (``PAGE_CACHE_LOCAL_MB``), least recently used first out.
"""

import threading
import time
from collections import OrderedDict

from django.conf import settings


class LocalPages:
    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.size = 0
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()  # gthread workers share one process

    def get(self, key: str, *, max_age: float | None = None):
        """The page kept under ``key``; none once it is ``max_age`` seconds old."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if max_age is not None and time.time() - entry.rendered_at >= max_age:
                self.size -= len(self._entries.pop(key).content)
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, key: str, entry) -> None:
        cost = len(entry.content)
        if cost > self.max_bytes:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.size -= len(old.content)
            self._entries[key] = entry
            self.size += cost
            while self.size > self.max_bytes:
                _key, dropped = self._entries.popitem(last=False)
                self.size -= len(dropped.content)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.size = 0


_pages: LocalPages | None = None


def pages() -> LocalPages:
    global _pages
    if _pages is None:
        _pages = LocalPages(settings.NEWSROOM_PAGE_CACHE_LOCAL_MB * 1024 * 1024)
    return _pages
