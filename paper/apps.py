from django.apps import AppConfig


class PaperConfig(AppConfig):
    """The paper as printed: sections, issues (期) and their pages (版)."""

    name = "paper"
    verbose_name = "报纸"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from paper.models import Issue, Page, Section
        from sitecache.keys import track

        track(Section, "s")
        track(Issue, "i")
        track(Page, "g")
