"""Preview: staff see an article, page or issue as readers will, before it is public.

The views render the public templates with the same context the public views
pass, from reads that skip ``live()`` (the only place that may), and only for
staff allowed to see the thing by ``articles.policy``. Everyone else gets the
same 404 a reader gets for an unpublished article, never a login page that
would confirm it exists. Responses are private and not indexed.

Every preview carries a 预览 banner: what it shows, its state, and when
readers get it. Its links to articles, issues and pages lead to their
previews (the public ones would be 404s until then); the banner says that
other links open the public site.
"""

import datetime
import html
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from articles import policy
from articles.models import Article, ArticlePhoto, Byline, Placement, Status
from paper import parts
from paper.models import Issue

#: What a page shows once its issue is released: approved articles go live with it.
SHOWN_ON_PAGE = (Status.APPROVED, Status.PUBLISHED)


def _staff_or_404(request, perm: str) -> None:
    user = request.user
    if not (user.is_authenticated and user.is_staff and user.has_perm(perm)):
        raise Http404


@dataclass(frozen=True)
class Banner:
    """What the 预览 banner says."""

    subject: str  # 稿件 / 期次 / 版面
    state: str
    when: str  # when readers get it, in words
    public_url: str  # the page readers see, once it is live; "" before


def _at(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def article_banner(article: Article) -> Banner:
    if Article.objects.live().filter(pk=article.pk).exists():
        return Banner("稿件", "已上线", "读者已能看到", article.get_absolute_url())
    issue = article.issue
    if article.status == Status.PUBLISHED:
        if article.goes_live_at is not None:
            when = f"将于 {_at(article.goes_live_at)} 上线"
        else:  # its issue is not released yet
            when = f"随{issue}签发上线，本期上线时间 {_at(issue.publish_at)}"
    elif article.status == Status.APPROVED:
        when = (
            f"随{issue}签发上线，本期上线时间 {_at(issue.publish_at)}"
            if issue is not None
            else "签发后上线"
        )
    elif article.status == Status.WITHDRAWN:
        when = "已撤稿，读者看不到"
    else:
        when = "尚未审核通过，读者看不到"
    return Banner("稿件", article.get_state_display(), when, "")


def issue_banner(issue: Issue, subject: str = "期次", public_url: str = "") -> Banner:
    if issue.is_released:
        return Banner(subject, "已上线", "读者已能看到", public_url)
    if issue.released_at is not None:
        return Banner(subject, "已签发", f"将于 {_at(issue.publish_at)} 上线", "")
    return Banner(subject, "尚未签发", f"签发后于 {_at(issue.publish_at)} 上线", "")


#: Site-relative links, but not the banner's own link to the public page.
_HREF = re.compile(r'(?<!data-public )href="(/[^"]*)"')
#: Public pages and the previews that stand for them.
_PREVIEWS = {
    "article": ("preview_article", ("pk",)),
    "article_short": ("preview_article", ("pk",)),
    "issue": ("preview_issue", ("date",)),
    "page": ("preview_page", ("date", "number")),
}


def _to_preview(match: re.Match) -> str:
    address = html.unescape(match.group(1))
    parts = urlsplit(address)
    try:
        found = resolve(unquote(parts.path))
    except Resolver404:
        return match.group(0)
    if found.url_name not in _PREVIEWS or parts.query:
        return match.group(0)
    name, kwargs = _PREVIEWS[found.url_name]
    url = reverse(name, kwargs={key: found.kwargs[key] for key in kwargs})
    return f'href="{html.escape(url + (f"#{parts.fragment}" if parts.fragment else ""))}"'


def _render(request, template: str, context: dict, banner: Banner):
    """A public template as a preview: banner on top, links kept inside the preview."""
    response = render(request, template, {**context, "preview": banner})
    response.content = _HREF.sub(_to_preview, response.content.decode()).encode()
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _neighbours(issue: Issue) -> tuple[Issue | None, Issue | None]:
    """The issues just before and after, released or not: the desk previews both."""
    before = Issue.objects.filter(date__lt=issue.date).order_by("-date").first()
    after = Issue.objects.filter(date__gt=issue.date).order_by("date").first()
    return before, after


def _bylines():
    return Prefetch("bylines", queryset=Byline.objects.select_related("reporter"))


def _photos():
    return Prefetch(
        "article_photos", queryset=ArticlePhoto.objects.select_related("photo__credit_reporter")
    )


def preview_article(request, pk):
    _staff_or_404(request, "articles.view_article")
    article = get_object_or_404(
        policy.visible_articles(request.user)
        .select_related("section", "issue")
        .prefetch_related(
            _bylines(),
            _photos(),
            "tags",
            "corrections",
            "events",
            Prefetch("placements", queryset=Placement.objects.select_related("page__issue")),
        ),
        pk=pk,
    )
    banner = article_banner(article)
    return _render(request, "articles/article_detail.html", {"article": article}, banner)


def _issue_pages(issue: Issue, user) -> list:
    """Like the public ``issue_pages``, with what will go live in place of what is live."""
    placements = (
        Placement.objects.filter(article__status__in=SHOWN_ON_PAGE)
        .filter(article__in=policy.visible_articles(user))
        .select_related("article__section")
        .prefetch_related(
            Prefetch("article__bylines", queryset=Byline.objects.select_related("reporter")),
            Prefetch(
                "article__article_photos",
                queryset=ArticlePhoto.objects.select_related("photo__credit_reporter"),
            ),
        )
        .order_by("position", "pk")
    )
    return list(
        issue.pages.order_by("number").prefetch_related(
            Prefetch("placements", queryset=placements, to_attr="live_placements")
        )
    )


def preview_issue(request, date):
    _staff_or_404(request, "paper.view_issue")
    issue = get_object_or_404(Issue, date=date)
    pages = _issue_pages(issue, request.user)
    context = {
        "issue": issue,
        "issue_nav": parts.issue_nav(issue, *_neighbours(issue)),
        "contents": parts.issue_pages(issue, pages),
    }
    banner = issue_banner(issue, public_url=issue.get_absolute_url())
    return _render(request, "paper/issue_detail.html", context, banner)


def preview_page(request, date, number):
    _staff_or_404(request, "paper.view_issue")
    issue = get_object_or_404(Issue, date=date)
    pages = _issue_pages(issue, request.user)
    page = next((p for p in pages if p.number == number), None)
    if page is None:
        raise Http404("本期没有这个版面")
    context = {
        "issue": issue,
        "part": parts.page_part(issue, page, pages),
        "issue_nav": parts.issue_nav(issue, *_neighbours(issue)),
    }
    banner = issue_banner(issue, "版面", public_url=page.get_absolute_url())
    return _render(request, "paper/page_detail.html", context, banner)
