"""Reads for the search pages. Readers' searches start from ``Article.objects.live()``."""

import datetime
from dataclasses import dataclass

from django.db import connections
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from articles.models import Article, Byline
from newsroom.models import Reporter, Section
from search.backends import backend_for
from search.segment import Query

#: Ranking scores every candidate; ranking tens of thousands of hits for a
#: common word takes hundreds of milliseconds, so only the most recent
#: matches are ranked. Rarer words have fewer hits than this and are ranked
#: in full.
CANDIDATES = 200


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
    scored: the score is computed around the capped query, so each
    candidate's document is read for scoring once.
    """
    candidates = (
        matching(queryset, query)
        .order_by("-publish_at", "-pk")
        .values_list("pk", "publish_at", "search_entry__vector")[:limit]
    )
    sql, params = candidates.query.sql_with_params()
    score, score_params = backend_for(connections[candidates.db]).rank("c.vector", query)
    with connections[candidates.db].cursor() as cursor:
        cursor.execute(
            f"WITH c (id, publish_at, vector) AS ({sql})"
            f" SELECT c.id, c.publish_at, {score} FROM c",
            (*params, *score_params),
        )
        rows = cursor.fetchall()
    rows.sort(key=lambda row: (row[2], row[1], row[0]), reverse=True)
    return [row[0] for row in rows]


def search_live(query: Query, filters: Filters = Filters()) -> list[int]:
    """What a reader finds: live articles only, ranked."""
    if not query:
        return []
    return ranked_ids(filtered(Article.objects.live(), filters), query)


def articles_by_ids(ids: list[int]) -> list[Article]:
    """The live articles for one page of results, in the given order, with what
    the page shows (section, bylines)."""
    page = (
        Article.objects.live()
        .filter(pk__in=ids)
        .select_related("section")
        .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("reporter")))
    )
    by_pk = {article.pk: article for article in page}
    return [by_pk[pk] for pk in ids if pk in by_pk]
