"""Infrastructure only: what the cache itself must hear of.

Which writes start a new generation is for the apps that own the content to
say (``articles.signal_handlers`` connects theirs); the cache knows no models.
"""

from django.core.signals import setting_changed

from sitecache.pages import view_query_cache_clear


def on_setting_changed(setting, **kwargs):
    # Tests may swap the URLconf; the resolved paths of the old one must go.
    if setting == "ROOT_URLCONF":
        view_query_cache_clear()


def connect():
    setting_changed.connect(on_setting_changed, dispatch_uid="sitecache_setting_changed")
