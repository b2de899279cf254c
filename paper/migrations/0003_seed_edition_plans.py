"""Seed the edition plans so the next issue comes out as it did before plans.

Until plans existed, a new issue got the paper's usual six pages, overlaid by
the pages (names, editors in charge) of the latest issue. Every weekday's plan
starts as exactly that, so an existing install creates the same next issue;
the desk then changes the weekdays that differ. Editors and the chief editor
may edit the plans, as they may edit issues and pages.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

#: The usual pages as the code listed them before plans, frozen here.
USUAL_PAGES = (
    (1, "要闻"),
    (2, "综合新闻"),
    (3, "经济"),
    (4, "社会"),
    (5, "高新区新闻"),
    (6, "图片新闻"),
)
ROLES = ("编辑", "总编")
MODELS = ("editionplan", "plannedpage")


def seed(apps, schema_editor):
    Issue = apps.get_model("paper", "Issue")
    EditionPlan = apps.get_model("paper", "EditionPlan")
    PlannedPage = apps.get_model("paper", "PlannedPage")
    pages = {number: (name, None) for number, name in USUAL_PAGES}
    latest = Issue.objects.order_by("-date").first()
    if latest is not None:
        pages |= {
            p.number: (p.name, p.editor_id)
            for p in apps.get_model("paper", "Page").objects.filter(issue=latest)
        }
    for weekday in range(7):
        plan, created = EditionPlan.objects.get_or_create(weekday=weekday)
        if created:
            PlannedPage.objects.bulk_create(
                PlannedPage(plan=plan, number=number, name=name, editor_id=editor)
                for number, (name, editor) in sorted(pages.items())
            )

    app_config = apps.get_app_config("paper")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="paper",
        codename__in=[f"{a}_{m}" for a in ("view", "add", "change", "delete") for m in MODELS],
    )
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.add(*permissions)


def unseed(apps, schema_editor):
    apps.get_model("paper", "EditionPlan").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("paper", "0002_edition_plans"),
        ("people", "0002_roles"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
