"""Role changes for the editorial workflow (issue 3).

Reporters may delete their own drafts: the object-level rule in
``articles.policy`` limits this permission to articles they wrote that were
never filed. Frozen here like 0002_roles; later changes come as new migrations.
"""

from django.db import migrations

ADD = {
    "记者": [("articles", "delete_article")],
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in ADD.items():
        group = Group.objects.get(name=name)
        for app_label, codename in perms:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in ADD.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for app_label, codename in perms:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0002_roles")]

    operations = [migrations.RunPython(grant, revoke)]
