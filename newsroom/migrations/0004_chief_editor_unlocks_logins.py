"""总编 can see locked-out logins and unlock them (django-axes' records)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = [
    "view_accessattempt",
    "delete_accessattempt",
    "view_accessfailurelog",
    "view_accesslog",
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("axes")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    chief = Group.objects.get(name="总编")
    chief.permissions.add(
        *Permission.objects.filter(content_type__app_label="axes", codename__in=PERMISSIONS)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    chief = Group.objects.get(name="总编")
    chief.permissions.remove(
        *Permission.objects.filter(content_type__app_label="axes", codename__in=PERMISSIONS)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0003_workflow_roles"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
