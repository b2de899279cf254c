"""With DATABASE_REPLICA_URL, anonymous readers' pages read from the replica."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from newsroom.db_router import ReplicaMiddleware, ReplicaRouter
from paper.models import Section

router = ReplicaRouter()


def database_seen_by(request):
    seen = {}

    def view(request):
        seen["read"] = router.db_for_read(Section)
        seen["write"] = router.db_for_write(Section)
        return None

    ReplicaMiddleware(view)(request)
    return seen


def make(method, user):
    factory = RequestFactory()
    if user.is_authenticated:
        factory.cookies["sessionid"] = "a-staff-session"
    request = getattr(factory, method)("/")
    request.user = user
    return request


def test_anonymous_get_reads_from_the_replica_and_writes_to_the_primary():
    assert database_seen_by(make("get", AnonymousUser())) == {
        "read": "replica",
        "write": "default",
    }
    assert database_seen_by(make("head", AnonymousUser()))["read"] == "replica"


@pytest.mark.django_db
def test_staff_and_posts_stay_on_the_primary(admin_user):
    assert database_seen_by(make("get", admin_user))["read"] == "default"
    assert database_seen_by(make("post", AnonymousUser()))["read"] == "default"


@pytest.mark.django_db
def test_a_public_page_read_does_not_touch_the_session(client):
    response = client.get("/")
    assert "Cookie" not in response.get("Vary", "")


def test_outside_a_request_everything_uses_the_primary():
    assert router.db_for_read(Section) == "default"
    assert router.allow_migrate("replica", "paper") is False


@pytest.mark.slow
def test_settings_add_the_replica_only_when_configured():
    import os
    import subprocess
    import sys

    code = (
        "import newsroom.settings as s; "
        "print(sorted(s.DATABASES), getattr(s, 'DATABASE_ROUTERS', []))"
    )
    env = {**os.environ, "DATABASE_REPLICA_URL": "postgres://reader@replica:5432/newsroom"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "['default', 'replica'] ['newsroom.db_router.ReplicaRouter']"
