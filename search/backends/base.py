from search.backends.planner import Collect, Walk, Window
from search.segment import Query

#: A document: ``[(weight, text), …]`` with weights "A" (headline) to "D".
Fields = list[tuple[str, str]]


class SearchBackend:
    """What the index needs from a database: store a document, match, rank."""

    #: The column type of ``SearchEntry.vector``.
    column_type: str = "text"

    def document(self, fields: Fields) -> str:
        """The value stored for an article, built from its weighted fields."""
        raise NotImplementedError

    def placeholder(self) -> str:
        """SQL placeholder for a stored value (PostgreSQL casts to ``tsvector``)."""
        return "%s"

    def bulk_load_start(self) -> list[str]:
        """SQL that empties the index before a fresh rebuild (in its transaction)."""
        return ["DELETE FROM search_searchentry"]

    def bulk_load_end(self) -> list[str]:
        return []

    def match(self, column: str, query: Query) -> tuple[str, list]:
        """SQL that is true when the stored document holds every word of ``query``."""
        raise NotImplementedError

    def narrow(self, column: str, query: Query) -> tuple[str, list]:
        """SQL true for every document that ``match`` accepts, and cheap to answer
        from the index; it may accept more. By default the match itself."""
        return self.match(column, query)

    def narrow_is_exact(self, query: Query) -> bool:
        """Whether ``narrow`` accepts exactly what ``match`` does for ``query``."""
        return True

    def strategy(
        self, connection, query: Query, *, wanted: int, windowed: bool = False
    ) -> Walk | Collect | Window:
        """How to find the newest ``wanted`` matches (``planner``); ``windowed``:
        the newest weeks may be taken first (a search over the whole archive).
        By default every entry is read, newest first: no index to collect from."""
        return Walk()

    def in_weeks(self, column: str, weeks: tuple[int, ...]) -> tuple[str, list]:
        """SQL true for an entry whose week (``column``) is one of ``weeks``,
        answered by the index with the vector (for ``planner.Window``)."""
        raise NotImplementedError

    def lateral_score(self, column: str, query: Query) -> tuple[str, list] | None:
        """A FROM item ``sc`` whose ``score`` is ``score(column, query)``, computed
        once per row though tested and returned; None where the database has none."""
        return None

    def rank(self, column: str, query: Query) -> tuple[str, list]:
        """SQL for a relevance score, higher first; ties are broken by recency."""
        raise NotImplementedError

    def fetch(self, connection, sql: str, params: list, *, plan_once: bool = False) -> list:
        """The rows of ``sql``. ``plan_once``: the statement's best plan does not
        depend on its values, so the database may plan it once and reuse the
        plan (PostgreSQL: ``statements.py``); here every run is planned."""
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def score(self, column: str, query: Query) -> tuple[str, list]:
        """SQL for the relevance of a document that matches ``query``, and NULL
        for one that does not: the match and the score in one expression."""
        match, match_params = self.match(column, query)
        rank, rank_params = self.rank(column, query)
        return f"CASE WHEN {match} THEN {rank} END", [*match_params, *rank_params]


def documents(backend: SearchBackend, batch: dict[int, Fields]) -> dict[int, str]:
    """``{article_id: stored value}``; importable without Django, for worker processes."""
    return {pk: backend.document(fields) for pk, fields in batch.items()}
