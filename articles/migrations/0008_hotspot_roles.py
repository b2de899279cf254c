"""Editors and chief editors draw the e-paper's hotspots and see page images."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTED = {
    ("articles", "hotspot"): ["view", "add", "change", "delete"],
    ("paper", "pageimage"): ["view"],
}
ROLES = ("编辑", "总编")


def change(apps, *, grant: bool):
    for label in ("articles", "paper"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = [
        Permission.objects.get(content_type__app_label=label, codename=f"{action}_{model}")
        for (label, model), actions in GRANTED.items()
        for action in actions
    ]
    for group in Group.objects.filter(name__in=ROLES):
        if grant:
            group.permissions.add(*permissions)
        else:
            group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_epaper"),
        ("paper", "0004_epaper"),
        ("people", "0002_roles"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, _editor: change(apps, grant=True),
            lambda apps, _editor: change(apps, grant=False),
        )
    ]
