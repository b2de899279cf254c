from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operating the site: ``backup`` and ``restore`` of the database and media."""

    name = "ops"
    verbose_name = "运维"
