"""Telling people what happened to their work, on their start screen and, when
configured, by e-mail and a group robot (``articles.delivery``).

Workflow steps call ``article_notify`` inside their transaction: the
notifications commit with the step or not at all, and delivery is queued only
once the step has committed, so a mail server or webhook that is down never
holds up or undoes a save.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.delivery import deliver_later
from articles.models import Article, Notification, Transition
from people.selectors import user_label

Kind = Notification.Kind

#: Which steps the story's people hear of, and as what.
STEP_KINDS = {
    Transition.Action.RETURN: Kind.RETURNED,
    Transition.Action.APPROVE: Kind.APPROVED,
    Transition.Action.PUBLISH: Kind.PUBLISHED,
    Transition.Action.SCHEDULE: Kind.PUBLISHED,
    Transition.Action.RELEASE: Kind.PUBLISHED,
    Transition.Action.WITHDRAW: Kind.WITHDRAWN,
}

_TEXTS = {
    Kind.RETURNED: _("《%(headline)s》被%(who)s退回修改：%(note)s"),
    Kind.APPROVED: _("《%(headline)s》已由%(who)s审核通过。%(note)s"),
    Kind.PUBLISHED: _("《%(headline)s》已签发：%(note)s"),
    Kind.WITHDRAWN: _("《%(headline)s》已被%(who)s撤稿：%(note)s"),
}


def article_people(article: Article):
    """The active users whose story it is: who created it and who is credited on it."""
    return (
        get_user_model()
        .objects.filter(
            Q(pk=article.created_by_id) | Q(reporter__bylines__article=article), is_active=True
        )
        .distinct()
    )


def notify(*, recipients, kind: str, text: str, article=None, photo=None) -> list[Notification]:
    """Leave ``text`` for each recipient; deliver it elsewhere once this commits."""
    now = timezone.now()
    made = Notification.objects.bulk_create(
        Notification(
            recipient=user, kind=kind, text=text, article=article, photo=photo, created_at=now
        )
        for user in recipients
    )
    ids = [n.pk for n in made]
    if ids:
        transaction.on_commit(lambda: deliver_later(ids))
    return made


def article_notify(*, article: Article, action: str, by, note: str = "") -> list[Notification]:
    """Tell the story's people about a step someone else took on it."""
    kind = STEP_KINDS.get(action)
    if kind is None:
        return []
    recipients = [user for user in article_people(article) if by is None or user.pk != by.pk]
    if not recipients:
        return []
    text = _TEXTS[kind] % {
        "headline": article.headline,
        "who": user_label(by),
        "note": note.strip(),
    }
    return notify(recipients=recipients, kind=kind, text=text.strip(), article=article)


@transaction.atomic
def notification_read(*, notification: Notification, by) -> Notification:
    """Mark one read; only its recipient may, and marking twice keeps the first time."""
    updated = Notification.objects.filter(
        pk=notification.pk, recipient=by, read_at__isnull=True
    ).update(read_at=timezone.now())
    if updated:
        notification.refresh_from_db(fields=["read_at"])
    return notification


@transaction.atomic
def notifications_read_all(*, by) -> int:
    return Notification.objects.filter(recipient=by, read_at__isnull=True).update(
        read_at=timezone.now()
    )
