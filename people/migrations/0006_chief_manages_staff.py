"""The chief editor manages staff accounts (``people.StaffAccount``): creates
them in a role up to their own, links them to their bylines, deactivates them
and resets their passwords, without being a superuser."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTED = {"总编": ["view_staffaccount", "add_staffaccount", "change_staffaccount"]}


def change(apps, *, grant: bool):
    app_config = apps.get_app_config("people")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTED.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        permissions = Permission.objects.filter(
            content_type__app_label="people", codename__in=codenames
        )
        if grant:
            group.permissions.add(*permissions)
        else:
            group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [("people", "0005_staff_accounts")]

    operations = [
        migrations.RunPython(
            lambda apps, _editor: change(apps, grant=True),
            lambda apps, _editor: change(apps, grant=False),
        )
    ]
