"""Anonymous readers' page views read from a replica, when one is configured.

Staff and every write stay on the primary, so editors always see what they
just saved. The middleware marks a request as a public read (GET/HEAD with
no session cookie: readers have none, staff do); the router sends reads to
the replica only then. It looks at the cookie, not at ``request.user``:
loading the session would add ``Vary: Cookie`` and make public pages
uncacheable.
"""

from contextvars import ContextVar

from django.conf import settings

_public_read: ContextVar[bool] = ContextVar("public_read", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return "replica" if _public_read.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # same data on both

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReplicaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        public = (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )
        token = _public_read.set(public)
        try:
            return self.get_response(request)
        finally:
            _public_read.reset(token)
