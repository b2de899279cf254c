from django.apps import AppConfig


class PaperConfig(AppConfig):
    """The paper as printed: sections, issues (期) and their pages (版)."""

    name = "paper"
    verbose_name = "报纸"
    default_auto_field = "django.db.models.BigAutoField"
