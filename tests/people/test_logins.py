"""Failed admin logins are throttled - an account per (user name + address),
an address only when it sprays many accounts - and sessions end on logout
and when idle."""

import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.NEWSROOM_LOGIN_ADDRESS_FAILURE_LIMIT = 8


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        "bianji", password="a-long-enough-password", is_staff=True
    )


def attempt(client, username, password, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.fixture
def colleague(django_user_model):
    return django_user_model.objects.create_user(
        "jizhe", password="another-long-password", is_staff=True
    )


def test_repeated_failures_lock_the_account_with_a_clear_message(client, editor, axes_on):
    for _ in range(2):
        attempt(client, "bianji", "wrong")
    assert attempt(client, "bianji", "wrong").status_code == 429  # the third locks
    response = attempt(client, "bianji", "a-long-enough-password")
    assert response.status_code == 429
    page = response.content.decode()
    assert "登录已暂时锁定" in page and "15 分钟" in page and "其他同事不受影响" in page


def test_a_colleagues_failures_do_not_lock_anyone_else_at_the_same_address(
    client, editor, colleague, axes_on
):
    """The office's one address (NAT): a mistyping colleague locks only themself."""
    for _ in range(3):
        attempt(client, "bianji", "wrong", ip="10.0.0.1")
    assert attempt(client, "bianji", "a-long-enough-password").status_code == 429
    assert attempt(client, "jizhe", "another-long-password", ip="10.0.0.1").status_code == 302
    # The locked account's owner, from elsewhere (home, a phone), too.
    assert attempt(client, "bianji", "a-long-enough-password", ip="10.0.0.2").status_code == 302


def test_spraying_from_one_address_locks_that_address(client, editor, colleague, axes_on):
    for n in range(8):  # one or two guesses at each of many names
        attempt(client, f"user{n // 2}", "wrong", ip="10.9.9.9")
    assert attempt(client, "jizhe", "another-long-password", ip="10.9.9.9").status_code == 429
    assert attempt(client, "jizhe", "another-long-password", ip="10.0.0.3").status_code == 302


def test_below_the_address_limit_everyone_else_still_logs_in(client, editor, colleague, axes_on):
    for n in range(7):
        attempt(client, f"user{n}", "wrong", ip="10.9.9.9")
    assert attempt(client, "jizhe", "another-long-password", ip="10.9.9.9").status_code == 302


def test_a_success_clears_only_ones_own_failures(client, editor, colleague, axes_on):
    """A sprayer's own account logging in does not wipe the address's count."""
    for n in range(7):
        attempt(client, f"user{n}", "wrong", ip="10.9.9.9")
    assert attempt(client, "jizhe", "another-long-password", ip="10.9.9.9").status_code == 302
    client.logout()
    attempt(client, "user9", "wrong", ip="10.9.9.9")  # the eighth: the address locks
    assert attempt(client, "bianji", "a-long-enough-password", ip="10.9.9.9").status_code == 429


@pytest.mark.slow
def test_both_limits_come_from_the_environment():
    code = (
        "import newsroom.settings as s; "
        "print(s.AXES_FAILURE_LIMIT, s.NEWSROOM_LOGIN_ADDRESS_FAILURE_LIMIT)"
    )
    env = {**os.environ, "NEWSROOM_DEMO": "1"}
    defaults = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True
    )
    assert defaults.stdout.split() == ["5", "50"], defaults.stderr
    env.update(LOGIN_FAILURE_LIMIT="8", LOGIN_ADDRESS_FAILURE_LIMIT="200")
    tuned = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert tuned.stdout.split() == ["8", "200"], tuned.stderr


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


def test_a_refused_next_lands_staff_on_the_desk(client, editor):
    """Another site's address in ?next= is refused; the login still lands somewhere real."""
    response = client.post(
        f"{LOGIN}?next=https://evil.example/",
        {"username": "bianji", "password": "a-long-enough-password"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert client.get(response["Location"]).status_code == 200
