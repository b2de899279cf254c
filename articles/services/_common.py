"""What every workflow service shares: the row lock, the log, the revision, and
saying what readers will see changed."""

import logging
from contextlib import contextmanager
from contextvars import ContextVar

import reversion
from django.db import transaction
from django.utils import timezone

from articles import cache_keys
from articles.models import Article, Status, Transition
from sitecache.keys import key_of


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


#: States whose articles readers see, or whose pages answer for them (410 Gone).
PUBLIC_STATES = frozenset({Status.PUBLISHED, Status.WITHDRAWN})
#: While a service runs, it says what it changed itself; the generic save
#: handlers (the safety net for writes outside the services) stay quiet.
_announcing: ContextVar[bool] = ContextVar("articles_announcing", default=False)


def announcing() -> bool:
    return _announcing.get()


@contextmanager
def quietly():
    """Writes inside are announced by the service that makes them."""
    token = _announcing.set(True)
    try:
        yield
    finally:
        _announcing.reset(token)


@contextmanager
def announce(signal, article: Article, *, by, also=()):
    """Run a change to ``article``; after it commits, send ``signal`` with the keys it changed.

    Nothing is sent for an article readers never saw and still do not see
    (desk work). Otherwise: the article's own key; the lists it joined or
    left (section, tags, bylines, photos, events, issue, corrections); and if
    its state or publish time changed, every list it is or was in, since
    those order it. ``also``: more keys the step changed, if readers see the article.
    """
    if announcing():  # part of a larger step, which announces it all
        yield
        return
    before_state = _list_state(article)
    before = _public_lists(article, before_state)
    with quietly():
        yield
    after_state = _list_state(article)
    after = _public_lists(article, after_state)
    if not (before or after):
        return
    keys = {key_of(article), *also} | (before ^ after)
    if before_state != after_state:
        keys |= before | after
    # A tag left or joined may leave or join the tag index, even while the
    # article keeps other tags (and so for reporters, photos, events).
    keys = cache_keys.with_indexes(keys)
    _send_after_commit(signal, article=article, by=by, keys=keys)


def _public_lists(article: Article, state) -> set[str]:
    """The lists readers find the article in (a withdrawn one: only its own 410 page)."""
    if state is None or state[0] not in PUBLIC_STATES:
        return set()
    if state[0] == Status.WITHDRAWN:
        return {key_of(article)}
    return cache_keys.lists_of(Article.objects.get(pk=article.pk))


def _list_state(article: Article):
    """What orders a list, besides who is in it."""
    return (
        Article.objects.filter(pk=article.pk).values_list("status", "publish_at", "kind").first()
    )


def _send_after_commit(signal, **kwargs) -> None:
    transaction.on_commit(lambda: signal.send(sender=Article, **kwargs))


def announce_keys(signal, *, keys, by, article=None) -> None:
    """Send ``signal`` with ``keys`` once the transaction commits (steps over many articles)."""
    _send_after_commit(signal, article=article, by=by, keys=set(keys))
