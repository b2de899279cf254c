from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "稿件"

    def ready(self):
        from articles import signal_handlers
        from articles.versioning import register_models

        register_models()
        signal_handlers.connect()
