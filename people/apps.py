from django.apps import AppConfig


class PeopleConfig(AppConfig):
    """Everyone credited in the paper, the newsroom's roles and who may log in."""

    name = "people"
    verbose_name = "作者与角色"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from people.models import Reporter
        from sitecache.keys import track

        # A page that shows a reporter (a byline, their page) is dropped when
        # the reporter changes: a rename reaches every page that shows it.
        track(Reporter, "r")
