from django.apps import AppConfig
from django.core.signals import setting_changed
from django.db.models.signals import post_delete


class PaperConfig(AppConfig):
    """The paper as printed: sections, issues (期) and their pages (版)."""

    name = "paper"
    verbose_name = "报纸"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from paper import signal_handlers
        from paper.models import Issue, Page, PageImage, Section
        from sitecache.keys import track

        for model in (Page, PageImage):
            post_delete.connect(
                signal_handlers.file_row_deleted,
                sender=model,
                dispatch_uid=f"paper_files_{model.__name__}",
            )

        setting_changed.connect(_forget_addresses, dispatch_uid="paper_chrome_urls")
        track(Section, "s")
        track(Issue, "i")
        track(Page, "g")


def _forget_addresses(setting, **kwargs):
    # Tests may swap the URLconf or the static files' storage: what was
    # rendered with the old one must go.
    if setting in ("ROOT_URLCONF", "STORAGES", "STATIC_URL"):
        from paper.templatetags import chrome

        chrome.forget()
