"""Staff sessions in the database, telling a lost connection from a lost session.

Django's database sessions report any database error while saving a session
as "the session was deleted" (a 400 asking the user to log in again). When
the error is the connection's (the primary restarting), that is wrong: the
session is fine and the database will be back in seconds, so the error goes
on to the short 503 page (``newsroom/outage.py``) instead.
"""

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError
from django.db import InterfaceError, OperationalError


class SessionStore(db.SessionStore):
    def save(self, must_create=False):
        try:
            super().save(must_create)
        except UpdateError as error:
            cause = error.__context__
            if isinstance(cause, OperationalError | InterfaceError):
                raise cause from None
            raise
