"""Staff accounts (员工账号): the chief editor creates, links, deactivates and
resets them without being a superuser, and never grants beyond their own role."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from people import roles
from people.models import Reporter
from people.services import (
    staff_create,
    staff_set_active,
    staff_set_password,
    staff_update,
)
from tests.people.factories import ReporterFactory
from tests.support.roles import PASSWORD, make_user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Xinmima-2026-quanxin"
ADD = "admin:people_staffaccount_add"


def logged_in(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def change_url(user) -> str:
    return reverse("admin:people_staffaccount_change", args=[user.pk])


@pytest.mark.parametrize("fixture", ["reporter", "photographer", "editor"])
def test_only_the_chief_editor_manages_staff(request, fixture, chief):
    user = request.getfixturevalue(fixture)
    client = logged_in(user)
    assert client.get(reverse("admin:people_staffaccount_changelist")).status_code == 403
    assert client.get(reverse(ADD)).status_code == 403
    assert client.post(change_url(chief), {"op": "deactivate"}).status_code == 403
    with pytest.raises(PermissionDenied):
        staff_create(username="x", role=roles.REPORTER, by=user)
    with pytest.raises(PermissionDenied):
        staff_set_password(user=chief, by=user, password=NEW_PASSWORD)
    chief.refresh_from_db()
    assert chief.is_active


def test_the_chief_editor_adds_a_reporter_with_a_new_byline_in_the_admin(chief):
    client = logged_in(chief)
    form = client.get(reverse(ADD)).content.decode()
    assert "超级" not in form and "is_superuser" not in form
    unbylined = client.post(
        reverse(ADD), {"username": "liming", "full_name": "李明", "role": roles.REPORTER}
    )
    assert "记者和摄影记者要有署名" in unbylined.content.decode()
    assert not get_user_model().objects.filter(username="liming").exists()
    response = client.post(
        reverse(ADD),
        {
            "username": "liming",
            "full_name": "李明",
            "role": roles.REPORTER,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "new_reporter_kind": Reporter.Kind.STAFF,
        },
        follow=True,
    )
    assert "已创建员工账号 liming" in response.content.decode()
    user = get_user_model().objects.get(username="liming")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [roles.REPORTER]
    assert user.reporter.name == "李明" and user.reporter.kind == Reporter.Kind.STAFF
    # The new reporter logs in and may file a story.
    assert Client().login(username="liming", password=NEW_PASSWORD)
    assert user.has_perm("articles.add_article")
    listing = client.get(reverse("admin:people_staffaccount_changelist")).content.decode()
    assert "李明" in listing and roles.REPORTER in listing


def test_an_account_is_linked_to_an_existing_byline(chief):
    correspondent = ReporterFactory(name="张晓旭", kind=Reporter.Kind.CORRESPONDENT)
    user = staff_create(
        username="zhangxiaoxu",
        role=roles.REPORTER,
        full_name="张晓旭",
        reporter=correspondent,
        by=chief,
    )
    correspondent.refresh_from_db()
    assert correspondent.user_id == user.pk
    assert not user.has_usable_password()  # no login until a password is set
    other = make_user(roles.REPORTER, "other")
    with pytest.raises(ValidationError, match="已关联账号"):
        staff_update(
            user=other, by=chief, role=roles.REPORTER, full_name="别人", reporter=correspondent
        )


def test_nobody_grants_a_role_above_their_own(chief, editor, django_user_model):
    boss = django_user_model.objects.create_superuser("boss", password=PASSWORD)
    # An editor given the staff permissions still cannot make a chief editor.
    editor.user_permissions.add(
        *django_user_model._meta.apps.get_model("auth", "Permission").objects.filter(
            codename__in=["add_staffaccount", "change_staffaccount", "view_staffaccount"]
        )
    )
    editor = django_user_model.objects.get(pk=editor.pk)
    with pytest.raises(PermissionDenied, match="高于自己"):
        staff_create(username="up", role=roles.CHIEF_EDITOR, by=editor)
    with pytest.raises(PermissionDenied, match="比自己权限更高"):
        staff_set_password(user=chief, by=editor, password=NEW_PASSWORD)
    with pytest.raises(PermissionDenied, match="比自己权限更高"):
        staff_set_active(user=boss, by=chief, active=False)
    with pytest.raises(ValidationError, match="没有"):
        staff_create(username="root", role="superuser", by=chief)
    client = logged_in(editor)
    form = client.get(reverse(ADD)).content.decode()
    assert f'value="{roles.CHIEF_EDITOR}"' not in form
    response = client.post(
        reverse(ADD), {"username": "up", "full_name": "升", "role": roles.CHIEF_EDITOR}
    )
    assert response.status_code == 200 and not django_user_model.objects.filter(username="up")
    # A superuser's account is shown to the chief editor, never offered for change.
    page = logged_in(chief).get(change_url(boss)).content.decode()
    assert "只能查看" in page and "停用账号" not in page and "新密码" not in page
    assert logged_in(chief).post(change_url(boss), {"op": "deactivate"}).status_code == 403
    boss.refresh_from_db()
    assert boss.is_active


def test_the_chief_editor_deactivates_and_resets_a_password_in_the_admin(chief, reporter):
    client = logged_in(chief)
    response = client.post(change_url(reporter), {"op": "deactivate"}, follow=True)
    assert "已停用" in response.content.decode()
    reporter.refresh_from_db()
    assert not reporter.is_active and reporter.reporter.name  # the byline stays
    assert not Client().login(username=reporter.username, password=PASSWORD)
    client.post(change_url(reporter), {"op": "activate"})

    weak = client.post(
        change_url(reporter), {"op": "password", "password1": "123", "password2": "123"}
    )
    assert "密码" in weak.content.decode() and weak.status_code == 200
    assert Client().login(username=reporter.username, password=PASSWORD)
    client.post(
        change_url(reporter),
        {"op": "password", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert Client().login(username=reporter.username, password=NEW_PASSWORD)


def test_roles_change_within_reach_and_nobody_locks_themselves_out(chief, reporter):
    staff_update(user=reporter, by=chief, role=roles.EDITOR, full_name="升任编辑")
    assert list(reporter.groups.values_list("name", flat=True)) == [roles.EDITOR]
    with pytest.raises(ValidationError, match="停用自己"):
        staff_set_active(user=chief, by=chief, active=False)
    with pytest.raises(ValidationError, match="降低自己"):
        staff_update(user=chief, by=chief, role=roles.EDITOR, full_name="总编")
    client = logged_in(chief)
    response = client.post(
        change_url(reporter),
        {"op": "change", "full_name": "高编辑", "role": roles.CHIEF_EDITOR},
        follow=True,
    )
    assert "已保存" in response.content.decode()
    assert list(reporter.groups.values_list("name", flat=True)) == [roles.CHIEF_EDITOR]


def test_staff_changes_are_logged(chief, caplog, django_capture_on_commit_callbacks):
    with (
        caplog.at_level("INFO", logger="newsroom.staff"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        staff_create(username="logged", role=roles.EDITOR, by=chief)
    record = next(r for r in caplog.records if r.getMessage() == "staff.create")
    assert record.staff_username == "logged" and record.by_username == chief.username
