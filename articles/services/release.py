"""The chief editor's release of an issue (签发): its stories go live with it.

Releasing an issue is a step of every placed story's workflow, so it lives
with the articles' services.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import cache_keys, signals
from articles.models import Article, ArticlePhoto, Placement, Status, Transition
from articles.services._common import announce_keys, quietly, record, revision, touch
from articles.services.notifications import article_notify
from media_library.rules import photo_publishable_errors
from paper.models import Issue
from sitecache.keys import key_of


def _when(at: datetime.datetime) -> str:
    return timezone.localtime(at).strftime("%Y-%m-%d %H:%M")


@transaction.atomic
def issue_release(*, issue: Issue, by, publish_at: datetime.datetime | None = None) -> Issue:
    """总编签发: every article placed on the issue goes live at its publish time.

    Refused, with nothing changed, if the issue is already released, has no
    articles, or carries any article that is not approved.
    """
    if not by.has_perm("paper.release_issue"):
        raise PermissionDenied(_("只有总编可以签发期次。"))
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if issue.released_at is not None:
        raise ValidationError(
            _("%(issue)s 已于 %(when)s 签发。")
            % {"issue": issue, "when": _when(issue.released_at)}
        )
    placed = Placement.objects.filter(page__issue=issue).values("article")
    articles = list(
        Article.objects.select_for_update(of=("self",)).filter(pk__in=placed).order_by("pk")
    )
    if not articles:
        raise ValidationError(_("%(issue)s 还没有安排稿件，不能签发。") % {"issue": issue})
    pending = [a for a in articles if a.status != Status.APPROVED]
    photos = [
        error
        for item in ArticlePhoto.objects.filter(article__in=articles).select_related("photo")
        for error in photo_publishable_errors(item.photo)
    ]
    if photos:
        raise ValidationError(photos)
    if pending:
        raise ValidationError(
            _("以下稿件尚未审核通过，不能签发本期：%(list)s。")
            % {"list": "；".join(f"《{a.headline}》（{a.get_status_display()}）" for a in pending)}
        )
    if publish_at is not None:
        issue.publish_at = publish_at
    issue.released_at = timezone.now()
    issue.released_by = by
    issue.full_clean()
    with quietly():  # announced below, with every list it changes
        issue.save()
    note = _("随%(issue)s签发，%(when)s 上线") % {"issue": issue, "when": _when(issue.publish_at)}
    with quietly(), revision(by, str(Transition.Action.RELEASE.label)):
        for article in articles:
            from_status = article.status
            article.status = Status.PUBLISHED
            article.publish_at = issue.publish_at
            article.issue = issue
            touch(article, by)
            article.full_clean()
            article.save()
            record(
                article,
                by=by,
                action=Transition.Action.RELEASE,
                from_status=from_status,
                note=note,
            )
            article_notify(article=article, action=Transition.Action.RELEASE, by=by, note=note)
    # Its stories join their lists (at the issue's time, by the clock); the
    # archive, home's 今日报纸 and the issue's own pages change with it.
    keys = {key_of(issue), cache_keys.ISSUES, cache_keys.issue(issue.pk)}
    keys |= {cache_keys.page(pk) for pk in issue.pages.values_list("pk", flat=True)}
    for article in articles:
        keys |= cache_keys.lists_of(article)
    announce_keys(signals.issue_released, keys=keys, by=by)
    return issue
