"""Reads for the search pages. Readers' searches start from ``Article.objects.live()``."""

import datetime
from dataclasses import dataclass

from django.db import connections
from django.db.models import Exists, F, OuterRef, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles.models import Article, Byline
from newsroom.models import Reporter, Section
from search.backends import backend_for
from search.models import SearchEntry
from search.segment import Query

#: Ranking scores every candidate; ranking tens of thousands of hits for a
#: common word takes hundreds of milliseconds, so only the most recent
#: matches are ranked. Rarer words have fewer hits than this and are ranked
#: in full.
CANDIDATES = 200

#: What a result shows: kicker, headline, link, section, date, snippet.
RESULT_FIELDS = (
    "kicker", "headline", "slug", "summary", "body", "publish_at", "section__name",
)  # fmt: skip

_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class Filters:
    section: Section | None = None
    reporters: tuple[Reporter, ...] = ()
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


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
    if filters.section:
        queryset = queryset.filter(section=filters.section)
    if filters.reporters:
        queryset = queryset.filter(
            Exists(Byline.objects.filter(article=OuterRef("pk"), reporter__in=filters.reporters))
        )
    if filters.date_from:
        queryset = queryset.filter(publish_at__gte=_local_midnight(filters.date_from))
    if filters.date_to:
        end = _local_midnight(filters.date_to + datetime.timedelta(days=1))
        queryset = queryset.filter(publish_at__lt=end)
    return queryset


def ranked_ids(
    queryset: QuerySet, query: Query, *, limit: int = CANDIDATES, narrowed: bool = False
) -> list[int]:
    """Ids of the matching articles, most relevant first, then most recent.

    The newest ``limit`` matches are the candidates, and only they are
    scored. Reading an entry's stored document is what a search costs (on
    PostgreSQL the vector is TOASTed: several page reads each), so each
    document is read once, and as few as the words allow, by one of two ways
    chosen by how common the words are (``backend.narrowing``):

    - walk: the entries newest first, each scored as it is read; the first
      ``limit`` that match are the candidates (most entries match: few read);
    - collect: the index alone gives the entries that hold every token of the
      query, anywhere (no phrase, so GIN reads no document), newest first by
      the entry's own copy of the publish time; only those are read and
      scored, which checks the words as phrases (few entries match).

    Then only that batch is joined to ``queryset`` (live, filters). Rows that
    fail (not live, filtered out, or the tokens are there but not side by
    side) are skipped and the next batch is fetched, so the result is the
    newest ``limit`` matches, as if matched in one go.

    ``narrowed``: ``queryset`` is a small part of the archive (a reader's
    section, reporter or dates), so most entries would fail the join. Step 1
    then takes only entries of ``queryset``, before any is read; joined
    afterwards, a common word had every batch fail and read thousands of
    documents (a second for a reporter's 疫情 on the bench archive).
    """
    connection = connections[queryset.db]
    backend = backend_for(connection)
    walk, narrow = backend.narrowing(connection, query, wanted=limit)
    newest = (F("published").desc(nulls_last=True), "-article_id")
    within = SearchEntry.objects.all()
    if narrowed:
        within = within.filter(article_id__in=queryset.order_by().values("pk"))
    if walk:
        # The entries newest first, the vector only as a reference; scored
        # one by one as the batch below asks for more, so no more are read
        # than it takes (a filtered walk sorts first: the score must not be
        # computed for every row that is sorted).
        entries = within.order_by(*newest).values_list("article_id", "published", "vector")
        score, score_params = backend.score("o.vector", query)

        def step_one(sql, batch, offset):
            return (
                f"o (id, published, vector) AS MATERIALIZED ({sql}),"
                " s (id, published, score) AS MATERIALIZED"
                f" (SELECT id, published, {score} FROM o),"
                " c AS (SELECT id, published, score FROM s WHERE score IS NOT NULL"
                f" LIMIT {int(batch)} OFFSET {int(offset)})"
            )
    else:
        # The same order, by an expression no index serves: else the planner,
        # not counting what reading vectors costs, might walk after all.
        entries = within.filter(vector__holds=narrow).order_by(
            Coalesce("published", Value(_EPOCH.replace(year=1))).desc(), "-article_id"
        )
        # The vector comes along as a reference: read only to score the batch.
        entries = entries.values_list("article_id", "published", "vector")
        score, score_params = backend.score("e.vector", query)

        def step_one(sql, batch, offset):
            return (
                f"e (id, published, vector) AS ({sql}),"
                f" c AS MATERIALIZED (SELECT id, published, {score} AS score FROM e)"
            )

    allowed, allowed_params = (
        queryset.order_by().values_list("pk", "publish_at").query.sql_with_params()
    )
    hits: list[tuple] = []
    # Where the batch may hold tokens that are not side by side, a few more
    # than needed: a second batch costs more than scoring a few extra.
    exact = walk or backend.narrow_is_exact(query)
    offset, batch = 0, limit if exact else limit + limit // 4
    walk_sql = entries.query.sql_with_params() if walk else None
    while True:
        if walk:
            sql, params = walk_sql  # the same stream each time: only its batch moves
        else:
            sql, params = entries[offset : offset + batch].query.sql_with_params()
        params = (*params, *score_params)
        head = step_one(sql, batch, offset)
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH {head}, a (id, publish_at) AS ({allowed})"
                " SELECT c.id, c.published, a.publish_at,"
                " CASE WHEN a.id IS NOT NULL THEN c.score END"
                " FROM c LEFT JOIN a ON a.id = c.id",
                (*params, *allowed_params),
            )
            rows = cursor.fetchall()
        # Back in the order of step 1: newest first, entries without a time last.
        rows.sort(key=lambda row: (row[1] is not None, row[1] or _EPOCH, row[0]), reverse=True)
        hits.extend(row for row in rows if row[3] is not None)
        if len(hits) >= limit or len(rows) < batch:
            break
        offset += batch
        batch *= 4  # few rows fail; where many do, fewer round trips
    hits = hits[:limit]
    hits.sort(key=lambda row: (row[3], row[2], row[0]), reverse=True)
    return [row[0] for row in hits]


def search_live(query: Query, filters: Filters = Filters()) -> list[int]:
    """What a reader finds: live articles only, ranked."""
    if not query:
        return []
    return ranked_ids(
        filtered(Article.objects.live(), filters), query, narrowed=filters != Filters()
    )


def articles_by_ids(ids: list[int]) -> list[Article]:
    """The live articles for one page of results, in the given order, with what
    the page shows: section, and ``reporter_names`` in byline order.

    Only the columns the page shows (the body for the snippet), and the names
    as plain values: a results page is read far more often than it changes.
    """
    if not ids:
        return []
    page = (
        Article.objects.live()
        .filter(pk__in=ids)
        .select_related("section")
        .only(*RESULT_FIELDS)
        .order_by()
    )
    by_pk = {article.pk: article for article in page}
    for article in by_pk.values():
        article.reporter_names = []
    names = (
        Byline.objects.filter(article_id__in=by_pk)
        .order_by("article_id", "position", "pk")
        .values_list("article_id", "reporter__name")
    )
    for article_id, name in names:
        by_pk[article_id].reporter_names.append(name)
    return [by_pk[pk] for pk in ids if pk in by_pk]
