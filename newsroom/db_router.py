"""Anonymous readers' page views read from a replica, when one is configured
and only while it has caught up.

Staff and every write stay on the primary, so editors always see what they
just saved. The middleware marks a request as a public read (GET/HEAD with
no session cookie: readers have none, staff do); the router sends reads to
the replica only then. It looks at the cookie, not at ``request.user``:
loading the session would add ``Vary: Cookie`` and make public pages
uncacheable.

A replica replays the primary's log a little behind it. A reader who renders
an article from a replica that has not yet replayed its withdrawal would see
it, and the site cache would keep that page as current. So before a public
read uses the replica, the middleware compares positions in the log: the
primary's (``pg_current_wal_lsn()``, past every commit acknowledged so far)
and the replica's replay position. Only a replica that has replayed up to it
is used; otherwise the request reads the primary. Every change a reader may
see was acknowledged before this request asked, so the page is as current as
one rendered from the primary. The site cache middleware above reads its
clock before this check, which keeps the pages it stores correct as well.

A replica that does not answer (stopped, restarting) is skipped for a few
seconds, per process, and the primary serves its readers; a read that the
replica failed halfway through is read again from the primary.
"""

import logging
import time
from contextvars import ContextVar

from django.conf import settings
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

REPLICA = "replica"
#: After a replica failed to answer, readers use the primary this long.
SKIP_SECONDS = 5.0

_public_read: ContextVar[bool] = ContextVar("public_read", default=False)
_skip_until = 0.0


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _public_read.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # same data on both

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


def primary_position() -> str:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        return cursor.fetchone()[0]


def replica_has_replayed(position: str, using: str = REPLICA) -> bool:
    """Whether the replica replayed the log up to ``position``.

    False for a server that is not replaying at all (a primary, or a replica
    promoted since): its data may have diverged.
    """
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT COALESCE(pg_last_wal_replay_lsn() >= %s::pg_lsn, false)", [position]
        )
        return bool(cursor.fetchone()[0])


def replica_usable() -> bool:
    """Whether this public read may use the replica (see the module's docstring)."""
    if not replica_configured() or time.monotonic() < _skip_until:
        return False
    position = primary_position()  # a primary that fails fails the request anyway
    try:
        return replica_has_replayed(position)
    except DatabaseError:
        logger.warning("replica not answering; readers use the primary", exc_info=True)
        replica_skip()
        return False


def replica_skip() -> None:
    """Readers use the primary for a while; the broken connection goes."""
    global _skip_until
    _skip_until = time.monotonic() + SKIP_SECONDS
    try:
        connections[REPLICA].close()
    except Exception:  # already broken: nothing left to close
        logger.debug("replica connection not closed", exc_info=True)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def replica_skip_reset() -> None:
    global _skip_until
    _skip_until = 0.0


class ReplicaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        public = (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and replica_usable()
        )
        response = self.respond(request, public)
        if public and response.status_code == 503:
            # The database failed under the request (newsroom/outage.py), and
            # it was the replica's: stopped or restarted mid-request. A public
            # read changes nothing, so it is read again, from the primary.
            logger.warning("replica failed during a read; read again from the primary")
            replica_skip()
            response = self.respond(request, False)
        return response

    def respond(self, request, public: bool):
        token = _public_read.set(public)
        try:
            return self.get_response(request)
        finally:
            _public_read.reset(token)
