"""Infrastructure only: writes readers could see start a new site-cache generation.

Which writes those are is ``cache_scope.affects_readers``: desk work on
drafts, unused photos and unreleased issues leaves the cache alone. The
articles app connects these because it is the one that knows what a reader
sees of every model below it; the site cache itself knows no models.

The new generation is recorded after the transaction commits
(``sitecache.content_changed``), never before: a reader who sees the new
token must also see the new data.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from articles.cache_scope import affects_readers, m2m_affects_readers
from articles.selectors.schedule import next_publish_after
from sitecache.generation import content_changed, register_due_times

#: Apps whose models readers see, directly or through a page.
WATCHED_APPS = frozenset({"articles", "paper", "people", "media_library", "taggit"})


def _watched(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    return meta is not None and meta.app_label in WATCHED_APPS


def on_save_or_delete(sender, instance=None, using=None, **kwargs):
    if _watched(sender) and affects_readers(instance):
        content_changed(using)


def on_m2m_changed(sender, action, instance=None, pk_set=None, using=None, **kwargs):
    if action.startswith("post_") and _watched(sender) and m2m_affects_readers(instance, pk_set):
        content_changed(using)


def connect():
    post_save.connect(on_save_or_delete, dispatch_uid="articles_sitecache_post_save")
    post_delete.connect(on_save_or_delete, dispatch_uid="articles_sitecache_post_delete")
    m2m_changed.connect(on_m2m_changed, dispatch_uid="articles_sitecache_m2m_changed")
    register_due_times(next_publish_after)
