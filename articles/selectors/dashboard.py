"""The start screen: what each desk person should do next, counted.

Every count is one query, whatever the archive holds: the screen is opened
all day by everyone (tests/articles/test_start_screen.py pins the total).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from articles import policy
from articles.body import word_count
from articles.models import Article, Notification, PhotoRequest, Placement, Status, Transition
from media_library.models import Photo
from media_library.selectors import incomplete_q, own_q
from paper.models import Issue, Page

#: How far ahead "goes live soon" looks.
SOON = datetime.timedelta(hours=12)
#: Rows a panel lists before "more" (its link shows them all).
ROWS = 8


def roles_of(user) -> set[str]:
    """The panels this user gets, from what they may do (not group names)."""
    roles = set()
    if policy.is_chief(user):
        roles |= {"chief", "editor"}
    elif policy.is_desk(user):
        roles.add("editor")
    elif user.has_perm("articles.add_article"):
        roles.add("reporter")
    if user.has_perm("media_library.add_photo") and not user.has_perm("articles.add_article"):
        roles.add("photographer")
    return roles


# --- everyone ------------------------------------------------------------------


@dataclass
class Inbox:
    unread: int
    latest: list


def unread_count(request) -> int:
    """The user's unread notifications, counted once per request (the header
    and the start screen both show it)."""
    if not hasattr(request, "_unread_notifications"):
        request._unread_notifications = Notification.objects.filter(
            recipient=request.user, read_at__isnull=True
        ).count()
    return request._unread_notifications


def inbox(request) -> Inbox:
    """The user's notifications: the unread count and the latest few."""
    mine = Notification.objects.filter(recipient=request.user)
    return Inbox(unread_count(request), list(mine.select_related("article")[:ROWS]))


# --- reporter --------------------------------------------------------------------


@dataclass
class ReporterDesk:
    by_state: dict = field(default_factory=dict)
    returned: list = field(default_factory=list)
    today: list = field(default_factory=list)


def reporter_desk(user) -> ReporterDesk:
    mine = Article.objects.filter(policy.authored_q(user))
    by_state = dict(mine.order_by().values_list("status").annotate(n=Count("pk")))
    note = Transition.objects.filter(
        article=OuterRef("pk"), action=Transition.Action.RETURN
    ).order_by("-at", "-pk")
    returned = list(
        mine.filter(status=Status.RETURNED)
        .annotate(return_note=Subquery(note.values("note")[:1]))
        .annotate(returned_at=Subquery(note.values("at")[:1]))
        .order_by("-returned_at")
        .only("pk", "headline", "status")[:ROWS]
    )
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    today = list(
        Article.objects.filter(
            bylines__reporter__user=user,
            status=Status.PUBLISHED,
            publish_at__gte=start,
            publish_at__lt=start + datetime.timedelta(days=1),
        )
        .distinct()
        .with_scheduled()
        .select_related("issue")
        .order_by("publish_at", "pk")[:ROWS]
    )
    return ReporterDesk(
        {status: by_state.get(status, 0) for status in Status.values}, returned, today
    )


# --- photographer ---------------------------------------------------------------------


@dataclass
class PhotoDesk:
    incomplete: int
    incomplete_rows: list
    requested: int
    requested_rows: list


def _counted(queryset) -> tuple[int, list]:
    """The first rows, and how many there are (a second query only past a page)."""
    rows = list(queryset[:ROWS])
    return (len(rows) if len(rows) < ROWS else queryset.count()), rows


def photo_desk(user) -> PhotoDesk:
    missing = Photo.objects.filter(incomplete_q()).filter(own_q(user)).distinct()
    incomplete, incomplete_rows = _counted(missing.order_by("-created_at", "-pk"))
    # 约图 go to the whole photo desk, oldest first.
    waiting = PhotoRequest.objects.open().select_related("article", "requested_by")
    requested, requested_rows = _counted(waiting.order_by("created_at", "pk"))
    return PhotoDesk(incomplete, incomplete_rows, requested, requested_rows)


# --- editor ----------------------------------------------------------------------------


@dataclass
class PageLine:
    page: Page
    placed: int = 0
    approved: int = 0
    words: int = 0

    @property
    def waiting(self) -> int:
        """Placed, but not yet through review."""
        return self.placed - self.approved

    @property
    def over_budget(self) -> bool:
        return bool(self.page.word_budget) and self.words > self.page.word_budget


@dataclass
class EditorDesk:
    waiting: int
    oldest_submitted_at: datetime.datetime | None
    approved_unplaced: int
    issue: Issue | None
    pages: list


def editor_desk(user) -> EditorDesk:
    submitted_at = (
        Transition.objects.filter(article=OuterRef("pk"), action=Transition.Action.SUBMIT)
        .order_by("-at")
        .values("at")[:1]
    )
    queue = (
        Article.objects.filter(status=Status.SUBMITTED)
        .annotate(submitted_at=Subquery(submitted_at))
        .aggregate(n=Count("pk"), oldest=Min("submitted_at"))
    )
    approved_unplaced = Article.objects.filter(
        status=Status.APPROVED, placements__isnull=True
    ).count()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    issue = Issue.objects.filter(date=tomorrow).first()
    pages = []
    if issue is not None:
        lines = {
            page.pk: PageLine(page)
            for page in issue.pages.select_related("editor").order_by("number")
        }
        placed = Placement.objects.filter(page__issue=issue)
        for page_id, status, body in placed.values_list(
            "page_id", "article__status", "article__body"
        ):
            line = lines[page_id]
            line.placed += 1
            line.approved += status in (Status.APPROVED, Status.PUBLISHED)
            line.words += word_count(body)
        pages = list(lines.values())
    return EditorDesk(queue["n"], queue["oldest"], approved_unplaced, issue, pages)


# --- chief editor ----------------------------------------------------------------------


@dataclass
class ChiefDesk:
    to_sign: int
    to_sign_rows: list
    soon: list
    unreleased: list


def chief_desk(user) -> ChiefDesk:
    now = timezone.now()
    web = Article.objects.filter(status=Status.APPROVED, issue__isnull=True)
    to_sign_rows = list(web.order_by("updated_at", "pk").only("pk", "headline")[:ROWS])
    to_sign = len(to_sign_rows) if len(to_sign_rows) < ROWS else web.count()
    soon = list(
        Article.objects.scheduled(at=now)
        # Coalesce: SQLite's GREATEST is NULL when any argument is.
        .annotate(live_at=Greatest("publish_at", Coalesce("issue__publish_at", "publish_at")))
        .filter(Q(issue__isnull=True) | Q(issue__released_at__isnull=False))
        .filter(live_at__lte=now + SOON)
        .select_related("issue")
        .order_by("live_at", "pk")[:ROWS]
    )
    unreleased = list(
        Issue.objects.filter(released_at__isnull=True)
        .annotate(
            pages_n=Count("pages", distinct=True),
            placed_n=Count("pages__placements", distinct=True),
        )
        .order_by("date")[:ROWS]
    )
    return ChiefDesk(to_sign, to_sign_rows, soon, unreleased)
