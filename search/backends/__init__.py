"""One search interface, two implementations, chosen by the database in use.

PostgreSQL keeps a weighted ``tsvector`` of bigrams per article under a GIN
index and ranks with ``ts_rank_cd``. SQLite (``make run`` without DATABASE_URL)
keeps the normalized text and matches substrings: simpler, no index, the
same results for the demo's few dozen articles.
"""

from search.backends.base import SearchBackend
from search.backends.postgres import PostgresBackend
from search.backends.sqlite import SqliteBackend

_BACKENDS: dict[str, SearchBackend] = {
    "postgresql": PostgresBackend(),
    "sqlite": SqliteBackend(),
}


def backend_for(connection) -> SearchBackend:
    try:
        return _BACKENDS[connection.vendor]
    except KeyError:
        raise NotImplementedError(
            f"没有适用于 {connection.vendor} 数据库的全文检索实现。"
        ) from None


__all__ = ["SearchBackend", "backend_for"]
