"""Issues (期): tomorrow's edition in one step."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from paper.models import Issue, Page

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


@transaction.atomic
def issue_create_next(*, by, date: datetime.date | None = None) -> Issue:
    """Tomorrow's issue (or ``date``'s) with its usual pages, in one step.

    Numbering continues from the highest issue number; the publish time of day
    and the pages' names and editors in charge come from the latest issue
    before it, over the paper's usual page plan, so the desk only changes what
    is different.
    """
    if not (by.has_perm("paper.add_issue") and by.has_perm("paper.add_page")):
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
def page_add(*, issue: Issue, number: int, name: str, by) -> Page:
    """A page the issue lacks (an extra page, or one a page import names)."""
    if not by.has_perm("paper.add_page"):
        raise PermissionDenied(_("只有编辑可以增加版面。"))
    page = Page(issue=issue, number=number, name=name)
    page.full_clean()
    page.save()
    return page
