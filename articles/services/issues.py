"""Issues (期): tomorrow's edition in one step, and the chief editor's release."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, Placement, Status, Transition
from articles.services._common import record, revision, touch
from newsroom.models import Issue, Page

#: Pages of a first issue, when there is no earlier one to copy.
USUAL_PAGES = (
    (1, "要闻"),
    (2, "综合新闻"),
    (3, "经济"),
    (4, "社会"),
    (5, "高新区新闻"),
    (6, "图片新闻"),
)
USUAL_PUBLISH_TIME = datetime.time(6, 0)


def _when(at: datetime.datetime) -> str:
    return timezone.localtime(at).strftime("%Y-%m-%d %H:%M")


@transaction.atomic
def issue_create_next(*, by, date: datetime.date | None = None) -> Issue:
    """Tomorrow's issue (or ``date``'s) with its usual pages, in one step.

    Numbering continues from the highest issue number; the publish time of day
    and the pages' names and editors in charge come from the latest issue
    before it, over the paper's usual page plan, so the desk only changes what
    is different.
    """
    if not (by.has_perm("newsroom.add_issue") and by.has_perm("newsroom.add_page")):
        raise PermissionDenied(_("只有编辑可以创建期次。"))
    date = date or timezone.localdate() + datetime.timedelta(days=1)
    # One issue a day: lock the table's newest row so two clicks make one issue.
    list(Issue.objects.select_for_update().order_by("-number")[:1])
    if Issue.objects.filter(date=date).exists():
        raise ValidationError(
            _("%(date)s 的期次已经存在。") % {"date": f"{date.year}年{date.month}月{date.day}日"}
        )
    previous = Issue.objects.filter(date__lt=date).order_by("-date").first()
    time = timezone.localtime(previous.publish_at).time() if previous else USUAL_PUBLISH_TIME
    number = (Issue.objects.aggregate(n=Max("number"))["n"] or 0) + 1
    issue = Issue(
        date=date,
        number=number,
        publish_at=timezone.make_aware(datetime.datetime.combine(date, time)),
    )
    issue.full_clean()
    issue.save()
    # The usual pages, as the previous issue had them (name, editor in charge);
    # a page it lacked keeps its usual name, so page 1 is always there.
    pages = {n: (name, None) for n, name in USUAL_PAGES}
    if previous:
        pages |= {p.number: (p.name, p.editor_id) for p in previous.pages.all()}
    pages = [(n, name, editor) for n, (name, editor) in sorted(pages.items())]
    Page.objects.bulk_create(
        Page(issue=issue, number=n, name=name, editor_id=editor) for n, name, editor in pages
    )
    return issue


@transaction.atomic
def issue_release(*, issue: Issue, by, publish_at: datetime.datetime | None = None) -> Issue:
    """总编签发: every article placed on the issue goes live at its publish time.

    Refused, with nothing changed, if the issue is already released, has no
    articles, or carries any article that is not approved.
    """
    if not by.has_perm("newsroom.release_issue"):
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
    issue.save()
    note = _("随%(issue)s签发，%(when)s 上线") % {"issue": issue, "when": _when(issue.publish_at)}
    with revision(by, str(Transition.Action.RELEASE.label)):
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
    return issue
