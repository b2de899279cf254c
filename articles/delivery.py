"""Notifications beyond the start screen: e-mail and a group robot's webhook.

Sent by the task worker once the step that made them has committed, so a
slow or broken mail server or webhook never holds up or undoes a save. A
failed send is tried again after ``NEWSROOM_NOTIFY_RETRY_DELAYS`` seconds,
as long as the task backend can wait (``TASKS_BACKEND=database``); the
default backend, which runs tasks in the request right after its commit,
tries again at once.
"""

import datetime
import json
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from articles.models import Notification
from people.selectors import user_label

logger = logging.getLogger(__name__)

#: Seconds a webhook may take to answer; the worker has other things to do.
WEBHOOK_TIMEOUT = 5


class DeliveryFailed(Exception):
    pass


def channels() -> list[str]:
    found = []
    if settings.NEWSROOM_NOTIFY_BY_EMAIL:
        found.append("email")
    if settings.NEWSROOM_WEBHOOK_URL:
        found.append("webhook")
    return found


def deliver_later(ids: list[int]) -> None:
    """Queue the sending of these notifications (made together, by one step)."""
    for channel in channels():
        _enqueue(ids, channel, 1)


def _enqueue(ids, channel: str, attempt: int) -> None:
    delays = settings.NEWSROOM_NOTIFY_RETRY_DELAYS
    chosen = notification_deliver
    if attempt > 1 and chosen.get_backend().supports_defer:
        wait = delays[min(attempt - 2, len(delays) - 1)]
        chosen = chosen.using(run_after=timezone.now() + datetime.timedelta(seconds=wait))
    try:
        chosen.enqueue(list(ids), channel, attempt)
    except Exception:
        # A queue that cannot take the task must not fail the step that
        # committed: the notification is on the start screen regardless.
        logger.exception("could not queue notification delivery %s via %s", ids, channel)


@task()
def notification_deliver(ids: list[int], channel: str, attempt: int = 1) -> int:
    """Send one step's notifications by ``channel``; on failure, queue another try."""
    notes = list(Notification.objects.filter(pk__in=ids).select_related("recipient"))
    if not notes:
        return 0
    try:
        sent = SENDERS[channel](notes)
    except Exception as error:  # any failure of the far end: try again later
        retries = len(settings.NEWSROOM_NOTIFY_RETRY_DELAYS)
        if attempt > retries:
            logger.error(
                "notification %s via %s failed for good after %d tries: %s",
                ids,
                channel,
                attempt,
                error,
            )
            return 0
        logger.warning(
            "notification %s via %s failed (try %d), trying again: %s",
            ids,
            channel,
            attempt,
            error,
        )
        _enqueue(ids, channel, attempt + 1)
        return 0
    return sent


def _link(note: Notification) -> str:
    if not (settings.NEWSROOM_SITE_URL and note.article_id):
        return ""
    return settings.NEWSROOM_SITE_URL + reverse(
        "admin:articles_article_change", args=[note.article_id]
    )


def _send_email(notes: list[Notification]) -> int:
    sent = 0
    for note in notes:
        address = note.recipient.email
        if not address:
            continue
        body = "\n\n".join(part for part in (note.text, _link(note)) if part)
        subject = f"【{settings.NEWSROOM_SITE_NAME}】{note.get_kind_display()}"
        sent += send_mail(subject, body, None, [address], fail_silently=False)
    return sent


def _send_webhook(notes: list[Notification]) -> int:
    # One step, one message to the group, naming everyone it concerns.
    first = notes[0]
    people = "、".join(user_label(n.recipient) for n in notes)
    lines = [first.text, f"致：{people}"]
    if link := _link(first):
        lines.append(link)
    payload = {"msgtype": "text", "text": {"content": "\n".join(lines)}}
    request = urllib.request.Request(
        settings.NEWSROOM_WEBHOOK_URL,
        data=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT) as response:
            answer = response.read(64 * 1024)
    except (urllib.error.URLError, OSError) as error:
        raise DeliveryFailed(str(error)) from error
    # WeCom and DingTalk answer 200 with {"errcode": 0} when they took it.
    try:
        errcode = json.loads(answer or b"{}").get("errcode", 0)
    except (ValueError, AttributeError):
        errcode = 0
    if errcode:
        raise DeliveryFailed(f"webhook errcode {errcode}")
    return 1


SENDERS = {"email": _send_email, "webhook": _send_webhook}
