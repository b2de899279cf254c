"""What a page shows, as keys: the dependencies a cached page is dropped by.

A key names one thing readers see (``a12``: article 12, ``r7``: reporter 7)
or one list of them (``L:section:3``: the section's articles, in order). While
a public page renders, every tracked model instance it loads adds its key by
itself (``track``), and the selectors add the lists they read (``shows``). A
change to any of those keys drops the page (``stamps``); a change to nothing
it shows leaves it alone.

The keys also go to a CDN as the page's surrogate keys (``cdn``), so keep
them short.
"""

from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import post_init

#: Every list page also shows this key: the one a write that cannot say which
#: lists it changed (outside the services) drops them all by.
ALL_LISTS = "L"
#: Short names for tracked models, so a page's keys stay small.
_PREFIX: dict[type, str] = {}
_collector: ContextVar[set[str] | None] = ContextVar("sitecache_keys", default=None)


def track(model: type, prefix: str) -> None:
    """A page that loads an instance of ``model`` shows ``{prefix}{pk}``.

    Apps call this in ``AppConfig.ready()`` for the models readers see.
    """
    _PREFIX[model] = prefix
    post_init.connect(_loaded, sender=model, dispatch_uid=f"sitecache_track_{prefix}")


def key_of(instance) -> str | None:
    prefix = _PREFIX.get(type(instance))
    return f"{prefix}{instance.pk}" if prefix and instance.pk is not None else None


def keys_of(model: type, pks: Iterable) -> set[str]:
    prefix = _PREFIX[model]
    return {f"{prefix}{pk}" for pk in pks if pk is not None}


def kind(key: str) -> str:
    """``a12`` → ``a``: every article. A list key (``L:section:3``) is its own kind."""
    return key if key.startswith("L") else key.rstrip("0123456789")


def compact(keys: set[str], limit: int) -> set[str]:
    """A page that shows more than ``limit`` things depends on their kinds instead.

    A sitemap lists thousands of articles; checking thousands of stamps on
    every hit would cost more than rendering it. Every change also stamps its
    kinds (``changes``), so such a page goes whenever any of its kind changes.
    """
    return keys if len(keys) <= limit else {kind(key) for key in keys}


def list_key(name: str, *ids) -> str:
    """``L:section:3``: the list of things ``name`` shows for ``ids``, in order."""
    return ":".join(("L", name, *(str(i) for i in ids)))


def shows(*keys: str) -> None:
    """The page being rendered shows these (lists, or things read as values)."""
    collected = _collector.get()
    if collected is not None:
        collected.update(key for key in keys if key)
        if any(key.startswith("L:") for key in keys):
            collected.add(ALL_LISTS)


def _loaded(sender, instance, **kwargs):
    collected = _collector.get()
    if collected is not None and instance.pk is not None:
        collected.add(f"{_PREFIX[sender]}{instance.pk}")


@contextmanager
def collecting():
    """Collect the keys of what is rendered inside: ``with collecting() as keys``."""
    keys: set[str] = set()
    token = _collector.set(keys)
    try:
        yield keys
    finally:
        _collector.reset(token)
