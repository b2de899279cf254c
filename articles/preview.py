"""Preview: staff see an article, page or issue as readers will, before it is public.

The views render the public templates with the same context the public views
pass, from reads that skip ``live()`` (the only place that may), and only for
staff allowed to see the thing by ``articles.policy``. Everyone else gets the
same 404 a reader gets for an unpublished article, never a login page that
would confirm it exists. Responses are private and not indexed.
"""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control

from articles import policy
from articles.models import ArticlePhoto, Byline, Placement, Status
from paper.models import Issue

#: What a page shows once its issue is released: approved articles go live with it.
SHOWN_ON_PAGE = (Status.APPROVED, Status.PUBLISHED)


def _staff_or_404(request, perm: str) -> None:
    user = request.user
    if not (user.is_authenticated and user.is_staff and user.has_perm(perm)):
        raise Http404


def _private(response):
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


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
    return _private(render(request, "articles/article_detail.html", {"article": article}))


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
    return _private(render(request, "paper/issue_detail.html", {"issue": issue, "pages": pages}))


def preview_page(request, date, number):
    _staff_or_404(request, "paper.view_issue")
    issue = get_object_or_404(Issue, date=date)
    pages = _issue_pages(issue, request.user)
    page = next((p for p in pages if p.number == number), None)
    if page is None:
        raise Http404("本期没有这个版面")
    index = pages.index(page)
    context = {
        "issue": issue,
        "page": page,
        "pages": pages,
        "previous_page": pages[index - 1] if index > 0 else None,
        "next_page": pages[index + 1] if index + 1 < len(pages) else None,
    }
    return _private(render(request, "paper/page_detail.html", context))
