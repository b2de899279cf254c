"""How common each lexeme of the index is, as ANALYZE last counted it.

A search chooses its way by how common its words are
(``PostgresBackend.narrowing``). It used to ask the planner with an EXPLAIN
per search; the planner's figures come from ``pg_stats`` anyway, so each
worker reads them from there once in a while and estimates as the planner
does (``ts_selfuncs.c``): a lexeme ANALYZE listed has its counted share, one
it did not is rarer than the rarest listed.
"""

import bisect
import threading
import time
from dataclasses import dataclass, field

#: What the planner assumes of a lexeme when nothing better is known
#: (DEFAULT_TS_MATCH_SEL).
DEFAULT_SHARE = 0.005
#: ANALYZE runs when autovacuum sees enough changes: seconds a worker keeps
#: the figures before reading them again.
REFRESH_SECONDS = 300


@dataclass(frozen=True)
class Lexemes:
    #: Entries in the index, as ANALYZE or VACUUM last counted them.
    entries: int
    #: The most common lexemes, sorted, and the share of entries holding each.
    common: tuple[str, ...] = ()
    shares: tuple[float, ...] = ()
    unlisted: float = DEFAULT_SHARE
    _by_lexeme: dict[str, float] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def counted(cls, entries: int, elements: list[str], frequencies: list[float]) -> "Lexemes":
        # pg_stats gives one frequency per element, then the least and the
        # most of them and the share of empty vectors.
        pairs = sorted(zip(elements, frequencies[: len(elements)], strict=True))
        lowest = frequencies[len(elements)] if len(frequencies) > len(elements) else 0
        return cls(
            entries=entries,
            common=tuple(lexeme for lexeme, _ in pairs),
            shares=tuple(share for _, share in pairs),
            unlisted=min(DEFAULT_SHARE, lowest / 2) if lowest else DEFAULT_SHARE,
            _by_lexeme=dict(pairs),
        )

    def share(self, lexeme: str, *, prefix: bool = False) -> float:
        """The share of entries holding ``lexeme`` (or, with ``prefix``, any
        lexeme starting with it)."""
        if not prefix:
            return self._by_lexeme.get(lexeme, self.unlisted)
        start = bisect.bisect_left(self.common, lexeme)
        end = bisect.bisect_left(self.common, lexeme + "\U0010ffff")
        return min(1.0, max(sum(self.shares[start:end]), self.unlisted))


class LexemeStatistics:
    """``pg_stats`` of ``search_searchentry.vector``, read at most every
    REFRESH_SECONDS per database and process."""

    def __init__(self, table: str = "search_searchentry", column: str = "vector"):
        self.table, self.column = table, column
        self._lock = threading.Lock()
        self._read: dict[str, tuple[float, Lexemes]] = {}

    def of(self, connection) -> Lexemes:
        key = f"{connection.alias}:{connection.settings_dict['NAME']}"
        now = time.monotonic()
        known = self._read.get(key)
        if known and now - known[0] < REFRESH_SECONDS:
            return known[1]
        with self._lock:
            known = self._read.get(key)  # another thread may have just read them
            if known and now - known[0] < REFRESH_SECONDS:
                return known[1]
            lexemes = self._fetch(connection)
            self._read[key] = (now, lexemes)
        return lexemes

    def _fetch(self, connection) -> Lexemes:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT GREATEST(c.reltuples, 0)::bigint, s.most_common_elems::text::text[],"
                " s.most_common_elem_freqs"
                " FROM pg_class c LEFT JOIN pg_stats s"
                " ON s.schemaname = current_schema() AND s.tablename = %s AND s.attname = %s"
                " WHERE c.oid = to_regclass(%s)",
                [self.table, self.column, self.table],
            )
            row = cursor.fetchone()
        if row is None:
            return Lexemes(entries=0)
        entries, elements, frequencies = row
        if not elements or not frequencies:
            return Lexemes(entries=entries)
        return Lexemes.counted(entries, elements, frequencies)
