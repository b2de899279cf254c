from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo edition (one real printed page) and the demo accounts: ``loaddemo``."""

    name = "demo"
    verbose_name = "演示版"
