"""Reads for the search pages. Readers' searches start from ``Article.objects.live()``."""

import datetime
from dataclasses import dataclass

from django.db import connections
from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet, Value
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


def ranked_ids(queryset: QuerySet, query: Query, *, limit: int = CANDIDATES) -> list[int]:
    """Ids of the matching articles, most relevant first, then most recent.

    The newest ``limit`` matches are the candidates, and only they are
    scored. They are found in two steps, so that no more stored documents
    are read, and no more articles joined, than the page needs:

    1. the index alone gives the entries that hold every token of the query,
       anywhere (no phrase, so GIN needs no re-check of stored vectors), newest
       first by the entry's own copy of the publish time, a batch at a time;
    2. only that batch is joined to ``queryset`` (live, filters) and has its
       document read, to check the words as phrases and to score them.

    Rows that fail step 2 (not live, filtered out, or the tokens are there but
    not side by side) are skipped and the next batch is fetched, so the result
    is the newest ``limit`` matches, as if matched in one go.
    """
    connection = connections[queryset.db]
    backend = backend_for(connection)
    # A match always scores above zero on PostgreSQL (cover density finds the
    # phrase), so the phrase is checked only where the score is zero: one read
    # of the document instead of two. Exact matches need no check at all.
    score, score_params = backend.rank("c.vector", query)
    exact = backend.narrow_is_exact(query)
    check, check_params = ("TRUE", []) if exact else backend.match("r.vector", query)
    # Step 1's way, chosen by how common the words are: walk the entries newest
    # first testing each vector (most entries match: few read), or collect
    # every match from the full-text index and sort (few match).
    walk, narrow = backend.narrowing(connection, query, wanted=limit)
    if walk:
        entries = SearchEntry.objects.filter(vector__holds_walking=narrow).order_by(
            F("published").desc(nulls_last=True), "-article_id"
        )
    else:
        # The same order, by an expression no index serves: else the planner,
        # not counting what reading vectors costs, might walk after all.
        entries = SearchEntry.objects.filter(vector__holds=narrow).order_by(
            Coalesce("published", Value(_EPOCH.replace(year=1))).desc(), "-article_id"
        )
    # The vector comes along as a reference: read only where step 2 uses it.
    entries = entries.values_list("article_id", "published", "vector")
    allowed, allowed_params = (
        queryset.order_by().values_list("pk", "publish_at").query.sql_with_params()
    )
    hits: list[tuple] = []
    # Where phrases are checked, a few more than needed: some fail step 2, and
    # a second batch costs more than scoring a few extra.
    offset, batch = 0, limit if exact else limit + limit // 4
    while True:
        sql, params = entries[offset : offset + batch].query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH c (id, published, vector) AS ({sql}), a (id, publish_at) AS ({allowed}),"
                " r AS MATERIALIZED ("
                "  SELECT c.id, c.published, a.publish_at, a.id IS NOT NULL AS allowed,"
                f"  c.vector, {score} AS score"
                "  FROM c"
                "  LEFT JOIN a ON a.id = c.id)"
                " SELECT id, published, publish_at, CASE WHEN NOT allowed THEN NULL"
                f" WHEN score > 0 THEN score WHEN {check} THEN 0 END FROM r",
                (*params, *allowed_params, *score_params, *check_params),
            )
            rows = cursor.fetchall()
        # Back in the order of step 1: newest first, entries without a time last.
        rows.sort(key=lambda row: (row[1] is not None, row[1] or _EPOCH, row[0]), reverse=True)
        hits.extend(row for row in rows if row[3] is not None)
        if len(hits) >= limit or len(rows) < batch:
            break
        offset += batch
        batch *= 4  # few rows fail step 2; where many do, fewer round trips
    hits = hits[:limit]
    hits.sort(key=lambda row: (row[3], row[2], row[0]), reverse=True)
    return [row[0] for row in hits]


def search_live(query: Query, filters: Filters = Filters()) -> list[int]:
    """What a reader finds: live articles only, ranked."""
    if not query:
        return []
    return ranked_ids(filtered(Article.objects.live(), filters), query)


def articles_by_ids(ids: list[int]) -> list[Article]:
    """The live articles for one page of results, in the given order, with what
    the page shows (section, bylines)."""
    if not ids:
        return []
    page = (
        Article.objects.live()
        .filter(pk__in=ids)
        .select_related("section")
        .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("reporter")))
    )
    by_pk = {article.pk: article for article in page}
    return [by_pk[pk] for pk in ids if pk in by_pk]
