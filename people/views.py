"""Reporters' public pages: who they are, in which roles, what they wrote and shot."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from newsroom.pagination import page_number, paginate
from newsroom.responses import file_response
from paper.selectors import SECTIONS, with_sections
from people import selectors
from people.models import Reporter
from sitecache import fragments
from sitecache.pages import public_page

PHOTOS_ON_REPORTER_PAGE = 8


@public_page
def reporter_list(request):
    reporters = paginate(request, selectors.reporters_with_work(), per_page=60)
    return render(request, "people/reporter_list.html", {"reporters": reporters})


@public_page
def reporter_detail(request, slug):
    """Who the reporter is and their work, kept as a fragment per page of it
    (``reporter:高轶鹏:p1``), timed, until the reporter, their list
    (``L:reporter:7``) or something it shows changes; read with the sections."""
    number = page_number(request)
    name = f"reporter:{slug}:p{number}"
    found = fragments.each(
        with_sections({name: lambda found: reporter_work(request, slug)}), timed=True
    )
    work = found[name]
    context = {
        "reporter": work["reporter"],
        "number": number,
        "work": work,
        "nav_sections": found[SECTIONS],
    }
    return render(request, "people/reporter_detail.html", context)


def reporter_work(request, slug) -> dict:
    """The reporter, the roles they are credited in, and the page's photos and articles."""
    reporter = selectors.reporter_for_reader(slug)
    photos = list(selectors.reporter_photos(reporter)[: PHOTOS_ON_REPORTER_PAGE + 1])
    context = {
        "reporter": reporter,
        "articles": paginate(request, selectors.reporter_articles(reporter)),
        "photos": photos[:PHOTOS_ON_REPORTER_PAGE],
        "more_photos": len(photos) > PHOTOS_ON_REPORTER_PAGE,
    }
    return {
        "reporter": reporter,
        "roles": selectors.reporter_roles(reporter),
        "html": render_to_string("people/_reporter_work.html", context, request),
    }


@public_page
def reporter_photos(request, slug):
    reporter = selectors.reporter_for_reader(slug)
    photos = paginate(request, selectors.reporter_photos(reporter), per_page=24)
    return render(request, "people/reporter_photos.html", {"reporter": reporter, "photos": photos})


def reporter_portrait(request, slug):
    reporter = get_object_or_404(Reporter, slug=slug)
    if not reporter.portrait:
        raise Http404
    return file_response(reporter.portrait, "image/jpeg", max_age=3600)
