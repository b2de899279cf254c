"""Give the moved models' content types their new app labels.

A database made before the apps were split knows Reporter, Section, Issue and
Page as content types of the "newsroom" app; permissions (and so every role
and every user's own grants) and admin log entries hang on those rows. Renaming
them keeps all of that attached; otherwise Django would make new content types
and permissions and the roles would lose theirs. On a new database there is
nothing to rename.
"""

from django.db import migrations

MOVED = {"reporter": "people", "section": "paper", "issue": "paper", "page": "paper"}


def move(apps, schema_editor, *, source_of, target_of):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model, app in MOVED.items():
        old = ContentType.objects.using(db).filter(app_label=source_of(app), model=model).first()
        if old is None:
            continue
        # A content type made under the new label before this ran (by a
        # partial migrate) holds only fresh, unused permissions: it goes.
        ContentType.objects.using(db).filter(app_label=target_of(app), model=model).delete()
        old.app_label = target_of(app)
        old.save(update_fields=["app_label"])


def forwards(apps, schema_editor):
    move(apps, schema_editor, source_of=lambda app: "newsroom", target_of=lambda app: app)


def backwards(apps, schema_editor):
    move(apps, schema_editor, source_of=lambda app: app, target_of=lambda app: "newsroom")


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
