"""The parts of an issue's pages that recur, rendered from what the selectors
(or the desk's previews) give them.

The public views keep each part as a fragment of the site cache
(``sitecache.fragments``), named by what it is and kept until something it
shows changes: an issue's pages with their stories
(``issue:2021-11-25:pages``), a page's stories and print
(``page:2021-11-25:5``), an issue's 上一期/下一期 (``issue:2021-11-25:nav``,
which goes whenever an issue is released). The previews render the same
parts from the stories that will go live.
"""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

#: Where a page's part leaves room for its issue's navigation, kept apart.
_ISSUE_NAV = mark_safe("<!--issue-nav-->")


def issue_nav(issue, previous_issue, next_issue) -> SafeString:
    """上一期 · 往期回顾 · 下一期."""
    context = {"issue": issue, "previous_issue": previous_issue, "next_issue": next_issue}
    return render_to_string("includes/issue_nav.html", context)


def issue_pages(issue, pages) -> dict:
    """An issue's pages, each with its thumbnail and headlines; their names, for
    the description."""
    return {
        "names": [page.name for page in pages],
        "html": render_to_string("paper/_issue_pages.html", {"issue": issue, "pages": pages}),
    }


def page_part(issue, page, pages, *, sheet=None, zoomed=False) -> dict:
    """A page (版): its printed image and the stories on it (``sheet``), or its
    stories, with 版面导航 and 上一版/下一版; what its head says of it.

    The issue's navigation goes between ``before_nav`` and ``after_nav``.
    """
    index = pages.index(page)
    context = {
        "issue": issue,
        "page": page,
        "sheet": sheet,
        "zoomed": zoomed,
        "pages": pages,
        "previous_page": pages[index - 1] if index > 0 else None,
        "next_page": pages[index + 1] if index + 1 < len(pages) else None,
        "issue_nav": _ISSUE_NAV,
    }
    before, after = render_to_string("paper/_page.html", context).split(_ISSUE_NAV)
    og_image = ""
    if sheet:
        og_image = reverse("page_image", args=[issue.date, page.number, "reading.jpg"])
    return {
        "title": str(page),
        "url": page.get_absolute_url(),
        "headlines": [p.article.headline for p in page.live_placements[:5]],
        "og_image": og_image,
        "version": page.print_hash[:12],
        "before_nav": mark_safe(before),
        "after_nav": mark_safe(after),
    }
