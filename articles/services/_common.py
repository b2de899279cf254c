"""What every workflow service shares: the row lock, the log and the revision."""

import logging
from contextlib import contextmanager

import reversion
from django.db import transaction
from django.utils import timezone

from articles.models import Article, Transition


def lock(article: Article) -> Article:
    """The article as it is in the database now, locked until the transaction ends.

    Services work on this copy, never on what the caller read earlier, so two
    people acting at once are serialised and the second sees the first's result.
    """
    return (
        Article.objects.select_for_update(of=("self",)).select_related("issue").get(pk=article.pk)
    )


def touch(article: Article, by) -> None:
    """Count a save: the version moves on, and we remember who made it."""
    article.version += 1
    article.updated_by = by


workflow_log = logging.getLogger("newsroom.workflow")


def record(article: Article, *, by, action: str, from_status: str, note: str = "") -> Transition:
    transition = Transition.objects.create(
        article=article,
        action=action,
        from_status=from_status,
        to_status=article.status,
        note=note,
        by=by,
        at=timezone.now(),
    )
    # The operations log says who did what once it really happened (after
    # commit); the note itself stays in the database.
    fields = {
        "action": str(action),
        "article_id": article.pk,
        "from_status": str(from_status),
        "to_status": str(article.status),
        "by_user_id": getattr(by, "pk", None),
        "by_username": getattr(by, "username", None),
        "at": transition.at.isoformat(),
    }
    transaction.on_commit(lambda: workflow_log.info(f"article.{action}", extra=fields))
    return transition


@contextmanager
def revision(by, comment: str):
    """Keep the articles saved inside as a revision by ``by``, labelled ``comment``.

    Inside an outer revision (an admin save followed by "submit") the labels add up.
    """
    with reversion.create_revision():
        previous = reversion.get_comment()
        reversion.set_user(by)
        reversion.set_comment(f"{previous}；{comment}" if previous else comment)
        yield
