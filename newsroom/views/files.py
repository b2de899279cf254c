"""Reporters' portraits and e-paper pages, served through the site (see newsroom.files)."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from articles import selectors
from newsroom.files import epaper_content_type, file_response
from newsroom.models import Reporter


def reporter_portrait(request, slug):
    reporter = get_object_or_404(Reporter, slug=slug)
    if not reporter.portrait:
        raise Http404
    return file_response(reporter.portrait, "image/jpeg", max_age=3600)


def page_print(request, date, number):
    """The printed page of a released issue (e-paper); a 404 before its release."""
    issue = selectors.issue_for_reader(date)
    page = get_object_or_404(issue.pages, number=number)
    if not page.print_file:
        raise Http404
    return file_response(page.print_file, epaper_content_type(page.print_file.name), max_age=300)
