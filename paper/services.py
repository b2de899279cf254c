"""Issues (期): tomorrow's edition in one step, as the edition plan has it;
pages' print files (电子报)."""

import dataclasses
import datetime
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from paper import policy as paper_policy
from paper import rendering
from paper.models import Issue, Page, PlannedPage, Weekday
from paper.pageimages import page_files_delete
from paper.tasks import page_images_schedule
from sitecache.changes import changed
from sitecache.keys import keys_of

#: The publish time of day of a first issue, when there is no earlier one to copy.
USUAL_PUBLISH_TIME = datetime.time(6, 0)


@dataclasses.dataclass(frozen=True)
class IssueOutline:
    """What ``issue_create_next`` will create, for its preview and itself."""

    issue: Issue
    pages: list[Page]
    weekday: str


def _day(date: datetime.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


def next_issue_outline(*, date: datetime.date | None = None) -> IssueOutline:
    """Tomorrow's issue (or ``date``'s) and its pages, unsaved.

    Numbering continues from the highest issue number; the publish time of day
    comes from the latest issue before it; the pages (number, name, editor in
    charge, 字数 budget) from the edition plan of its weekday. Raises
    ValidationError when that issue exists or the weekday has no pages.
    """
    date = date or timezone.localdate() + datetime.timedelta(days=1)
    if Issue.objects.filter(date=date).exists():
        raise ValidationError(_("%(date)s 的期次已经存在。") % {"date": _day(date)})
    weekday = str(Weekday(date.weekday()).label)
    planned = list(
        PlannedPage.objects.filter(plan__weekday=date.weekday())
        .select_related("editor")
        .order_by("number")
    )
    if not planned:
        raise ValidationError(
            _("版面计划里%(weekday)s没有版面，请先在“版面计划”中为%(weekday)s添加版面。")
            % {"weekday": weekday}
        )
    previous = Issue.objects.filter(date__lt=date).order_by("-date").first()
    time = timezone.localtime(previous.publish_at).time() if previous else USUAL_PUBLISH_TIME
    number = (Issue.objects.aggregate(n=Max("number"))["n"] or 0) + 1
    issue = Issue(
        date=date,
        number=number,
        publish_at=timezone.make_aware(datetime.datetime.combine(date, time)),
    )
    pages = [
        Page(
            issue=issue,
            number=p.number,
            name=p.name,
            editor=p.editor,
            word_budget=p.word_budget,
        )
        for p in planned
    ]
    return IssueOutline(issue=issue, pages=pages, weekday=weekday)


@transaction.atomic
def issue_create_next(*, by, date: datetime.date | None = None) -> Issue:
    """Tomorrow's issue (or ``date``'s) with the pages its weekday's plan lists.

    Exactly what ``next_issue_outline`` shows, so the desk's preview is what
    it gets.
    """
    if not (by.has_perm("paper.add_issue") and by.has_perm("paper.add_page")):
        raise PermissionDenied(_("只有编辑可以创建期次。"))
    # One issue a day: lock the table's newest row so two clicks make one issue.
    list(Issue.objects.select_for_update().order_by("-number")[:1])
    outline = next_issue_outline(date=date)
    issue = outline.issue
    issue.full_clean()
    issue.save()
    for page in outline.pages:
        page.issue = issue
    Page.objects.bulk_create(outline.pages)
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


def _check_page_files(by, page: Page) -> None:
    if by is None:  # the server's operator, at its shell (``attachpage``)
        return
    if not by.has_perm("paper.change_page"):
        raise PermissionDenied(_("你没有修改版面的权限。"))
    paper_policy.check_layout(by, page.issue)


@transaction.atomic
def page_file_attach(
    *, page: Page, data: bytes, name: str, by, pdf_page: int | None = None
) -> rendering.Source:
    """Make ``data`` (a PDF, JPEG or PNG) the page's print file (版面原样).

    Checked in full first (``rendering.inspect``): a file that cannot be used
    is refused with the reason and nothing is stored. The page's images are
    rendered after the commit, by the task backend; until then readers see
    the page without its image.
    """
    _check_page_files(by, page)
    source = rendering.inspect(data, name, pdf_page)
    given, page = page, Page.objects.select_for_update().select_related("issue").get(pk=page.pk)
    old = [page.print_file.name] if page.print_file else []
    old += [image.file.name for image in page.images.all()]
    suffix = PurePath(name).suffix.lower().replace(".jpeg", ".jpg")
    digest = rendering.content_hash(data)
    page.print_file.save(f"page{page.number}-{digest[:12]}{suffix}", ContentFile(data), save=False)
    page.print_pdf_page = (pdf_page or 1) if source.kind == "pdf" else None
    page.print_hash = digest
    page.save(update_fields=["print_file", "print_pdf_page", "print_hash"])
    page.images.all().delete()
    changed(keys_of(Page, [page.pk]))
    kept = {page.print_file.name}
    stale = [each for each in old if each not in kept]
    transaction.on_commit(lambda: page_files_delete(stale))
    page_images_schedule(page)
    given.print_file, given.print_pdf_page, given.print_hash = (
        page.print_file,
        page.print_pdf_page,
        page.print_hash,
    )
    return source


@transaction.atomic
def page_file_remove(*, page: Page, by) -> None:
    """Take the print file and its images off the page."""
    _check_page_files(by, page)
    page = Page.objects.select_for_update().select_related("issue").get(pk=page.pk)
    stale = [page.print_file.name] if page.print_file else []
    stale += [image.file.name for image in page.images.all()]
    page.print_file = ""
    page.print_pdf_page = None
    page.print_hash = ""
    page.save(update_fields=["print_file", "print_pdf_page", "print_hash"])
    page.images.all().delete()
    changed(keys_of(Page, [page.pk]))
    transaction.on_commit(lambda: page_files_delete(stale))
