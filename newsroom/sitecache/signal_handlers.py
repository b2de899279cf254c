"""Infrastructure only: any write to what readers see starts a new cache generation.

Which writes those are is ``scope.affects_readers``: desk work on drafts,
unused photos and unreleased issues leaves the cache alone.

Connected in ``NewsroomConfig.ready()``. The new generation is recorded after
the transaction commits (``generation.content_changed``), never before: a
reader who sees the new token must also see the new data.
"""

from django.core.signals import setting_changed
from django.db.models.signals import m2m_changed, post_delete, post_save

from newsroom.sitecache.generation import content_changed
from newsroom.sitecache.pages import view_query_cache_clear
from newsroom.sitecache.scope import affects_readers, m2m_affects_readers

#: Apps whose models readers see, directly or through a page.
WATCHED_APPS = frozenset({"articles", "newsroom", "media_library", "taggit"})


def _watched(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    return meta is not None and meta.app_label in WATCHED_APPS


def on_save_or_delete(sender, instance=None, using=None, **kwargs):
    if _watched(sender) and affects_readers(instance):
        content_changed(using)


def on_m2m_changed(sender, action, instance=None, pk_set=None, using=None, **kwargs):
    if action.startswith("post_") and _watched(sender) and m2m_affects_readers(instance, pk_set):
        content_changed(using)


def on_setting_changed(setting, **kwargs):
    # Tests may swap the URLconf; the resolved paths of the old one must go.
    if setting == "ROOT_URLCONF":
        view_query_cache_clear()


def connect():
    post_save.connect(on_save_or_delete, dispatch_uid="sitecache_post_save")
    post_delete.connect(on_save_or_delete, dispatch_uid="sitecache_post_delete")
    m2m_changed.connect(on_m2m_changed, dispatch_uid="sitecache_m2m_changed")
    setting_changed.connect(on_setting_changed, dispatch_uid="sitecache_setting_changed")
