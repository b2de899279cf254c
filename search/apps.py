from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "全文检索"

    def ready(self):
        from search import signal_handlers

        signal_handlers.connect()
        post_migrate.connect(signal_handlers.index_after_migrate, sender=self)
