"""What every workflow service shares: the row lock, the log and the revision."""

from contextlib import contextmanager

import reversion
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


def record(article: Article, *, by, action: str, from_status: str, note: str = "") -> Transition:
    return Transition.objects.create(
        article=article,
        action=action,
        from_status=from_status,
        to_status=article.status,
        note=note,
        by=by,
        at=timezone.now(),
    )


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
