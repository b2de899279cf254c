"""Infrastructure only: what the cache itself must hear of.

Which writes change what readers see is for the apps that own the content to
say (their services and ``signal_handlers`` call ``changes.changed``); the
cache knows no models.
"""

from django.core.signals import setting_changed

from sitecache.changes import forget_due
from sitecache.pages import view_query_cache_clear

#: Settings that move the stamps elsewhere: a due time worked out from the
#: old ones means nothing there.
STAMP_SETTINGS = frozenset({"CACHES", "NEWSROOM_CACHE_GENERATION", "NEWSROOM_PAGE_CACHE"})


def on_setting_changed(setting, **kwargs):
    # Tests may swap the URLconf; the resolved paths of the old one must go.
    if setting == "ROOT_URLCONF":
        view_query_cache_clear()
    if setting in STAMP_SETTINGS:
        forget_due()


def connect():
    setting_changed.connect(on_setting_changed, dispatch_uid="sitecache_setting_changed")
