from django.apps import AppConfig


class SiteCacheConfig(AppConfig):
    """The site cache of public pages: infrastructure, no admin, no domain rules."""

    name = "sitecache"
    label = "sitecache"
    verbose_name = "页面缓存"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from sitecache import signal_handlers

        signal_handlers.connect()
