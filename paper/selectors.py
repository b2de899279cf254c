"""The paper as printed: issues (期), their pages (版) in order, the archive."""

import datetime
from typing import NamedTuple

from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from articles import cache_keys
from articles.models import Article, Hotspot, Placement, live_q
from articles.teasers import prepare as prepare_teasers
from paper.models import Issue, Page, PageImage, Section
from paper.rendering import SPECS
from sitecache.keys import keys_of, shows
from sitecache.queries import AT, DAY, Prepared


def latest_issue() -> Issue | None:
    shows(cache_keys.ISSUES)
    return Issue.objects.released().order_by("-date").first()


def sections() -> list[Section]:
    """Every section, in the navigation's order."""
    return _sections()


_sections = Prepared(Section, lambda: Section.objects.all())

#: The sections, as a fragment a page reads along with its own (``with_sections``).
SECTIONS = "paper:sections"


def with_sections(makers: dict) -> dict:
    """The masthead's sections, then a page's own fragments (``makers``), to read
    in one round trip with ``fragments.each``; the page passes ``found[SECTIONS]``
    on as ``nav_sections``. Saving or deleting a section moves the epoch
    (every page lists them), so the sections need no list key of their own."""
    return {SECTIONS: lambda found: sections(), **makers}


def issue_for_reader(date: datetime.date) -> Issue:
    shows(cache_keys.ISSUES)  # whether it is released at all
    found = _released_issue(timezone.now(), date)
    if not found:
        raise Http404("这一天没有出版的报纸")
    return found[0]


_released_issue = Prepared(
    Issue, lambda at, date: Issue.objects.released(at=at).filter(date=date), AT, DAY
)


def _live_placements():
    # The body is for the article's own page; a teaser that needs its first
    # paragraph fetches it (articles.teasers).
    return (
        Placement.objects.filter(live_q("article__"))
        .select_related("article")
        .defer("article__body")
        .order_by("position", "pk")
    )


def print_withheld():
    """True for a page with a story readers may not see (yet, or any more).

    Its print file and images show every story printed on it, so they wait
    until every one is live, and go when one is withdrawn.
    """
    hidden = Placement.objects.filter(page=OuterRef("pk")).exclude(live_q("article__"))
    return Exists(hidden)


def _with_images(pages):
    return pages.annotate(print_withheld=print_withheld()).prefetch_related(
        Prefetch("images", queryset=PageImage.objects.order_by("spec"))
    )


def _with_listing(pages: list[Page]) -> list[Page]:
    prepare_teasers(p.article for page in pages for p in page.live_placements)
    return pages


def issue_pages(issue: Issue, *, listing: bool = True) -> list[Page]:
    """The issue's pages in order, each with its live articles in print order
    as ``page.live_placements``.

    ``listing`` also fetches bylines and photos (two queries), which a list of
    bare headlines does not need.
    """
    shows(cache_keys.issue(issue.pk))
    pages = list(
        _with_images(issue.pages.order_by("number")).prefetch_related(
            Prefetch("placements", queryset=_live_placements(), to_attr="live_placements")
        )
    )
    for page in pages:
        page.issue = issue
        images = {image.spec: image for image in page.images.all()}
        shown = not page.print_withheld and {"thumb.webp", "thumb.jpg"} <= set(images)
        page.thumb = images["thumb.jpg"] if shown else None
    return _with_listing(pages) if listing else pages


def page_of_issue(issue: Issue, number: int) -> tuple[Page, list[Page]]:
    """Page ``number`` with its live articles, and the issue's pages for navigation."""
    shows(cache_keys.issue(issue.pk))
    pages = list(_with_images(issue.pages.select_related("editor__reporter").order_by("number")))
    page = next((p for p in pages if p.number == number), None)
    if page is None:
        raise Http404("本期没有这个版面")
    for each in pages:
        each.issue = issue
    page.live_placements = list(
        _live_placements()
        .filter(page=page)
        .prefetch_related(Prefetch("hotspots", queryset=Hotspot.objects.order_by("position")))
    )
    _with_listing([page])
    return page, pages


def sheet_of(page: Page) -> dict | None:
    """What the reader's e-paper shows of ``page`` (from ``page_of_issue``), or None.

    None until its images are rendered, and while it is withheld. Hotspots
    only for the live stories, in print order: the keyboard follows the page.
    """
    images = {image.spec: image for image in page.images.all()}
    if page.print_withheld or not set(SPECS) <= set(images):
        return None
    stories = [(p.article, list(p.hotspots.all())) for p in page.live_placements]
    return {
        "reading": images["reading.jpg"],
        "zoom": images["zoom.jpg"],
        "stories": [(article, spots) for article, spots in stories if spots],
        "drawn": {article.pk for article, spots in stories if spots},
    }


def page_for_files(issue: Issue, number: int) -> Page:
    """A page of a released issue whose print file readers may have, or a 404."""
    page = get_object_or_404(
        issue.pages.annotate(print_withheld=print_withheld()).exclude(print_file=""),
        number=number,
    )
    if page.print_withheld:
        raise Http404("本版暂不提供版面原样")
    return page


def issue_neighbours(issue: Issue) -> tuple[Issue | None, Issue | None]:
    """The released issues just before and after ``issue``, in one query."""
    shows(cache_keys.ISSUES)
    released = Issue.objects.released()
    before = released.filter(date__lt=issue.date).order_by("-date").values("pk")[:1]
    after = released.filter(date__gt=issue.date).order_by("date").values("pk")[:1]
    found = list(Issue.objects.filter(Q(pk=Subquery(before)) | Q(pk=Subquery(after))))
    return (
        next((i for i in found if i.date < issue.date), None),
        next((i for i in found if i.date > issue.date), None),
    )


class PageStories(NamedTuple):
    """A page as home lists it: its address and name, its live stories' ids in print order."""

    url: str
    title: str
    ids: list[int]


class TodaysPaper(NamedTuple):
    date: datetime.date
    number: int
    url: str
    pages: list[PageStories]


#: 今日报纸 as a fragment: timed (the next issue is released at its minute),
#: showing the issues' list, the issue, its pages and the stories on them, so
#: it is read again when one of those changes, not when a web story is published.
TODAY = "paper:today"


def todays_paper() -> TodaysPaper | None:
    """Home's 今日报纸: the latest released issue, its pages and their live
    stories. Two queries (three when the issue has no pages yet)."""
    shows(cache_keys.ISSUES)
    latest = Issue.objects.released().order_by("-date").values("pk")[:1]
    pages = list(
        Page.objects.filter(issue=Subquery(latest)).select_related("issue").order_by("number")
    )
    issue = pages[0].issue if pages else latest_issue()
    if issue is None:
        return None
    stories = {page.pk: [] for page in pages}
    placed = (
        Placement.objects.filter(live_q("article__"), page__in=pages)
        .order_by("position", "pk")
        .values_list("page_id", "article_id")
    )
    for page_id, article_id in placed if pages else ():
        stories[page_id].append(article_id)
    shows(*keys_of(Article, (pk for ids in stories.values() for pk in ids)))
    for page in pages:
        page.issue = issue
    return TodaysPaper(
        issue.date,
        issue.number,
        issue.get_absolute_url(),
        [PageStories(page.get_absolute_url(), str(page), stories[page.pk]) for page in pages],
    )


def archive_months() -> list[datetime.date]:
    """The first day of every month with a released issue, newest first."""
    shows(cache_keys.ISSUES)
    return list(Issue.objects.released().dates("date", "month", order="DESC"))


def issues_in_month(year: int, month: int) -> list[Issue]:
    shows(cache_keys.ISSUES)
    return list(
        Issue.objects.released().filter(date__year=year, date__month=month).order_by("date")
    )
