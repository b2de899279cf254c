"""Reporters' public pages: who they are, in which roles, what they wrote and shot."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from newsroom.pagination import paginate
from newsroom.responses import file_response
from people import selectors
from people.models import Reporter
from sitecache.pages import public_page

PHOTOS_ON_REPORTER_PAGE = 8


@public_page
def reporter_list(request):
    reporters = paginate(request, selectors.reporters_with_work(), per_page=60)
    return render(request, "people/reporter_list.html", {"reporters": reporters})


@public_page
def reporter_detail(request, slug):
    reporter = selectors.reporter_for_reader(slug)
    photos = list(selectors.reporter_photos(reporter)[: PHOTOS_ON_REPORTER_PAGE + 1])
    context = {
        "reporter": reporter,
        "roles": selectors.reporter_roles(reporter),
        "articles": paginate(request, selectors.reporter_articles(reporter)),
        "photos": photos[:PHOTOS_ON_REPORTER_PAGE],
        "more_photos": len(photos) > PHOTOS_ON_REPORTER_PAGE,
    }
    return render(request, "people/reporter_detail.html", context)


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
