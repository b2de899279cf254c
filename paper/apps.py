from django.apps import AppConfig
from django.core.signals import setting_changed


class PaperConfig(AppConfig):
    """The paper as printed: sections, issues (期) and their pages (版)."""

    name = "paper"
    verbose_name = "报纸"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from paper.models import Issue, Page, Section
        from sitecache.keys import track

        setting_changed.connect(_forget_addresses, dispatch_uid="paper_chrome_urls")
        track(Section, "s")
        track(Issue, "i")
        track(Page, "g")


def _forget_addresses(setting, **kwargs):
    # Tests may swap the URLconf: what was rendered with the old one must go.
    if setting == "ROOT_URLCONF":
        from paper.templatetags import chrome

        chrome.forget()
