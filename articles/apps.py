from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "稿件"

    def ready(self):
        from articles.versioning import register_models

        register_models()
