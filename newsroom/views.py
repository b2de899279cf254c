"""The reader's way through the paper: home → issue → page → article, and reporters."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from articles import selectors


def home(request):
    issue = selectors.latest_issue()
    pages = selectors.issue_pages(issue) if issue else []
    return render(request, "newsroom/home.html", {"issue": issue, "pages": pages})


def issue_detail(request, date):
    issue = selectors.issue_for_reader(date)
    pages = selectors.issue_pages(issue)
    return render(request, "newsroom/issue_detail.html", {"issue": issue, "pages": pages})


def page_detail(request, date, number):
    issue = selectors.issue_for_reader(date)
    pages = selectors.issue_pages(issue)
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
    return render(request, "newsroom/page_detail.html", context)


def reporter_detail(request, slug):
    reporter = selectors.reporter_for_reader(slug)
    articles = Paginator(selectors.reporter_articles(reporter), 20).get_page(request.GET.get("p"))
    return render(
        request, "newsroom/reporter_detail.html", {"reporter": reporter, "articles": articles}
    )
