"""Keeping the index current: the services every writer goes through.

The signal handlers (``search/signal_handlers.py``) call these inside the
transaction that changed the article, so the index never disagrees with
what was committed; the rebuild command calls them in batches.
"""

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor

from django.db import connection, transaction

from articles.models import Article
from search.backends import backend_for
from search.backends.base import documents
from search.document import article_documents
from search.models import SearchEntry
from search.weeks import week_of

BATCH = 500


def _store(documents: dict[int, str], published: dict) -> int:
    SearchEntry.objects.bulk_create(
        [
            SearchEntry(
                article_id=pk,
                vector=document,
                published=published.get(pk),
                week=week_of(published.get(pk)),
            )
            for pk, document in documents.items()
        ],
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=["vector", "published", "week", "indexed_at"],
    )
    return len(documents)


def _write(article_ids: list[int]) -> int:
    fields, published = article_documents(article_ids)
    return _store(documents(backend_for(connection), fields), published)


def articles_reindex(*, article_ids: Iterable[int]) -> int:
    """Index the given articles again from what is in the database now."""
    ids = sorted(set(article_ids))
    if len(ids) <= BATCH:
        # One batch writes with one statement, atomic by itself: no savepoint
        # (two round trips on every desk save) around it.
        return _write(ids) if ids else 0
    written = 0
    with transaction.atomic():
        for start in range(0, len(ids), BATCH):
            written += _write(ids[start : start + BATCH])
    return written


def article_reindex(*, article_id: int) -> None:
    articles_reindex(article_ids=[article_id])


def index_missing() -> int:
    """Index the articles that have no entry yet (after upgrading an existing database)."""
    return articles_reindex(
        article_ids=Article.objects.filter(search_entry__isnull=True).values_list("pk", flat=True)
    )


def index_rebuild(
    *, progress: Callable[[int, int], None] | None = None, workers: int = 2, fresh: bool = False
) -> int:
    """Index every article again (after a bulk import, or to repair the index).

    By default one transaction per batch: readers keep finding the old
    entries until each batch's new ones are committed, and a stop half-way
    keeps what was done. ``fresh`` empties the index and builds it in one
    transaction with the GIN index made at the end, several times faster,
    but searches wait until it commits: for a new or broken index.

    Cutting the text into tokens is the slow part, so worker processes do
    it while this one reads the next batch and writes the last.
    """
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    batches = [ids[start : start + BATCH] for start in range(0, len(ids), BATCH)]
    backend = backend_for(connection)
    if not fresh:
        return _rebuild(backend, batches, len(ids), progress, workers)
    with transaction.atomic():
        for statement in backend.bulk_load_start():
            connection.cursor().execute(statement)
        done = _rebuild(backend, batches, len(ids), progress, workers)
        for statement in backend.bulk_load_end():
            connection.cursor().execute(statement)
    return done


def _rebuild(backend, batches, total, progress, workers) -> int:
    done = 0
    if progress:
        progress(0, total)
    # "spawn": the workers import only the segmenter, never Django's connections.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending = deque()
        for batch in batches:
            fields, published = article_documents(batch)
            pending.append((pool.submit(documents, backend, fields), published))
            while len(pending) > workers or (pending and batch is batches[-1]):
                segmented, published = pending.popleft()
                done += _store_batch(segmented.result(), published)
                if progress:
                    progress(done, total)
    return done


def _store_batch(documents: dict[int, str], published: dict) -> int:
    with transaction.atomic():
        return _store(documents, published)
