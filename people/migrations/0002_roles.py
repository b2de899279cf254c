"""Create the newsroom's groups and give each the permissions of its role.

The roles as the old "newsroom" app's migrations 0002-0004 left them
(reporters may delete their own drafts; the chief editor unlocks logins), in
one step. A database made before the apps were split has them already and
records this migration as applied without running it.

The permission lists are frozen here, as a migration must be; later changes
to a role come as a new migration. Object-level rules (a reporter only sees
their own drafts …) live in the admin and the workflow services.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def crud(model, *actions):
    return [f"{action}_{model}" for action in actions]


ALL = ("view", "add", "change", "delete")

REPORTER = [
    *crud("article", "view", "add", "change", "delete"),
    *crud("byline", *ALL),
    *crud("articlephoto", *ALL),
    *crud("photo", "view", "add", "change"),
    *crud("tag", "view", "add"),
    *crud("taggeditem", "view", "add", "delete"),
    *crud("reporter", "view"),
    *crud("section", "view"),
    *crud("event", "view", "add"),
]
PHOTOGRAPHER = [
    *crud("photo", "view", "add", "change"),
    *crud("rendition", "view"),
    *crud("article", "view"),
    *crud("reporter", "view"),
    *crud("tag", "view"),
    *crud("event", "view"),
]
EDITOR = [
    *crud("article", "view", "add", "change"),
    "review_article",
    *crud("byline", *ALL),
    *crud("articlephoto", *ALL),
    *crud("placement", *ALL),
    *crud("correction", "view", "add", "change"),
    *crud("photo", "view", "add", "change"),
    *crud("rendition", "view"),
    *crud("tag", *ALL),
    *crud("taggeditem", *ALL),
    *crud("reporter", "view", "add", "change"),
    *crud("section", "view"),
    *crud("issue", "view", "add", "change"),
    *crud("page", *ALL),
    *crud("event", *ALL),
]
CHIEF_EDITOR = [
    *EDITOR,
    # django-axes' records: the chief editor sees locked-out logins and unlocks them.
    "view_accessattempt",
    "delete_accessattempt",
    "view_accessfailurelog",
    "view_accesslog",
    *crud("article", "delete"),
    "publish_article",
    "withdraw_article",
    "release_issue",
    *crud("correction", "delete"),
    *crud("photo", "delete"),
    *crud("reporter", "delete"),
    *crud("section", *ALL),
    *crud("issue", "delete"),
]

ROLES = {
    "记者": REPORTER,
    "摄影记者": PHOTOGRAPHER,
    "编辑": EDITOR,
    "总编": CHIEF_EDITOR,
}
APPS = ("people", "paper", "media_library", "articles", "taggit", "axes")


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations ran; we need
    # them now, so create them for the apps whose models the roles use.
    for label in APPS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        permissions = list(
            Permission.objects.filter(
                content_type__app_label__in=APPS, codename__in=set(codenames)
            )
        )
        missing = set(codenames) - {p.codename for p in permissions}
        if missing:
            raise RuntimeError(f"Unknown permissions for role {name}: {sorted(missing)}")
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    replaces = [
        ("newsroom", "0002_roles"),
        ("newsroom", "0003_workflow_roles"),
        ("newsroom", "0004_chief_editor_unlocks_logins"),
    ]

    dependencies = [
        ("people", "0001_initial"),
        ("paper", "0001_initial"),
        ("media_library", "0001_initial"),
        ("articles", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
