"""Failed admin logins are throttled; sessions end on logout and when idle."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        "bianji", password="a-long-enough-password", is_staff=True
    )


def attempt(client, username, password, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_repeated_failures_lock_the_user_out_with_a_clear_message(client, editor, axes_on):
    for _ in range(3):
        attempt(client, "bianji", "wrong")
    response = attempt(client, "bianji", "a-long-enough-password")
    assert response.status_code == 429
    page = response.content.decode()
    assert "登录已暂时锁定" in page and "15 分钟" in page
    # from another address too: the user name itself is locked
    assert attempt(client, "bianji", "a-long-enough-password", ip="10.0.0.2").status_code == 429


def test_failures_from_one_address_lock_that_address(client, editor, axes_on):
    for name in ("a", "b", "c"):
        attempt(client, name, "wrong", ip="10.9.9.9")
    assert attempt(client, "bianji", "a-long-enough-password", ip="10.9.9.9").status_code == 429
    assert attempt(client, "bianji", "a-long-enough-password", ip="10.0.0.3").status_code == 302


def test_a_chief_editor_can_unlock_in_the_admin(client, editor, axes_on, django_user_model):
    from axes.models import AccessAttempt

    for _ in range(3):
        attempt(client, "bianji", "wrong")
    chief = django_user_model.objects.create_user("zongbian", is_staff=True)
    chief.groups.add(Group.objects.get(name="总编"))
    client.force_login(chief)
    attempts = AccessAttempt.objects.filter(username="bianji")
    changelist = reverse("admin:axes_accessattempt_changelist")
    assert client.get(changelist).status_code == 200
    response = client.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [a.pk for a in attempts], "post": "yes"},
    )
    assert response.status_code == 302
    client.logout()
    assert attempt(client, "bianji", "a-long-enough-password").status_code == 302


def test_an_editor_cannot_unlock(client, editor):
    editor.groups.add(Group.objects.get(name="编辑"))
    client.force_login(editor)
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403


def test_logout_ends_the_session(client, editor):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    client.post("/admin/logout/")
    assert client.get("/admin/").status_code == 302


def test_sessions_expire_when_idle_and_at_browser_close(settings):
    assert settings.SESSION_SAVE_EVERY_REQUEST  # idle time restarts at each request
    assert settings.SESSION_COOKIE_AGE == 120 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_weak_passwords_are_refused():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("12345678", "password123", "short"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("竹竿-解菜农之急-2021")


def test_the_unlock_screen_is_in_chinese(admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()
    assert "登录安全" in page and "登录尝试（解除锁定）" in page
    assert "Access attempts" not in page
