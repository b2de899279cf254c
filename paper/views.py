"""The day's paper and its archive: home, 往期回顾, an issue, a page (版)."""

import calendar
import datetime
from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone
from django.utils.cache import patch_cache_control

from articles import selectors as article_selectors
from articles.teasers import Box, boxes
from newsroom.responses import file_response
from paper import parts, selectors
from paper.files import epaper_content_type
from paper.models import Issue, PageImage
from paper.rendering import SPECS
from sitecache import fragments
from sitecache.pages import public_page


@public_page(query=())
def home(request):
    """A news site and a paper: the newest stories first (最新), then today's
    issue - its front page in full, the lead story of every other page - then
    each section's latest, none of them twice.

    Each list is kept as ids until it changes, and each box of teasers as
    HTML until one of its stories does: a page rendered afresh is a few
    round trips.
    """
    found = fragments.each(
        selectors.with_sections({selectors.TODAY: lambda found: selectors.todays_paper()}),
        timed=True,
    )
    sections, today = found[selectors.SECTIONS], found[selectors.TODAY]
    pages = today.pages if today else []
    front, others = (pages[0], pages[1:]) if pages else (None, [])
    printed = (front.ids if front else []) + [page.ids[0] for page in others if page.ids]
    newest, by_section = article_selectors.latest_for_home(sections, exclude=printed)
    wanted = {"home:newest": Box(newest, (), _items("paper/_home_newest.html", newest))}
    if front:
        wanted["home:front"] = Box(front.ids, (), _items("paper/_home_front.html", front.ids))
    if others:
        leads = [pk for page in others for pk in page.ids[:1]]
        shown = tuple((page.url, page.title, tuple(page.ids[:1])) for page in others)
        wanted["home:leads"] = Box(leads, shown, _leads(shown))
    boxed = [s for s in sections if by_section[s.pk]]
    for s in boxed:
        ids = by_section[s.pk]
        wanted[f"home:section:{s.pk}"] = Box(ids, (s.name, s.slug), _section_box(s, ids))
    found = boxes(wanted)
    context = {
        "issue": today,
        "issue_is_today": today is not None and today.date == timezone.localdate(),
        "newest": bool(newest),
        "front_page": front,
        "page_leads": bool(others),
        "section_news": bool(boxed),
        "newest_box": found["home:newest"],
        "front_box": found.get("home:front", ""),
        "leads_box": found.get("home:leads", ""),
        "section_boxes": [found[f"home:section:{s.pk}"] for s in boxed],
        "nav_sections": sections,
    }
    return render(request, "paper/home.html", context)


def _items(template, ids):
    def render_box(teasers):
        articles = [teasers[pk] for pk in ids if pk in teasers]
        return render_to_string(template, {"articles": articles})

    return render_box


def _leads(pages):
    def render_box(teasers):
        shown = [(page, [teasers[pk] for pk in ids if pk in teasers]) for *page, ids in pages]
        leads = [({"url": url, "title": title}, articles) for (url, title), articles in shown]
        return render_to_string("paper/_home_leads.html", {"page_leads": leads})

    return render_box


def _section_box(section, ids):
    def render_box(teasers):
        articles = [teasers[pk] for pk in ids if pk in teasers]
        return render_to_string(
            "paper/_home_section.html", {"section": section, "articles": articles}
        )

    return render_box


@public_page(query=())
def issue_detail(request, date):
    """An issue's pages with their stories, from kept parts (``paper.parts``)."""
    found = fragments.each(
        selectors.with_sections(
            {
                _issue(date): lambda found: selectors.issue_for_reader(date),
                f"issue:{date}:nav": lambda found: _issue_nav(found[_issue(date)]),
                f"issue:{date}:pages": lambda found: parts.issue_pages(
                    found[_issue(date)],
                    selectors.issue_pages(found[_issue(date)], listing=False),
                ),
            }
        ),
        timed=True,
    )
    context = {
        "issue": found[_issue(date)],
        "issue_nav": found[f"issue:{date}:nav"],
        "contents": found[f"issue:{date}:pages"],
        "nav_sections": found[selectors.SECTIONS],
    }
    return render(request, "paper/issue_detail.html", context)


def _issue(date) -> str:
    """The released issue of ``date``: a fragment of its own, showing the issues'
    list, so that releasing another issue reads this one again and no more."""
    return f"issue:{date}"


def _issue_nav(issue):
    return parts.issue_nav(issue, *selectors.issue_neighbours(issue))


@public_page(query=("zoom",))
def page_detail(request, date, number):
    """A page (版): its printed image with every live story a link (电子报), or its stories.

    ``?zoom=1`` serves the zoom image: 放大 without JavaScript.
    """
    zoom = request.GET.get("zoom")
    if zoom not in (None, "1"):
        raise Http404("没有这种放大方式")

    def page(found):
        issue = found[_issue(date)]
        page, pages = selectors.page_of_issue(issue, number)
        return parts.page_part(
            issue, page, pages, sheet=selectors.sheet_of(page), zoomed=zoom == "1"
        )

    name = f"page:{date}:{number}{':zoom' if zoom else ''}"
    found = fragments.each(
        selectors.with_sections(
            {
                _issue(date): lambda found: selectors.issue_for_reader(date),
                f"issue:{date}:nav": lambda found: _issue_nav(found[_issue(date)]),
                name: page,
            }
        ),
        timed=True,
    )
    context = {
        "issue": found[_issue(date)],
        "part": found[name],
        "issue_nav": found[f"issue:{date}:nav"],
        "nav_sections": found[selectors.SECTIONS],
    }
    return render(request, "paper/page_detail.html", context)


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    issue: Issue | None


@public_page(query=())
def issue_archive(request, year=None, month=None):
    """往期回顾: a calendar of one month's issues, and every month that has any."""
    months = selectors.archive_months()
    if year is None:
        if not months:
            return render(request, "paper/issue_archive.html", {"months": []})
        year, month = months[0].year, months[0].month
    shown = next((m for m in months if (m.year, m.month) == (year, month)), None)
    if shown is None:
        raise Http404("这个月没有出版的报纸")
    issues = {issue.date: issue for issue in selectors.issues_in_month(year, month)}
    weeks = [
        [Day(day, day.month == month, issues.get(day)) for day in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    index = months.index(shown)
    years: dict[int, list[datetime.date]] = {}
    for m in months:
        years.setdefault(m.year, []).append(m)
    context = {
        "month": shown,
        "weeks": weeks,
        "weekdays": ["一", "二", "三", "四", "五", "六", "日"],
        "issues": list(issues.values()),
        "newer_month": months[index - 1] if index > 0 else None,
        "older_month": months[index + 1] if index + 1 < len(months) else None,
        "years": [(y, sorted(ms)) for y, ms in years.items()],
        "months": months,
    }
    return render(request, "paper/issue_archive.html", context)


def favicon(request):
    """Browsers ask every site for /favicon.ico whatever the pages link to: send
    them to the static icon. Not permanent: its static name changes with it."""
    response = redirect(static("favicon.ico"))
    patch_cache_control(response, public=True, max_age=86400)
    return response


#: Browsers and CDNs keep page files this long: a withdrawal reaches them within it.
FILE_MAX_AGE = 300
IMAGE_TYPES = {"webp": "image/webp", "jpg": "image/jpeg"}


def page_print(request, date, number):
    """The printed page (e-paper) once its issue is released and every story on it is live."""
    page = selectors.page_for_files(selectors.issue_for_reader(date), number)
    content_type = epaper_content_type(page.print_file.name)
    return file_response(page.print_file, content_type, max_age=FILE_MAX_AGE)


def page_image(request, date, number, spec):
    """A rendered image of the printed page, on the same terms as the page's file."""
    if spec not in SPECS:
        raise Http404
    page = selectors.page_for_files(selectors.issue_for_reader(date), number)
    image = get_object_or_404(PageImage, page=page, spec=spec)
    content_type = IMAGE_TYPES[spec.rsplit(".", 1)[1]]
    return file_response(image.file, content_type, max_age=FILE_MAX_AGE)
