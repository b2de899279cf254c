"""Statements PostgreSQL plans once per connection: ``PREPARE`` and ``EXECUTE``.

A reader's search over the whole archive is one statement whose shape the
planner cannot change: its steps are materialized in order, and the way the
entries are found (``planner.py``) is chosen here, in Python, and written
into the SQL. Planning it anew for every search costs about a third of
what running it does, so it is prepared on each connection the first time,
with a generic plan, and executed after that.

Only statements whose best plan does not depend on their values may come
here. A reader's filters do not qualify: a generic plan cannot tell a
section (an eighth of the archive) from a reporter's few hundred articles,
or last month from a year long past, and picks a plan that is many times
slower for some of them (docs/search.md).
"""

import hashlib
import itertools
import re

from django.db import DatabaseError
from psycopg2 import errors

#: ``%s`` placeholders of a statement as psycopg2 takes it, and ``%%``, a percent sign.
_PLACEHOLDER = re.compile(r"%%|%s")


def fetch_planned_once(connection, sql: str, params: list, *, retry: bool = True) -> list[tuple]:
    """The rows of ``sql`` with ``params``, on a plan made once per connection."""
    name = "search_" + hashlib.blake2b(sql.encode(), digest_size=8).hexdigest()
    values = ", ".join(["%s"] * len(params))
    execute = f"EXECUTE {name} ({values})" if params else f"EXECUTE {name}"
    connection.ensure_connection()
    prepared = _prepared(connection)
    if name not in prepared:
        # One round trip: prepare, then run. Prepared statements outlive the
        # transaction they were made in, a rollback included, and only this
        # module prepares any, so the session's choice of generic plans
        # changes nothing else.
        execute = (
            "SET plan_cache_mode = force_generic_plan;"
            f" PREPARE {name} AS {_numbered(sql)}; {execute}"
        )
    with connection.cursor() as cursor:
        try:
            cursor.execute(execute, params)
        except DatabaseError as error:
            if isinstance(error.__cause__, errors.DuplicatePreparedStatement):
                # A first run failed after its PREPARE (a cancelled statement).
                prepared.add(name)
            elif isinstance(error.__cause__, errors.InvalidSqlStatementName):
                # The server forgot it (DISCARD ALL, a restarted pooler).
                prepared.clear()
            else:
                raise
            # Within a transaction the error has aborted it: it stands.
            if not retry or connection.in_atomic_block:
                raise
            return fetch_planned_once(connection, sql, params, retry=False)
        prepared.add(name)
        return cursor.fetchall()


def _prepared(connection) -> set[str]:
    """Names prepared on ``connection``'s current database session."""
    session = connection.connection
    kept = getattr(connection, "_search_prepared", None)
    if kept is None or kept[0] is not session:
        kept = connection._search_prepared = (session, set())
    return kept[1]


def _numbered(sql: str) -> str:
    """``sql`` with ``$1``, ``$2``… for its ``%s``, its ``%%`` kept for psycopg2."""
    numbers = itertools.count(1)
    return _PLACEHOLDER.sub(lambda m: m[0] if m[0] == "%%" else f"${next(numbers)}", sql)
