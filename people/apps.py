from django.apps import AppConfig


class PeopleConfig(AppConfig):
    """Everyone credited in the paper, the newsroom's roles and who may log in."""

    name = "people"
    verbose_name = "作者与角色"
    default_auto_field = "django.db.models.BigAutoField"
