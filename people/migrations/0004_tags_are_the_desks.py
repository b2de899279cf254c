"""Tags in the admin are the desk's: reporters and photographers lose the
tag admin (``view_tag``; reporters also ``add_tag``).

They could open the read-only page of any tag (``/admin/taggit/tag/1/change/``),
which lists every article carrying it, drafts of other reporters included.
They still tag their own articles on the article form, which creates new tags
itself, and still get suggestions as they type (``tag_suggestions``).
"""

from django.db import migrations

TAKEN = {"记者": ["view_tag", "add_tag"], "摄影记者": ["view_tag"]}


def change(apps, *, grant: bool):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in TAKEN.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        permissions = Permission.objects.filter(
            content_type__app_label="taggit", codename__in=codenames
        )
        if grant:
            group.permissions.add(*permissions)
        else:
            group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [("people", "0003_content_types_from_newsroom")]

    operations = [
        migrations.RunPython(
            lambda apps, _editor: change(apps, grant=False),
            lambda apps, _editor: change(apps, grant=True),
        )
    ]
