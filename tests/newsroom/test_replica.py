"""With DATABASE_REPLICA_URL, anonymous readers' pages read from the replica,
only while it has replayed every change acknowledged so far (issue 18)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import DatabaseError
from django.http import HttpResponse
from django.test import RequestFactory

from articles.services import article_withdraw
from newsroom import db_router
from newsroom.db_router import ReplicaMiddleware, ReplicaRouter
from paper.models import Section
from tests.articles.factories import ArticleFactory

router = ReplicaRouter()


@pytest.fixture
def replica(monkeypatch):
    """A replica configured, replaying up to ``replica.replayed`` of the primary's log."""

    class Replica:
        primary = 1000
        replayed = 1000
        answers = True
        asked = 0

    state = Replica()

    def has_replayed(position, using="replica"):
        state.asked += 1
        if not state.answers:
            raise DatabaseError("could not connect to server: Connection refused")
        return state.replayed >= int(position)

    monkeypatch.setattr(db_router, "replica_configured", lambda: True)
    monkeypatch.setattr(db_router, "primary_position", lambda: str(state.primary))
    monkeypatch.setattr(db_router, "replica_has_replayed", has_replayed)
    db_router.replica_skip_reset()
    yield state
    db_router.replica_skip_reset()


def database_seen_by(request):
    seen = {}

    def view(request):
        seen["read"] = router.db_for_read(Section)
        seen["write"] = router.db_for_write(Section)
        return HttpResponse()

    ReplicaMiddleware(view)(request)
    return seen


def make(method, user):
    factory = RequestFactory()
    if user.is_authenticated:
        factory.cookies["sessionid"] = "a-staff-session"
    request = getattr(factory, method)("/")
    request.user = user
    return request


def test_anonymous_get_reads_from_the_replica_and_writes_to_the_primary(replica):
    assert database_seen_by(make("get", AnonymousUser())) == {
        "read": "replica",
        "write": "default",
    }
    assert database_seen_by(make("head", AnonymousUser()))["read"] == "replica"


@pytest.mark.django_db
def test_staff_and_posts_stay_on_the_primary(replica, admin_user):
    assert database_seen_by(make("get", admin_user))["read"] == "default"
    assert database_seen_by(make("post", AnonymousUser()))["read"] == "default"


@pytest.mark.django_db
def test_a_public_page_read_does_not_touch_the_session(client):
    response = client.get("/")
    assert "Cookie" not in response.get("Vary", "")


def test_without_a_replica_readers_use_the_primary():
    assert database_seen_by(make("get", AnonymousUser()))["read"] == "default"


def test_a_replica_behind_the_primary_is_not_read(replica):
    replica.replayed = 999  # one change not yet replayed: a withdrawal, say
    assert database_seen_by(make("get", AnonymousUser()))["read"] == "default"
    replica.replayed = 1000  # caught up
    assert database_seen_by(make("get", AnonymousUser()))["read"] == "replica"


def test_a_replica_that_does_not_answer_is_skipped_for_a_while(replica, monkeypatch):
    replica.answers = False
    assert database_seen_by(make("get", AnonymousUser()))["read"] == "default"
    replica.answers = True
    assert database_seen_by(make("get", AnonymousUser()))["read"] == "default"
    assert replica.asked == 1  # not asked again at once: no request waits on it
    later = db_router.time.monotonic() + db_router.SKIP_SECONDS + 1
    monkeypatch.setattr(db_router.time, "monotonic", lambda: later)
    assert database_seen_by(make("get", AnonymousUser()))["read"] == "replica"


def test_a_read_the_replica_fails_halfway_is_read_again_from_the_primary(replica):
    served_from = []

    def view(request):
        served_from.append(router.db_for_read(Section))
        # What newsroom/outage.py answers when the replica's connection breaks.
        return HttpResponse(status=503 if served_from[-1] == "replica" else 200)

    response = ReplicaMiddleware(view)(make("get", AnonymousUser()))
    assert response.status_code == 200
    assert served_from == ["replica", "default"]
    assert database_seen_by(make("get", AnonymousUser()))["read"] == "default"  # skipped a while


def test_a_failing_primary_is_not_asked_twice():
    calls = []

    def view(request):
        calls.append(1)
        return HttpResponse(status=503)

    assert ReplicaMiddleware(view)(make("get", AnonymousUser())).status_code == 503
    assert len(calls) == 1  # no replica in use: nothing to read again


@pytest.mark.django_db
def test_a_reader_after_a_withdrawal_never_reads_a_replica_that_lags(replica, client, chief):
    article = ArticleFactory(live=True, headline="即将撤下的稿件")
    article_withdraw(article=article, by=chief, reason="核实有误")
    replica.primary, replica.replayed = 2000, 1000  # the withdrawal is past the replica
    # Were the read sent to the replica, it would fail here: no such database.
    response = client.get(article.get_absolute_url())
    assert response.status_code in (404, 410)
    assert "即将撤下的稿件" not in response.content.decode()


@pytest.mark.django_db
def test_the_positions_are_read_from_postgresql():
    position = db_router.primary_position()
    assert "/" in position  # e.g. 0/1A2B3C4
    # The test database is a primary: it replays nothing, so it is never taken
    # for a caught-up replica.
    assert db_router.replica_has_replayed(position, using="default") is False


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
