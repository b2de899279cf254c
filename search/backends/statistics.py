"""What PostgreSQL knows about the index: how common each lexeme is, as
ANALYZE last counted it, and how much of the stored vectors lies out of line.

A search chooses its way by these figures (``planner.choose_strategy``).
They are the planner's own, from ``pg_stats`` and ``pg_class``, read by each
worker once in a while rather than asked of the planner per search, and a
share is estimated as the planner does (``ts_selfuncs.c``): a lexeme ANALYZE
listed has its counted share, one it did not is rarer than the rarest listed.
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


#: How far back the entries of each week are counted: a window reaches back
#: at most a quarter of the archive (``planner.WINDOW_SHARE``), about a year
#: of a daily's.
COUNTED_WEEKS = 104

#: PostgreSQL cuts a value stored out of line (TOAST) into chunks sized so
#: that this many fill a page (EXTERN_TUPLES_PER_PAGE in its heaptoast.h).
CHUNKS_PER_TOAST_PAGE = 4


@dataclass(frozen=True)
class Lexemes:
    #: Entries in the index, as ANALYZE or VACUUM last counted them.
    entries: int
    #: Pages of the vectors kept out of line, as the TOAST table's size says now.
    toast_pages: int = 0
    #: The most common lexemes, sorted, and the share of entries holding each.
    common: tuple[str, ...] = ()
    shares: tuple[float, ...] = ()
    unlisted: float = DEFAULT_SHARE
    #: ``(week, entries)`` for the newest weeks (``search.weeks``), newest first,
    #: as counted when these figures were read.
    weeks: tuple[tuple[int, int], ...] = ()
    _by_lexeme: dict[str, float] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def counted(
        cls,
        entries: int,
        elements: list[str],
        frequencies: list[float],
        *,
        toast_pages: int = 0,
        weeks: tuple[tuple[int, int], ...] = (),
    ) -> "Lexemes":
        # pg_stats gives one frequency per element, then the least and the
        # most of them and the share of empty vectors.
        pairs = sorted(zip(elements, frequencies[: len(elements)], strict=True))
        lowest = frequencies[len(elements)] if len(frequencies) > len(elements) else 0
        return cls(
            entries=entries,
            toast_pages=toast_pages,
            weeks=weeks,
            common=tuple(lexeme for lexeme, _ in pairs),
            shares=tuple(share for _, share in pairs),
            unlisted=min(DEFAULT_SHARE, lowest / 2) if lowest else DEFAULT_SHARE,
            _by_lexeme=dict(pairs),
        )

    @property
    def chunks_per_entry(self) -> float:
        """TOAST chunks an entry's vector is stored in, on average (0: inline)."""
        if not self.entries:
            return 0.0
        return CHUNKS_PER_TOAST_PAGE * self.toast_pages / self.entries

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
        # The TOAST table's size from the file, not from its pg_class row:
        # only VACUUM updates that row, and ANALYZE alone (as after migrate)
        # leaves it unset. The newest weeks' entries are counted, by the
        # index on ``published``: no statistics know them as they are now.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT GREATEST(c.reltuples, 0)::bigint,"
                " COALESCE(pg_relation_size(NULLIF(c.reltoastrelid, 0))"
                " / current_setting('block_size')::int, 0),"
                " s.most_common_elems::text::text[], s.most_common_elem_freqs,"
                " (SELECT array_agg(ARRAY[w.week, w.entries] ORDER BY w.week DESC) FROM ("
                f"  SELECT week, count(*) AS entries FROM {self.table}"
                "   WHERE published >= now() - make_interval(weeks => %s)"
                "   AND week IS NOT NULL GROUP BY week) w)"
                " FROM pg_class c LEFT JOIN pg_stats s"
                " ON s.schemaname = current_schema() AND s.tablename = %s AND s.attname = %s"
                " WHERE c.oid = to_regclass(%s)",
                [COUNTED_WEEKS, self.table, self.column, self.table],
            )
            row = cursor.fetchone()
        if row is None:
            return Lexemes(entries=0)
        entries, toast_pages, elements, frequencies, weeks = row
        weeks = tuple((week, count) for week, count in weeks or ())
        if not elements or not frequencies:
            return Lexemes(entries=entries, toast_pages=toast_pages, weeks=weeks)
        return Lexemes.counted(
            entries, elements, frequencies, toast_pages=toast_pages, weeks=weeks
        )
