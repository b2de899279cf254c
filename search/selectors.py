"""Reads for the search pages. Readers' searches start from ``Article.objects.live()``."""

import datetime
from dataclasses import dataclass

from django.db import connections
from django.db.models import Exists, F, OuterRef, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles.models import Article, Byline
from paper.models import Section
from people.models import Reporter
from search.backends import backend_for
from search.backends.planner import Collect
from search.models import SearchEntry
from search.segment import Query

#: Ranking reads every candidate's stored document, and a common word has
#: tens of thousands of matches, so only the most recent are ranked: for news
#: those are what a reader wants, and the page says so and offers filters.
#: Rarer words have fewer matches than this and are ranked in full.
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
    section, reporter or dates), so most matches would fail the lookup, each
    after its document was read. The stream then holds only entries of
    ``queryset`` from the start, and needs no lookup.
    """
    connection = connections[queryset.db]
    backend = backend_for(connection)
    strategy = backend.strategy(connection, query, wanted=limit)
    allowed = queryset.order_by().values("pk")
    within = SearchEntry.objects.all()
    if narrowed:
        within = within.filter(article_id__in=allowed)
        lookup, lookup_params = "", ()
    else:
        sql, lookup_params = allowed.query.sql_with_params()
        lookup = f" AND s.id IN ({sql})"
    if isinstance(strategy, Collect):
        # Newest first by an expression no index serves: else PostgreSQL's
        # planner, which does not count what reading vectors costs, might
        # walk the index on ``published`` after all.
        within = within.filter(vector__holds=strategy.tokens)
        newest = (Coalesce("published", Value(_EPOCH.replace(year=1))).desc(), "-article_id")
    else:
        newest = (F("published").desc(nulls_last=True), "-article_id")
    # The vector comes along as a reference: read only when scored.
    entries, entry_params = (
        within.order_by(*newest)
        .values_list("article_id", "published", "vector")
        .query.sql_with_params()
    )
    score, score_params = backend.score("o.vector", query)
    with connection.cursor() as cursor:
        # Materialized, each step runs only as far as the LIMIT pulls it: the
        # entries in order, a score for each (one read of its document), and
        # the lookup only for those that scored.
        cursor.execute(
            f"WITH o (id, published, vector) AS MATERIALIZED ({entries}),"
            f" s (id, published, score) AS MATERIALIZED (SELECT o.id, o.published, {score} FROM o)"
            f" SELECT s.id, s.published, s.score FROM s WHERE s.score IS NOT NULL{lookup}"
            f" LIMIT {int(limit)}",
            (*entry_params, *score_params, *lookup_params),
        )
        hits = cursor.fetchall()
    # Most relevant first; among equals, newest first, by the entry's copy of
    # the publish time (the order it was streamed in).
    hits.sort(key=lambda row: (row[2], row[1] or _EPOCH, row[0]), reverse=True)
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
