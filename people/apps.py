from django.apps import AppConfig


class PeopleConfig(AppConfig):
    """Everyone credited in the paper, the newsroom's roles and who may log in."""

    name = "people"
    verbose_name = "作者与角色"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth import get_user_model

        from people.models import Reporter
        from people.selectors import user_label
        from sitecache.keys import track

        # A login reads as its person wherever the admin names it (select
        # boxes, autocompletes, logs): 高轶鹏, not gaoyipeng.
        get_user_model().__str__ = user_label

        # A page that shows a reporter (a byline, their page) is dropped when
        # the reporter changes: a rename reaches every page that shows it.
        track(Reporter, "r")
