"""An article's way from draft to reader: submit, return, approve, publish, withdraw.

Each service locks the article, asks ``articles.policy`` whether this user may
do this now, changes the state, and logs the step, all in one transaction: an
illegal step raises before anything is written.
"""

import datetime
from contextlib import nullcontext

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import policy, signals
from articles.body import plain_text
from articles.models import Article, Kind, Status, Transition
from articles.services._common import announce, lock, record, revision, touch
from articles.services.notifications import article_notify
from media_library.rules import photo_publishable_errors

#: Steps readers see, and what each announces once it commits.
ANNOUNCED = {
    Transition.Action.PUBLISH: signals.article_published,
    Transition.Action.SCHEDULE: signals.article_scheduled,
    Transition.Action.WITHDRAW: signals.article_withdrawn,
}


def _step(article, *, by, action, to_status, note="", **changes) -> Article:
    signal = ANNOUNCED.get(action)
    step = announce(signal, article, by=by) if signal else nullcontext()
    with step:
        from_status = article.status
        article.status = to_status
        for name, value in changes.items():
            setattr(article, name, value)
        touch(article, by)
        article.full_clean()
        with revision(by, str(Transition.Action(action).label)):
            article.save()
        record(article, by=by, action=action, from_status=from_status, note=note)
        article_notify(article=article, action=action, by=by, note=note)
    return article


def _ready_to_file(article: Article) -> None:
    problems = []
    if not article.bylines.exists():
        problems.append(_("至少添加一个署名"))
    if article.kind == Kind.PHOTO and not article.article_photos.exists():
        problems.append(_("图片新闻需要一张图片"))
    if article.kind == Kind.STORY and not plain_text(article.body).strip():
        problems.append(_("正文不能为空"))
    if problems:
        raise ValidationError(_("还不能提交：%(problems)s。") % {"problems": "；".join(problems)})


def _photos_ready(article: Article) -> None:
    """A story goes out only with photos readers can be shown (caption, alt text,
    credit, a licence that has not run out): ``media_library.rules``."""
    problems = [
        error
        for item in article.article_photos.select_related("photo")
        for error in photo_publishable_errors(item.photo)
    ]
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def article_submit(*, article: Article, by) -> Article:
    """Reporter files the story (again, after a return) for review."""
    article = lock(article)
    policy.check(by, article, "submit")
    _ready_to_file(article)
    return _step(article, by=by, action=Transition.Action.SUBMIT, to_status=Status.SUBMITTED)


@transaction.atomic
def article_return(*, article: Article, by, note: str) -> Article:
    """Editor sends it back to the reporter, saying what to fix."""
    article = lock(article)
    policy.check(by, article, "return")
    if not note.strip():
        raise ValidationError(_("退回时请写明修改意见。"))
    return _step(
        article, by=by, action=Transition.Action.RETURN, to_status=Status.RETURNED, note=note
    )


@transaction.atomic
def article_approve(*, article: Article, by, note: str = "") -> Article:
    article = lock(article)
    policy.check(by, article, "approve")
    _photos_ready(article)
    return _step(
        article, by=by, action=Transition.Action.APPROVE, to_status=Status.APPROVED, note=note
    )


def _when(at: datetime.datetime) -> str:
    return timezone.localtime(at).strftime("%Y-%m-%d %H:%M")


@transaction.atomic
def article_publish(*, article: Article, by, note: str = "") -> Article:
    """Chief editor publishes an approved web article now."""
    article = lock(article)
    policy.check(by, article, "publish")
    _photos_ready(article)
    now = timezone.now()
    return _step(
        article,
        by=by,
        action=Transition.Action.PUBLISH,
        to_status=Status.PUBLISHED,
        note=note or _("立即上线（%(when)s）") % {"when": _when(now)},
        publish_at=now,
    )


@transaction.atomic
def article_schedule(*, article: Article, by, at: datetime.datetime, note: str = "") -> Article:
    """Chief editor publishes it for a set time; the clock does the rest (no job runs)."""
    article = lock(article)
    policy.check(by, article, "schedule")
    _photos_ready(article)
    if at <= timezone.now():
        raise ValidationError(_("定时签发的时间必须晚于现在；要马上上线请用“立即签发”。"))
    return _step(
        article,
        by=by,
        action=Transition.Action.SCHEDULE,
        to_status=Status.PUBLISHED,
        note=note or _("定时 %(when)s 上线") % {"when": _when(at)},
        publish_at=at,
    )


@transaction.atomic
def article_withdraw(*, article: Article, by, reason: str) -> Article:
    """撤稿: the article leaves every public page at once; the reason is kept."""
    article = lock(article)
    policy.check(by, article, "withdraw")
    if not reason.strip():
        raise ValidationError(_("撤稿必须说明理由。"))
    return _step(
        article, by=by, action=Transition.Action.WITHDRAW, to_status=Status.WITHDRAWN, note=reason
    )
