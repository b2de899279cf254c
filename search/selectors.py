"""Reads for the search pages. Readers' searches start from ``Article.objects.live()``."""

import datetime
from dataclasses import dataclass

from django.db import connections
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from articles.models import Article, Byline
from paper.models import Section
from people.models import Reporter
from search.backends import backend_for
from search.backends.planner import Collect, Walk, Window
from search.models import SearchEntry
from search.segment import Query
from sitecache.queries import AT, ID, Prepared

#: Ranking reads every candidate's stored document, and a common word has
#: tens of thousands of matches, so only the most recent are ranked: for news
#: those are what a reader wants, and the page says so and offers filters.
#: Rarer words have fewer matches than this and are ranked in full. Ten pages
#: of results: reading and ranking each candidate is most of a search's time
#: (docs/search.md), and the results page must stay within a few times the
#: cost of the simplest page.
CANDIDATES = 100

#: The article's columns a result shows: kicker, headline, link, date, snippet.
RESULT_FIELDS = ("id", "kicker", "headline", "slug", "summary", "body", "publish_at")

_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class Filters:
    section: Section | None = None
    reporters: tuple[Reporter, ...] = ()
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    @property
    def published(self) -> tuple[datetime.datetime | None, datetime.datetime | None]:
        """The dates as publish times: from the first day's midnight (Beijing
        time) up to, not including, the midnight after the last day."""
        start = _local_midnight(self.date_from) if self.date_from else None
        end = _local_midnight(self.date_to + datetime.timedelta(days=1)) if self.date_to else None
        return start, end

    @property
    def narrowing(self) -> bool:
        """Whether the filters keep articles by more than their dates (see ``ranked_ids``)."""
        return bool(self.section or self.reporters)


def _local_midnight(date: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time()))


def matching(queryset: QuerySet, query: Query) -> QuerySet:
    """The articles of ``queryset`` whose text holds every word of ``query``."""
    return queryset.filter(search_entry__vector__matches=query)


def matched_once(queryset: QuerySet, query: Query) -> QuerySet:
    """``matching``, for a queryset that will be asked several times.

    The admin's list asks its queryset four times (the page, the count, the
    date hierarchy twice). Words of one token each are answered by the index
    alone, and are left as they are; a phrase has the index read every
    candidate's stored document, seconds at archive scale if done four times,
    so its matches are found once and become a filter on the primary key.
    """
    connection = connections[queryset.db]
    if backend_for(connection).narrow_is_exact(query):
        return matching(queryset, query)
    ids = list(matching(queryset.order_by(), query).values_list("pk", flat=True))
    if connection.vendor == "postgresql":
        # One array parameter, not tens of thousands of placeholders.
        return queryset.filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", [ids]))
    return queryset.filter(pk__in=ids)


def filtered(queryset: QuerySet, filters: Filters) -> QuerySet:
    start, end = filters.published
    return _filtered(
        queryset,
        section=filters.section.pk if filters.section else None,
        reporters=tuple(reporter.pk for reporter in filters.reporters),
        start=start,
        end=end,
    )


def _filtered(queryset: QuerySet, *, section, reporters, start, end) -> QuerySet:
    if section is not None:
        queryset = queryset.filter(section_id=section)
    if reporters:
        queryset = queryset.filter(
            Exists(Byline.objects.filter(article=OuterRef("pk"), reporter_id__in=reporters))
        )
    if start:
        queryset = queryset.filter(publish_at__gte=start)
    if end:
        queryset = queryset.filter(publish_at__lt=end)
    return queryset


#: Markers for the reader's dates where ``_readable`` builds its SQL, unlike
#: any a search passes (the time's, section's and reporters' are
#: ``sitecache.queries``' ``AT`` and ``ID``).
_FROM_MARKER = datetime.datetime(1111, 11, 11, 0, 0, 0, 424242, tzinfo=datetime.UTC)
_TO_MARKER = datetime.datetime(1111, 11, 12, 0, 0, 0, 424242, tzinfo=datetime.UTC)
_READABLE: dict[tuple, Prepared] = {}


def _readable(filters: Filters) -> tuple[str, tuple[str, list]]:
    """The database to search and ``filtered(Article.objects.live(), filters)``
    as SQL for its ids: what a reader may find.

    Django builds that SQL anew each time, which costs more than the lookups
    it makes cost the database. It is a ``sitecache.queries.Prepared`` query,
    one per kind of filters, built once per process and database with markers
    where the time and the filters' values go. live() stays the one
    definition: the SQL is built from it.
    """
    start, end = filters.published
    section = filters.section.pk if filters.section else None
    reporters = tuple(reporter.pk for reporter in filters.reporters)
    values = [
        timezone.now(),
        *([section] if section is not None else []),
        *reporters,
        *(value for value in (start, end) if value),
    ]
    shape = (section is not None, len(reporters), bool(start), bool(end))
    if shape not in _READABLE:
        _READABLE[shape] = _readable_query(*shape)
    using, sql, params = _READABLE[shape].sql(*values)
    return using, (sql, params)


def _readable_query(section: bool, reporters: int, start: bool, end: bool) -> Prepared:
    """The live articles' ids with filters of this kind; its arguments are the
    time, then the section's id, the reporters' ids and the dates there are."""

    def build(at, *values):
        rest = iter(values)
        return (
            _filtered(
                Article.objects.live(at=at),
                section=next(rest) if section else None,
                reporters=tuple(next(rest) for _ in range(reporters)),
                start=next(rest) if start else None,
                end=next(rest) if end else None,
            )
            .order_by()
            .values("pk")
        )

    return Prepared(
        Article,
        build,
        AT,
        *([ID] if section else []),
        *(ID - 1 - n for n in range(reporters)),
        *([_FROM_MARKER] if start else []),
        *([_TO_MARKER] if end else []),
    )


def _candidates(
    using: str,
    readable: tuple[str, list],
    query: Query,
    *,
    limit: int,
    narrowed: bool,
    published=(None, None),
) -> tuple[str, list]:
    """SQL for ``WITH …, h (id, published, score)``: the newest ``limit`` matches
    among the articles ``readable`` (SQL for their ids), scored, in the order
    they were streamed (see ``ranked_ids``)."""
    connection = connections[using]
    backend = backend_for(connection)
    windowed = not narrowed and published == (None, None)
    strategy = backend.strategy(connection, query, wanted=limit, windowed=windowed)
    allowed, allowed_params = readable
    # The entries' side is written here: it is plain, and building it in the
    # ORM cost as much as the rest of a search's Python.
    where, params = [], []
    adapt = connection.ops.adapt_datetimefield_value
    start, end = published
    if start:
        where.append("e.published >= %s")
        params.append(adapt(start))
    if end:
        where.append("e.published < %s")
        params.append(adapt(end))
    if narrowed:
        where.append(f"e.article_id IN ({allowed})")
        params.extend(allowed_params)
        lookup, lookup_params = "", ()
    else:
        lookup, lookup_params = f" AND s.id IN ({allowed})", allowed_params
    lateral = backend.lateral_score("o.vector", query)
    if narrowed and isinstance(strategy, Walk) and lateral is not None:
        return _planned_with_its_limit(_entries(where), params, lateral, limit)
    if isinstance(strategy, Collect | Window):
        narrow, narrow_params = backend.narrow("e.vector", strategy.tokens)
        where.append(narrow)
        params.extend(narrow_params)
        # Newest first by an expression no index serves: else PostgreSQL's
        # planner, which does not count what reading vectors costs, might
        # walk the index on ``published`` after all.
        newest = " ORDER BY COALESCE(e.published, %s) DESC, e.article_id DESC"
        newest_params = [adapt(_EPOCH.replace(year=1))]
    else:
        newest = " ORDER BY e.published DESC NULLS LAST, e.article_id DESC"
        newest_params = []
    if isinstance(strategy, Window):
        # The newest weeks' matches, then (read only if the LIMIT pulls on)
        # all the others: a live entry of the window is newer than any live
        # one outside it (the weeks after the current one are not due yet),
        # so together they stream newest first.
        weeks, weeks_params = backend.in_weeks("e.week", strategy.weeks)
        entries = (
            f"({_entries([*where, weeks])}{newest}) UNION ALL"
            f" ({_entries([*where, f'NOT ({weeks})'])}{newest})"
        )
        params = [*params, *weeks_params, *newest_params, *params, *weeks_params, *newest_params]
    else:
        entries = f"{_entries(where)}{newest}"
        params = [*params, *newest_params]
    score, score_params = backend.score("o.vector", query)
    # Materialized, each step runs only as far as the LIMIT pulls it: the
    # entries in order, a score for each (one read of its document), and
    # the lookup only for those that scored.
    return (
        f"WITH o (id, published, vector) AS MATERIALIZED ({entries}),"
        f" s (id, published, score) AS MATERIALIZED (SELECT o.id, o.published, {score} FROM o),"
        f" h (id, published, score) AS MATERIALIZED (SELECT s.id, s.published, s.score FROM s"
        f" WHERE s.score IS NOT NULL{lookup} LIMIT {int(limit)})",
        [*params, *score_params, *lookup_params],
    )


def _entries(where: list[str]) -> str:
    """The index's entries ``e`` as ``(article_id, published, vector)``; the vector
    comes along as a reference, read only when scored."""
    sql = f"SELECT e.article_id, e.published, e.vector FROM {SearchEntry._meta.db_table} e"
    return sql + (" WHERE " + " AND ".join(where) if where else "")


def _planned_with_its_limit(entries: str, params: list, lateral: tuple[str, list], limit: int):
    """The walk through a reader's section or reporter as one statement with its LIMIT.

    The steps above are planned each for all their rows: for a filter on a
    section (an eighth of the archive) PostgreSQL then gathers and sorts the
    section's every entry before reading the first document. With the LIMIT
    in view it walks the entries newest first and checks each against the
    filter as it goes, as far as needed; a reporter's few hundred entries it
    gathers and sorts, as it should. The score is a lateral subquery so each
    document is read once, where the score is both tested and returned.
    """
    join, score_params = lateral
    return (
        f"WITH h (id, published, score) AS MATERIALIZED (SELECT o.id, o.published, sc.score"
        f" FROM ({entries}) o (id, published, vector) CROSS JOIN {join}"
        f" WHERE sc.score IS NOT NULL ORDER BY o.published DESC NULLS LAST, o.id DESC"
        f" LIMIT {int(limit)})",
        [*params, *score_params],
    )


def ranked_ids(
    queryset: QuerySet,
    query: Query,
    *,
    limit: int = CANDIDATES,
    narrowed: bool = False,
    published=(None, None),
) -> list[int]:
    """Ids of the matching articles, most relevant first, then most recent.

    The newest ``limit`` matches are the candidates, and only they are
    scored. One query streams entries newest first, all of them or only
    those GIN gives for the words' tokens, as the backend's planner chooses
    (``search/backends/planner.py``), and scores each as it is read, which
    checks the words as phrases: each document is read once.

    Each entry that scores is looked up in ``queryset`` (live, and the
    reader's filters), and the stream stops at the ``limit``-th found there.
    So an article that is not public (tomorrow's paper, scheduled overnight,
    is the newest of all) costs its one read and a lookup and takes no
    candidate's place.

    ``narrowed``: ``queryset`` is a small part of the archive (a reader's
    section or reporter), so most matches would fail the lookup, each
    after its document was read. The stream then holds only entries of
    ``queryset`` from the start, and needs no lookup.

    ``published``: ``(start, end)``, the reader's dates as publish times, which
    ``queryset`` keeps too. The stream holds only the entries published in
    that range, by the index on their copy of the publish time, so a range
    long past is reached without reading the years after it.
    """
    readable = queryset.order_by().values("pk").query.sql_with_params()
    return _ranked(
        queryset.db, readable, query, limit=limit, narrowed=narrowed, published=published
    )


def _ranked(using: str, readable, query: Query, **stream) -> list[int]:
    candidates, params = _candidates(using, readable, query, **stream)
    with connections[using].cursor() as cursor:
        cursor.execute(f"{candidates} SELECT h.id, h.published, h.score FROM h", params)
        hits = cursor.fetchall()
    # Most relevant first; among equals, newest first, by the entry's copy of
    # the publish time (the order it was streamed in).
    hits.sort(key=lambda row: (row[2], row[1] or _EPOCH, row[0]), reverse=True)
    return [row[0] for row in hits]


def search_live(query: Query, filters: Filters = Filters()) -> list[int]:
    """What a reader finds: live articles only, ranked."""
    if not query:
        return []
    return _ranked(
        *_readable(filters),
        query,
        limit=CANDIDATES,
        narrowed=filters.narrowing,
        published=filters.published,
    )


@dataclass(frozen=True)
class Result:
    """A live article as a results page shows it: ``article`` holds only the
    columns shown (``RESULT_FIELDS``), the section's and reporters' names beside."""

    article: Article
    section: str
    reporters: tuple[str, ...]


@dataclass(frozen=True)
class ResultsPage:
    """One page of a reader's search: how many were found, which page this is, its results."""

    total: int
    number: int
    results: list[Result]


def _page_number(requested) -> int:
    """The page asked for, as ``Paginator.get_page`` reads it: not a number, the
    first; out of range, the last (-1 here, which the query resolves)."""
    try:
        number = int(requested)
    except (TypeError, ValueError):
        return 1
    # No page lies past the CANDIDATES-th result (and the value fits a bigint).
    return number if 1 <= number <= CANDIDATES else -1


def search_page(
    query: Query, filters: Filters = Filters(), *, page=None, per_page: int = 10
) -> ResultsPage:
    """``search_live``, and the articles of one page of it, in one query.

    The ranking, the count and the page's articles with what the page shows
    (the columns of ``RESULT_FIELDS``, the section's name, the reporters'
    names in byline order) come from the statement that found them, as one
    snapshot: nothing is asked twice, and nothing but a live article can be
    on the page. One row per byline; the page's number is ``page`` as
    ``Paginator.get_page`` reads it, the last page when it is past the end.
    """
    if not query:
        return ResultsPage(total=0, number=1, results=[])
    using, readable = _readable(filters)
    candidates, params = _candidates(
        using,
        readable,
        query,
        limit=CANDIDATES,
        narrowed=filters.narrowing,
        published=filters.published,
    )
    number = _page_number(page)
    connection = connections[using]
    # Over the whole archive the statement's plan is fixed by its shape; the
    # filters' best plans depend on their values (search/backends/statements.py).
    whole_archive = not filters.narrowing and filters.published == (None, None)
    rows = backend_for(connection).fetch(
        connection,
        f"{candidates}, {_RANKED} {_page_sql(connection)}",
        [*params, per_page, number, per_page, number, per_page],
        plan_once=whole_archive,
    )
    if not rows:
        return ResultsPage(total=0, number=1, results=[])
    total, position = rows[0][:2]
    shown: dict[int, tuple[Article, str, list[str]]] = {}
    converters = _converters(connection)
    for _total, _position, *columns, section, names in rows:
        if columns[0] not in shown:
            for index, col, convert in converters:
                columns[index] = convert(columns[index], col, connection)
            # Only the columns shown; the others deferred, as ``only()`` leaves them.
            article = Article.from_db(using, _COLUMNS, columns)
            shown[article.pk] = (article, section, [])
        # All the names at once (PostgreSQL), or one a row.
        if isinstance(names, list):
            shown[columns[0]][2].extend(names)
        elif names is not None:
            shown[columns[0]][2].append(names)
    return ResultsPage(
        total=total,
        number=(position - 1) // per_page + 1,
        results=[Result(a, section, tuple(names)) for a, section, names in shown.values()],
    )


#: Ranked as ``ranked_ids`` sorts: most relevant, then newest, then the highest id.
_RANKED = (
    "r (id, n, total) AS (SELECT h.id,"
    " ROW_NUMBER() OVER (ORDER BY h.score DESC, h.published DESC NULLS LAST, h.id DESC),"
    " COUNT(*) OVER () FROM h)"
)
#: The article's columns a result shows, in the model's order (``from_db`` takes them so).
_COLUMNS = [f.attname for f in Article._meta.concrete_fields if f.attname in RESULT_FIELDS]


def _converters(connection):
    """What the ORM would do to each column read by raw SQL (SQLite hands back
    naive datetimes, for one): ``(index, column, converter)``."""
    found = []
    for index, name in enumerate(_COLUMNS):
        field = Article._meta.get_field(name.removesuffix("_id"))
        col = field.get_col(Article._meta.db_table)
        for convert in connection.ops.get_db_converters(col) + field.get_db_converters(connection):
            found.append((index, col, convert))
    return found


def _page_sql(connection) -> str:
    """The rows of one page, ranked: on PostgreSQL one per article, its
    reporters' names an array in byline order; elsewhere one per byline (or
    one, without), in byline order.

    Parameters: per page, then the page asked for (-1: the last), as
    ``per, asked, per, asked, per``.
    """
    quote = connection.ops.quote_name

    def table(model) -> str:
        return quote(model._meta.db_table)

    def column(model, name: str) -> str:
        return quote(model._meta.get_field(name).column)

    shown = ", ".join(f"a.{column(Article, name)}" for name in _COLUMNS)
    pages = "(r.total - 1) / %s + 1"
    on_page = (
        f" WHERE (r.n - 1) / %s + 1 = CASE WHEN %s BETWEEN 1 AND {pages} THEN %s ELSE {pages} END"
    )
    byline_order = f"b.{column(Byline, 'position')}, b.id"
    if connection.vendor == "postgresql":
        # Subqueries, not joins: fewer ways for PostgreSQL to weigh, a third
        # less planning for the whole statement.
        return (
            f"SELECT r.total, r.n, {shown},"
            f" (SELECT sec.{column(Section, 'name')} FROM {table(Section)} sec"
            f" WHERE sec.id = a.{column(Article, 'section')}),"
            # Each reporter looked up by key: as a join, PostgreSQL reads and
            # hashes the whole reporter table again for every result.
            f" ARRAY(SELECT (SELECT rep.{column(Reporter, 'name')} FROM {table(Reporter)} rep"
            f" WHERE rep.id = b.{column(Byline, 'reporter')}) FROM {table(Byline)} b"
            f" WHERE b.{column(Byline, 'article')} = a.id ORDER BY {byline_order})"
            f" FROM r JOIN {table(Article)} a ON a.id = r.id{on_page} ORDER BY r.n"
        )
    return (
        f"SELECT r.total, r.n, {shown}, sec.{column(Section, 'name')},"
        f" rep.{column(Reporter, 'name')} FROM r"
        f" JOIN {table(Article)} a ON a.id = r.id"
        f" JOIN {table(Section)} sec ON sec.id = a.{column(Article, 'section')}"
        f" LEFT JOIN {table(Byline)} b ON b.{column(Byline, 'article')} = a.id"
        f" LEFT JOIN {table(Reporter)} rep ON rep.id = b.{column(Byline, 'reporter')}"
        f"{on_page} ORDER BY r.n, {byline_order}"
    )
